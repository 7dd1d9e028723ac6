# tests: pcap (filled in by its owner)
