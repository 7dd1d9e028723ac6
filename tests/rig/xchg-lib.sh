# shellcheck shell=bash
# xchg-lib.sh -- sourced by the xchg-check-*.sh tests: run the real-client
# rig with secret canaries planted, check the trace's HTTP exchanges with
# xchg-check.py, and make sure the test's own output shows no secret.
#
#   xchg_begin NEED...       skip (77) unless the rig can run here; NEED
#                            names extra needs: tls, http2
#   xchg_run NAME HOW RIG_ARG...
#                            one rig run with fresh canaries, and its
#                            checks; HOW is "shim" (LD_PRELOAD=$NETLIFE_SHIM)
#                            or "run" ($NETLIFE_RUN if built, else the shim)
#   xchg_end                 (on exit) print the output, canaries blotted
#                            out; fail if there were any
#
# Everything the test prints goes to a file first, and is shown at the end
# with each canary replaced by <canary:NAME>, so a leak fails the test
# without showing the secret.
#
# Environment (set by "make check"): NETLIFE_SHIM, NETLIFE_RUN,
# top_srcdir, top_builddir.

xchg_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$xchg_here/rig-needs.sh"
xchg_top=${top_srcdir:-$(cd "$xchg_here/../.." && pwd)}
# Programs that turn a trace into something for people: each is run as
# "PROGRAM TRACE" and its output scanned for secrets like the trace.
xchg_trace_tools=("$xchg_top/scripts/trace-summary.sh")
xchg_failed=0 xchg_scratch='' xchg_start=$SECONDS

xchg_skip() {
	echo "SKIP: $*" >&"${xchg_out:-1}"
	exit 77
}

xchg_begin() {
	local need
	rig_needs xchg_skip
	for need; do
		case $need in
		tls)	command -v openssl > /dev/null || xchg_skip "no openssl"
			nginx -V 2>&1 | grep -q -- --with-http_ssl_module ||
				xchg_skip "this nginx has no TLS (http_ssl_module)";;
		http2)	nginx -V 2>&1 | grep -q -- --with-http_v2_module ||
				xchg_skip "this nginx has no HTTP/2 (http_v2_module)";;
		esac
	done
	xchg_scratch=$(mktemp -d "${TMPDIR:-/tmp}/netlife-xchg.XXXXXX") || exit 1
	exec {xchg_out}>&1 {xchg_err}>&2
	exec > "$xchg_scratch/test.log" 2>&1
	trap xchg_end EXIT
}

xchg_run() {
	local name=$1 work=$xchg_scratch/$1 launcher=(--shim "$NETLIFE_SHIM")
	local rc tool outputs=()
	[ "$2" = run ] && [ -n "${NETLIFE_RUN:-}" ] && [ -x "$NETLIFE_RUN" ] &&
		launcher=(--run "$NETLIFE_RUN")
	shift 2
	echo "== $name: ${launcher[*]} $*"
	"$xchg_here/xchg-canaries.sh" new "$work.canaries" || exit 1
	"$xchg_here/real-client.sh" "${launcher[@]}" --workdir "$work" --keep \
		--canaries "$work.canaries" "$@"
	rc=$?
	[ $rc = 77 ] && exit 77
	if [ $rc != 0 ]; then
		echo "FAIL - the rig run failed (exit status $rc)"
		xchg_failed=1
	fi
	(umask 077; "$xchg_here/xchg-canaries.sh" list "$work.canaries" \
		"$work/data" > "$work.list")
	[ $rc = 0 ] || return
	for tool in "${xchg_trace_tools[@]}"; do
		[ -x "$tool" ] || continue
		outputs+=("$work.$(basename "$tool").out")
		"$tool" "$work/trace.txt" > "${outputs[-1]}" 2>&1 ||
			{ echo "FAIL - $(basename "$tool") failed on the trace"; xchg_failed=1; }
	done
	python3 "$xchg_here/xchg-check.py" "$work" "$work.list" "${outputs[@]}" ||
		xchg_failed=1
}

xchg_end() {
	local rc=$?
	exec 1>&"$xchg_out" 2>&"$xchg_err"
	[ $rc = 0 ] && rc=$xchg_failed
	[ $rc = 77 ] || echo "xchg checks took $((SECONDS - xchg_start)) s" >> "$xchg_scratch/test.log"
	cat "$xchg_scratch"/*.list > "$xchg_scratch/all.list" 2> /dev/null
	python3 "$xchg_here/xchg-check.py" --redact "$xchg_scratch/all.list" \
		< "$xchg_scratch/test.log" || { [ $rc = 77 ] || rc=1; }
	if [ $rc = 0 ] || [ $rc = 77 ]; then
		rm -rf "$xchg_scratch"
	else
		echo "results kept in $xchg_scratch (they hold the canaries)"
	fi
	exit $rc
}
