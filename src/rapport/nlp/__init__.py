"""Rapport nlp package."""
