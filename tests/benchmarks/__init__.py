"""Benchmarks at district scale: run by hand, they print figures beside their budgets (never part of pytest)."""
