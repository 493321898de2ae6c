"""Scripture quoted in news ("قال الله تعالى:", "يقول النبي صلى الله عليه وسلم:"): a verse or a hadith the article
cites is a statement whose speaker is God or the Prophet, as the readers of real news mark it (issue 25).

The recognizer tags neither as a person, and the reverence that follows the name ("تعالى", "صلى الله عليه وسلم")
stands between the verb and its content, so no other subject rule reads them; one rule names both.
"""

from __future__ import annotations

from .cues import _norm_set

# the word after the verb that names God; "قال تعالى" and "يقول سبحانه" leave the name out
_GOD = _norm_set("الله المولى الحق")
_GOD_PRAISE = _norm_set("تعالى سبحانه وتعالى عز وجل جل وعلا تبارك جلاله شأنه")
# the Prophet as news names him, with the blessing that follows
_PROPHET = _norm_set("النبي الرسول المصطفى نبينا رسولنا")
_BLESSING = _norm_set("صلى الله عليه وسلم وآله ﷺ الصلاة والسلام السلام")


def scripture_speaker(words: list[tuple], norms: list[str], k: int, anchor: int) -> tuple[str, None, str] | None:
    """God or the Prophet named right after the verb at word k, before the content at `anchor`, with the
    reverence that follows the name: "الله" for "قال الله تعالى" and "قال تعالى", the Prophet as the article
    words him ("رسول الله", "النبي") for "قال رسول الله صلى الله عليه وسلم"."""
    if k >= len(words) or words[k][1] > anchor:
        return None
    n = norms[k]
    if n in _GOD_PRAISE or (n in _GOD and k + 1 < len(words) and norms[k + 1] in _GOD_PRAISE):
        return "الله", None, words[k][2]
    if n == "رسول" and k + 1 < len(words) and norms[k + 1] == "الله":
        return "رسول الله", None, "رسول الله"     # "قال رسول الله:", with or without the blessing
    if n in _PROPHET:
        if k + 1 < len(words) and words[k + 1][0] < anchor and norms[k + 1] in _BLESSING:
            return words[k][2], None, words[k][2]   # "النبي صلى الله عليه وسلم", not any messenger
    return None
