"""Quality of every stage on the demo corpus gold (examples/demo_corpus/gold.json).

    python benchmarks/demo_eval.py [--db FILE|postgresql://…] [--json]

Ingests the demo corpus into a fresh database (or reads --db), joins system documents to gold articles by
content id, and prints one table: metadata accuracy, line roles, body character F1, comments, entities
(mention F1, canonical linking), quotes, times, duplicate pairs and story clustering. Later issues quote these
figures; the measures are the ones their bars name.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "demo_corpus"
sys.path.insert(0, str(ROOT / "src"))

from marsad.arabic.normalize import normalize  # noqa: E402
import marsad  # noqa: E402


ERRORS: list[tuple] = []          # entity errors of the last evaluation: (kind, article, name, type, detail)
QUOTE_ERRORS: list[tuple] = []    # quote errors: (kind, article, system speaker, gold speaker, cue, context)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, f1(p, r)


def char_f1(sys_text: str, gold_text: str) -> float:
    """Character-level F1 of two texts: matched characters (longest common blocks) over each length."""
    a, b = " ".join(sys_text.split()), " ".join(gold_text.split())
    if not a and not b:
        return 1.0
    m = sum(bl.size for bl in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return f1(m / len(a) if a else 0.0, m / len(b) if b else 0.0)


class OffsetMap:
    """Maps character offsets of the gold body onto the system body (identical bodies map 1:1)."""

    def __init__(self, gold: str, system: str):
        self.same = gold == system
        self.map: dict[int, int] = {}
        if not self.same:
            sm = difflib.SequenceMatcher(None, gold, system, autojunk=False)
            for bl in sm.get_matching_blocks():
                for k in range(bl.size + 1):
                    self.map[bl.a + k] = bl.b + k

    def __call__(self, i: int) -> int | None:
        return i if self.same else self.map.get(i)


def same_speaker(system: str | None, gold: str, gold_is_entity: bool, aliases: dict[str, str] | None = None) -> bool:
    """Whether a quote's speaker is the gold speaker. One name in two spellings is one speaker (the corpus
    names an entity by its most used spelling, the gold by the one its writer chose: يلديز / يلدز,
    عبدالرقيب / عبد الرقيب, بنشتوان / بن شتوان), and so is a spelling the gold itself gives that entity
    (سارة بينيت / سارة بنيت); a collective source matches when one phrase starts with the
    other ("مصادر محلية في منطقة الهلال النفطي" and "مصادر محلية"), the gold's extents of such phrases being
    a matter of style."""
    from marsad.entities.names import name_key
    a, b = normalize(system or ""), normalize(gold)
    if not a:
        return False
    if a == b or name_key(a) == name_key(b) or name_key(a).replace(" ", "") == name_key(b).replace(" ", ""):
        return True
    if aliases and aliases.get(a) == b:
        return True          # the system names the gold entity by another of its spellings (سارة بينيت / بنيت)
    if gold_is_entity:
        return False
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    return wa[:n] == wb[:n]


def implicit(speaker_text: str | None) -> bool:
    """A quote whose speaker the text does not name where it is said: "وأضاف", "مضيفا", "وتابعت قائلة"."""
    from marsad.quotes.attribution import _cue_at
    words = (speaker_text or "").split()
    return len(words) == 1 and _cue_at(words[0]) is not None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(db_path: str) -> dict:
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    corpus = marsad.open(db_path)
    by_doc = {g["doc_id"]: g for g in gold["articles"]}
    # every full spelling the gold gives an entity, to its gold canonical
    aliases = {normalize(e["name"]): normalize(e["canonical"]) for g in gold["articles"] for e in g["entities"]
               if e["type"] in ("PER", "ORG") and len(e["name"].split()) > 1}
    system = {d.id: d.to_dict() for d in corpus.documents() if d.id in by_doc}
    res: dict = {"articles_gold": len(gold["articles"]), "articles_found": len(system)}

    meta = Counter()
    roles_ok = roles_n = 0
    body_f1s = []
    comments_tp = comments_sys = comments_gold = 0
    comment_in_body = 0
    ent = Counter()
    link_ok = link_n = 0
    q = Counter()
    q_overlaps = []
    spk_ok = spk_n = exact_ok = imp_ok = imp_n = 0
    t = Counter()
    t_val_ok = t_val_n = 0
    for doc_id, g in by_doc.items():
        s = system.get(doc_id)
        if s is None:
            continue
        for field in ("title", "outlet", "published"):
            meta[field] += int((s.get(field) or "") == (g.get(field) or ""))
        meta["credits"] += int(set(s.get("credits") or []) == set(g.get("credits") or []))
        gd, sd = g.get("dateline"), s.get("dateline")
        meta["dateline"] += int((gd or {}).get("place") == (sd or {}).get("place") and
                                ((gd or {}).get("agency") == (sd or {}).get("agency")))
        if g.get("lines"):
            sys_roles = {ln["n"]: ln["role"] for ln in s["lines"]}
            for ln in g["lines"]:
                roles_n += 1
                roles_ok += int(sys_roles.get(ln["n"]) == ln["role"])
        body_f1s.append(char_f1(s["body"], g["body"]))
        gcom = [" ".join(c["text"].split()) for c in g["comments"]]
        scom = [" ".join(c["text"].split()) for c in s["comments"]]
        comments_gold += len(gcom)
        comments_sys += len(scom)
        comments_tp += sum(1 for c in scom if c in gcom)
        for c in gcom:
            if len(c) > 25 and c in " ".join(s["body"].split()):
                comment_in_body += 1

        om = OffsetMap(g["body"], s["body"])
        # entities: a mention matches when its name span equals the gold name span and the type agrees
        gold_m = {}
        for e in g["entities"]:
            a, b = om(e["name_start"]), om(e["end"])
            if a is not None and b is not None:
                gold_m[(a, b)] = e
        sys_m = {}
        # a title-only reference ("قال ولي العهد") is no name: the gold lists names only (benchmarks/people.py
        # scores references apart)
        named = [e for e in s["entities"] if not (e["type"] == "PER" and e.get("title") == e["name"])]
        for e in named:
            name_start = e["end"] - len(e["name"])
            sys_m[(name_start, e["end"])] = e
        ent["gold"] += len(g["entities"])
        ent["sys"] += len(named)
        for span, e in sys_m.items():
            ge = gold_m.get(span)
            if ge is not None:
                ent["tp_span"] += 1
                if ge["type"] == e["type"]:
                    ent["tp"] += 1
                    link_n += 1
                    ok = normalize(ge["canonical"]) == normalize(e["canonical"] or "")
                    link_ok += int(ok)
                    if not ok:
                        ERRORS.append(("link", g["id"], e["name"], e["type"], f"{e['canonical']} ≠ {ge['canonical']}"))
                else:
                    ERRORS.append(("type", g["id"], e["name"], e["type"], ge["type"]))
            else:
                ctx = s["body"][max(0, span[0] - 30):span[1] + 30].replace("\n", " ")
                ERRORS.append(("false", g["id"], e["name"], e["type"], ctx))
        for span, ge in gold_m.items():
            if span not in sys_m:
                ctx = s["body"][max(0, span[0] - 30):span[1] + 30].replace("\n", " ")
                ERRORS.append(("missed", g["id"], ge["name"], ge["type"], ctx))
        # quotes: detected when the content overlaps a gold content by ≥ 50% (of the gold content)
        gold_names = {normalize(e["canonical"]) for e in g["entities"]}
        used = set()
        q["gold"] += len(g["quotes"])
        q["sys"] += len(s["quotes"])
        for sq in s["quotes"]:
            best, best_i = 0.0, None
            for i, gq in enumerate(g["quotes"]):
                a, b = om(gq["start"]), om(gq["end"])
                if a is None or b is None or i in used:
                    continue
                ov = overlap((sq["start"], sq["end"]), (a, b)) / max(1, b - a)
                if ov > best:
                    best, best_i = ov, i
            ctx = s["body"][max(0, sq["start"] - 80):sq["start"] + 60].replace("\n", " ")
            if best >= 0.5 and best_i is not None:
                used.add(best_i)
                q["tp"] += 1
                q_overlaps.append(best)
                spk_n += 1
                gold_speaker = g["quotes"][best_i]["speaker"]
                exact_ok += int(normalize(sq["speaker"] or "") == normalize(gold_speaker))
                ok = same_speaker(sq["speaker"], gold_speaker, normalize(gold_speaker) in gold_names, aliases)
                spk_ok += int(ok)
                if implicit(sq.get("speaker_text")):
                    imp_n += 1
                    imp_ok += int(ok)
                if not ok:
                    QUOTE_ERRORS.append(("speaker", g["id"], sq["speaker"], gold_speaker, sq["cue"], ctx))
            else:
                QUOTE_ERRORS.append(("false", g["id"], sq["speaker"], "", sq["cue"], ctx))
        for i, gq in enumerate(g["quotes"]):
            a = om(gq["start"])
            if i not in used and a is not None:
                ctx = s["body"][max(0, a - 80):a + 60].replace("\n", " ")
                QUOTE_ERRORS.append(("missed", g["id"], "", gq["speaker"], gq["kind"], ctx))
        # times: detected when spans overlap; value accuracy on detected ones
        t["gold"] += len(g["times"])
        t["sys"] += len(s["times"])
        used = set()
        for st in s["times"]:
            for i, gt in enumerate(g["times"]):
                a, b = om(gt["start"]), om(gt["end"])
                if i in used or a is None or b is None:
                    continue
                if overlap((st["start"], st["end"]), (a, b)) > 0:
                    used.add(i)
                    t["tp"] += 1
                    t_val_n += 1
                    t_val_ok += int(st["value"] == gt["value"])
                    break
    n = max(1, len(system))
    res["metadata"] = {k: round(v / n, 3) for k, v in meta.items()}
    res["line_roles"] = {"accuracy": round(roles_ok / roles_n, 4) if roles_n else None, "lines": roles_n}
    res["body_char_f1"] = round(sum(body_f1s) / len(body_f1s), 4) if body_f1s else None
    p, r, f = prf(comments_tp, comments_sys, comments_gold)
    res["comments"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                       "comment_text_in_bodies": comment_in_body}
    p, r, f = prf(ent["tp"], ent["sys"], ent["gold"])
    res["entities"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                       "linking_accuracy": round(link_ok / link_n, 3) if link_n else None}
    p, r, f = prf(q["tp"], q["sys"], q["gold"])
    res["quotes"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                     "speaker_accuracy": round(spk_ok / spk_n, 3) if spk_n else None,
                     "speaker_exact": round(exact_ok / spk_n, 3) if spk_n else None,
                     "implicit_speakers": imp_n, "implicit_accuracy": round(imp_ok / imp_n, 3) if imp_n else None,
                     "mean_overlap": round(sum(q_overlaps) / len(q_overlaps), 3) if q_overlaps else None}
    p, r, f = prf(t["tp"], t["sys"], t["gold"])
    res["times"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                    "value_accuracy": round(t_val_ok / t_val_n, 3) if t_val_n else None}

    # duplicates: unordered pairs of articles; kind must agree for the strict figure
    id_of = {g["doc_id"]: g["id"] for g in gold["articles"]}
    gold_pairs = {frozenset((d["a"], d["b"])): d["kind"] for d in gold["duplicates"]}
    sys_pairs = {}
    for pair in corpus.duplicates(limit=10_000).items:
        if pair.a in id_of and pair.b in id_of:
            sys_pairs[frozenset((id_of[pair.a], id_of[pair.b]))] = pair.kind
    tp = len(set(gold_pairs) & set(sys_pairs))
    tp_kind = sum(1 for k, v in sys_pairs.items() if gold_pairs.get(k) == v)
    p, r, f = prf(tp, len(sys_pairs), len(gold_pairs))
    res["duplicates"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                         "f1_with_kind": round(prf(tp_kind, len(sys_pairs), len(gold_pairs))[2], 3),
                         "gold_pairs": len(gold_pairs), "system_pairs": len(sys_pairs)}

    # stories and storylines: pairwise precision/recall over article pairs in the same cluster
    sys_story = {}
    for story in corpus.stories(limit=10_000).items:
        for doc_id in story.articles:
            if doc_id in id_of:
                sys_story[id_of[doc_id]] = (story.id, story.storyline or story.id)
    gold_story = {a["id"]: (a["story"], a["storyline"]) for a in gold["articles"]}
    for level, idx in (("stories", 0), ("storylines", 1)):
        ids = sorted(gold_story)
        tp = fp = fn = 0
        for x, y in combinations(ids, 2):
            same_g = gold_story[x][idx] == gold_story[y][idx]
            same_s = x in sys_story and y in sys_story and sys_story[x][idx] == sys_story[y][idx]
            tp += same_g and same_s
            fp += same_s and not same_g
            fn += same_g and not same_s
        p, r, f = prf(tp, tp + fp, tp + fn)
        res[level] = {"pairwise_precision": round(p, 3), "pairwise_recall": round(r, 3), "pairwise_f1": round(f, 3),
                      "system_clusters": len({v[idx] for v in sys_story.values()}),
                      "gold_clusters": len({v[idx] for v in gold_story.values()})}
    corpus.close()
    return res


@contextmanager
def ingested(paths: list[Path], prefix: str, check: bool = True) -> Iterator[str]:
    """A store of `paths` ingested into a temporary directory, removed with what SQLite left beside the database
    (its log, its lock file) when the block ends: a benchmark run leaves nothing behind in /tmp."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        db = str(Path(tmp) / "demo.db")
        subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", *map(str, paths), "--db", db,
                        "--workers", "2"], check=check, capture_output=True)
        yield db


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="evaluate this database instead of ingesting the demo corpus afresh")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--entity-errors", help="write entity errors (missed, false, type, link) to this TSV file")
    ap.add_argument("--quote-errors", help="write quote errors (missed, false, speaker) to this TSV file")
    args = ap.parse_args()
    if args.db is not None:
        res = evaluate(args.db)
    else:
        with ingested([CORPUS], "marsad-eval-", check=False) as db:
            res = evaluate(db)
    if args.entity_errors:
        Path(args.entity_errors).write_text("\n".join("\t".join(map(str, e)) for e in sorted(ERRORS)) + "\n",
                                            encoding="utf-8")
    if args.quote_errors:
        Path(args.quote_errors).write_text("\n".join("\t".join(map(str, e)) for e in sorted(QUOTE_ERRORS)) + "\n",
                                           encoding="utf-8")
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print(f"demo corpus: {res['articles_found']}/{res['articles_gold']} articles matched to gold by content id\n")
    print(f"{'measure':42} value")
    rows = [(f"metadata {k} accuracy", v) for k, v in res["metadata"].items()]
    rows += [("line-role accuracy (text scrapes, JSON bodies)", res["line_roles"]["accuracy"]),
             ("body character F1", res["body_char_f1"]),
             ("comments F1 (exact text)", res["comments"]["f1"]),
             ("comment texts leaked into bodies", res["comments"]["comment_text_in_bodies"]),
             ("entity mention F1 (name span + type)", res["entities"]["f1"]),
             ("entity canonical linking accuracy", res["entities"]["linking_accuracy"]),
             ("quote detection F1 (≥50% overlap)", res["quotes"]["f1"]),
             ("quote speaker accuracy", res["quotes"]["speaker_accuracy"]),
             ("quote speaker, exact name string", res["quotes"]["speaker_exact"]),
             (f"quote speaker, implicit ({res['quotes']['implicit_speakers']} quotes)",
              res["quotes"]["implicit_accuracy"]),
             ("quote mean content overlap", res["quotes"]["mean_overlap"]),
             ("time detection F1", res["times"]["f1"]),
             ("time value accuracy (detected)", res["times"]["value_accuracy"]),
             ("duplicate pairs F1", res["duplicates"]["f1"]),
             ("duplicate pairs F1 with kind", res["duplicates"]["f1_with_kind"]),
             ("stories pairwise F1", res["stories"]["pairwise_f1"]),
             ("storylines pairwise F1", res["storylines"]["pairwise_f1"])]
    for name, v in rows:
        print(f"{name:42} {v}")
    print(f"\nstories: {res['stories']['system_clusters']} found, {res['stories']['gold_clusters']} in gold; "
          f"duplicate pairs: {res['duplicates']['system_pairs']} found, {res['duplicates']['gold_pairs']} in gold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
