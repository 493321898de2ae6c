#!/usr/bin/env bash
# The shipped entity tagger (src/marsad/models/ner.npz) from scratch, on the CPU: about 25 minutes on 2 cores
# after the word vectors (training/embeddings.py, about 5 minutes). See training/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=training/out
[ -f "$OUT/vectors.bin" ] || $PY training/embeddings.py
$PY training/vocab.py
# 1. two taggers on ANERcorp train alone (about 6 minutes each), joined: the teacher
for s in 13 15; do $PY training/ner.py --seed $s --out "$OUT/teacher_$s.npz"; done
$PY training/ensemble.py "$OUT/teacher.npz" "$OUT/teacher_13.npz" "$OUT/teacher_15.npz"
# 2. the teacher tags 8,000 SaudiNewsNet articles; sentences on which both members agree with it are kept
$PY training/silver.py "$OUT/teacher.npz" "$OUT/teacher_13.npz" "$OUT/teacher_15.npz" --out "$OUT/silver.conll"
# 3. each teacher member trained on, with as much silver as labeled text in every epoch (about 6 minutes each)
for s in 13 15; do
  $PY training/ner.py --init "$OUT/teacher_$s.npz" --silver "$OUT/silver.conll" --epochs 12 --swa-from 5 \
    --lr 1e-3 --seed $s --out "$OUT/student_$s.npz"
done
# 4. the two students, joined, are the shipped model
$PY training/ensemble.py src/marsad/models/ner.npz "$OUT/student_13.npz" "$OUT/student_15.npz"
