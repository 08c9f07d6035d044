package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"

	"github.com/peterbourgon/ff/v3/ffcli"
)

func init() {
	register("version", func() *ffcli.Command {
		return &ffcli.Command{
			Name:       "version",
			ShortUsage: "switchboard version",
			ShortHelp:  "print the version",
			FlagSet:    flag.NewFlagSet("version", flag.ContinueOnError),
			Exec: func(context.Context, []string) error {
				fmt.Printf("switchboard %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
				return nil
			},
		}
	})
}
