"""Rapport: a CRM that lives in team chat."""
