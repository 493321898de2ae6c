"""What the terminal shows a reader: one article, one statement, one time, with nothing a reader must decode.

The JSON views keep the contract's raw fields; these views never print "None", cut a text only at a word with
"…", say a dateline as "جنيف (أ ف ب)" and not as a Python dict, and put a time's reading beside its code.
"""

from __future__ import annotations

from .timex.reading import in_words

SOURCES = {"meta": "from the page's metadata", "text": "from the article's text", "given": "given with the input",
           "url": "from the URL", "inferred": "not on the page: inferred from its dates or from when it was fetched"}


def n(count: int, noun: str) -> str:
    """"1 article", "2 articles", "1,204 stories": the counts a person reads (nouns with a plain -s plural, and
    story, which takes -ies)."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def clip(text: str | None, width: int) -> str:
    """At most `width` characters, cut at a word boundary and marked with "…" when anything was cut."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ،,.:؛") + "…"


def dateline(value: dict | None) -> str | None:
    """"جنيف (أ ف ب)" from {"place": "جنيف", "agency": "أ ف ب"}; None when there is none."""
    if not value or not (value.get("place") or value.get("agency")):
        return None
    place, agency = value.get("place"), value.get("agency")
    if place and agency:
        return f"{place} ({agency})"
    return place or f"({agency})"


def published(value: str | None, how: str | None) -> str:
    """"2024-02-06 (الثلاثاء 6 فبراير 2024; from the page's metadata)" or "date unknown"."""
    if not value:
        return "date unknown"
    reading = in_words(value[:10], "date")
    source = SOURCES.get(how or "", how)
    extra = "; ".join(x for x in (reading if reading != value[:10] else None, source) if x)
    return f"{value} ({extra})" if extra else value


def time_line(t: dict) -> str:
    """One time expression: the words in the text, the code and its reading."""
    reading = in_words(t.get("value"), t.get("type"))
    code = t.get("value") or "unresolved"
    shown = f"{t['text']} → {code}"
    if reading and reading != code:
        shown += f" ({reading})"
    if t.get("consistent") is False:
        shown += " [weekday does not match the date]"
    return shown


def meta_line(d: dict) -> str:
    """The header of an article: id, outlet, date, dateline, credits, byline; unknown parts said plainly."""
    parts = [f"id {d['id']}", f"outlet {d.get('outlet') or 'unknown'}",
             f"published {published(d.get('published'), d.get('published_source'))}"]
    line = dateline(d.get("dateline"))
    if line:
        parts.append(f"dateline {line}")
    if d.get("credits"):
        parts.append(f"credits {'، '.join(d['credits'])}")
    if d.get("byline"):
        parts.append(f"byline {d['byline']}")
    if d.get("story"):
        parts.append(f"story {d['story']}")
    if d.get("url"):
        parts.append(f"url {d['url']}")
    if d.get("source") and d.get("source") != d.get("url"):
        parts.append(f"source {d['source']}")
    return " · ".join(parts)


def speaker(q: dict) -> str:
    return q.get("speaker") or q.get("speaker_text") or "unattributed"
