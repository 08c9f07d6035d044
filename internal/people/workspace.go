package people

import (
	"context"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Workspace is a community with what works in it: its members, the
// accounts that listen for it, the routing rules that name it, its approved
// key messages and the rules that assign messages to it.
type Workspace struct {
	Community       store.Community       `json:"community"`
	Members         []store.User          `json:"members"`
	Accounts        []store.Account       `json:"accounts"`
	RoutingRules    []route.Rule          `json:"routing_rules"`
	KeyMessages     []knowledge.Record    `json:"key_messages"`
	AssignmentRules []store.CommunityRule `json:"assignment_rules"`
}

// LoadWorkspace gathers a community's workspace; cfg is the routing
// configuration in force.
func LoadWorkspace(ctx context.Context, st *store.Store, cfg route.Config, slug string) (Workspace, error) {
	c, err := st.Community(ctx, slug)
	if err != nil {
		return Workspace{}, err
	}
	ws := Workspace{Community: c, Members: []store.User{}, Accounts: []store.Account{}, RoutingRules: []route.Rule{}, KeyMessages: []knowledge.Record{}}
	if err := loadMembers(ctx, st, &ws); err != nil {
		return ws, err
	}
	accounts, err := st.Accounts(ctx)
	if err != nil {
		return ws, err
	}
	for _, a := range accounts {
		if a.Community == slug {
			ws.Accounts = append(ws.Accounts, a)
		}
	}
	for _, r := range cfg.Rules {
		if slices.Contains(r.When.Communities, slug) {
			ws.RoutingRules = append(ws.RoutingRules, r)
		}
	}
	if err := loadKeyMessages(ctx, st, &ws); err != nil {
		return ws, err
	}
	ws.AssignmentRules, err = st.CommunityRules(ctx, slug)
	return ws, err
}

func loadMembers(ctx context.Context, st *store.Store, ws *Workspace) error {
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if slices.Contains(ws.Community.Members, u.ID) {
			ws.Members = append(ws.Members, u)
		}
	}
	return nil
}

// loadKeyMessages keeps the approved key messages meant for this community
// (those for every community included).
func loadKeyMessages(ctx context.Context, st *store.Store, ws *Workspace) error {
	recs, err := st.Answers(ctx, store.AnswerFilter{Kind: knowledge.KindKeyMessage, State: knowledge.StateApproved, Limit: 500})
	if err != nil {
		return err
	}
	for _, r := range recs {
		if len(r.Communities) == 0 || slices.Contains(r.Communities, ws.Community.Slug) {
			ws.KeyMessages = append(ws.KeyMessages, r)
		}
	}
	return nil
}
