package main

import (
	"context"
	"flag"
	"sort"

	"github.com/peterbourgon/ff/v3/ffcli"
)

// registry holds the constructors of top-level commands, keyed by name; each
// command's file registers itself in an init function, so adding a command
// touches only its own file.
var registry = map[string]func() *ffcli.Command{}

// evalRegistry holds the subcommands of "switchboard eval".
var evalRegistry = map[string]func() *ffcli.Command{}

// register adds a top-level command.
func register(name string, build func() *ffcli.Command) { registry[name] = build }

// registerEval adds a subcommand of "switchboard eval".
func registerEval(name string, build func() *ffcli.Command) { evalRegistry[name] = build }

func commands() []*ffcli.Command { return build(registry) }

func build(reg map[string]func() *ffcli.Command) []*ffcli.Command {
	names := make([]string, 0, len(reg))
	for n := range reg {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ffcli.Command, 0, len(names))
	for _, n := range names {
		out = append(out, reg[n]())
	}
	return out
}

func init() {
	register("eval", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "eval",
			ShortUsage:  "switchboard eval <what> [flags]",
			ShortHelp:   "measure Switchboard's detectors and rankers on labelled data",
			FlagSet:     flag.NewFlagSet("eval", flag.ContinueOnError),
			Subcommands: build(evalRegistry),
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}
