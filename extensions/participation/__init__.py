"""Public participation: photo contests, from the règlement to the results."""
