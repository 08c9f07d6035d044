package nabscore

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir finds the NAB realTweets subset beside the checkout
// (../shared/data/bursts-nab from the module root) or in
// SWITCHBOARD_NAB_DIR, and the reference scorer beside it.
func corpusDir(t *testing.T) (data, scorer string) {
	t.Helper()
	data = os.Getenv("SWITCHBOARD_NAB_DIR")
	if data == "" {
		data = filepath.Join("..", "..", "..", "..", "shared", "data", "bursts-nab")
	}
	scorer = filepath.Join(data, "..", "..", "tools", "nab_score.py")
	if _, err := os.Stat(filepath.Join(data, "windows.json")); err != nil {
		t.Skipf("no NAB data at %s", data)
	}
	return data, scorer
}

// python runs the reference scorer and returns its JSON lines.
func python(t *testing.T, scorer string, args ...string) []map[string]any {
	t.Helper()
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("no reference scorer at %s", scorer)
	}
	out, err := exec.Command("/usr/bin/python3", append([]string{scorer}, args...)...).Output()
	if err != nil {
		t.Fatalf("nab_score.py: %v", err)
	}
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("nab_score.py output %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	return lines
}

func TestPublishedScoresAgreeWithReference(t *testing.T) {
	data, scorer := corpusDir(t)
	c, err := LoadCorpus(data, Profiles["standard"])
	if err != nil {
		t.Fatal(err)
	}
	ours, err := c.PublishedScores(filepath.Join(data, "published-scores"), "standard")
	if err != nil {
		t.Fatal(err)
	}
	ref := python(t, scorer, "--data", data, "--published", filepath.Join(data, "published-scores"))
	if len(ours) != len(ref) || len(ours) < 5 {
		t.Fatalf("%d published detectors, reference has %d", len(ours), len(ref))
	}
	for i, p := range ours {
		if ref[i]["detector"] != p.Detector || math.Abs(ref[i]["normalized"].(float64)-p.Normalized) > 1e-9 {
			t.Errorf("%s: %v, reference %v %v", p.Detector, p.Normalized, ref[i]["detector"], ref[i]["normalized"])
		}
	}
}

// TestResultsAgreeWithReference scores random detections (a few hundred
// per file, some inside windows) with both scorers, at two thresholds.
func TestResultsAgreeWithReference(t *testing.T) {
	data, scorer := corpusDir(t)
	c, err := LoadCorpus(data, Profiles["standard"])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 6))
	for _, f := range c.Files {
		writeRandomResults(t, filepath.Join(dir, "rnd_"+f.Name), f, r)
	}
	for _, th := range []float64{0.5, 0.9} {
		ours, err := c.ScoreDir(dir, th)
		if err != nil {
			t.Fatal(err)
		}
		ref := python(t, scorer, "--data", data, "--results", dir, "--threshold", fmt.Sprint(th))
		for i, o := range ours {
			if ref[i]["file"] != o.File || math.Abs(ref[i]["raw"].(float64)-o.Raw) > 1e-9 ||
				int(ref[i]["fp"].(float64)) != o.FP || int(ref[i]["tp"].(float64)) != o.TP {
				t.Errorf("threshold %g %s: raw %v tp %d fp %d, reference %v", th, o.File, o.Raw, o.TP, o.FP, ref[i])
			}
		}
		_, _, _, norm := Total(ours)
		if want := ref[len(ref)-1]["normalized"].(float64); math.Abs(norm-want) > 1e-9 {
			t.Errorf("threshold %g: normalized %v, reference %v", th, norm, want)
		}
	}
}

// writeRandomResults writes a results file with sparse random scores.
func writeRandomResults(t *testing.T, path string, f *File, r *rand.Rand) {
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "timestamp,anomaly_score")
	for _, ts := range f.rows {
		s := 0.0
		if r.Float64() < 0.01 {
			s = r.Float64()
		}
		fmt.Fprintf(w, "%s,%g\n", ts.Format("2006-01-02 15:04:05"), s)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
