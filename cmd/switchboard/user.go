package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"
	"golang.org/x/term"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func init() {
	register("user", func() *ffcli.Command {
		return &ffcli.Command{
			Name:        "user",
			ShortUsage:  "switchboard user <create|list> [flags]",
			ShortHelp:   "manage the people who sign in",
			FlagSet:     flag.NewFlagSet("user", flag.ContinueOnError),
			Subcommands: []*ffcli.Command{userCreateCmd(), userListCmd()},
			Exec:        func(context.Context, []string) error { return flag.ErrHelp },
		}
	})
}

func userCreateCmd() *ffcli.Command {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	email := fs.String("email", "", "email address, used to sign in (required)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "admin", "admin, lead, agent, reviewer, executive or analyst")
	deps := fs.String("departments", "", "comma-separated department slugs the user works in")
	pwStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	return &ffcli.Command{
		Name: "create", ShortUsage: "switchboard user create --email E [--role R] [--departments a,b]",
		ShortHelp: "create a user (the first admin, for instance)",
		LongHelp:  "Asks for the password on a terminal; with --password-stdin reads it from standard input; otherwise makes one and prints it.",
		FlagSet:   fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			if _, err := access.ParseRole(*role); err != nil {
				return err
			}
			pw, generated, err := readPassword(*pwStdin)
			if err != nil {
				return err
			}
			hash, err := access.HashPassword(pw)
			if err != nil {
				return err
			}
			return sf.withStore(ctx, func(st *store.Store) error {
				u, err := st.CreateUser(ctx, cliActor, store.User{Email: *email, Name: *name, Role: *role, Departments: splitList(*deps)}, hash)
				if err != nil {
					return err
				}
				fmt.Printf("user %d %s (%s) created\n", u.ID, u.Email, u.Role)
				if generated {
					fmt.Printf("password: %s\n", pw)
				}
				return nil
			})
		},
	}
}

func readPassword(fromStdin bool) (pw string, generated bool, err error) {
	if fromStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", false, fmt.Errorf("read password from standard input: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		fmt.Fprint(os.Stderr, "Password (at least 10 characters): ")
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", false, fmt.Errorf("read password: %w", err)
		}
		return string(b), false, nil
	}
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", false, err
	}
	return base64.RawURLEncoding.EncodeToString(b), true, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func userListCmd() *ffcli.Command {
	fs := flag.NewFlagSet("user list", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, false)
	return &ffcli.Command{
		Name: "list", ShortUsage: "switchboard user list", ShortHelp: "list users",
		FlagSet: fs, Options: envOptions,
		Exec: func(ctx context.Context, _ []string) error {
			return sf.withStore(ctx, func(st *store.Store) error {
				users, err := st.Users(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tDEPARTMENTS\tDISABLED")
				for _, u := range users {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%v\n", u.ID, u.Email, u.Name, u.Role, strings.Join(u.Departments, ","), u.Disabled)
				}
				return tw.Flush()
			})
		},
	}
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04")
}
