"""Use cases in plain Python: each takes a Database and the acting user, checks access, returns plain data."""
