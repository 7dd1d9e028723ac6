#!/bin/sh
# Tests the launcher, netlife-run: its usage errors and exit codes, the
# choice of library, and the environment and arguments the command gets,
# which a tiny script run as the command reports back.  The "shim" here is
# a symbolic link to the C library every program already loads, so that
# preloading it changes nothing; the real shim, when built, is only run
# once, to see that the launcher starts a program with it.

set -u

launcher=${NETLIFE_RUN:-${top_builddir:-.}/wrapper/netlife-run}
if [ ! -f "$launcher" ]; then
	echo "ERROR: launcher not built: $launcher" >&2
	exit 99
fi
launcher=$(cd -P -- "${launcher%/*}" && pwd)/${launcher##*/}

libc=$(sed -n 's|^.* \(/[^ ]*/libc[-.][0-9.]*so[.0-9]*\)$|\1|p' /proc/self/maps | head -n 1)
if [ -z "$libc" ]; then
	echo "SKIP: cannot find the C library in /proc/self/maps"
	exit 77
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
tmp=$(cd -P -- "$tmp" && pwd)
cd "$tmp" || exit 99
fake_shim=$tmp/libfake.so
ln -s "$libc" "$fake_shim"

# The command under test: prints its pid, its arguments and the variables
# the launcher may set, one per line, "-" for an unset one.
cat >"$tmp/show" <<'EOF'
#!/bin/sh
echo "pid=$$"
echo "argc=$#"
for arg in "$@"; do echo "arg=[$arg]"; done
for var in LD_PRELOAD NETLIFE_TRACE NETLIFE_TRACE_MAX NETLIFE_PROGRAMS \
	NETLIFE_CHILDREN NETLIFE_DISABLE; do
	eval "echo $var=\${$var-\"-\"}"
done
EOF
chmod 755 "$tmp/show"
mkdir "$tmp/data" "$tmp/data/sub"

failures=0

# Records a failed check without stopping, so one run reports them all.
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# Runs the launcher with a clean netlife environment; keeps the exit
# status, stdout and stderr for the checks that follow.
run() {
	env -u LD_PRELOAD -u NETLIFE_SHIM -u NETLIFE_TRACE -u NETLIFE_TRACE_MAX \
		-u NETLIFE_PROGRAMS -u NETLIFE_CHILDREN -u NETLIFE_DISABLE \
		"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# Checks the exit status of the last run.
expect_status() {
	[ "$status" -eq "$1" ] ||
		fail "$2: exit status $status, expected $1 (stderr: $(cat "$tmp/err"))"
}

# Checks that the last run printed the line KEY=VALUE exactly.
expect_line() {
	grep -qxF -- "$1" "$tmp/out" ||
		fail "$2: no line '$1' in: $(tr '\n' ' ' <"$tmp/out")"
}

# Checks that the last run's stderr says something matching PATTERN.
expect_err() {
	grep -q -- "$1" "$tmp/err" ||
		fail "$2: stderr lacks '$1': $(cat "$tmp/err")"
}

# --- help, version, usage errors -------------------------------------
run "$launcher" --help
expect_status 0 "--help"
expect_line "Usage: netlife-run [OPTION]... [--] COMMAND [ARG]..." "--help"
run "$launcher" -h
expect_status 0 "-h"
run "$launcher" --version
expect_status 0 "--version"
grep -q '^netlife-run (netlife) [0-9]' "$tmp/out" || fail "--version: $(cat "$tmp/out")"

run "$launcher" --shim "$fake_shim"
expect_status 125 "no command"
expect_err "no command given" "no command"
run "$launcher" --shim "$fake_shim" --
expect_status 125 "no command after --"
run "$launcher" --shim "$fake_shim" --no-such-option "$tmp/show"
expect_status 125 "unknown option"
expect_err "unknown option '--no-such-option'" "unknown option"
run "$launcher" --shim "$fake_shim" --trace
expect_status 125 "--trace without a value"
for size in 0 -1 12abc 0100 1234567890123456789; do
	run "$launcher" --shim "$fake_shim" --max-size "$size" "$tmp/show"
	expect_status 125 "--max-size $size"
done
run "$launcher" --shim "$fake_shim" --trace "$tmp/data" "$tmp/show"
expect_status 125 "--trace naming a directory"

# --- the library -------------------------------------------------------
run "$launcher" --shim "$tmp/missing.so" "$tmp/show"
expect_status 125 "missing library"
expect_err "$tmp/missing.so: library not found" "missing library"
[ ! -s "$tmp/out" ] || fail "missing library: the command ran anyway"
run env NETLIFE_SHIM="$tmp/missing.so" "$launcher" "$tmp/show"
expect_status 125 "missing library from NETLIFE_SHIM"
run "$launcher" --shim "$tmp/data" "$tmp/show"
expect_status 125 "library that is a directory"

: >"$tmp/unreadable.so"
chmod 000 "$tmp/unreadable.so"
if [ "$(id -u)" -ne 0 ]; then
	run "$launcher" --shim "$tmp/unreadable.so" "$tmp/show"
	expect_status 125 "unreadable library"
	expect_err "not readable" "unreadable library"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$launcher"; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$launcher" --shim "$tmp/unreadable.so" "$tmp/show"
	expect_status 125 "unreadable library (as nobody)"
	expect_err "not readable" "unreadable library (as nobody)"
else
	echo "note: unreadable library not checked (root without setpriv, or launcher not reachable by nobody)"
fi

# The order of choice: --shim, then NETLIFE_SHIM, then a build tree.
ln -s "$libc" "$tmp/libother.so"
run env NETLIFE_SHIM="$tmp/libother.so" "$launcher" --print-shim
expect_line "$tmp/libother.so" "NETLIFE_SHIM"
run env NETLIFE_SHIM="$tmp/libother.so" "$launcher" --shim "$fake_shim" --print-shim
expect_line "$fake_shim" "--shim over NETLIFE_SHIM"
run "$launcher" --shim libfake.so --print-shim
expect_line "$fake_shim" "relative --shim made absolute"

mkdir -p "$tmp/build/wrapper/.libs" "$tmp/bin"
cp "$launcher" "$tmp/build/wrapper/netlife-run"
cp "$launcher" "$tmp/bin/netlife-run"
ln -s "$libc" "$tmp/build/wrapper/.libs/libnetlife.so"
: >"$tmp/build/wrapper/libnetlife.la"
run "$tmp/build/wrapper/netlife-run" --print-shim
expect_status 0 "build tree"
expect_line "$tmp/build/wrapper/.libs/libnetlife.so" "build tree"
run env PATH="$tmp/build/wrapper:$PATH" netlife-run --print-shim
expect_line "$tmp/build/wrapper/.libs/libnetlife.so" "build tree, found in PATH"
run env NETLIFE_SHIM="$fake_shim" "$tmp/build/wrapper/netlife-run" --print-shim
expect_line "$fake_shim" "NETLIFE_SHIM over the build tree"
# A copy elsewhere (as installed) never looks beside itself.
ln -s "$libc" "$tmp/bin/libnetlife.so"
mkdir "$tmp/bin/.libs"
ln -s "$libc" "$tmp/bin/.libs/libnetlife.so"
run "$tmp/bin/netlife-run" --print-shim
if grep -q "$tmp" "$tmp/out" "$tmp/err"; then
	fail "installed copy used a library beside it: $(cat "$tmp/out")"
fi
[ "$status" -eq 0 ] || expect_status 125 "installed copy, library not installed"

# The real build tree: the built launcher finds the built library.
if [ -n "${top_builddir:-}" ] && [ -f "$top_builddir/wrapper/.libs/libnetlife.so" ]; then
	built=$(cd -P -- "$top_builddir/wrapper/.libs" && pwd)/libnetlife.so
	run "${top_builddir}/wrapper/netlife-run" --print-shim
	expect_line "$built" "the build tree's own library"
fi

# --- the command -------------------------------------------------------
run "$launcher" --shim "$fake_shim" no-such-command-netlife
expect_status 127 "command not found"
expect_err "no-such-command-netlife: command not found" "command not found"
run "$launcher" --shim "$fake_shim" "$tmp/no-such-file"
expect_status 127 "path not found"
: >"$tmp/not-exec"
chmod 644 "$tmp/not-exec"
if [ "$(id -u)" -ne 0 ] || ! [ -x "$tmp/not-exec" ]; then
	run "$launcher" --shim "$fake_shim" "$tmp/not-exec"
	expect_status 126 "not executable"
	run env PATH="$tmp:/usr/bin:/bin" "$launcher" --shim "$fake_shim" not-exec
	expect_status 126 "not executable, found in PATH"
fi
run "$launcher" --shim "$fake_shim" "$tmp/data"
expect_status 126 "a directory as command"
run env PATH="$tmp:/usr/bin:/bin" "$launcher" --shim "$fake_shim" show
expect_status 0 "command found in PATH"
expect_line "argc=0" "command found in PATH"

# Arguments arrive intact; the exit status is the command's.
run "$launcher" --shim "$fake_shim" -- "$tmp/show" "two words" "" '*' --trace x
expect_status 0 "arguments"
expect_line "argc=5" "arguments"
expect_line "arg=[two words]" "arguments"
expect_line "arg=[]" "arguments"
expect_line "arg=[*]" "arguments"
expect_line "arg=[--trace]" "arguments"
expect_line "NETLIFE_TRACE=-" "options after COMMAND are the command's"
run "$launcher" --shim "$fake_shim" sh -c 'exit 42'
expect_status 42 "the command's exit status"

# exec: the command keeps the launcher's pid.
env -u NETLIFE_SHIM "$launcher" --shim "$fake_shim" "$tmp/show" >"$tmp/out" 2>"$tmp/err" &
launcher_pid=$!
wait "$launcher_pid"
expect_line "pid=$launcher_pid" "exec keeps the pid"

# --- the environment ---------------------------------------------------
run "$launcher" --shim "$fake_shim" "$tmp/show"
expect_line "LD_PRELOAD=$fake_shim" "LD_PRELOAD set"
expect_line "NETLIFE_TRACE=-" "no --trace, no --dir: NETLIFE_TRACE unset"
expect_line "NETLIFE_TRACE_MAX=-" "NETLIFE_TRACE_MAX unset"
expect_line "NETLIFE_PROGRAMS=show" "NETLIFE_PROGRAMS from the command"
expect_line "NETLIFE_CHILDREN=-" "NETLIFE_CHILDREN unset"
[ ! -s "$tmp/err" ] || fail "stderr not empty: $(cat "$tmp/err")"

run env LD_PRELOAD="$libc" "$launcher" --shim "$fake_shim" "$tmp/show"
expect_line "LD_PRELOAD=$libc:$fake_shim" "LD_PRELOAD appended"
run env LD_PRELOAD="$libc $tmp/libother.so" "$launcher" --shim "$fake_shim" "$tmp/show"
expect_line "LD_PRELOAD=$libc $tmp/libother.so:$fake_shim" "LD_PRELOAD with blanks appended"
run env LD_PRELOAD="$fake_shim:$libc" "$launcher" --shim "$fake_shim" "$tmp/show"
expect_line "LD_PRELOAD=$fake_shim:$libc" "LD_PRELOAD not doubled"

run "$launcher" --shim "$fake_shim" --trace rel/t.txt --max-size 4096 \
	--programs "boinc show" --keep-children "$tmp/show"
expect_line "NETLIFE_TRACE=$tmp/rel/t.txt" "--trace made absolute"
expect_line "NETLIFE_TRACE_MAX=4096" "--max-size"
expect_line "NETLIFE_PROGRAMS=boinc show" "--programs"
expect_line "NETLIFE_CHILDREN=keep" "--keep-children"
run "$launcher" --shim="$fake_shim" --trace="$tmp/t2.txt" --max-size=77 \
	--programs='*' "$tmp/show"
expect_line "NETLIFE_TRACE=$tmp/t2.txt" "--trace="
expect_line "NETLIFE_TRACE_MAX=77" "--max-size="
expect_line "NETLIFE_PROGRAMS=*" "--programs="

# The client's --dir (or -dir), relative ones in turn as its chdir()s.
run "$launcher" --shim "$fake_shim" "$tmp/show" --redirectio --dir data
expect_line "NETLIFE_TRACE=$tmp/data/netlife-trace.txt" "--dir relative"
run "$launcher" --shim "$fake_shim" "$tmp/show" -dir "$tmp/data/sub/"
expect_line "NETLIFE_TRACE=$tmp/data/sub/netlife-trace.txt" "-dir absolute"
run "$launcher" --shim "$fake_shim" "$tmp/show" --dir data --dir sub
expect_line "NETLIFE_TRACE=$tmp/data/sub/netlife-trace.txt" "two --dir"
run "$launcher" --shim "$fake_shim" --trace "$tmp/t3.txt" "$tmp/show" --dir data
expect_line "NETLIFE_TRACE=$tmp/t3.txt" "--trace over --dir"
run "$launcher" --shim "$fake_shim" "$tmp/show" --dir
expect_line "NETLIFE_TRACE=-" "--dir without a value"

# Variables already set are kept unless an option replaces them.
run env NETLIFE_TRACE=/x/t.txt NETLIFE_PROGRAMS=boinc NETLIFE_CHILDREN=keep \
	NETLIFE_DISABLE=1 NETLIFE_TRACE_MAX=99 \
	"$launcher" --shim "$fake_shim" "$tmp/show" --dir data
expect_line "NETLIFE_TRACE=/x/t.txt" "inherited NETLIFE_TRACE"
expect_line "NETLIFE_PROGRAMS=boinc" "inherited NETLIFE_PROGRAMS"
expect_line "NETLIFE_CHILDREN=keep" "inherited NETLIFE_CHILDREN"
expect_line "NETLIFE_DISABLE=1" "inherited NETLIFE_DISABLE"
expect_line "NETLIFE_TRACE_MAX=99" "inherited NETLIFE_TRACE_MAX"
run env NETLIFE_PROGRAMS=boinc "$launcher" --shim "$fake_shim" --programs x "$tmp/show"
expect_line "NETLIFE_PROGRAMS=x" "--programs over NETLIFE_PROGRAMS"

# The name as given, which the command gets as argv[0].
ln -s show "$tmp/alias"
run "$launcher" --shim "$fake_shim" "$tmp/alias"
expect_line "NETLIFE_PROGRAMS=alias" "symbolic link"

# --- the real shim, when built ------------------------------------------
real=${NETLIFE_SHIM:-}
if [ -n "$real" ] && [ -f "$real" ]; then
	# A shim built with AddressSanitizer needs its runtime loaded first.
	asan=$(ldd "$real" 2>/dev/null | sed -n 's/^[[:space:]]*libasan[^ ]* => \([^ ]*\).*/\1/p')
	mkdir "$tmp/real"
	(
		cd "$tmp/real" || exit 99
		env -u NETLIFE_SHIM -u NETLIFE_PROGRAMS -u NETLIFE_TRACE \
			${asan:+LD_PRELOAD="$asan"} ASAN_OPTIONS=detect_leaks=0 \
			"$launcher" --shim "$real" --trace "$tmp/real/trace.txt" \
			sh -c 'exit 7' >"$tmp/out" 2>"$tmp/err"
	)
	status=$?
	expect_status 7 "real shim"
	if grep -q 'ld\.so' "$tmp/err"; then
		fail "real shim: the loader complained: $(cat "$tmp/err")"
	fi
	# What a program prints is a "log" record (netlife-trace(5)), so the
	# trace starts at DIR/netlife-trace.txt when the arguments hold --dir.
	(
		cd "$tmp/real" || exit 99
		env -u NETLIFE_SHIM -u NETLIFE_PROGRAMS -u NETLIFE_TRACE \
			${asan:+LD_PRELOAD="$asan"} ASAN_OPTIONS=detect_leaks=0 \
			"$launcher" --shim "$real" sh -c 'echo netlife' sh --dir ../data \
			>"$tmp/out" 2>"$tmp/err"
	)
	status=$?
	expect_status 0 "real shim with --dir"
	head -n 1 "$tmp/data/netlife-trace.txt" 2>/dev/null | grep -q '^#netlife-trace ' ||
		fail "real shim with --dir: no trace header in $tmp/data/netlife-trace.txt"
else
	echo "note: NETLIFE_SHIM not built; the real shim was not run"
fi

if [ "$failures" -gt 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all checks passed"
