#!/usr/bin/env bash
# A step after training/tagger.sh, not in the shipped model yet (training/README.md says why): the two members
# trained on with hand-annotated Saudi news (training/people_news and the people benchmark's tuning parts),
# ANERcorp and silver text; about 25 minutes on 2 cores (both members at once).
#   bash training/news_tagger.sh BASE.npz [OUT.npz]
# BASE is a two-member model (the model before the shipped one: `git show df8d65e^:src/marsad/models/ner.npz`);
# OUT defaults to training/out/news.npz. NEWS_PARTS overrides the benchmark parts taught.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=training/out
BASE=$1
DEST=${2:-training/out/news.npz}
mkdir -p "$OUT"
$PY training/vocab.py --from-model "$BASE"                     # the base model's own vocabulary and vectors
$PY training/ensemble.py --split "$BASE" "$OUT/base_"          # its members, one file each
$PY training/silver.py "$BASE" "$OUT/base_0.npz" "$OUT/base_1.npz" --out "$OUT/silver_news.conll"
# every annotated training file (training/people_news/gold*.json) and the benchmark's parts read and tuned on that
# no tagger is measured on: the eleventh+twelfth and seventeenth+eighteenth draws stay out (the validation parts)
extras=()
for f in training/people_news/gold*.json; do extras+=(--extra "$f"); done
PARTS=${NEWS_PARTS:-tuning,seen_held_out,fourth,fifth,eighth,ninth,tenth,fifteenth_sixteenth}
$PY training/news_gold.py "$BASE" --parts "$PARTS" "${extras[@]}" --out "$OUT/news_gold.conll"
pids=()
for s in 0 1; do
  $PY training/ner.py --init "$OUT/base_$s.npz" --silver "$OUT/silver_news.conll" --news "$OUT/news_gold.conll" \
    --epochs 6 --swa-from 3 --lr 1e-3 --seed $((13 + s)) --threads 1 --out "$OUT/news_student_$s.npz" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done                      # a member that fails stops the script
$PY training/ensemble.py "$DEST" "$OUT/news_student_0.npz" "$OUT/news_student_1.npz"
