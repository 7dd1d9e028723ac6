#!/bin/sh
# test.sh -- every test of netlife, as CI runs them, on a fresh Debian 12
# machine: installs what is missing, then builds and checks twice, once
# with warnings as errors and once with AddressSanitizer + UBSan, and
# fuzzes every parser briefly (30 s each), and checks that the release tarball
# builds, installs and uninstalls.  Build trees go to _build/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

step() { printf '\n==== %s\n' "$*"; }

step "dependencies"
"$top/scripts/install-deps.sh"

cd "$top"
if [ -f config.status ]; then
	# The builds below are separate (VPATH) builds, which autotools
	# refuses beside an in-tree one: clean the in-tree build away.
	step "removing the in-tree build (make distclean)"
	make distclean >/dev/null 2>&1 || true
fi
step "autoreconf"
autoreconf -fi >/dev/null

# Build in _build/NAME with configure flags, then run the whole suite.
build_and_check() {
	name=$1
	shift
	step "$name: configure $*"
	rm -rf "_build/$name"
	mkdir -p "_build/$name"
	(cd "_build/$name" && "$top/configure" -q "$@" &&
	    make -j"$jobs" >/dev/null &&
	    step "$name: make check" &&
	    { make -j"$jobs" check || { cat test-suite.log; exit 1; }; })
}

build_and_check werror --enable-werror
build_and_check sanitizers --enable-werror --enable-sanitizers

step "fuzzing every parser briefly (libFuzzer + ASan + UBSan)"
for fuzz in tests/fuzz/build-and-run.sh tests/fuzz/run-*.sh; do
	[ "$fuzz" = tests/fuzz/run-harness.sh ] && continue
	status=0
	sh "$fuzz" "${NETLIFE_FUZZ_SECONDS:-30}" || status=$?
	case $status in
	0) ;;
	77) echo "fuzz: skipped ($fuzz cannot run here)" ;;
	*) echo "fuzz: $fuzz found a problem" >&2; exit 1 ;;
	esac
done

step "distcheck (tarball builds, installs and uninstalls cleanly)"
(cd _build/werror && make -j"$jobs" distcheck TESTS= >/dev/null)
echo "distcheck: ok"

step "all tests passed"
