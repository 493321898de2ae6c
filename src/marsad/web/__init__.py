"""`marsad serve`: the web pages and the HTTP API over one store (see app.py)."""

from .app import create_app

__all__ = ["create_app"]
