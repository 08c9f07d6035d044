package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/knowledge/replyeval"
)

// repliesFlags are the flags of "switchboard eval replies".
type repliesFlags struct {
	library, queries, lang string
	json, plain, brands    bool
}

func init() {
	registerEval("replies", func() *ffcli.Command {
		fs := flag.NewFlagSet("eval replies", flag.ContinueOnError)
		var f repliesFlags
		fs.StringVar(&f.library, "library", "", "JSON Lines of conversations that build the answer library")
		fs.StringVar(&f.queries, "queries", "", "JSON Lines of conversations to rank answers for")
		fs.StringVar(&f.lang, "lang", "en", `language of the text ("en", "fr", "" for unknown)`)
		fs.BoolVar(&f.json, "json", false, "print the result as JSON")
		fs.BoolVar(&f.plain, "plain", false, "rank with the plain BM25 baseline instead of the suggestions' ranker")
		fs.BoolVar(&f.brands, "brand-communities", false, "use each row's brand as the community of its answer and query (measures the community filter)")
		return &ffcli.Command{
			Name:       "replies",
			ShortUsage: "switchboard eval replies --library LIB.jsonl --queries Q.jsonl [--json] [--plain] [--brand-communities]",
			ShortHelp:  "measure how often the suggestions rank first the document an agent sent",
			LongHelp: `Reads conversations in the replies-cdp format (customer_messages, agent_reply,
doc_id, doc_url, brand), builds one answer per doc_id of the library from its
agents' replies and link words, with its customers' messages as example
questions, ranks the answers for each query's customer messages and prints
recall@1, recall@5 and MRR of the right doc_id, over the queries whose doc_id
the library holds; the others are counted as skipped. When the library and
the queries are the same file, each query is ranked against a library
without its own row (leave-one-out).`,
			FlagSet: fs,
			Exec: func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return fmt.Errorf("eval replies: unexpected arguments %q", args)
				}
				return evalReplies(ctx, f, os.Stdout)
			},
		}
	})
}

// evalReplies runs one evaluation and prints its result to w.
func evalReplies(ctx context.Context, f repliesFlags, w io.Writer) error {
	if f.library == "" || f.queries == "" {
		return errors.New("eval replies: --library and --queries are required")
	}
	lib, err := replyeval.ReadFile(f.library)
	if err != nil {
		return fmt.Errorf("eval replies: library: %w", err)
	}
	queries, err := replyeval.ReadFile(f.queries)
	if err != nil {
		return fmt.Errorf("eval replies: queries: %w", err)
	}
	same, err := sameFile(f.library, f.queries)
	if err != nil {
		return fmt.Errorf("eval replies: %w", err)
	}
	o := replyeval.Options{Params: knowledge.DefaultParams(), Lang: f.lang, LeaveOneOut: same, BrandCommunities: f.brands}
	if f.plain {
		o.Params = knowledge.PlainParams()
	}
	done := progress(len(queries), "ranking", &o)
	res, err := replyeval.Evaluate(ctx, lib, queries, o)
	done()
	if err != nil {
		return fmt.Errorf("eval replies: %w", err)
	}
	return printReplies(w, f, same, res)
}

// sameFile reports whether two paths name the same file.
func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// progress sets o.Progress to a progress bar on a terminal's stderr and
// returns the function that clears it; elsewhere it does nothing.
func progress(total int, what string, o *replyeval.Options) func() {
	b := newBar(int64(total), what)
	o.Progress = b.add
	return b.finish
}

// printReplies writes the result as JSON or as a short table.
func printReplies(w io.Writer, f repliesFlags, same bool, r replyeval.Result) error {
	if f.json {
		enc := json.NewEncoder(w)
		return enc.Encode(r)
	}
	ranker := "suggestions (BM25F, stemming, mentions, use prior)"
	if f.plain {
		ranker = "plain BM25"
	}
	mode := "library and queries apart"
	if same {
		mode = "leave-one-out"
	}
	if f.brands {
		mode += ", brands as communities"
	}
	_, err := fmt.Fprintf(w, "ranker    %s\nprotocol  %s\nqueries   %d\nskipped   %d\nrecall@1  %.3f\nrecall@5  %.3f\nMRR       %.3f\n",
		ranker, mode, r.Queries, r.Skipped, r.RecallAt1, r.RecallAt5, r.MRR)
	return err
}
