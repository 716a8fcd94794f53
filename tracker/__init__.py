"""Stance and position tracker: who stands where on which issue, traceable to the source text."""

__version__ = "0.1.0"
