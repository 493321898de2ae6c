"""Imported into the fork server when it starts (multiprocessing's forkserver preload): from then on the fork
server dies with the main process. See lifeline.py."""

from .lifeline import die_with_parent

die_with_parent()
