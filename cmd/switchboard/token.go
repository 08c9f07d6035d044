package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("token", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "token",
			ShortUsage:  "switchboard token <create|list|revoke> [flags]",
			ShortHelp:   "manage API tokens",
			FlagSet:     flag.NewFlagSet("token", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{tokenCreateCmd(), tokenListCmd(), tokenRevokeCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

var cliActor = store.Actor{Name: "cli:" + os.Getenv("USER")}

func tokenCreateCmd() *ffcli.Command {
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	name := fs.String("name", "", "a name saying what the token is for (required)")
	role := fs.String("role", "", "admin, lead, agent, reviewer, executive or analyst (required)")
	user := fs.String("user", "", "email of the user the token acts for (their departments apply)")
	return &ffcli.Command{
		Name: "create", ShortUsage: "switchboard token create --name N --role R [--user EMAIL]",
		ShortHelp: "create a token and print it (last line); it is not shown again",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			if *name == "" {
				return errors.New("--name is required")
			}
			if _, err := access.ParseRole(*role); err != nil {
				return err
			}
			return sf.withStore(ctx, func(st *store.Store) error {
				var uid int64
				if *user != "" {
					u, _, err := st.UserByEmail(ctx, *user)
					if err != nil {
						return err
					}
					uid = u.ID
				}
				plain, hash, err := access.NewToken()
				if err != nil {
					return err
				}
				t, err := st.CreateToken(ctx, cliActor, *name, *role, uid, hash)
				if err != nil {
					return err
				}
				fmt.Fprintf(os.Stderr, "token %d %q (%s) created; keep it secret, it is shown once:\n", t.ID, t.Name, t.Role)
				fmt.Println(plain)
				return nil
			})
		},
	}
}

func tokenListCmd() *ffcli.Command {
	fs := flag.NewFlagSet("token list", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	return &ffcli.Command{
		Name: "list", ShortUsage: "switchboard token list", ShortHelp: "list tokens (never their secret)",
		FlagSet: fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			return sf.withStore(ctx, func(st *store.Store) error {
				tokens, err := st.Tokens(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tROLE\tUSER\tCREATED\tLAST USED\tREVOKED")
				for _, t := range tokens {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%v\n", t.ID, t.Name, t.Role, t.UserID,
						t.CreatedAt.Format("2006-01-02 15:04"), fmtTime(t.LastUsedAt), t.Revoked)
				}
				return tw.Flush()
			})
		},
	}
}

func tokenRevokeCmd() *ffcli.Command {
	fs := flag.NewFlagSet("token revoke", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	return &ffcli.Command{
		Name: "revoke", ShortUsage: "switchboard token revoke ID", ShortHelp: "revoke a token",
		FlagSet: fs, Options: envOptions,
		Exec: func(ctx context.Context, args []string) error {
			if len(args) != 1 {
				return errors.New("give the id of the token to revoke (switchboard token list)")
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return fmt.Errorf("token id %q: %w", args[0], err)
			}
			return sf.withStore(ctx, func(st *store.Store) error {
				return st.RevokeToken(ctx, cliActor, id)
			})
		},
	}
}
