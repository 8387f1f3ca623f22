"""Rapport bot package."""
