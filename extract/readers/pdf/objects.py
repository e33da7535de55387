"""A page's layout objects as pdfplumber's dicts, built without its per-value walk.

pdfplumber's `Page.process_object` sends every attribute of every char through
`resolve_all` and decodes the same colour-space name once per char: a third of a page's
reading time. The dicts built here are equal to its own, key for key (a test holds them to
`Page.process_object` on every fixture page), so `page.chars` and `page.extract_words`
read them unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTTextContainer
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils import resolve_all, resolve_and_decode

# Values resolve_all returns as they are: only containers and references need its walk.
_PLAIN = frozenset({int, float, str, bool, type(None)})

_KINDS: dict[type, str] = {}


def _kind(cls: type) -> str:
    """'char' for LTChar, as pdfplumber names object types."""
    if (kind := _KINDS.get(cls)) is None:
        name = cls.__name__
        kind = _KINDS[cls] = (name[2:] if name.startswith("LT") else name).lower()
    return kind


def _resolved(v: Any) -> Any:
    """resolve_all(v), without its walk where it would return an equal value."""
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple and all(type(e) in _PLAIN for e in v):
        return v  # a char's matrix: immutable, so sharing it equals resolve_all's copy
    return resolve_all(v)


def _attributes(obj: Any) -> dict[str, Any]:
    # The plain case inline: a char has a dozen such attributes, and this runs per char.
    return {
        k: v if type(v) in _PLAIN else _resolved(v)
        for k, v in obj.__dict__.items()
        if k in ALL_ATTRS
    }


def layout_object_to_dict(page: Page, obj: Any, names: dict[str, Any]) -> dict[str, Any]:
    """One layout object as `Page.process_object` gives it; `names` caches decoded
    colour-space names across a page."""
    attr = _attributes(obj)
    attr["object_type"] = _kind(type(obj))
    attr["page_number"] = page.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            name = getattr(obj, cs).name
            if name not in names:
                names[name] = resolve_and_decode(name)
            attr[cs] = names[name]
    if isinstance(obj, LTChar | LTTextContainer):
        text = obj.get_text()
        norm = page.pdf.unicode_norm
        if norm is not None:
            from unicodedata import normalize

            text = normalize(norm, text)
        attr["text"] = text
    if isinstance(obj, LTChar):
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            # Rare byte-encoded names: pdfplumber's own repair, not copied here.
            return page.process_object(obj)
    elif isinstance(obj, LTCurve):
        attr["pts"] = list(map(page.point2coord, attr["pts"]))
        attr["path"] = [(cmd, *map(page.point2coord, pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
    mb_x0, mb_top = page.mediabox[:2]
    if "y0" in attr:
        height = page.height
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = page.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def _leaves(page: Page, objs: list[Any]) -> Iterator[Any]:
    for obj in objs:
        if isinstance(obj, LTContainer):
            if page.pdf.laparams is not None:
                yield obj
            yield from _leaves(page, obj._objs)
        else:
            yield obj


def page_to_objects(page: Page) -> dict[str, list[dict[str, Any]]]:
    """The page's objects by type, as `Page.objects`; stored on the page so that pdfplumber's
    own properties (chars, rects, extract_words) read these instead of building their own."""
    names: dict[str, Any] = {}
    objects: dict[str, list[dict[str, Any]]] = {}
    for obj in _leaves(page, page.layout._objs):
        attr = layout_object_to_dict(page, obj, names)
        kind = attr["object_type"]
        if kind == "anno":
            continue
        objects.setdefault(kind, []).append(attr)
    page._objects = objects  # pdfplumber's cache of Page.objects
    return objects
