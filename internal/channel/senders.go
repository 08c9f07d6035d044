package channel

import (
	"context"
	"fmt"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// dispatch registers, once per channel of a kind, a sender that picks the
// account to reply with.
func (s *Supervisor) dispatch(kind string) {
	k, ok := s.kinds.Kind(kind)
	if !ok || s.senders == nil {
		return
	}
	for _, ch := range k.Channels {
		if !s.dispatched[ch] {
			s.dispatched[ch] = true
			s.senders.Set(ch, channelSender{sup: s, channel: ch})
		}
	}
}

// channelSender posts a reply through an account of its channel: the one of
// the message's community if there is one, else the oldest.
type channelSender struct {
	sup     *Supervisor
	channel string
}

// Send posts through the chosen account's connector.
func (c channelSender) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	snd, ok := c.sup.senderFor(c.channel, out.InReplyTo.Community)
	if !ok {
		return "", fmt.Errorf("%w: no running %s account able to reply", pipeline.ErrPermanent, c.channel)
	}
	return snd.Send(ctx, out)
}

func (s *Supervisor) senderFor(channel, community string) (pipeline.Sender, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var best *runner
	for _, r := range s.running {
		k, _ := s.kinds.Kind(r.acc.Kind)
		if _, ok := senderOf(r.conn); !ok || !slices.Contains(k.Channels, channel) {
			continue
		}
		if best == nil || better(r, best, community) {
			best = r
		}
	}
	if best == nil {
		return nil, false
	}
	return senderOf(best.conn)
}

func better(r, than *runner, community string) bool {
	rm, tm := r.acc.Community == community, than.acc.Community == community
	if rm != tm {
		return rm
	}
	return r.acc.ID < than.acc.ID
}
