"""Read the forms of a rendered page as a browser would submit them (stdlib only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# What a browser keeps of an input's value attribute (HTML's value sanitization): a date,
# time or number input whose value is not in the machine format shows empty and sends "".
_MACHINE_FORMATS = {
    "date": re.compile(r"\d{4,}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4,}-\d{2}"),
    "week": re.compile(r"\d{4,}-W\d{2}"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "datetime-local": re.compile(r"\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "number": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?"),
    "range": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?"),
}


def browser_value(kind: str, value: str) -> str:
    """The value a browser submits for an ``<input type=kind value=value>`` left untouched."""
    pattern = _MACHINE_FORMATS.get(kind)
    if pattern is not None and not pattern.fullmatch(value):
        return ""
    return value.replace("\r", "").replace("\n", "") if kind not in {"hidden", "textarea"} else value


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._radios: dict[str, list[tuple[str, bool]]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        if "disabled" in a and tag in {"input", "select", "textarea"}:
            return  # a browser does not submit disabled controls
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "radio":
                self._radios.setdefault(a["name"], []).append((a.get("value", "on"), "checked" in a))
            elif kind == "checkbox":
                if "checked" in a:
                    fields.append((a["name"], a.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                fields.append((a["name"], browser_value(kind, a.get("value") or "")))
        elif tag == "select" and a.get("name"):
            self._select, self._options = (a["name"], "multiple" in a), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                # As a user would: the first real choice (not the empty "---------").
                chosen = [next((v for v, _s in self._options if v), self._options[0][0])]
            self._form["fields"].extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form["fields"].append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            # An unanswered radio group gets its first choice.
            for name, options in self._radios.items():
                chosen = [v for v, checked in options if checked] or [options[0][0]]
                self._form["fields"].append((name, chosen[0]))
            self._radios = {}
            self._form = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def payload(form: dict) -> dict[str, list[str]]:
    """The form's fields as Client.post data (lists keep repeated names)."""
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    return data


def form_posting_to(html: str, action: str, page_url: str) -> dict:
    """The (largest) form on the page that posts to ``action``; else the page's own form
    (an edit page's form is a valid body for the matching create URL)."""
    posts = [f for f in forms_of(html) if f["method"] == "post"]
    for target in (action, page_url):
        candidates = [f for f in posts if (f["action"] or page_url) == target]
        if candidates:
            return max(candidates, key=lambda f: len(f["fields"]))
    raise AssertionError(f"no POST form to {action} on {page_url}")
