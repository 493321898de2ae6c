"""The words the attribution of statements reads by form: who can be a source ("مصادر", "السفراء", "أشقاء
الشهيد"), the media a statement is issued in ("بيان", "تقرير"), the heads of back-references ("الوزارة",
"الوزير"), honorifics ("سموه"), prepositions that make a name the one told or talked about, and the fillers
between a subject and its verb. Word lists as sets in matching form, kept apart from the rules that read them."""

from __future__ import annotations

import re

from ..arabic.normalize import normalize
from .cues import _norm_set

# Collective and anonymous sources, and how far their phrase runs ("مصدر دبلوماسي مصري", "مصادر في المؤسسة
# الوطنية للنفط", "مراقبون للشأن اليمني"): up to four words, stopping at a verb of a relative clause, a time
# word, whoever is told ("لـ«الوطن الحر»") or the complementizer.
COLLECTIVE_HEADS = _norm_set("""البعض المؤيدون المؤيدين المعارضين الجماهير الجمهور المتابعين رواد مغردون المغردون
المشجعون المشجعين الكثيرون كثيرون آخرون الحضور زوار النقاد وسائل تقارير التقارير صحف الصحف بعض وزراء
السفراء سفراء الأطباء الزعماء زعماء الرؤساء رؤساء القادة قادة النواب نواب الوزراء أشقاء أقارب ذوو
ذوي متحدث متحدثة ناطق ناطقة مسؤولو مسئولو ممثلو مندوبو موظفو محللو ناشطو مراقبو منظمو مواطنو
مصادر مصدر مسؤول مسؤولون مسؤولين مسؤولة دبلوماسي دبلوماسيون دبلوماسيين مراقبون مراقبين
خبراء خبير محللون محلل شهود شاهد سكان ناشطون نشطاء ناشطين متعاملون متابعون اقتصاديون عاملون مطورو منسق طبيب أطباء
مسعفون أوساط جهات تقارير وكالات أطراف المراقبون المحللون المدافعون المنتقدون المعارضون الأنصار المتظاهرون
المحتجون المنظمات السلطات الحكومة الرئاسة مصادرها مصادره الأطفال الآباء الأهالي الطلاب المواطنون السكان
الخبراء الباحثون العلماء المختصون المسؤولون
علماء باحثون باحثين مختصون متخصصون محامون مواطنون مطوروه مطوروها منظموه منظموها مسؤولوه مسؤولوها
ناخب مواطن مواطنة لاجئ لاجئة نازح نازحة موظف موظفة تاجر صحفي جندي مقاتل ناشط ناشطة معلم معلمة عدد
أحدهم أحدهما عناصر مشجعو مسؤولا مصدرا متحدثا أسرة عائلة تجار أعضاء""")
# one of a family, unnamed ("والدة الفتاة المختفية", "والد الشهيد"): a source unless it describes the person named
# right before it ("فهد بن فهيد السبيعي والد الشهيد")
KIN_ONE = _norm_set("والد والدة شقيق زوجة أرملة نجل")
# words that take the body they belong to as their genitive inside a source ("أحد أفراد الشرطة", "مشجعو فريق النصر")
_OF_BODY = _norm_set("أفراد عناصر أعضاء فريق نادي منسوبي لاعبي")
_NOBODY = _norm_set("لا لم لن ما ليس ولا ولم")
_NOT_NISBA = _norm_set("ملايين تريليون مليارديرات")


# sources that are one only as the word right after the verb: "ويقول آخر:", "ويقول صينيون كثيرون إن"
_NEXT_ONES = _norm_set("آخر أخرى ثالث ثالثة رابع رابعة")


def verb_subject_head(n: str) -> bool:
    """Whether a word right after a reporting verb heads a source: another one ("آخر", "ثالث") or the nominative
    plural of a nisba, people of a country or a side ("صينيون", "اتحاديون"), which elsewhere is an adjective."""
    return n in _NEXT_ONES or n.endswith("يون") and len(n) >= 6 and n not in _NOT_NISBA and \
        not n.startswith(("ال", "لل", "بال", "وال", "فال", "كال"))


_SOURCE_STOP = _norm_set("""إن أن أنه إنه أنها إنها بأن بأنه بأنها ان الذي التي الذين اللذين طلب طلبت طلبوا فضل فضلت ما
رفض رفضت حضر حضرت شارك شاركت شاركوا تحدث تحدثت اليوم يوم صباح مساء أمس غدا
الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
قوله قولها قولهم مطلع مطلعة مطلعون مطلعين على عن إلى مع خلال أيضا كذلك بدوره بدورها قد حتى الآن قبل بعد ذلك
مجددا سابقا لاحقا حديثها حديثهم تصريحه تصريحها تصريحهم تصريحاته تصريحاتها تصريحاتهم كلمته كلمتها كلمتهم""")
_SOURCE_PREPS = _norm_set("في من ب داخل لدى")
# words before an entity that make it the one addressed or talked about, not the speaker
_PREPOSITIONS = _norm_set("في من عن إلى على مع لدى أمام عبر خلال حول بشأن ضد بين نحو تجاه باسم")
_CLITIC_PREPS = ("ل", "لـ", "ب", "بـ", "لل", "ول", "وب", "فل", "فب", "ك")
# the medium of a statement, whose issuer is the speaker ("أفاد بلاغ لوزارة …", "وأضاف البيان أن")
ISSUED = _norm_set("""بيان البيان بيانه بيانها بلاغ البلاغ تقرير التقرير رسالة الرسالة مذكرة تقديرات بيانات
الاستبيان الاستطلاع المسح الدراسة استطلاع دراسة""")
# the medium given to someone: "في تصريح لـ«الرائد أونلاين»" names whom it was given to
GIVEN = _norm_set("تصريح التصريح تصريحات تصريحاته حديث مقابلة اتصال إفادة مداخلة")
MEDIUM = ISSUED | GIVEN
# back-references by head noun: to the organization or person of that kind named last
ORG_ANAPHORA = _norm_set("""صحيفة جريدة مجلة وكالة منظمة وزارة مؤسسة محكمة هيئة لجنة مجلس سفارة شركة دار بعثة حركة
جمعية مفوضية جامعة رابطة نقابة جبهة مديرية إدارة مصلحة بلدية قيادة رئاسة حكومة قناة إذاعة مرصد مركز معهد
مكتب ديوان اتحاد الخارجية الداخلية برنامج صندوق موقع عمادة كلية أمانة شرطة جمارك""")
PER_ANAPHORA = _norm_set("""وزير وزيرة مفتي رئيس رئيسة متحدث متحدثة ناطق ناطقة سفير سفيرة مبعوث مبعوثة مدرب لاعب
خبير خبيرة أمين مدير مديرة نائب نائبة قائد جنرال مشير عقيد عميد لواء شيخ أمير ملك محافظ والي نقيب مستشار
مستشارة مذيع مذيعة مراسل مراسلة مشرف مشرفة منسق منسقة معلق محرر خادم ولي عضو عضوة""")


def _is_title_word(n: str) -> bool:
    """A person's title head, bare or definite ("وزير", "المتحدث")."""
    return n in PER_ANAPHORA or (n.startswith("ال") and n[2:] in PER_ANAPHORA)


_OTHER = _norm_set("آخر أخرى آخرون آخرين")
_KIN = _norm_set("أشقاء أقارب ذوو ذوي أسرة عائلة أبناء")
_UN_ADJECTIVES = _norm_set("الدولية الأممية الدولي الأممي")
_INFERENCE = _norm_set("هذا وهذا ذلك وذلك مما هذه وهذه")
_PASSIVE = re.compile("[وف]?[يت]\u064f")
# "قال معاليه", "وأكد سموه": the dignitary the article is about, who spoke last
# the styles before a dignitary's title ("سماحة مفتي عام المملكة", "معالي وزير الصحة")
STYLE_WORDS = _norm_set("سماحة معالي سعادة فضيلة صاحب فخامة")
_HONORIFIC = _norm_set("معاليه معاليها سموه سموها فضيلته سعادته سيادته جلالته فخامته")
# whom each honorific fits: "جلالته" a king, "سموه" a prince or an emir, "معاليه" and the others a minister or
# official (a title with none of these words)
_HONORIFIC_FITS = {normalize(w): kind for w, kind in (("جلالته", "king"), ("جلالتها", "king"), ("سموه", "prince"),
                                                       ("سموها", "prince"))}
_KING_TITLES = _norm_set("الملك الملكة خادم السلطان")
_PRINCE_TITLES = _norm_set("الأمير الأميرة ولي الشيخ الشيخة")
_IT_IS = _norm_set("هو وهو هي وهي هذا وهذا")
# words after which a noun opens its clause as its subject ("إلا أن قيادة التحالف، أشارت إلى أنها")
_CLAUSE_OPENERS = _norm_set("أن إن لكن ولكن غير")
_DATA_NOUNS = _norm_set("""المعطيات الأرقام البيانات الإحصاءات الإحصائيات المعلومات الدراسة دراسة أرقام إحصاءات إحصائيات
معطيات معلومات تقديرات التقديرات نتائج النتائج""")
_MEDIUM_OR_DATA = MEDIUM | _DATA_NOUNS
_HEADS_OR_MEDIUM = COLLECTIVE_HEADS | KIN_ONE | MEDIUM
# every word form a non-entity candidate can start with (a superset: the candidate search still checks each)
_MARK_WORDS = frozenset(_HEADS_OR_MEDIUM | {p + w for w in _HEADS_OR_MEDIUM for p in "وف"} |
                        {"ال" + w for w in ORG_ANAPHORA | PER_ANAPHORA})
_NOMINATIVE = {normalize(a): b for a, b in (("مراقبين", "مراقبون"), ("مسؤولين", "مسؤولون"), ("ناشطين", "ناشطون"),
                                            ("دبلوماسيين", "دبلوماسيون"), ("محللين", "محللون"), ("خبراء", "خبراء"))}
SINGULAR_SOURCES = _norm_set("مصدر مسؤول مسؤولة دبلوماسي خبير شاهد طبيب منسق محلل متحدث")
_MASC_ORG_HEADS = _norm_set("مجلس مكتب مركز معهد اتحاد جيش ديوان برنامج صندوق بنك مصرف حزب تحالف جهاز نادي مرصد "
                           "الأمن")
_SELF = _norm_set("ذاته ذاتها نفسه نفسها المذكور المذكورة")
_FILLERS = _norm_set("""قد فقد وقد لقد كان كانت وكان وكانت فكان بدوره بدورها هو هي أيضا كذلك الذي التي الذين والذي والتي
والذين""")
_HAD = _norm_set("قد فقد وقد لقد")
_TITLE_LINKS = _norm_set("وزراء وزير رئيس رئيسة متحدث متحدثة ناطق ناطقة باسم")
# platforms a statement is posted on ("على صفحته على موقع فيسبوك", a page's "شارك عبر تويتر"), never its speaker
PLATFORMS = _norm_set("فيسبوك فيس بوك تويتر يوتيوب انستغرام إنستغرام انستجرام سناب شات واتساب جوجل تيليجرام")
# what a test or an exam finds ("كشف الفحص الطبي عن إصابته") is no one's statement
FINDINGS = _norm_set("الفحص فحص الفحوصات فحوصات التحاليل التحليل تحليل الكشف فحصها فحصه")
# the courtesies that close a Gulf official's statement start their own even with no comma before them
# ("… لهذا العام متمنياً للجميع التوفيق", "… سائلا الله أن")
_CLOSING = _norm_set("متمنيا متمنية متمنين شاكرا شاكرة شاكرين سائلا داعيا داعية مثمنا مثمنة")
# verbs of being before a participle that is then their predicate, no one's circumstance ("سيكون مطالبا بدفع")
COPULAS = _norm_set("كان كانت يكون تكون سيكون ستكون أصبح أصبحت بات باتت ليس ليست غير ظل ظلت")
