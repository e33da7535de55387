"""The Jinja2 environment of the HTML outputs: templates in extract/output/templates, every
expression escaped."""

from __future__ import annotations

import html
from functools import cache

import jinja2
from markupsafe import Markup


def _escaped(value: object) -> Markup:
    """Every {{ }} through html.escape: markupsafe writes &#39; and &#34; where html.escape
    writes &#x27; and &quot;, and the pages keep the bytes they had when escaped by hand."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@cache
def environment() -> jinja2.Environment:
    """One environment per process: templates compile once."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("extract.output", "templates"),
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **context: object) -> str:
    """The template `name` filled with context."""
    return environment().get_template(name).render(**context)
