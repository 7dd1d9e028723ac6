# The join and the program (filled in as the core lands).
