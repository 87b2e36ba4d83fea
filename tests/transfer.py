"""What a browser downloads for a page: bytes on the wire (compressed, headers included)
counted from the Chrome DevTools Protocol's ``Network.loadingFinished.encodedDataLength``,
so files served from the browser's cache count 0. Shared by the browser test
(tests/portal/test_browser_download.py) and ``bench/browser.py``.

``production_static`` and ``serve`` run the portal as production serves static files:
collectstatic into a temporary STATIC_ROOT with whitenoise's CompressedManifestStaticFilesStorage
(hashed names, gzip variants), whitenoise reading only that folder, DEBUG off.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@contextlib.contextmanager
def production_static(root: Path) -> Iterator[None]:
    from django.conf import settings

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    with override_settings(
        DEBUG=False,
        STATIC_ROOT=str(root),
        STORAGES=storages,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """A live server whose static files go through whitenoise, not Django's static view
    (the test live server's StaticFilesHandler would bypass the manifest and headers)."""
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()  # type: ignore[attr-defined]
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    # No static handler around the app: whitenoise's middleware serves /static/.
    thread = LiveServerThread(
        "127.0.0.1",
        lambda handler: handler,  # type: ignore[arg-type]
        connections_override=shared,
        port=0,
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


@dataclass
class Visit:
    bytes_by_url: dict[str, int] = field(default_factory=dict)
    headers_by_url: dict[str, dict[str, str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    charts: int = 0

    @property
    def total(self) -> int:
        return sum(self.bytes_by_url.values())

    @property
    def kb(self) -> float:
        return round(self.total / 1000, 1)


def visit(context, url: str, chart_selector: str = "[data-figure] svg.main-svg") -> Visit:
    """Open ``url`` in a new tab of ``context`` (whose cache earlier visits filled) and wait
    until the charts are drawn and the network is idle."""
    result = Visit()
    page = context.new_page()
    page.on("console", lambda msg: result.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: result.errors.append(str(exc)))
    cdp = context.new_cdp_session(page)
    urls: dict[str, str] = {}

    def received(event) -> None:
        urls[event["requestId"]] = event["response"]["url"]
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        result.headers_by_url[event["response"]["url"]] = headers

    def finished(event) -> None:
        url = urls.get(event["requestId"], event["requestId"])
        result.bytes_by_url[url] = result.bytes_by_url.get(url, 0) + int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(chart_selector)
    result.charts = page.locator(chart_selector).count()
    cdp.detach()
    page.close()
    return result
