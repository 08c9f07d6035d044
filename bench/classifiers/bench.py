"""Runs Switchboard's classifier, fastText and scikit-learn on the same
splits and prints macro-F1, training time, prediction speed and model size.
Called by run.sh; see docs/BENCHMARKS.md."""
import argparse
import json
import os
import pickle
import random
import subprocess
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline

SEED = 13


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def folds(rows, k):
    """Yields k (train, test) splits of a seeded shuffle."""
    rows = rows[:]
    random.Random(SEED).shuffle(rows)
    for i in range(k):
        test = rows[i::k]
        train = [r for j, r in enumerate(rows) if j % k != i]
        yield train, test


def tasks(d):
    return {
        "sentiment-fr": lambda: [(read(f"{d}/sentiment-fr/train.jsonl"), read(f"{d}/sentiment-fr/dev.jsonl"))],
        "sentiment-en": lambda: [(read(f"{d}/sentiment-en/train.jsonl"), read(f"{d}/sentiment-en/dev.jsonl"))],
        "airline": lambda: list(folds(read(f"{d}/airline/train.jsonl"), 5)),
        "banking77": lambda: [(read(f"{d}/intent-banking77/train.jsonl"), read(f"{d}/intent-banking77/test.jsonl"))],
        "clinc150": lambda: [(read(f"{d}/intent-clinc150/train.jsonl"), read(f"{d}/intent-clinc150/test.jsonl"))],
        "spam-sms": lambda: list(folds(read(f"{d}/spam-sms/all.jsonl"), 5)),
    }


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"text": r["text"], "label": r["label"], "lang": r.get("lang") or ""}, ensure_ascii=False) + "\n")


def clean(text):
    return " ".join(text.split())


def write_fasttext(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(f"__label__{r['label'].replace(' ', '_')} {clean(r['text'])}\n")


def timed(cmd, **kw):
    t = time.perf_counter()
    res = subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)
    return time.perf_counter() - t, res.stdout


class Ours:
    name = "switchboard"

    def __init__(self, exe, work):
        self.exe, self.work = exe, work

    def train(self, train):
        path = f"{self.work}/train.jsonl"
        write_jsonl(path, train)
        self.model = f"{self.work}/model.sbm"
        secs, _ = timed([self.exe, "model", "train", "--data", path, "--out", self.model])
        return secs

    def predict(self, test):
        path, pred = f"{self.work}/test.jsonl", f"{self.work}/pred.txt"
        write_jsonl(path, test)
        _, out = timed([self.exe, "model", "eval", "--model", self.model, "--data", path, "--json", "--predictions", pred],
                       env={**os.environ, "GOMAXPROCS": "1"})
        with open(pred, encoding="utf-8") as f:
            labels = [l.rstrip("\n") for l in f][: len(test)]
        return labels, json.loads(out)["messages_per_second"]

    def size(self):
        return os.path.getsize(self.model)


class FastText:
    name = "fastText"

    def __init__(self, work):
        self.work = work

    def train(self, train):
        path = f"{self.work}/train.ft"
        write_fasttext(path, train)
        self.prefix = f"{self.work}/ft"
        secs, _ = timed(["fasttext", "supervised", "-input", path, "-output", self.prefix,
                         "-wordNgrams", "2", "-epoch", "25"])
        return secs

    def predict(self, test):
        path = f"{self.work}/test.ft"
        with open(path, "w", encoding="utf-8") as f:
            for r in test:
                f.write(clean(r["text"]) + "\n")
        secs, out = timed(["fasttext", "predict", self.prefix + ".bin", path])
        labels = [l.strip()[len("__label__"):] for l in out.splitlines()]
        one = f"{self.work}/one.ft"
        with open(one, "w", encoding="utf-8") as f:
            f.write(clean(test[0]["text"]) + "\n")
        start, _ = timed(["fasttext", "predict", self.prefix + ".bin", one])
        return labels, len(test) / max(secs - start, 1e-3)

    def size(self):
        return os.path.getsize(self.prefix + ".bin")


class Sklearn:
    name = "scikit-learn"

    def __init__(self, work):
        self.work = work

    def train(self, train):
        self.pipe = make_pipeline(
            FeatureUnion([("word", TfidfVectorizer(ngram_range=(1, 2))),
                          ("char", TfidfVectorizer(analyzer="char", ngram_range=(2, 5)))]),
            LogisticRegression(max_iter=1000))
        t = time.perf_counter()
        self.pipe.fit([r["text"] for r in train], [r["label"] for r in train])
        return time.perf_counter() - t

    def predict(self, test):
        t = time.perf_counter()
        labels = list(self.pipe.predict([r["text"] for r in test]))
        return labels, len(test) / (time.perf_counter() - t)

    def size(self):
        return len(pickle.dumps(self.pipe))


def run_task(name, splits, systems):
    res = {s.name: {"f1": [], "train": [], "mps": [], "size": []} for s in systems}
    for train, test in splits:
        gold = [r["label"] for r in test]
        for s in systems:
            secs = s.train(train)
            pred, mps = s.predict(test)
            r = res[s.name]
            r["f1"].append(f1_score(gold, pred, average="macro"))
            r["train"].append(secs)
            r["mps"].append(mps)
            r["size"].append(s.size())
            print(f"  {name:13s} {s.name:13s} macro-F1 {r['f1'][-1]:.4f} train {secs:6.1f}s", file=sys.stderr, flush=True)
    return {k: {m: sum(v) / len(v) for m, v in r.items()} for k, r in res.items()}


def throughput(args, systems, n=1_000_000):
    """Trains on English sentiment and predicts n tweets on one core."""
    d = args.data
    train, test = read(f"{d}/sentiment-en/train.jsonl"), read(f"{d}/sentiment-en/dev.jsonl")
    big = (test * (n // len(test) + 1))[:n]
    out = {}
    ours, ft = systems
    ours.train(train)
    path = f"{ours.work}/big.jsonl"
    write_jsonl(path, big)
    secs, res = timed([ours.exe, "model", "eval", "--model", ours.model, "--data", path, "--json"],
                      env={**os.environ, "GOMAXPROCS": "1"})
    out["switchboard"] = json.loads(res)["messages_per_second"]
    ft.train(train)
    path = f"{ft.work}/big.txt"
    with open(path, "w", encoding="utf-8") as f:
        for r in big:
            f.write(clean(r["text"]) + "\n")
    one = f"{ft.work}/one.txt"
    with open(one, "w", encoding="utf-8") as f:
        f.write(clean(big[0]["text"]) + "\n")
    t_one, _ = timed(["taskset", "-c", "0", "fasttext", "predict", ft.prefix + ".bin", one])
    t_big, _ = timed(["taskset", "-c", "0", "fasttext", "predict", ft.prefix + ".bin", path])
    out["fastText"] = n / max(t_big - t_one, 1e-9)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--switchboard", required=True)
    ap.add_argument("tasks", nargs="*")
    args = ap.parse_args()
    all_tasks = tasks(args.data)
    chosen = args.tasks or list(all_tasks) + ["throughput"]
    work = {n: os.path.join(args.out, n) for n in ("switchboard", "fastText", "scikit-learn")}
    for w in work.values():
        os.makedirs(w, exist_ok=True)
    systems = [Ours(args.switchboard, work["switchboard"]), FastText(work["fastText"]), Sklearn(work["scikit-learn"])]
    results = {}
    for t in chosen:
        if t == "throughput":
            continue
        results[t] = run_task(t, all_tasks[t](), systems)
    print_table(results)
    if "throughput" in chosen:
        tp = throughput(args, systems[:2])
        print(f"\nsingle-core prediction over 1,000,000 English tweets: "
              + ", ".join(f"{k} {v:,.0f} msg/s" for k, v in tp.items()))


def print_table(results):
    print("| task | system | macro-F1 | train s | predict msg/s (test set, start-up excluded) | model size |")
    print("|---|---|---:|---:|---:|---:|")
    for t, r in results.items():
        for s, m in r.items():
            print(f"| {t} | {s} | {m['f1']:.4f} | {m['train']:.2f} | {m['mps']:,.0f} | {m['size'] / 1e6:.1f} MB |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
