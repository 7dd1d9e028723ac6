# tests: fw-other (filled in by its owner)
