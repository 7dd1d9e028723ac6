#!/bin/sh
# Stands in for /usr/bin/file inside the rig's private mount namespace only.
# At start-up the client probes for 32-bit support by running "file -L" on
# every entry of /lib, /usr/lib, ... until one says "ELF 32-bit" (about a
# hundred processes, over a second); answering that at once skips the probe.
echo "$2: ELF 32-bit LSB shared object, Intel 80386 (netlife test rig stub)"
