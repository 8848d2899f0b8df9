"""Serving the web application with waitress, for `casereview serve` and `casereview demo`."""

from __future__ import annotations

import errno
import sys
import threading
from typing import Any


def serve(host: str, port: int, *, threads: int = 8) -> int:
    try:
        server = bind(host, port, threads=threads)
    except PortInUse as busy:
        print(busy, file=sys.stderr)
        return 2
    return run_server(server)


class PortInUse(Exception):
    """Another program listens on the port asked for; the message says what to do."""


def bind(host: str, port: int, *, threads: int = 8) -> Any:
    """A waitress server listening on host and port (0: any free port), not yet answering."""
    from waitress.server import create_server

    from casereview.config.wsgi import application

    try:
        return create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="casereview",
            max_request_body_size=max_request_bytes(),
            **proxy_options(),
        )
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise PortInUse(
            f"Port {port} on {host} is already in use, perhaps by another casereview. Stop that "
            "program, or choose another port with --port (--port 0 takes any free one)."
        ) from None


def served_url(server: Any) -> str:
    """The address a bound server really listens on (the port chosen, when 0 was asked for)."""
    listening = getattr(server, "effective_listen", None) or [
        (server.effective_host, server.effective_port)
    ]
    host, port = listening[0]
    return f"http://{host}:{port}/"


# The recurrence index is built this long after the server starts answering: built at once, it
# held the interpreter for most of the first second, and the first request waited for it.
WARM_UP_AFTER_S = 2.0


def run_server(server: Any) -> int:
    """Answer requests until stopped (Ctrl+C; in `casereview demo` also SIGTERM)."""
    import logging

    from casereview.config.warmup import warm_up

    # As waitress.serve does: its warnings (a full queue, a bad request) reach the console.
    logging.basicConfig()
    print(f"casereview is serving on {served_url(server)} (press Ctrl+C to stop)", flush=True)
    warming = threading.Timer(WARM_UP_AFTER_S, warm_up)
    warming.name, warming.daemon = "warm-up", True
    warming.start()
    server.run()
    return 0


# Room for a multipart form's boundaries and other fields beside the largest document.
REQUEST_OVERHEAD_BYTES = 1024 * 1024


def max_request_bytes() -> int:
    """Waitress buffers a request's whole body before Django sees it (to a temporary file over
    512 KB), by default up to 1 GB: no request needs more than the largest document."""
    from django.conf import settings

    return int(settings.MAX_DOCUMENT_BYTES) + REQUEST_OVERHEAD_BYTES


def proxy_options() -> dict[str, Any]:
    """Waitress's settings for the trusted proxy (CASEREVIEW_TRUSTED_PROXY): its forwarded
    headers set the scheme, host and client address; anyone else's are removed, so Django's
    SECURE_PROXY_SSL_HEADER sees only the proxy's."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_headers": set(settings.TRUSTED_PROXY_HEADERS),
        "trusted_proxy_count": settings.TRUSTED_PROXY_COUNT,
        "clear_untrusted_proxy_headers": True,
    }
