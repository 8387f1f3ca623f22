"""Rapport store package."""
