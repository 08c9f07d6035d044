#!/bin/bash
# Trains the default models embedded in the binary. Run from the repository
# root: internal/analyze/models/train.sh [SHARED_DATA_DIR]
# Sentiment: only the Apache-2.0 sets (sentiment-fr, sentiment-en, train
# splits) plus our own starter routing set (CC0) where it maps cleanly
# (complaint → negative, praise → positive, lead → neutral); lexicons: only
# VADER en and fr (MIT). Routing: our own starter set in
# data/training/routing (CC0). See docs/MODELS.md.
set -euo pipefail
D=${1:-../shared/data}
OUT=internal/analyze/models
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for l in en fr; do
	/usr/bin/python3 - "data/training/routing/$l.jsonl" >"$TMP/routing-sentiment-$l.jsonl" <<'PY'
import json, sys
to = {"complaint": "negative", "praise": "positive", "lead": "neutral"}
for line in open(sys.argv[1], encoding="utf-8"):
    ex = json.loads(line)
    if ex["label"] in to:
        print(json.dumps({"text": ex["text"], "label": to[ex["label"]], "lang": ex.get("lang", "")}, ensure_ascii=False))
PY
done
go build -o "$TMP/switchboard" ./cmd/switchboard
sb() { "$TMP/switchboard" "$@"; }
LEXDIR="--lexicon-dir $D/lexicons"
for l in en fr; do
	sb model train --name sentiment-$l --data "$D/sentiment-$l/train.jsonl" --data "$TMP/routing-sentiment-$l.jsonl" \
		$LEXDIR --lexicons vader-$l --bits 20 --out $OUT/sentiment-$l.sbm
done
sb model train --name routing --data data/training/routing/en.jsonl --data data/training/routing/fr.jsonl \
	$LEXDIR --lexicons vader-en,vader-fr --bits 20 --out $OUT/routing.sbm
