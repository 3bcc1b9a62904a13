"""The contact slide's QR code: where it points, and the code drawn locally with segno (no network).

The code leads to the enquiry form of the hosted dashboard when its address is configured
(:data:`PUBLIC_URL_ENV`, e.g. ``https://roadshow.example.org``); otherwise to the website of the
contact in ``contacts.csv`` (the IMC Fund's). It never points at the presenter's laptop
(``localhost`` means nothing on an investor's phone) and never at an address no table or
setting gives.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode, urlsplit

import segno

from ..contact import ENQUIRY_PATH
from ..nav import lang_query

PUBLIC_URL_ENV = "IMC_PUBLIC_URL"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")  # noqa: S104 (names refused, not bound): no phone can open them


def hosted_base(environ=None) -> str | None:
    """The hosted dashboard's address from :data:`PUBLIC_URL_ENV`, if it is an http(s) address of another machine."""
    raw = (os.environ if environ is None else environ).get(PUBLIC_URL_ENV, "").strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.hostname in LOCAL_HOSTS:
        return None
    return raw.rstrip("/")


def enquiry_url(lang: str, website: str | None, environ=None) -> str | None:
    """Where the code points: the hosted enquiry form in ``lang``, else ``website``; ``None`` if neither exists."""
    base = hosted_base(environ)
    if base:
        query = urlencode(lang_query(lang))
        return f"{base}{ENQUIRY_PATH}" + (f"?{query}" if query else "")
    return website or None


def qr_png(url: str, scale: int = 10) -> bytes:
    """A PNG of the QR code of ``url`` (dark on white, with the standard quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
