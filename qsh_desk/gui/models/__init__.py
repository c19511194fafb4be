"""Table models fed plain rows from the services (no database access here), unit-tested without widgets."""
