"""Rapport bot adapters package."""
