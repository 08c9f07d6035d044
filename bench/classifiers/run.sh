#!/bin/bash
# Side-by-side benchmark of Switchboard's classifier, fastText and
# scikit-learn on the same splits, in one run (issue 3).
# Usage, from the repository root:
#   bench/classifiers/run.sh [SHARED_DATA_DIR] [TASK …]
# Tasks: sentiment-fr sentiment-en airline banking77 clinc150 spam-sms
# (default: all) and "throughput" (1M-message single-core prediction).
set -euo pipefail
D=${1:-../shared/data}
shift || true
if ! command -v fasttext >/dev/null; then
	apt-get install -y fasttext
fi
if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
	apt-get install -y python3-sklearn
fi
OUT=bench/out/classifiers
mkdir -p "$OUT"
if ! go build -o "$OUT/switchboard-bin" ./cmd/switchboard; then
	# The checkout is shared: when the working tree does not build, measure HEAD.
	echo "working tree does not build; building HEAD from git archive" >&2
	rm -rf "$OUT/src" && mkdir -p "$OUT/src"
	git archive HEAD | tar -x -C "$OUT/src"
	(cd "$OUT/src" && go build -o ../switchboard-bin ./cmd/switchboard)
fi
exec /usr/bin/python3 bench/classifiers/bench.py --data "$D" --out "$OUT" --switchboard "$OUT/switchboard-bin" "$@"
