#!/bin/sh
# trace-summary.sh TRACE -- a short, readable view of a netlife trace: the
# client's scheduler and transfer log lines, and one line per connection
# event with the fields that tell its story.
set -eu
[ $# = 1 ] || { echo "usage: trace-summary.sh TRACE" >&2; exit 2; }
awk '
function field(name,    i) {
	for (i = 3; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return "-"
}
/^#netlife-trace/ { print "run:", $0; next }
/ ev=log / {
	text = $0
	sub(/.* ev=log text=/, "", text)
	if (text ~ /scheduler|Scheduler|download|upload|Started|Finished|project/)
		printf "%s %s  log   %s\n", $1, $2, text
	next
}
/ ev=connect_fail / { printf "%s %s  conn %-3s connect failed -> %s (%s)\n", $1, $2, field("conn"), field("remote"), field("error"); next }
/ ev=established / { printf "%s %s  conn %-3s established %s -> %s in %s us\n", $1, $2, field("conn"), field("local"), field("remote"), field("connect_us"); next }
/ ev=close / {
	printf "%s %s  conn %-3s close       %s sent=%s recv=%s unread=%s close=%s first=%s history=%s state=%s\n",
	    $1, $2, field("conn"), field("local"), field("sent"), field("recv"),
	    field("unread"), field("close"), field("closed_first"),
	    field("history"), field("state")
	next
}
/ ev=/ { ev = field("ev"); printf "%s %s  conn %-3s %s %s\n", $1, $2, field("conn"), ev, $0 ~ /idle_ms=/ ? "idle_ms=" field("idle_ms") : "" }
' "$1"
