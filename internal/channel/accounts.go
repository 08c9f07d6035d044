package channel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// ErrInvalid marks an account definition that cannot be accepted.
var ErrInvalid = errors.New("invalid account")

// AccountInput is an account as an operator writes it. On update, nil
// Secrets keep the stored ones and nil Enabled keeps the flag.
type AccountInput struct {
	Kind      string            `json:"kind"`
	Handle    string            `json:"handle"`
	Community string            `json:"community,omitempty"`
	Config    json.RawMessage   `json:"config,omitempty"`
	Secrets   map[string]string `json:"secrets,omitempty"`
	Enabled   *bool             `json:"enabled,omitempty"`
}

// AccountView is an account as the API shows it: secret names, never values.
type AccountView struct {
	store.Account
	SecretNames []string           `json:"secrets"`
	State       store.AccountState `json:"state"`
}

// Accounts configures connector accounts: it validates them against their
// kind, seals their secrets and tells the supervisor.
type Accounts struct {
	Store    *store.Store
	Kinds    *Registry
	Keys     *Keyring
	OnChange func() // called after a change (the supervisor's Reload)
}

var communityPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Create checks and adds an account.
func (m *Accounts) Create(ctx context.Context, a store.Actor, in AccountInput) (store.Account, error) {
	acc := store.Account{Kind: in.Kind, Handle: in.Handle, Community: in.Community, Config: in.Config, Enabled: in.Enabled == nil || *in.Enabled}
	if err := m.check(acc, in.Secrets); err != nil {
		return acc, err
	}
	sealed, err := m.Keys.Seal(in.Secrets, sealTag(acc))
	if err != nil {
		return acc, err
	}
	acc.Secrets = sealed
	acc, err = m.Store.CreateAccount(ctx, a, acc)
	if err == nil {
		m.changed()
	}
	return acc, err
}

// Update replaces an account's community, config, secrets (when given) and
// enabled flag (when given); kind and handle stay.
func (m *Accounts) Update(ctx context.Context, a store.Actor, id int64, in AccountInput) (store.Account, error) {
	acc, err := m.Store.AccountByID(ctx, id)
	if err != nil {
		return acc, err
	}
	if (in.Kind != "" && in.Kind != acc.Kind) || (in.Handle != "" && in.Handle != acc.Handle) {
		return acc, fmt.Errorf("%w: kind and handle cannot change; delete the account and create another", ErrInvalid)
	}
	secrets := in.Secrets
	if secrets == nil {
		if secrets, err = m.Keys.Open(acc.Secrets, sealTag(acc)); err != nil {
			return acc, err
		}
	}
	acc.Community, acc.Config = in.Community, in.Config
	if in.Enabled != nil {
		acc.Enabled = *in.Enabled
	}
	if err := m.check(acc, secrets); err != nil {
		return acc, err
	}
	if acc.Secrets, err = m.Keys.Seal(secrets, sealTag(acc)); err != nil {
		return acc, err
	}
	if err = m.Store.UpdateAccount(ctx, a, acc); err == nil {
		m.changed()
	}
	return acc, err
}

// Delete removes an account; its connector stops.
func (m *Accounts) Delete(ctx context.Context, a store.Actor, id int64) error {
	err := m.Store.DeleteAccount(ctx, a, id)
	if err == nil {
		m.changed()
	}
	return err
}

// List gives every account with its state and the names of its secrets.
func (m *Accounts) List(ctx context.Context) ([]AccountView, error) {
	accs, err := m.Store.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]AccountView, 0, len(accs))
	for _, acc := range accs {
		v, err := m.view(ctx, acc)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Get gives one account with its state.
func (m *Accounts) Get(ctx context.Context, id int64) (AccountView, error) {
	acc, err := m.Store.AccountByID(ctx, id)
	if err != nil {
		return AccountView{}, err
	}
	return m.view(ctx, acc)
}

func (m *Accounts) view(ctx context.Context, acc store.Account) (AccountView, error) {
	st, err := m.Store.AccountStateOf(ctx, acc.ID)
	if err != nil {
		return AccountView{}, err
	}
	v := AccountView{Account: acc, State: st, SecretNames: []string{}}
	if secrets, err := m.Keys.Open(acc.Secrets, sealTag(acc)); err == nil {
		for name := range secrets {
			v.SecretNames = append(v.SecretNames, name)
		}
		sort.Strings(v.SecretNames)
	} else if acc.Secrets != "" {
		v.SecretNames = []string{"(sealed: " + err.Error() + ")"}
	}
	return v, nil
}

// check validates an account: its kind exists and accepts its config.
func (m *Accounts) check(acc store.Account, secrets map[string]string) error {
	kind, ok := m.Kinds.Kind(acc.Kind)
	if !ok {
		return fmt.Errorf("%w: unknown kind %q (known: %v)", ErrInvalid, acc.Kind, m.Kinds.Names())
	}
	if acc.Handle == "" || len(acc.Handle) > 256 || !utf8.ValidString(acc.Handle) {
		return fmt.Errorf("%w: handle is required, at most 256 bytes of UTF-8", ErrInvalid)
	}
	if acc.Community != "" && !communityPattern.MatchString(acc.Community) {
		return fmt.Errorf("%w: community %q: lower-case letters, digits and -, at most 63", ErrInvalid, acc.Community)
	}
	if len(acc.Config) > 64<<10 {
		return fmt.Errorf("%w: config larger than 64 KiB", ErrInvalid)
	}
	if len(acc.Config) > 0 && !json.Valid(acc.Config) {
		return fmt.Errorf("%w: config is not JSON", ErrInvalid)
	}
	if len(secrets) > 0 && m.Keys == nil {
		return ErrNoKey
	}
	_, err := kind.New(Account{ID: acc.ID, Kind: acc.Kind, Handle: acc.Handle, Community: acc.Community, Config: acc.Config, Secrets: secrets})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

func (m *Accounts) changed() {
	if m.OnChange != nil {
		m.OnChange()
	}
}

// sealTag binds sealed secrets to their account.
func sealTag(acc store.Account) string { return "switchboard-account:" + acc.Kind + ":" + acc.Handle }
