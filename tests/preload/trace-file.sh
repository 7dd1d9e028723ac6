#!/bin/bash
# The trace file itself: size-capped rotation keeps whole records and a
# header in every file; a trace that cannot be opened or written (no such
# directory, disk full) leaves the program's behaviour untouched and is
# said once on stderr; files are created 0640 and lose world bits.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

# Runs curl_seq under the shim with the given trace path and extra env.
run_traced() {
	local trace=$1
	shift
	env "$@" LD_PRELOAD="$(nl_preload_for "$NL_BIN/curl_seq")" \
		NETLIFE_PROGRAMS=curl_seq NETLIFE_TRACE="$trace" \
		timeout -k 5 60 "$NL_BIN/curl_seq" --fresh $urls \
		>"$NL_DIR/traced.out" 2>"$NL_DIR/traced.err"
}

nl_part rotation
nl_start_server
n=40
urls=$(for i in $(seq $n); do printf 'http://127.0.0.1:%s/bytes/%s ' "$NL_PORT4" "$i"; done)
run_traced "$NL_DIR/trace.txt" NETLIFE_TRACE_MAX=16384 || nl_fail "curl_seq failed"
nl_stop_server
[ -f "$NL_DIR/trace.txt.old" ] || nl_fail "no rotation: trace.txt.old missing"
for f in trace.txt trace.txt.old; do
	head -n 1 "$NL_DIR/$f" | grep -q '^#netlife-trace 1 ' ||
		nl_fail "$f does not start with a header"
	[ "$(tail -c 1 "$NL_DIR/$f" | od -An -c | tr -d ' ')" = '\n' ] ||
		nl_fail "$f ends with a partial record"
	size=$(stat -c %s "$NL_DIR/$f")
	[ "$size" -le $((16384 + 4608)) ] || nl_fail "$f is $size bytes, over the cap"
done
head -n 1 "$NL_DIR/trace.txt" | grep -q 'continued=1' ||
	nl_fail "the rotated-to file's header lacks continued=1"
# The two files kept must hold the last connections, up to conn=$n, with
# consecutive numbers: nothing lost at the switch.
last=$(cat "$NL_DIR/trace.txt.old" "$NL_DIR/trace.txt" | grep ' ev=close ' | tail -n 1)
case $last in *" conn=$n "*) ;; *) nl_fail "last close is not conn=$n: $last";; esac
awk '/ ev=close /{ for (i = 1; i <= NF; i++) if ($i ~ /^conn=/) { c = substr($i, 6); if (p && c != p + 1) bad = 1; p = c } } END { exit bad }' \
	"$NL_DIR/trace.txt.old" "$NL_DIR/trace.txt" ||
	nl_fail "conn numbers are not consecutive across the rotation"
echo "rotation: ok ($(grep -c ' ev=close ' "$NL_DIR/trace.txt.old") + $(grep -c ' ev=close ' "$NL_DIR/trace.txt") closes kept)"

# A trace that cannot be had must not change what the program does.
for target in /dev/full "$NL_TMP/no-such-dir/trace.txt"; do
	nl_part "unwritable-$(basename "$(dirname "$target")")"
	nl_start_server
	urls=$(for i in 1 2 3; do printf 'http://127.0.0.1:%s/bytes/%s ' "$NL_PORT4" "$((i * 1000))"; done)
	nl_plain curl_seq --fresh $urls
	run_traced "$target"
	rc=$?
	nl_stop_server
	[ "$rc" = 0 ] || nl_fail "curl_seq exited $rc with trace $target"
	# Same transfers, same results; only pids and ports may differ.
	[ "$(sed 's/[0-9][0-9]*/N/g' "$NL_DIR/traced.out")" = \
	  "$(sed 's/[0-9][0-9]*/N/g' "$NL_DIR/curl_seq.plain.out")" ] ||
		nl_fail "output differs when the trace is $target"
	said=$(grep -c '^netlife: cannot ' "$NL_DIR/traced.err")
	[ "$said" = 1 ] || nl_fail "expected one 'netlife: cannot' line for $target, found $said"
	grep -v '^netlife: cannot ' "$NL_DIR/traced.err" | grep -q . &&
		nl_fail "unexpected stderr: $(cat "$NL_DIR/traced.err")"
	echo "$target: client unaffected; said once: $(head -n 1 "$NL_DIR/traced.err")"
done

nl_part modes
nl_start_server
urls="http://127.0.0.1:$NL_PORT4/bytes/10"
(umask 000 && run_traced "$NL_DIR/new.txt") || nl_fail "curl_seq failed"
install -m 0666 /dev/null "$NL_DIR/old.txt"
run_traced "$NL_DIR/old.txt" || nl_fail "curl_seq failed"
nl_stop_server
[ "$(stat -c %a "$NL_DIR/new.txt")" = 640 ] ||
	nl_fail "new trace has mode $(stat -c %a "$NL_DIR/new.txt"), want 640"
[ "$(stat -c %a "$NL_DIR/old.txt")" = 660 ] ||
	nl_fail "existing 0666 trace has mode $(stat -c %a "$NL_DIR/old.txt"), want 660"
echo "modes: ok"
