#!/bin/sh
# trace-summary.sh TRACE -- a short, readable view of a netlife trace: the
# client's scheduler and transfer log lines, one line per HTTP exchange and
# one per connection event, with the fields that tell their story.
set -eu
[ $# = 1 ] || { echo "usage: trace-summary.sh TRACE" >&2; exit 2; }
awk '
function field(name,    i) {
	for (i = 3; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return "-"
}
# The value of text="..." (quoted: the rest of the line, quotes removed).
function text(    t) {
	t = $0
	sub(/.* ev=log text=/, "", t)
	sub(/^"/, "", t)
	sub(/"( truncated=1)?$/, "", t)
	return t
}
/^#netlife-trace/ { print "run:", $0; next }
/ ev=log / {
	t = text()
	m = t
	sub(/^[^[]*\[[^]]*\] /, "", m)	# the message, after "[project] "
	if (m ~ /^(Sending scheduler request|Scheduler request (completed|failed)|Reporting|Requesting new tasks|Fetching scheduler list|(Started|Finished) (download|upload)|Giving up)/)
		printf "%s %s  log   %s\n", $1, $2, t
	next
}
/ ev=established / { printf "%s %s  conn %-3s established %s -> %s in %s us\n", $1, $2, field("conn"), field("local"), field("remote"), field("connect_us"); next }
/ ev=connect_fail / { printf "%s %s  conn %-3s connect failed -> %s (%s)\n", $1, $2, field("conn"), field("remote"), field("error"); next }
/ ev=exchange_end / {
	printf "%s %s  xchg %-3s %s %s %s status=%s sent=%s recv=%s conns=%s reused=%s %s", $1, $2,
	    field("exchange"), field("kind"), field("method"), field("url"),
	    field("status"), field("sent"), field("recv"), field("conns"),
	    field("reused"), field("outcome")
	if (field("kind") == "scheduler_rpc")
		printf " reported=%s received=%s", field("reported"), field("received")
	printf "\n"
	next
}
/ ev=close / {
	printf "%s %s  conn %-3s close       %s -> %s sent=%s recv=%s unread=%s close=%s first=%s history=%s state=%s exchanges=%s\n",
	    $1, $2, field("conn"), field("local"), field("remote"), field("sent"), field("recv"),
	    field("unread"), field("close"), field("closed_first"),
	    field("history"), field("state"), field("exchanges")
	next
}
/ ev=/ { ev = field("ev"); printf "%s %s  conn %-3s %s %s\n", $1, $2, field("conn"), ev, $0 ~ /idle_ms=/ ? "idle_ms=" field("idle_ms") : "" }
' "$1"
