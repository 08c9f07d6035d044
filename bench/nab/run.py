#!/usr/bin/python3
"""Crisis detection on NAB realTweets: our detector beside the published ones.

Builds `switchboard` and the project's scorer (bench/nab/nabscore), streams
every series of the corpus through `switchboard eval bursts` (the production
detector, default configuration, alert threshold fixed at 0.5), scores the
results with the NAB standard profile with both the project's scorer and the
reference scorer (nab_score.py), checks that they agree, and prints our
normalised score beside the published detectors' scores on the same series.

    /usr/bin/python3 bench/nab/run.py [--data DIR] [--scorer nab_score.py] [--out DIR]

Standard library only.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
THRESHOLD = 0.5


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def build(bindir):
    run(["go", "build", "-o", os.path.join(bindir, "switchboard"), "./cmd/switchboard"], cwd=ROOT)
    run(["go", "build", "-o", os.path.join(bindir, "nabscore"), "./bench/nab/nabscore"], cwd=ROOT)


def detect(bindir, data, out):
    series = sorted(glob.glob(os.path.join(data, "series", "*.csv")))
    for path in series:
        res = os.path.join(out, "switchboard_" + os.path.basename(path))
        run([os.path.join(bindir, "switchboard"), "eval", "bursts", "--series", path, "--out", res],
            stderr=subprocess.DEVNULL)
    return len(series)


def json_lines(cmd):
    out = run(cmd, stdout=subprocess.PIPE).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def per_file(lines):
    return {l["file"]: l for l in lines if "file" in l}


def agree(ours, ref):
    """Raw score and row counts of every file must match to 1e-9."""
    bad = []
    for name, r in ref.items():
        o = ours.get(name)
        if o is None or abs(o["raw"] - r["raw"]) > 1e-9 or o["tp"] != r["tp"] or o["fp"] != r["fp"]:
            bad.append(name)
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(SHARED, "data", "bursts-nab"))
    ap.add_argument("--scorer", default=os.path.join(SHARED, "tools", "nab_score.py"))
    ap.add_argument("--out", help="keep the results files here (default: a temporary dir)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or os.path.join(tmp, "results")
        os.makedirs(out, exist_ok=True)
        build(tmp)
        n = detect(tmp, a.data, out)
        ours = json_lines([os.path.join(tmp, "nabscore"), "--data", a.data, "--results", out,
                           "--threshold", str(THRESHOLD)])
        ref = json_lines([sys.executable, a.scorer, "--data", a.data, "--results", out,
                          "--threshold", str(THRESHOLD)])
        pub = json_lines([os.path.join(tmp, "nabscore"), "--data", a.data,
                          "--published", os.path.join(a.data, "published-scores")])
        pub_ref = json_lines([sys.executable, a.scorer, "--data", a.data,
                              "--published", os.path.join(a.data, "published-scores")])
    report(n, ours, ref, pub, pub_ref, a.data)


def report(n, ours, ref, pub, pub_ref, data):
    mismatch = agree(per_file(ours), per_file(ref))
    ours_norm, ref_norm = ours[-1]["normalized"], ref[-1]["normalized"]
    pub_mismatch = [p["detector"] for p, q in zip(pub, pub_ref)
                    if p["detector"] != q["detector"] or abs(p["normalized"] - q["normalized"]) > 1e-9]
    print("NAB realTweets, %d series, standard profile, threshold %.1f (fixed)" % (n, THRESHOLD))
    print()
    print("%-26s %6s %9s %4s" % ("file", "raw", "windows", "FP"))
    for name, r in sorted(per_file(ours).items()):
        print("%-26s %6.2f %5d/%-3d %4d" % (name, r["raw"], r["windows_detected"], r["windows"], r["fp"]))
    print()
    rows = [("switchboard (ours)", ours_norm)]
    rows += [(p["detector"], p["normalized"]) for p in pub if p["detector"] != "null"]
    rows.sort(key=lambda r: -r[1])
    print("%-22s %10s" % ("detector", "normalized"))
    for name, score in rows:
        print("%-22s %10.1f%s" % (name, score, "   <==" if name.startswith("switchboard") else ""))
    print()
    fin = os.path.join(data, "published-scores", "final_results_all_corpora.json")
    if os.path.exists(fin):
        with open(fin) as f:
            allc = json.load(f)
        print("(for reference, published standard scores over all NAB corpora: %s)" % ", ".join(
            "%s %.1f" % (k, v["standard"]) for k, v in sorted(allc.items(), key=lambda kv: -kv[1]["standard"])
            if k != "null"))
        print()
    print("scorer agreement: project %.6f, nab_score.py %.6f, per-file mismatches: %s; published: %s"
          % (ours_norm, ref_norm, mismatch or "none", pub_mismatch or "none"))
    if mismatch or pub_mismatch or abs(ours_norm - ref_norm) > 1e-9:
        sys.exit("scorers disagree")


if __name__ == "__main__":
    main()
