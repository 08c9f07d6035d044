package nabscore

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
)

// Published is a published detector's score restricted to a corpus's files.
type Published struct {
	Detector   string  `json:"detector"`
	Files      int     `json:"files"`
	Raw        float64 `json:"raw_sum"`
	Null       float64 `json:"null_sum"`
	Perfect    float64 `json:"perfect_sum"`
	Normalized float64 `json:"normalized"`
}

// PublishedScores reads every "<detector>_<profile>_scores_*.csv" file in
// dir (NAB's per-file results: columns File and Score) and normalises each
// detector's raw scores over the corpus's files. A detector lacking one of
// the files is an error.
func (c *Corpus) PublishedScores(dir, profile string) ([]Published, error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*_"+profile+"_scores_*.csv"))
	sort.Strings(paths)
	var null, perfect float64
	for _, f := range c.Files {
		null, perfect = null+f.Null(), perfect+f.Perfect()
	}
	out := make([]Published, 0, len(paths))
	for _, path := range paths {
		p, err := c.published(path, profile)
		if err != nil {
			return nil, err
		}
		p.Null, p.Perfect = null, perfect
		p.Normalized = Normalized(p.Raw, null, perfect)
		out = append(out, p)
	}
	return out, nil
}

// published sums one detector's raw scores over the corpus's files.
func (c *Corpus) published(path, profile string) (Published, error) {
	det, _ := trimDetector(filepath.Base(path), profile)
	rows, err := readCSV(path, "File", "Score")
	if err != nil {
		return Published{}, err
	}
	want := c.names()
	seen := map[string]bool{}
	p := Published{Detector: det}
	for _, r := range rows {
		name := filepath.Base(r[0])
		if !want[name] || seen[name] {
			continue
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			return Published{}, fmt.Errorf("nabscore: %s: %s: %w", path, name, err)
		}
		seen[name], p.Raw = true, p.Raw+v
	}
	if p.Files = len(seen); p.Files != len(want) {
		return Published{}, fmt.Errorf("nabscore: %s covers %d of %d files", path, p.Files, len(want))
	}
	return p, nil
}
