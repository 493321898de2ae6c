"""An article's body cut into marked pieces for its page: entities, statements and dates as spans that may nest
or overlap (a name inside a quote, a date inside a name), shown as flat pieces each carrying every mark that
covers it, paragraph by paragraph. The template escapes the text; nothing here writes HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..timex.reading import in_words
from ..store.views import StoredDocument
from .render import TYPES


@dataclass
class Mark:
    kind: str            # ent | quote | time
    ref: str             # the side list's anchor: e3, q0, t2
    css: str             # classes of the piece
    label: str           # what hovering says


@dataclass
class Piece:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(m.css for m in self.marks))

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(m.label for m in self.marks))

    @property
    def ref(self) -> str:
        """The innermost mark's side-list entry."""
        return self.marks[-1].ref if self.marks else ""

    @property
    def refs(self) -> str:
        """Every covering mark's entry: hovering a quote's entry lights the names inside it too."""
        return " ".join(dict.fromkeys(m.ref for m in self.marks))


def _spans(doc: StoredDocument) -> list[tuple[int, int, Mark]]:
    out = []
    for i, q in enumerate(doc.quotes):
        who = q.speaker or q.speaker_text or "متحدث غير محدد"
        out.append((q.start, q.end, Mark("quote", f"q{i}", "m-quote", f"تصريح لـ{who}")))
    refs: dict[str | None, int] = {}
    for e in doc.entities:               # one side-list entry per canonical name, in order of first mention
        i = refs.setdefault(e.canonical, len(refs))
        label = f"{TYPES.get(e.type, e.type)}: {e.canonical or e.name or e.text}"
        out.append((e.start, e.end, Mark("ent", f"e{i}", f"m-ent m-{e.type.lower()}", label)))
    for i, t in enumerate(doc.times):
        reading = in_words(t.value, t.type)
        label = f"تاريخ: {reading or 'غير محدد'}" + (f" ({t.value})" if t.value and reading != t.value else "") \
            + ("" if t.consistent is not False else " (اسم اليوم لا يوافق التاريخ)")
        out.append((t.start, t.end, Mark("time", f"t{i}", "m-time", label)))
    n = len(doc.body)
    return [(max(0, s), min(n, e), m) for s, e, m in out if s is not None and e is not None and s < e <= n]


@dataclass
class Para:
    start: int
    pieces: list[Piece]
    source: str | None = None      # the earlier article this paragraph was copied from (provenance)


def paragraphs(doc: StoredDocument, sources: list[dict] | None = None) -> list[Para]:
    """The body as paragraphs of pieces; a piece's marks are those of every span covering it, outermost first.
    `sources` are provenance's paragraphs ({start, end, source}): each paragraph gets the one it starts in."""
    body = doc.body
    spans = sorted(_spans(doc), key=lambda s: (s[0], -s[1]))
    cuts = sorted({0, len(body), *(s for s, _, _ in spans), *(e for _, e, _ in spans),
                   *(i for i, c in enumerate(body) if c == "\n"), *(i + 1 for i, c in enumerate(body) if c == "\n")})
    paras: list[Para] = [Para(0, [])]
    active: list[tuple[int, int, Mark]] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:]):
        while nxt < len(spans) and spans[nxt][0] <= a:
            active.append(spans[nxt])
            nxt += 1
        active = [s for s in active if s[1] > a]
        text = body[a:b]
        if text == "\n":
            if paras[-1].pieces:
                paras.append(Para(b, []))
            else:
                paras[-1].start = b
            continue
        paras[-1].pieces.append(Piece(text, [m for _, _, m in active]))
    for para in paras:
        para.source = next((p.get("source") for p in sources or () if p["start"] <= para.start < p["end"]), None)
    return [p for p in paras if p.pieces]
