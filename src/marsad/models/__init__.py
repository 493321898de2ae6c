"""Weights of models trained by training/ (see training/README.md)."""
