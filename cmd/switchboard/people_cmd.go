package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("people", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "people",
			ShortUsage:  "switchboard people <influence|leaders|repeat> [flags]",
			ShortHelp:   "influence, opinion leaders and repeat writers of each community",
			FlagSet:     flag.NewFlagSet("people", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{peopleInfluenceCmd(), peopleLeadersCmd(), peopleRepeatCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

func peopleInfluenceCmd() *ffcli.Command {
	fs := flag.NewFlagSet("people influence", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	return &ffcli.Command{
		Name: "influence", ShortUsage: "switchboard people influence",
		ShortHelp: "read new messages into the interaction graph and recompute every influence score now",
		LongHelp:  "The server does this by itself (every few seconds and hourly); this is for an import without a server.",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			return sf.withStore(ctx, func(st *store.Store) error {
				n, err := influence.Sync(ctx, st)
				if err != nil {
					return err
				}
				again, err := influence.Retry(ctx, st)
				if err != nil {
					return err
				}
				n += again
				s, err := (&influence.Engine{Store: st}).Recompute(ctx, false)
				if err != nil {
					return err
				}
				fmt.Printf("%d new interactions; %d communities (and all together), %d people-in-community, %d edges, %d PageRank iterations, %s\n",
					n, s.Communities-1, s.Nodes, s.Edges, s.Iterations, s.Took.Round(1e6))
				return nil
			})
		},
	}
}

func peopleLeadersCmd() *ffcli.Command {
	fs := flag.NewFlagSet("people leaders", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	community := fs.String("community", "", "community slug (default: all communities together)")
	limit := fs.Int("limit", 10, "how many leaders (1 to 200)")
	return &ffcli.Command{
		Name: "leaders", ShortUsage: "switchboard people leaders [--community SLUG] [--limit N]",
		ShortHelp: "the opinion leaders of a community, by influence score, with their stance",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			return sf.withStore(ctx, func(st *store.Store) error {
				leaders, err := st.Leaders(ctx, store.LeaderFilter{Community: *community, Limit: *limit, Recent: 1})
				if err != nil {
					return err
				}
				printLeaders(leaders)
				return nil
			})
		},
	}
}

func printLeaders(leaders []store.Leader) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tHANDLE\tSCORE\tPAGERANK\tENGAGEMENT\tFOLLOWERS\tSTANCE\tMSGS +/=/-\tLATEST")
	for i, l := range leaders {
		latest := ""
		if len(l.Recent) > 0 {
			latest = clip(l.Recent[0].Text, 60)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.5f\t%.2f\t%d\t%+.2f\t%d %d/%d/%d\t%s\n", i+1, l.Handle, l.Score, l.PageRank,
			l.Engagement, l.Followers, l.Stance, l.Messages, l.Positive, l.Neutral, l.Negative, latest)
	}
	tw.Flush()
}

// clip shortens s to n characters on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func peopleRepeatCmd() *ffcli.Command {
	fs := flag.NewFlagSet("people repeat", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	class := fs.String("class", "complaint", "message class")
	minimum := fs.Int("min", 2, "at least this many messages")
	community := fs.String("community", "", "community slug (default: all)")
	limit := fs.Int("limit", 20, "how many people (1 to 1000)")
	return &ffcli.Command{
		Name: "repeat", ShortUsage: "switchboard people repeat [--class complaint] [--min 2] [--community SLUG]",
		ShortHelp: "the people who wrote a class of message several times (who complained more than once)",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			return sf.withStore(ctx, func(st *store.Store) error {
				people, err := st.Repeaters(ctx, store.RepeatFilter{Class: *class, Min: *minimum, Community: *community, Limit: *limit})
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "HANDLE\tCHANNEL\tMESSAGES\tFIRST\tLAST")
				for _, p := range people {
					fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", p.Handle, p.Channel, p.Messages, p.First.Format("2006-01-02 15:04"), p.Last.Format("2006-01-02 15:04"))
				}
				return tw.Flush()
			})
		},
	}
}
