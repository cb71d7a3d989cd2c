"""Evaluation of extraction stages against hand-written gold and external truth."""
