"""plotly.js: the partial bundle where npm installed it, else the Python package's full one."""

from pathlib import Path

from django.core.management import call_command

from portal.staticfinders import PlotlyFinder, full_bundle


def test_the_basic_bundle_is_served_where_it_is_installed(settings, tmp_path):
    basic = tmp_path / "plotly-basic.min.js"
    basic.write_text(full_bundle().read_text()[:200].replace("plotly.js v", "plotly.js (basic) v"))
    settings.PLOTLY_BASIC_PATH = str(basic)
    finder = PlotlyFinder()
    assert finder.find("plotly/plotly.min.js") == str(basic)
    assert finder.find("plotly/plotly-full.min.js") == str(full_bundle())
    assert finder.find("plotly/other.js") is None
    assert finder.check() == []  # the same plotly.js version as the Python package


def test_without_the_basic_bundle_the_full_one_is_served(settings, tmp_path):
    settings.PLOTLY_BASIC_PATH = str(tmp_path / "missing.js")
    finder = PlotlyFinder()
    assert finder.find("plotly/plotly.min.js") == str(full_bundle())
    assert finder.find("plotly/plotly.min.js", find_all=True) == [str(full_bundle())]


def test_a_basic_bundle_of_another_version_is_flagged(settings, tmp_path):
    basic = tmp_path / "plotly-basic.min.js"
    basic.write_text("/**\n* plotly.js (basic - minified) v0.0.1\n*/")
    settings.PLOTLY_BASIC_PATH = str(basic)
    assert [w.id for w in PlotlyFinder().check()] == ["portal.W001"]


def test_collectstatic_copies_both_names_from_their_sources(settings, tmp_path):
    basic = tmp_path / "src" / "plotly-basic.min.js"
    basic.parent.mkdir()
    basic.write_text("/* basic */")
    settings.PLOTLY_BASIC_PATH = str(basic)
    settings.STATIC_ROOT = str(tmp_path / "root")
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    try:
        call_command("collectstatic", "--noinput", verbosity=0)
    finally:
        finders.get_finder.cache_clear()
    root = Path(settings.STATIC_ROOT) / "plotly"
    assert (root / "plotly.min.js").read_text() == "/* basic */"
    assert (root / "plotly-full.min.js").stat().st_size == full_bundle().stat().st_size
