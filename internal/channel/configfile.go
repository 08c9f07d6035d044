package channel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// File is the accounts file an operator may give at start (-channels):
//
//	accounts:
//	  - kind: mastodon
//	    handle: "@acme@mastodon.example"
//	    community: france
//	    config: {server: "https://mastodon.example", streams: [user, "hashtag:acme"]}
//	    secrets: {access_token: "env:ACME_MASTODON_TOKEN"}
//
// A secret written "env:NAME" is read from the environment variable NAME, so
// the file itself need hold no credential.
type File struct {
	Accounts []FileAccount `yaml:"accounts"`
}

// FileAccount is one account of the file.
type FileAccount struct {
	Kind      string            `yaml:"kind"`
	Handle    string            `yaml:"handle"`
	Community string            `yaml:"community"`
	Enabled   *bool             `yaml:"enabled"`
	Config    map[string]any    `yaml:"config"`
	Secrets   map[string]string `yaml:"secrets"`
}

// LoadFile reads an accounts file.
func LoadFile(path string) (File, error) {
	var f File
	raw, err := os.ReadFile(path)
	if err != nil {
		return f, fmt.Errorf("channels file: %w", err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("channels file %s: %w", path, err)
	}
	return f, nil
}

// Apply creates the file's accounts, or updates those already configured
// (same kind and handle). Accounts not in the file are kept. It stops at the
// first invalid account, naming it.
func (m *Accounts) Apply(ctx context.Context, a store.Actor, f File) error {
	existing, err := m.Store.Accounts(ctx)
	if err != nil {
		return err
	}
	for i, fa := range f.Accounts {
		in, err := fa.input()
		if err == nil {
			err = m.applyOne(ctx, a, existing, in)
		}
		if err != nil {
			return fmt.Errorf("channels file, account %d (%s %s): %w", i+1, fa.Kind, fa.Handle, err)
		}
	}
	return nil
}

func (m *Accounts) applyOne(ctx context.Context, a store.Actor, existing []store.Account, in AccountInput) error {
	for _, e := range existing {
		if e.Kind == in.Kind && e.Handle == in.Handle {
			_, err := m.Update(ctx, a, e.ID, in)
			return err
		}
	}
	_, err := m.Create(ctx, a, in)
	return err
}

func (fa FileAccount) input() (AccountInput, error) {
	in := AccountInput{Kind: fa.Kind, Handle: fa.Handle, Community: fa.Community, Enabled: fa.Enabled}
	if fa.Config != nil {
		raw, err := json.Marshal(fa.Config)
		if err != nil {
			return in, fmt.Errorf("config: %w", err)
		}
		in.Config = raw
	}
	if len(fa.Secrets) > 0 {
		in.Secrets = map[string]string{}
		for k, v := range fa.Secrets {
			if name, ok := strings.CutPrefix(v, "env:"); ok {
				if v = os.Getenv(name); v == "" {
					return in, errors.New("secret " + k + ": environment variable " + name + " is empty")
				}
			}
			in.Secrets[k] = v
		}
	}
	return in, nil
}
