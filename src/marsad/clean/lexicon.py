"""Vocabulary of Arabic news-site chrome, comment sections and wire credits.

Phrases are stored as written and compared in matching form, so "اترك تعليقاً" also matches "اترك تعليقا".
This is the hand-written half of boilerplate detection; the other half (templates learned per outlet from
the store) grows with the corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..arabic.normalize import normalize, normalize_pattern

# A line that is exactly one of these (ignoring punctuation, bullets and counts) is chrome.
CHROME_LINES = """
مقالات ذات صلة|مواضيع ذات صلة|أخبار ذات صلة|ذات صلة|مقالات مشابهة|أخبار متعلقة|قد يعجبك أيضا|قد يهمك أيضا|قد يهمك
اقرأ أيضا|إقرأ أيضا|اقرأ ايضا|اقرأ المزيد|شاهد أيضا|شاهد أيضاً|طالع أيضا|المزيد|عرض المزيد|المزيد من الأخبار
الأكثر قراءة|الأكثر مشاهدة|الأكثر تعليقا|الأكثر شعبية|الأكثر تداولا
آخر الأخبار|أحدث الأخبار|آخر المستجدات|عاجل|أخبار عاجلة
الرئيسية|القائمة|بحث|ابحث|تسجيل الدخول|إغلاق|اغلاق|القائمة الرئيسية|الصفحة الرئيسية
اترك تعليقا|أضف تعليقك|أضف تعليقا|أضف تعليق|اكتب تعليقك|شارك برأيك|إرسال التعليق|أرسل التعليق|إرسال|أرسل|تعليقك
شاركنا رأيك|شاركونا رأيكم|شاركنا برأيك|أضف رأيك|اكتب رأيك|رأيك يهمنا|ما رأيك|اترك ردا|اترك رداً|إلغاء الرد
زر الذهاب إلى الأعلى|الذهاب إلى الأعلى|العودة إلى الأعلى|إلى الأعلى|للأعلى
الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدلالية|تاغ|تاغات
شارك|مشاركة|شارك الخبر|شارك المقال|شارك هذا المقال|انشر|طباعة|اطبع|أرسل لصديق|نسخ الرابط|تم نسخ الرابط|رابط مختصر
تابعنا|تابعونا|تابعنا على|تابعونا على|فيسبوك|فيس بوك|تويتر|إكس
واتساب|واتس اب|تيليغرام|تلغرام|تيليجرام|انستغرام|إنستغرام|يوتيوب|لينكد إن
المصدر|مصدر|أرشيف|صورة أرشيفية|صورة|الصورة|فيديو|صور|إعلان|الإعلانات|محتوى إعلاني|محتوى مدفوع
اشترك|اشترك الآن|النشرة البريدية|النشرة الإخبارية|اشترك في النشرة البريدية
سياسة الخصوصية|اتصل بنا|من نحن|شروط الاستخدام|أعلن معنا
عربي|محلي|دولي|عالمي|اقتصاد|رياضة|سياسة|ثقافة|فن|فنون|منوعات|تكنولوجيا|تقنية|صحة
مجتمع|أخبار|أخبار محلية|أخبار عربية|أخبار دولية|العالم|مقالات|رأي|آراء|تقارير|حوارات|ملفات
التالي|السابق|المقال التالي|المقال السابق|الخبر التالي|الخبر السابق|إدارة الموقع|هيئة التحرير|المحرر|تحرير
نعم|لا|رد|الرد|إبلاغ|أعجبني|إعجاب|مشاهدة|مشاهدات|قراءة|تعليق
اخترنا لك|ننصحك بقراءة|ربما يعجبك أيضا|يهمك أيضا|قد يعجبك|موضوعات متعلقة|مواضيع متعلقة|أخبار مرتبطة|مقالات مرتبطة
موضوعات ذات صلة|اقرأ كذلك|أقرأ أيضا|تصفح أيضا|المزيد من الموضوعات|مقترحات|الأكثر تفاعلا|الأكثر قراءة اليوم|الأكثر مشاركة
بث مباشر|البث المباشر|مباشر|شاهد البث المباشر|اضغط هنا|للمزيد اضغط هنا|حجم الخط|تكبير الخط|تصغير الخط|حفظ|تم النسخ
أبلغ عن خطأ|الإبلاغ عن خطأ|هل أعجبك المقال|هل كان هذا المقال مفيدا|صورة تعبيرية|صورة من الأرشيف|الصورة من الأرشيف
Advertisement|إعلانات|تابعوا آخر الأخبار|حمل التطبيق|تطبيق الموبايل|أدخل بريدك الإلكتروني|سجل بريدك الإلكتروني
Next|Previous|Next Previous|Previous Next
""".strip()

# Lines that start with or contain these are chrome whatever follows.
CHROME_PATTERNS = [
    r"^لن (يتم نشر|يظهر|ينشر|نقوم بنشر) (عنوان )?بريدك",
    r"الحقول (الالزامي|المطلوب|الاجباري)",
    r"(جميع|كل) الحقول (مطلوب|الزامي|اجباري)",
    r"^(لقد )?تم ارسال تعليق",
    r"سيتم نشره بعد (الموافقه|المراجعه)",
    r"الالتزام بسياسه (الموقع|النشر)",
    r"جميع الحقوق محفوظه|حقوق النشر|^©|copyright|\(c\) ?\d{4}",
    r"ملفات تعريف الارتباط|الكوكيز|\bcookies?\b",
    r"^(اشترك|سجل) (في|ب) ?(النشره|نشرتنا|قائمتنا)",
    r"^(اشترك|انضم) (الان )?(في|الى) (قناتنا|قناه)",
    r"^تابع(نا|ونا|وا)? .{0,40}(على|عبر) .{0,30}(تويتر|فيسبوك|فيس بوك|تلغرام|تيليغرام|تيليجرام|"
    r"واتساب|انستغرام|يوتيوب|جوجل نيوز|google news)",
    r"^(اقرا|إقرا|شاهد|طالع|انظر) (ايضا|المزيد|كذلك)\s*[:：\-–]",
    r"^(المصدر|مصدر الخبر|الوسوم|وسوم|كلمات مفتاحيه|الكلمات المفتاحيه)\s*[:：]",
    r"^(اخر تحديث|تاريخ النشر|تاريخ التحديث|نشر في|نشر بتاريخ|تم النشر|نشر يوم|حدث في)\b",
    r"^(عدد )?(المشاهدات|القراءات|التعليقات)\s*[:：]?\s*\d*$",
    r"^\d[\d,. ]*\s*(مشاهده|قراءه|تعليق|تعليقات|views?|comments?)$",
    r"^(مشاهده|قراءه|تعليق)\s*\d+$",
    r"^(رابط|الرابط) (المختصر|مختصر)",
    r"^(صوره|الصوره|تصوير|فيديو)\s*[:：\(]",
    r"^(محرر|تحرير|اعداد|متابعه|ترجمه)\s*[:：]\s*\S+( \S+){0,3}$",
    r"^(الرئيسيه|الصفحه الرئيسيه)\s*[»>/›|\-]",
    r"^(next|previous) (next|previous)\b",          # a slider's buttons before the byline ("Next Previous فلان")
    r"(\S+\s*[»›>|]\s*){2,}\S+$",
    r"^يرجى (منكم )?(الالتزام|عدم)",
    r"^(مرحبا|اهلا)،? (بك|بكم) في",
    r"^(حمل|حملوا) (التطبيق|تطبيق)",
    r"^(مصدر|حقوق) الصوره\s*[،,:]|^التعليق علي الصوره\s*[،,:]",
    r"^(وقت القراءه\s*[:：]?\s*)?\d+\s*(دقائق|دقيقه|دقيقتان|د)\s*(للقراءه|قراءه)?$",
    r"^(اشترك|سجل) (الان )?(في|ب)?\s*(نشرتنا|النشره|قناتنا|قناه)",
    r"^ل?متابعة (اخر |احدث |اهم |ابرز )?(الاخبار|الاحداث|المستجدات|التطورات|اخبار)\b.{0,60}"
    r"(تابعونا|تابعوا|انضم|اشترك|قناتنا|"
    r"صفحتنا|تطبيق|تيليغرام|تيليجرام|تلغرام|واتساب|فيسبوك|تويتر|يوتيوب|جوجل نيوز|google news)",
]

COMMENT_HEADERS = [
    r"^(ال)?تعليقات( القراء| الزوار)?\s*[:：]?\s*(\(\d+\)|\d+)?$",
    r"^\(?\d+\)?\s*(تعليق|تعليقات)$",
    r"^(اراء|اراء القراء|ماذا يقول القراء)\s*[:：]?$",
    r"^(تعليقات|التعليقات) على (الخبر|المقال|هذا الخبر|هذا المقال)",
    r"^(تعليق واحد|تعليقان|لا توجد تعليقات|لا تعليقات|كن اول من يعلق|عدد التعليقات\s*[:：]?\s*\d*)$",
    r"^\(?\d+\)?\s*(رد|ردود|ردان)( على .{1,80})?$|^(ردود|الردود|ردان)( على .{1,80})?$",
    r"^(\d+\s*)?(comments?|responses?|replies)\b.{0,60}$",
    r"^(تعليقات|التعليقات) (فيسبوك|الفيسبوك|facebook)$",
]

# After the article: these lines open the zone of related links, tags, comment forms …
END_MARKERS = """
مقالات ذات صلة|مواضيع ذات صلة|أخبار ذات صلة|ذات صلة|مقالات مشابهة|أخبار متعلقة|قد يعجبك أيضا|قد يهمك أيضا|قد يهمك
شاهد أيضا|اقرأ أيضا|إقرأ أيضا|طالع أيضا|الأكثر قراءة|الأكثر مشاهدة|الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية
اترك تعليقا|أضف تعليقك|أضف تعليقا|أضف تعليق|اكتب تعليقك|شارك برأيك|التعليقات|تعليقات|تعليقات القراء
شاركنا رأيك|شاركونا رأيكم|شاركنا برأيك|أضف رأيك|اكتب رأيك|رأيك يهمنا|اترك ردا|اترك رداً
زر الذهاب إلى الأعلى|شارك|شارك الخبر|شارك المقال|المزيد من الأخبار|آخر الأخبار|أحدث الأخبار
""".strip()

# Wire services and how newsrooms credit them; matched in credit lines and datelines.
AGENCIES = """
أ ف ب|ا ف ب|أ.ف.ب|أف ب|فرانس برس|وكالة فرانس برس|الفرنسية|رويترز|وكالة رويترز|الأناضول|وكالة الأناضول|الاناضول
سبوتنيك|وكالة سبوتنيك|إنترفاكس|انترفاكس|تاس|ريا نوفوستي|نوفوستي|أسوشيتد برس|أسوشييتد برس|أ ب|د ب أ|د.ب.أ|شينخوا
أ ش أ|أ.ش.أ|واس|وام|قنا|بترا|كونا|سانا|واج|وات|وال|واع|لاماب|ومع|سبأ|إرنا|وفا|بنا|العمانية|الأنباء الكويتية
وكالات|وكالة|فرانس 24|فرانس24|بي بي سي|سي إن إن|الجزيرة نت|العربية نت|سكاي نيوز عربية|يورونيوز|CNN|AFP|Reuters|AP|dpa
""".strip()


def _split(block: str) -> list[str]:
    return [p.strip() for line in block.splitlines() for p in line.split("|") if p.strip()]


NON_WORD = re.compile(r"[\W_]+")
# punctuation, symbols and free-standing numbers ("(12)", "2020", "12.5"), not digits inside a word ("2020م")
_KEY_DROP = re.compile(r"(?:[\W_]|(?<![^\W_])\d+(?![^\W_]))+")


CACHED_LINE = 300         # lines up to this long are cached (chrome, labels, credits); a paragraph is not


def key(line: str) -> str:
    """Comparison key of a line: matching form without bullets, punctuation, counts or extra spaces.
    Short lines are cached: a site's menus, footers and share labels recur on every page of it. Paragraphs are
    not: each is new, and 65,536 of them (3.7 KB on average with their keys) grew a worker by 25 MB per 1,000
    articles until the cache was full."""
    return _short_key(line) if len(line) <= CACHED_LINE else _key(line)


def _key(line: str) -> str:
    return " ".join(_KEY_DROP.sub(" ", normalize(line)).split())


_short_key = lru_cache(maxsize=65536)(_key)


CHROME_KEYS = frozenset(key(p) for p in _split(CHROME_LINES))
CHROME_WORDS = frozenset(k for k in CHROME_KEYS if " " not in k)
END_KEYS = frozenset(key(p) for p in _split(END_MARKERS))
# patterns run on the matching form, so they are put in it too ("على" → "علي", "ة" → "ه"): a pattern written
# with the original spelling would silently never match
_CHROME_RE = re.compile("|".join(f"(?:{normalize_pattern(p)})" for p in CHROME_PATTERNS))
MAX_CHROME_WORDS = 30     # site chrome is short; a paragraph longer than this is never chrome
_COMMENT_RE = [re.compile(normalize_pattern(p)) for p in COMMENT_HEADERS]
AGENCY_NAMES = _split(AGENCIES)
AGENCY_KEYS = {key(a): a for a in AGENCY_NAMES}


def is_chrome(line: str) -> bool:
    """A line of site chrome: a menu, a share label, a separator. Never a paragraph of MAX_CHROME_WORDS words."""
    if line.count(" ") >= MAX_CHROME_WORDS:
        return False
    return _short_chrome(line) if len(line) <= CACHED_LINE else _chrome(line)


def _chrome(line: str) -> bool:
    k = key(line)
    if not k:
        return True          # separators, bullets, bare numbers
    if k in CHROME_KEYS:
        return True
    words = k.split()
    if len(words) >= 2 and all(w in CHROME_WORDS for w in words):
        return True          # a menu: "الرئيسية سياسة اقتصاد رياضة", "الرئيسية / مجتمع"
    n = normalize(line).strip(" \t•·*-–—|")
    return _CHROME_RE.search(n) is not None


_short_chrome = lru_cache(maxsize=65536)(_chrome)


def is_end_marker(line: str) -> bool:
    return key(line) in END_KEYS


def is_comment_header(line: str) -> bool:
    n = normalize(line).strip(" \t•·*-–—|")
    return any(r.search(n) for r in _COMMENT_RE)


def find_agencies(text: str) -> list[str]:
    """Agency names in a short credit text, as printed, in order: "فرانس 24/ أ ف ب" → ["فرانس 24", "أ ف ب"]."""
    parts = re.split(r"\s*[/،,+|]\s*|\s+و(?=\S)|\s*-\s+|\(|\)", text.strip())
    found = []
    for p in parts:
        p = p.strip(" .:-–()[]")
        if p and key(p) in AGENCY_KEYS and p not in found:
            found.append(p)
    return found
