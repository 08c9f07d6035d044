package incident

import (
	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// eventOf is what the detector sees of a routed message.
func eventOf(m *message.Message, terms []string) crisis.Event {
	return crisis.Event{
		Community: m.Community,
		Time:      m.CreatedAt,
		Negative:  m.Sentiment == message.Negative,
		Class:     string(m.Class),
		Terms:     terms,
		Author:    m.Author.Handle,
		Followers: m.Author.Followers,
		PostID:    m.ExternalID,
		ParentID:  m.InReplyTo,
	}
}

// seen is a routed message as an incident gathers it.
type seen struct {
	community string
	rule      string
	row       store.IncidentMessage
}

func seenOf(m *message.Message, terms []string) seen {
	return seen{community: m.Community, rule: m.Rule, row: store.IncidentMessage{
		MessageID: m.ID, PostedAt: m.CreatedAt, Negative: m.Sentiment == message.Negative,
		Author: m.Author.Handle, Followers: m.Author.Followers, Terms: terms,
	}}
}

// recent keeps the last messages of each community, so that an incident
// opened when a bucket closes gathers the messages of that bucket too.
type recent struct {
	per  int
	byID map[string][]seen
}

func newRecent(per int) *recent { return &recent{per: per, byID: map[string][]seen{}} }

func (r *recent) add(s seen) {
	list := append(r.byID[s.community], s)
	if len(list) > r.per {
		list = list[len(list)-r.per:]
	}
	r.byID[s.community] = list
}
