# tests: fw-linux (filled in by its owner)
