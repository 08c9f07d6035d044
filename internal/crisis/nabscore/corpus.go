package nabscore

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Corpus is a set of labelled series: DIR/series/*.csv and DIR/windows.json.
type Corpus struct {
	Dir   string
	Files []*File // sorted by name
}

// LoadCorpus reads the series and windows of a corpus directory.
func LoadCorpus(dir string, p Profile) (*Corpus, error) {
	wins, err := ReadWindows(filepath.Join(dir, "windows.json"))
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(dir, "series", "*.csv"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("nabscore: no series under %s/series", dir)
	}
	sort.Strings(paths)
	c := &Corpus{Dir: dir}
	for _, path := range paths {
		f, err := loadFile(path, wins, p)
		if err != nil {
			return nil, err
		}
		c.Files = append(c.Files, f)
	}
	return c, nil
}

func loadFile(path string, wins map[string][]Window, p Profile) (*File, error) {
	name := filepath.Base(path)
	ws, ok := wins[name]
	if !ok {
		return nil, fmt.Errorf("nabscore: %s has no entry in windows.json", name)
	}
	rows, err := ReadTimestamps(path)
	if err != nil {
		return nil, err
	}
	return NewFile(name, rows, ws, p)
}

// SeriesPath returns the path of a series of the corpus.
func (c *Corpus) SeriesPath(name string) string { return filepath.Join(c.Dir, "series", name) }

// ScoreDir scores the results files in dir (one per series, named like it,
// optionally with a "<detector>_" prefix) at a fixed threshold.
func (c *Corpus) ScoreDir(dir string, threshold float64) ([]Result, error) {
	out := make([]Result, 0, len(c.Files))
	for _, f := range c.Files {
		path, err := resultPath(dir, f.Name)
		if err != nil {
			return nil, err
		}
		r, err := f.scoreResults(path, threshold)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// scoreResults reads one results file, checks it row by row against the
// series, and scores it.
func (f *File) scoreResults(path string, threshold float64) (Result, error) {
	ts, sc, err := ReadScores(path)
	if err != nil {
		return Result{}, err
	}
	if len(ts) != f.Rows() {
		return Result{}, fmt.Errorf("nabscore: %s: %d rows, series has %d: %w", path, len(ts), f.Rows(), errLength)
	}
	for i, t := range ts {
		if !t.Equal(f.rows[i]) {
			return Result{}, fmt.Errorf("nabscore: %s row %d: timestamp %s, series has %s", path, i+2, t, f.rows[i])
		}
	}
	return f.Score(Flags(sc, threshold))
}

// resultPath finds the results file of a series in dir.
func resultPath(dir, name string) (string, error) {
	direct := filepath.Join(dir, name)
	if _, err := os.Stat(direct); err == nil {
		return direct, nil
	}
	m, _ := filepath.Glob(filepath.Join(dir, "*_"+name))
	if len(m) != 1 {
		return "", fmt.Errorf("nabscore: want one results file for %s in %s, found %d", name, dir, len(m))
	}
	return m[0], nil
}

// names returns the set of file names of the corpus.
func (c *Corpus) names() map[string]bool {
	out := make(map[string]bool, len(c.Files))
	for _, f := range c.Files {
		out[f.Name] = true
	}
	return out
}

// trimDetector returns the detector name of a published scores file such
// as "numenta_standard_scores_realTweets.csv".
func trimDetector(base, profile string) (string, bool) {
	suffix := "_" + profile + "_scores_"
	i := strings.Index(base, suffix)
	return base[:max(i, 0)], i > 0
}
