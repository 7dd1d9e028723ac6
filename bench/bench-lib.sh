# Helpers shared by the benchmark scripts (sourced, not run).

# Say why we stop, and stop.
die() {
	echo "bench: $*" >&2
	exit 1
}

# Progress for the person waiting; the table goes to stdout at the end.
note() {
	echo "bench: $*" >&2
}

# Statistics of the numbers on stdin, one per line: "runs median min max".
stats() {
	sort -g | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print 0, "nan", "nan", "nan"; exit }
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print NR, m, v[1], v[NR]
		}'
}

# Pair each run of a variant with the run of BASE in the same round (files
# of "ROUND WALL CPU" lines) and print, one per round, column COL (2: wall,
# 3: cpu) as a ratio to BASE ("ratio") or as a difference ("diff").
paired() {
	awk -v col="$3" -v op="$4" '
		NR == FNR { base[$1] = $col; next }
		($1 in base) {
			print (op == "ratio" ? $col / base[$1] : $col - base[$1])
		}' "$2" "$1"
}

# The median of paired(): median over the rounds of the per-round ratio or
# difference, which cancels drift in the machine's speed between rounds.
paired_median() {
	paired "$@" | stats | awk '{ print $2 }'
}

# Floating-point arithmetic for the report: calc 'EXPR' (awk syntax).
calc() {
	awk "BEGIN { print $1 }"
}

# "PASS" or "MISS" for value <= limit.
verdict() {
	awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "PASS" : "MISS") }'
}

# Start bench-server in the background, on CPU $4 if given, its port
# published in the file PREFIX.port; sets SERVER_PID and SERVER_PORT.
# Usage: start_server SERVER PREFIX LIFETIME [CPU]
start_server() {
	server=$1 portfile=$2.port lifetime=$3 cpu=${4:-}
	rm -f "$portfile"
	if [ -n "$cpu" ]; then
		taskset -c "$cpu" "$server" "$portfile" "$lifetime" &
	else
		"$server" "$portfile" "$lifetime" &
	fi
	SERVER_PID=$!
	tries=0
	while [ ! -s "$portfile" ]; do
		tries=$((tries + 1))
		[ $tries -le 100 ] || die "bench-server did not start"
		kill -0 "$SERVER_PID" 2>/dev/null || die "bench-server died"
		sleep 0.05
	done
	# shellcheck disable=SC2034  # for the caller
	SERVER_PORT=$(cat "$portfile")
}

# Stop the server started by start_server, if any.
stop_server() {
	if [ -n "${SERVER_PID:-}" ]; then
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
}
