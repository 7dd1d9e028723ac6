# tests: evlog (filled in by its owner)
