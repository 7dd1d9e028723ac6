#!/bin/sh
# test.sh -- every test of netlife, as CI runs them, on a fresh Debian 12
# machine: installs what is missing, then builds and checks twice, once
# with warnings as errors and once with AddressSanitizer + UBSan, and
# checks that the release tarball builds.  Build trees go to _build/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

step() { printf '\n==== %s\n' "$*"; }

step "dependencies"
"$top/scripts/install-deps.sh"

cd "$top"
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

step "distcheck (tarball builds, installs and uninstalls cleanly)"
(cd _build/werror && make -j"$jobs" distcheck TESTS= >/dev/null)
echo "distcheck: ok"

step "all tests passed"
