package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/knowledge/answerfile"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("answers", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "answers",
			ShortUsage:  "switchboard answers <import|export> [flags]",
			ShortHelp:   "import or export the library of answers and key messages (docs/knowledge.md)",
			FlagSet:     flag.NewFlagSet("answers", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{answersImportCmd(), answersExportCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

func answersImportCmd() *ffcli.Command {
	fs := flag.NewFlagSet("answers import", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	format := fs.String("format", "", "jsonl or csv (default: from the file name, .csv is CSV)")
	server := fs.String("server", "", "import through a running server at this URL, so its suggestions change at once")
	token := fs.String("token", "", "API token for --server (role admin or lead)")
	return &ffcli.Command{
		Name: "import", ShortUsage: "switchboard answers import [flags] FILE",
		ShortHelp: "create or update answers from a JSON Lines or CSV file",
		LongHelp: `Creates the answers of the file that are new and makes a new version of
those that changed (by id). Bad lines are printed with their number and the
good rest is imported; a file without a good line changes nothing. Exits with
status 1 when lines were rejected. Without --server, a running server sees the
imported answers in its suggestions after a restart.`,
		FlagSet: fs, Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) != 1 {
				return errors.New("give one file to import (or - for standard input)")
			}
			f, err := fileFormat(*format, args[0])
			if err != nil {
				return err
			}
			if *server != "" {
				return importAnswersRemote(ctx, *server, *token, args[0], f)
			}
			return importAnswersLocal(ctx, sf.options(), args[0], f)
		},
	}
}

func fileFormat(flagValue, name string) (answerfile.Format, error) {
	if flagValue != "" {
		return answerfile.ParseFormat(flagValue)
	}
	return answerfile.FormatOf(name), nil
}

func importAnswersLocal(ctx context.Context, o app.Options, path string, f answerfile.Format) error {
	in, _, err := openInput(path)
	if err != nil {
		return err
	}
	defer in.Close()
	rows, bad, err := answerfile.Read(in, f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var res store.AnswerImport
	if len(rows) > 0 {
		st, err := app.OpenStore(ctx, o)
		if err != nil {
			return err
		}
		defer st.Close()
		recs := make([]knowledge.Record, len(rows))
		for i, r := range rows {
			recs[i] = r.Record
		}
		if res, err = st.ImportAnswers(ctx, cliActor, recs); err != nil {
			return err
		}
	}
	return reportAnswerImport(path, res, bad)
}

// reportAnswerImport prints the summary and the bad lines, and fails when
// there were bad lines or no answer at all.
func reportAnswerImport(path string, res store.AnswerImport, bad []answerfile.LineError) error {
	for _, b := range bad {
		fmt.Fprintf(os.Stderr, "%s:%d: %s\n", path, b.Line, b.Error)
	}
	fmt.Printf("created %d, updated %d, unchanged %d, rejected %d\n", res.Created, res.Updated, res.Unchanged, len(bad))
	switch {
	case len(bad) > 0:
		return fmt.Errorf("rejected lines: %d", len(bad))
	case res.Created+res.Updated+res.Unchanged == 0:
		return fmt.Errorf("%s: no answers in the file", path)
	}
	return nil
}

func answersExportCmd() *ffcli.Command {
	fs := flag.NewFlagSet("answers export", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	format := fs.String("format", "", "jsonl or csv (default: from --output's name, else jsonl)")
	out := fs.String("output", "", "file to write (default: standard output)")
	kind := fs.String("kind", "", "only answer or key_message")
	state := fs.String("state", "", "only draft, approved or retired")
	return &ffcli.Command{
		Name: "export", ShortUsage: "switchboard answers export [--format jsonl|csv] [--output FILE]",
		ShortHelp: "write every answer and key message (current versions) as JSON Lines or CSV",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			f, err := fileFormat(*format, *out)
			if err != nil {
				return err
			}
			filter := store.AnswerFilter{Kind: knowledge.Kind(*kind), State: knowledge.State(*state)}
			if filter.Kind != "" && !filter.Kind.Valid() || filter.State != "" && !filter.State.Valid() {
				return fmt.Errorf("--kind %q or --state %q: want answer or key_message, and draft, approved or retired", *kind, *state)
			}
			return exportAnswers(ctx, sf.options(), filter, f, *out)
		},
	}
}

func exportAnswers(ctx context.Context, o app.Options, filter store.AnswerFilter, f answerfile.Format, path string) error {
	st, err := app.OpenStore(ctx, o)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Answers(ctx, filter)
	if err != nil {
		return err
	}
	w := os.Stdout
	if path != "" {
		if w, err = os.Create(path); err != nil {
			return err
		}
	}
	write := answerfile.WriteJSONL
	if f == answerfile.CSV {
		write = answerfile.WriteCSV
	}
	err = write(w, recs)
	if path != "" {
		err = errors.Join(err, w.Close())
	}
	if err == nil {
		fmt.Fprintf(os.Stderr, "exported %d answers\n", len(recs))
	}
	return err
}
