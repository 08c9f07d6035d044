"""Shows that agents' corrections improve routing (issue 3, item 4).

The airline tweets (CC BY-NC-SA: measured here, never shipped) stand for a
brand's stream. Negative tweets should route to `complaint` and positive ones to
`praise`; neutral ones are left out, as they map to no single class. A held-out
half is scored with the default routing model (starter data only), then with
models retrained on the starter data plus N corrections: tweets of the other
half with the class an agent would have chosen.

Usage, from the repository root (after `go build -o sb ./cmd/switchboard`):
  /usr/bin/python3 bench/classifiers/corrections.py --data ../shared/data --switchboard ./sb
"""
import argparse
import json
import os
import random
import subprocess
import tempfile

MAP = {"negative": "complaint", "positive": "praise"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["label"] in MAP:
                yield {"text": r["text"], "label": MAP[r["label"]], "lang": "en"}


def write(path, rs):
    with open(path, "w", encoding="utf-8") as f:
        for r in rs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def evaluate(sb, model, test):
    out = subprocess.run([sb, "model", "eval", "--model", model, "--data", test, "--json"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["accuracy"], r["macro_f1"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--switchboard", required=True)
    ap.add_argument("--starter", default="data/training/routing")
    args = ap.parse_args()
    data = list(rows(f"{args.data}/airline/train.jsonl"))
    random.Random(7).shuffle(data)
    pool, held = data[: len(data) // 2], data[len(data) // 2:]
    tmp = tempfile.mkdtemp()
    test = os.path.join(tmp, "held.jsonl")
    write(test, held)
    starter = [f"{args.starter}/en.jsonl", f"{args.starter}/fr.jsonl"]
    base = os.path.join(tmp, "base.sbm")
    train(args.switchboard, starter, [], base)
    acc, f1 = evaluate(args.switchboard, base, test)
    print(f"held-out airline tweets: {len(held)} (complaint/praise)")
    print("| corrections | accuracy | macro-F1 |")
    print("|---:|---:|---:|")
    print(f"| 0 (starter only) | {acc:.3f} | {f1:.3f} |")
    for n in (50, 200, 1000, len(pool)):
        corr = os.path.join(tmp, f"corr{n}.jsonl")
        write(corr, pool[:n])
        model = os.path.join(tmp, f"m{n}.sbm")
        train(args.switchboard, starter, [corr], model)
        acc, f1 = evaluate(args.switchboard, model, test)
        print(f"| {n} | {acc:.3f} | {f1:.3f} |", flush=True)


def train(sb, starter, extra, out):
    cmd = [sb, "model", "train", "--name", "routing", "--out", out]
    for p in starter + extra:
        cmd += ["--data", p]
    subprocess.run(cmd, check=True, capture_output=True)


if __name__ == "__main__":
    main()
