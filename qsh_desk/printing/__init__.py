"""Printouts (台账) built with ReportLab from the report dataclasses of `services.reports`; no Qt, no database."""
