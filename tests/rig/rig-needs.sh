# shellcheck shell=bash
# rig-needs.sh -- sourced by the rig's checks: what a real-client check
# needs before it can run.  rig_needs SKIP_FUNCTION calls SKIP_FUNCTION
# with a reason (it exits 77) when something is missing, and fails at once
# if make check named a shim that is not there.

rig_needs() {
	local skip=$1
	[ "$(id -u)" = 0 ] || "$skip" "needs root (namespaces, bind mount)"
	command -v unshare > /dev/null || "$skip" "no unshare (util-linux)"
	[ -x /usr/bin/boinc ] || "$skip" "no /usr/bin/boinc (boinc-client)"
	command -v nginx > /dev/null || "$skip" "no nginx (nginx-light)"
	command -v python3 > /dev/null || "$skip" "no python3 (for the assertions)"
	[ -n "${NETLIFE_SHIM:-}" ] ||
		"$skip" "NETLIFE_SHIM is not set (run through make check)"
	[ -e "$NETLIFE_SHIM" ] || { echo "FAIL: no shim at $NETLIFE_SHIM"; exit 1; }
}
