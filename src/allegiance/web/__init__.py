"""The local web dashboard: ``create_app(db, token=None)`` gives a FastAPI app (JSON API + pages).

Run it with ``allegiance serve``; it binds 127.0.0.1 by default and needs a token elsewhere.
"""

from allegiance.web.app import create_app

__all__ = ["create_app"]
