# The firewall rig (tests/fwrig/): the real BOINC client behind a real
# stateful firewall in network namespaces, each late-segment scenario
# provoked by the client's own traffic, and netlife's merged timeline
# checked against the rig's ground truth.  Uses the real-client rig's
# programs (tests/rig.mk: scheduler, codesign) and netlife.
# docs/firewall-rig.md.

TESTS += tests/fwrig/check-fwrig.sh

EXTRA_DIST += \
	docs/firewall-rig.md \
	tests/rig/rig-lib.sh \
	tests/fwrig/check-fwrig.sh \
	tests/fwrig/check.py \
	tests/fwrig/client.sh \
	tests/fwrig/fwpcap.py \
	tests/fwrig/gateway.sh \
	tests/fwrig/groundtruth.py \
	tests/fwrig/inside.sh \
	tests/fwrig/loss-final-ack.nft \
	tests/fwrig/loss-first-segment.nft \
	tests/fwrig/merge.sh \
	tests/fwrig/run.sh \
	tests/fwrig/scenarios.sh \
	tests/fwrig/servers.sh \
	tests/fwrig/topo.sh
