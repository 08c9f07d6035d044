package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("migrate", func() *ffcli.Command {
		fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
		var sf storeFlags
		sf.register(fs, false)
		status := fs.Bool("status", false, "only report the schema version and pending migrations")
		return &ffcli.Command{
			Name: "migrate", ShortUsage: "switchboard migrate [--status] [flags]",
			ShortHelp: "bring the database schema up to date (serve also does it at start)",
			FlagSet:   fs, Options: envOptions,
			Exec: func(ctx context.Context, _ []string) error {
				o := sf.options()
				st, err := store.Open(ctx, o.DatabaseURL, o.DataDir)
				if err != nil {
					return err
				}
				defer st.Close()
				if !*status {
					applied, err := st.Migrate(ctx)
					if err != nil {
						return err
					}
					for _, m := range applied {
						fmt.Printf("applied %d %s\n", m.Version, m.Name)
					}
				}
				v, pending, err := st.MigrationStatus(ctx)
				if err != nil {
					return err
				}
				fmt.Printf("%s schema version %d, %d pending\n", st.Dialect(), v, pending)
				return nil
			},
		}
	})
}
