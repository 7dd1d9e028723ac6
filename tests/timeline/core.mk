# tests: core (filled in by its owner)
