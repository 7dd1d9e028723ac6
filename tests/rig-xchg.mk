# The real-client rig's HTTP-exchange checks: the trace's ev=exchange_*
# records against nginx, the scheduler and the client's log, over HTTP,
# HTTPS/1.1 and HTTPS/2, with secret canaries planted and looked for.
# Uses the rig's programs (tests/rig.mk) and scripts.

TESTS += tests/rig/xchg-check-http.sh tests/rig/xchg-check-tls.sh

EXTRA_DIST += \
	tests/rig/tls-make-certs.sh \
	tests/rig/xchg-canaries.sh \
	tests/rig/xchg-check-http.sh \
	tests/rig/xchg-check-tls.sh \
	tests/rig/xchg-check.py \
	tests/rig/xchg-lib.sh
