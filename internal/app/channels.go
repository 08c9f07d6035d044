package app

import (
	"context"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/bluesky"
	"github.com/switchboard-crm/switchboard/internal/channel/email"
	"github.com/switchboard-crm/switchboard/internal/channel/feed"
	"github.com/switchboard-crm/switchboard/internal/channel/mastodon"
	"github.com/switchboard-crm/switchboard/internal/channel/meta"
	"github.com/switchboard-crm/switchboard/internal/channel/xapi"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// channelKinds lists the networks Switchboard can connect to.
func channelKinds() *channel.Registry {
	return channel.NewRegistry(mastodon.Kind(), bluesky.Kind(), meta.Kind(), feed.Kind(), email.Kind(), xapi.Kind())
}

// openChannels builds the accounts service and the supervisor, and applies
// the accounts file when one is given.
func (a *App) openChannels(ctx context.Context, o Options) error {
	keys, err := channel.KeyringFromEnv()
	if err != nil {
		return err
	}
	kinds := channelKinds()
	a.Supervisor = channel.NewSupervisor(a.Store, a.Bus, kinds, keys, a.Senders, a.Log)
	a.Channels = &channel.Accounts{Store: a.Store, Kinds: kinds, Keys: keys, OnChange: a.Supervisor.Reload}
	a.MetaWebhook = metaWebhook(a.Supervisor)
	if o.ChannelsFile == "" {
		return nil
	}
	f, err := channel.LoadFile(o.ChannelsFile)
	if err != nil {
		return err
	}
	return a.Channels.Apply(ctx, store.Actor{Name: "system"}, f)
}

// metaWebhook is the handler of Meta's webhook calls.
func metaWebhook(sup *channel.Supervisor) http.Handler { return meta.Handler(sup) }
