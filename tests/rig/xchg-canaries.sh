#!/bin/bash
# xchg-canaries.sh -- secret canaries for the real-client rig: distinct
# random values planted in every place where the client holds a secret or
# an identifier (boinc-client-internals.md §5.4), so that a test can look
# for them where they must never be: the trace, the netlife tools' output,
# the test's own log.
#
#   xchg-canaries.sh new FILE             make a fresh set in FILE (mode 600)
#   xchg-canaries.sh get FILE NAME        print one value
#   xchg-canaries.sh reply-xml FILE URL   the scheduler-reply fragment that
#                                         hands the account items to the
#                                         client (scheduler -x)
#   xchg-canaries.sh list FILE [DATADIR]  NAME=VALUE, one a line; with
#                                         DATADIR also host_cpid, the
#                                         client's own host ID, read from
#                                         its client_state.xml
#
# FILE holds NAME=VALUE lines.  Where each one goes:
#   authenticator      the account file (so every scheduler request)
#   hostid             a number: the hostid the scheduler gives the host
#   cross_project_id, email_hash, external_cpid, user_name, team_name,
#   project_prefs, global_prefs
#                      the scheduler's reply (the client keeps them, and
#                      sends some back in its next request)
#   download_token     the input files' URLs: /download/F?token=VALUE
#   cookie             nginx: Set-Cookie: session=VALUE on every response
#   proxy_user, proxy_passwd
#                      cc_config.xml <proxy_info> (bypassed for 127.0.0.1)
#   gui_password       gui_rpc_auth.cfg
# Values are lower-case hex (hostid: decimal), so no quoting or escaping
# can hide them.  Nothing here prints a value except "get" and "list",
# whose output is for programs, not for logs.
set -euo pipefail

readonly HEX_NAMES="authenticator cross_project_id email_hash external_cpid
	user_name team_name project_prefs global_prefs download_token cookie
	proxy_user proxy_passwd gui_password"

usage() {
	sed -n '/^#   xchg-canaries.sh new/,/^#$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# hex N: N random bytes as lower-case hex.
hex() {
	od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# A random 10-digit decimal number below 2^31 (BOINC's hostid is an int).
random_hostid() {
	echo $(( 1000000000 + 0x$(hex 4) % 1000000000 ))
}

new_set() {
	local file=$1 name
	(
		umask 077
		{
			for name in $HEX_NAMES; do
				echo "$name=$(hex 16)"
			done
			echo "hostid=$(random_hostid)"
		} > "$file"
	)
}

get_value() {
	local file=$1 name=$2 line
	while IFS= read -r line; do
		[ "${line%%=*}" = "$name" ] && { printf '%s\n' "${line#*=}"; return; }
	done < "$file"
	echo "xchg-canaries.sh: no canary named $name" >&2
	return 1
}

# The account items of a scheduler reply.  The preferences carry their
# canary in an element the client does not know, which it keeps (and
# sends back) without a word in its log.
reply_xml() {
	local file=$1 url=$2
	cat <<XML
<user_name>$(get_value "$file" user_name)</user_name>
<team_name>$(get_value "$file" team_name)</team_name>
<email_hash>$(get_value "$file" email_hash)</email_hash>
<cross_project_id>$(get_value "$file" cross_project_id)</cross_project_id>
<external_cpid>$(get_value "$file" external_cpid)</external_cpid>
<project_preferences>
<netlife_note>$(get_value "$file" project_prefs)</netlife_note>
</project_preferences>
<global_preferences>
<source_project>$url</source_project>
<mod_time>$(date +%s)</mod_time>
<netlife_note>$(get_value "$file" global_prefs)</netlife_note>
</global_preferences>
XML
}

# The canaries, and the host CPID the client made for itself.
list() {
	local file=$1 data=${2:-} cpid
	cat "$file"
	[ -n "$data" ] || return 0
	cpid=$(sed -n 's:.*<host_cpid>\([0-9a-f]*\)</host_cpid>.*:\1:p' \
		"$data/client_state.xml" 2> /dev/null | head -n 1)
	[ -n "$cpid" ] && echo "host_cpid=$cpid"
	return 0
}

case ${1:-} in
new)		[ $# = 2 ] || usage; new_set "$2";;
get)		[ $# = 3 ] || usage; get_value "$2" "$3";;
reply-xml)	[ $# = 3 ] || usage; reply_xml "$2" "$3";;
list)		[ $# = 2 ] || [ $# = 3 ] || usage; list "$2" "${3:-}";;
*)		usage;;
esac
