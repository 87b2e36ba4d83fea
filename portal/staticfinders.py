"""Serve plotly.js from installed packages, not from a CDN or a copy in git.

``plotly/plotly.min.js`` is the partial "basic" bundle of plotly.js (scatter, bar, pie:
~0.4 MB gzip) when npm has installed ``plotly.js-basic-dist-min`` (``make plotly-basic``,
CI does) or ``PLOTLY_BASIC_PATH`` names the file; otherwise it is the full bundle that the
plotly Python package ships (~1.5 MB gzip), so ``make run`` needs nothing but Python.

``plotly/plotly-full.min.js`` is always the full bundle, for the one chart that draws a
trace the basic bundle lacks (the box plots of the LBF overview of agreement surveys).
"""

from pathlib import Path

import plotly
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

PREFIX = "plotly"
PLOTLY_FILE = "plotly.min.js"
FULL_FILE = "plotly-full.min.js"
# The npm package pinned in .ci/run and the Makefile: the same plotly.js version as the
# Python package's bundle, so figures drawn by either behave alike.
BASIC_PACKAGE = "plotly.js-basic-dist-min"


def full_bundle() -> Path:
    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def basic_bundle() -> Path | None:
    """The partial bundle's file, if it is installed."""
    configured = getattr(settings, "PLOTLY_BASIC_PATH", "")
    path = (
        Path(configured)
        if configured
        else Path(settings.BASE_DIR) / "node_modules" / BASIC_PACKAGE / "plotly-basic.min.js"
    )
    return path if path.is_file() else None


def _version(path: Path) -> str | None:
    with path.open("rb") as f:
        head = f.read(200).decode("ascii", "replace")
    marker = head.find(" v")
    return head[marker + 2 :].split()[0] if marker != -1 else None


class _SingleFileStorage(FileSystemStorage):
    """A storage holding one file under a chosen name (collectstatic copies through it)."""

    def __init__(self, source: Path) -> None:
        super().__init__(location=str(source.parent))
        self.source = source

    def path(self, name: str) -> str:
        return str(self.source)


class PlotlyFinder(BaseFinder):
    """Expose ``plotly/plotly.min.js`` (basic bundle if installed) and ``plotly/plotly-full.min.js``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        basic = basic_bundle()
        self.files = {PLOTLY_FILE: basic or full_bundle(), FULL_FILE: full_bundle()}
        self.storages = {}
        for name, source in self.files.items():
            storage = _SingleFileStorage(source)
            storage.prefix = PREFIX  # type: ignore[attr-defined]  # read by collectstatic
            self.storages[name] = storage

    def check(self, **kwargs):
        basic = basic_bundle()
        if basic is None:
            return []
        full, partial = _version(full_bundle()), _version(basic)
        if full != partial:
            return [
                CheckWarning(
                    f"{BASIC_PACKAGE} is plotly.js v{partial}, the plotly package's bundle v{full}",
                    hint=f"Install {BASIC_PACKAGE}@{full} (make plotly-basic).",
                    id="portal.W001",
                )
            ]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        prefix = f"{PREFIX}/"
        name = path[len(prefix) :] if path.startswith(prefix) else None
        if name in self.files:
            match = str(self.files[name])
            return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield from self.storages.items()
