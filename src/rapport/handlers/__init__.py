"""Rapport handlers package."""
