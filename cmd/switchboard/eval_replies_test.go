package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

const repliesFixture = "../../internal/knowledge/replyeval/testdata/small.jsonl"

func TestEvalRepliesJSON(t *testing.T) {
	var out bytes.Buffer
	f := repliesFlags{library: repliesFixture, queries: repliesFixture, lang: "en", json: true}
	if err := evalReplies(context.Background(), f, &out); err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output %q is not a JSON object of numbers: %v", out.String(), err)
	}
	keys := slices.Sorted(maps.Keys(got))
	if want := []string{"mrr", "queries", "recall_at_1", "recall_at_5", "skipped"}; !slices.Equal(keys, want) {
		t.Errorf("keys = %q, want %q", keys, want)
	}
	// Same file: leave-one-out; see replyeval's TestEvaluateLeaveOneOut.
	want := map[string]float64{"queries": 6, "skipped": 3, "recall_at_1": 5.0 / 6, "recall_at_5": 1, "mrr": 5.5 / 6}
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-9 {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
}

func TestEvalRepliesText(t *testing.T) {
	var out bytes.Buffer
	f := repliesFlags{library: repliesFixture, queries: repliesFixture, lang: "en", plain: true}
	if err := evalReplies(context.Background(), f, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"plain BM25", "leave-one-out", "queries   6", "skipped   3", "recall@1", "MRR"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestEvalRepliesErrors(t *testing.T) {
	for _, f := range []repliesFlags{
		{queries: repliesFixture},
		{library: repliesFixture, queries: "testdata/missing.jsonl"},
	} {
		if err := evalReplies(context.Background(), f, &bytes.Buffer{}); err == nil {
			t.Errorf("evalReplies(%+v) succeeded", f)
		}
	}
}
