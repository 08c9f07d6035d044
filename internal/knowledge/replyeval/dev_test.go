package replyeval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// devSet finds replies-cdp's dev.jsonl: $SWITCHBOARD_REPLIES_CDP, or the
// shared data directory beside the repository.
func devSet(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("SWITCHBOARD_REPLIES_CDP")}
	for dir, _ := os.Getwd(); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		candidates = append(candidates,
			filepath.Join(dir, "shared", "data", "replies-cdp", "dev.jsonl"),
			filepath.Join(dir, "data", "replies-cdp", "dev.jsonl"))
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	t.Skip("replies-cdp dev.jsonl not found (set SWITCHBOARD_REPLIES_CDP or put shared/data beside the repository): skipping the recall floor")
	return ""
}

// TestDevRecallFloor holds the targets of issue 7 on replies-cdp dev,
// leave-one-out: recall@1 ≥ 0.60 and MRR ≥ 0.72, above plain BM25.
func TestDevRecallFloor(t *testing.T) {
	rows, err := ReadFile(devSet(t))
	if err != nil {
		t.Fatal(err)
	}
	eval := func(p knowledge.Params) Result {
		r, err := Evaluate(context.Background(), rows, rows, Options{Params: p, Lang: "en", LeaveOneOut: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	ours, plain := eval(knowledge.DefaultParams()), eval(knowledge.PlainParams())
	t.Logf("suggestions %+v", ours)
	t.Logf("plain BM25  %+v", plain)
	if ours.RecallAt1 < 0.60 || ours.MRR < 0.72 {
		t.Errorf("recall@1 %.3f, MRR %.3f: below the floor of 0.60 and 0.72", ours.RecallAt1, ours.MRR)
	}
	if ours.MRR <= plain.MRR || ours.RecallAt1 <= plain.RecallAt1 {
		t.Errorf("suggestions (%.3f, %.3f) do not beat plain BM25 (%.3f, %.3f)", ours.RecallAt1, ours.MRR, plain.RecallAt1, plain.MRR)
	}
	if ours.Queries+ours.Skipped != len(rows) {
		t.Errorf("%d queries + %d skipped ≠ %d rows", ours.Queries, ours.Skipped, len(rows))
	}
}
