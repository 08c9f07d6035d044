// Command switchboard is the one binary of Switchboard, the open-source social CRM:
// it serves the inbox and the REST API, runs the pipeline, imports streams,
// manages users and tokens, trains and evaluates models.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/peterbourgon/ff/v3/ffcli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	root := rootCmd()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ParseAndRun(ctx, os.Args[1:])
	if err == nil {
		return
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	fmt.Fprintln(os.Stderr, "switchboard:", err)
	os.Exit(1)
}

func rootCmd() *ffcli.Command {
	fs := flag.NewFlagSet("switchboard", flag.ContinueOnError)
	return &ffcli.Command{
		Name:       "switchboard",
		ShortUsage: "switchboard <command> [flags]",
		ShortHelp:  "the open-source social CRM",
		LongHelp: `Switchboard listens to what the public says about a company, understands each
message and routes it to the department qualified to answer.

Run "switchboard serve" to start on embedded defaults (SQLite and an in-process
NATS JetStream in ./switchboard-data, HTTP on :8080). Every flag can also be set
with an environment variable: --data-dir is SWITCHBOARD_DATA_DIR, and so on.
Run "switchboard <command> --help" for the flags of one command.`,
		FlagSet:     fs,
		Subcommands: commands(),
		Exec:        func(context.Context, []string) error { return flag.ErrHelp },
	}
}
