"""Jinja2 for the pages: autoescaping on (an article's `<script>` is shown as text), and the few filters that
put figures and dates into Arabic."""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..arabic.calendar import MONTH_NAMES
from ..timex.reading import in_words

MONTHS = tuple(MONTH_NAMES[m] for m in range(1, 13))
TYPES = {"PER": "شخص", "ORG": "جهة", "LOC": "مكان", "MISC": "غير مصنّف"}
TYPES_PLURAL = {"PER": "الشخصيات", "ORG": "الجهات", "LOC": "الأماكن", "MISC": "غير مصنّفة"}
KINDS = {"exact": "نسخة مطابقة", "near": "نسخة شبه مطابقة", "wire": "نص وكالة مشترك",
         "direct": "مباشر", "indirect": "غير مباشر"}
# A counted noun: (one, two, 3–10, 11–99, 100+ ending in 00–02); Arabic number agreement
NOUNS = {
    "article": ("مقال واحد", "مقالان", "مقالات", "مقالًا", "مقال"),
    "outlet": ("موقع واحد", "موقعان", "مواقع", "موقعًا", "موقع"),
    "story": ("قصة واحدة", "قصتان", "قصص", "قصة", "قصة"),
    "quote": ("تصريح واحد", "تصريحان", "تصريحات", "تصريحًا", "تصريح"),
    "mention": ("إشارة واحدة", "إشارتان", "إشارات", "إشارة", "إشارة"),
    "line": ("سطر واحد", "سطران", "أسطر", "سطرًا", "سطر"),
    "result": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة", "نتيجة"),
    "comment": ("تعليق واحد", "تعليقان", "تعليقات", "تعليقًا", "تعليق"),
    "paragraph": ("فقرة واحدة", "فقرتان", "فقرات", "فقرة", "فقرة"),
    "char": ("حرف واحد", "حرفان", "أحرف", "حرفًا", "حرف"),
    "name": ("اسم واحد", "اسمان", "أسماء", "اسمًا", "اسم"),
}

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def day(value: str | None, empty: str = "بلا تاريخ") -> str:
    """2020-01-14 → 14 يناير 2020 (a month alone → يناير 2020)."""
    if not value:
        return empty
    parts = str(value)[:10].split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(value)


def num(value) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def count(value, noun: str) -> str:
    """3 → "3 مقالات", 11 → "11 مقالًا", 1 → "مقال واحد": the noun agrees with its number."""
    one, two, few, many, hundreds = NOUNS[noun]
    try:
        n = int(value)
    except (TypeError, ValueError):
        return f"{value} {few}"
    if n == 0:
        return f"لا {few}"
    if n == 1:
        return one
    if n == 2:
        return two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{num(n)} {few}"
    if 11 <= rest <= 99:
        return f"{num(n)} {many}"
    return f"{num(n)} {hundreds}"


def pct(value) -> str:
    try:
        return f"{100 * float(value):.0f}%"
    except (TypeError, ValueError):
        return ""


def short(value: str | None, width: int = 90) -> str:
    value = (value or "").replace("\n", " ").strip()
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def web_url(value: str | None) -> str | None:
    """An article's own address, only when it is a web address: a `javascript:` URL in the data is not a link."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else None


SOURCES = {"text": "من النص", "meta": "من بيانات الصفحة", "url": "من الرابط", "inferred": "مستنتج",
           "given": "محدد عند الإدخال"}


def reading(value: str | None, type_: str | None = None) -> str:
    """A time value in words (صباح الثلاثاء 14 يناير 2020, بضع ساعات); the code itself when it has no reading."""
    return in_words(value, type_) or "غير محدد"


templates.env.filters.update(day=day, reading=reading, num=num, pct=pct, count=count, short=short, web_url=web_url,
                             source_label=lambda s: SOURCES.get(s, s),
                             type_label=lambda t: TYPES.get(t, t), kind_label=lambda k: KINDS.get(k, k))
templates.env.globals.update(TYPES=TYPES, TYPES_PLURAL=TYPES_PLURAL)


def render(request: Request, template: str, status: int = 200, /, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {400: "طلب غير صالح", 401: "غير مصرح", 403: "ممنوع", 404: "غير موجود", 409: "مشغول",
              413: "الملف كبير جدا", 503: "المخزن غير متاح"}
    explain = {400: "في العنوان قيمة لا تُقبل: راجع كلمات البحث أو التواريخ (بصيغة 2024-03-20) أو رقم الصفحة.",
               404: "لا صفحة ولا مادة بهذا العنوان أو المعرّف في المخزن.",
               503: "تعذّر على الخادم قراءة المخزن الآن؛ أعد المحاولة بعد قليل.",
               500: "حدث خطأ داخلي؛ سجلّ الخادم يحوي التفاصيل."}
    try:
        return render(request, "error.html", status, code=status, title=titles.get(status, "خطأ"), message=message,
                      explain=explain.get(status))
    except Exception:  # noqa: BLE001 - a page about an error must not fail in turn
        return HTMLResponse(f"<!doctype html><html lang=ar dir=rtl><title>{status}</title><p>{html.escape(message)}",
                            status_code=status)
