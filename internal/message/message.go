// Package message holds Switchboard's core types: a social message, its author,
// the analysis of its text and the routing decision taken for it. It imports
// nothing else of Switchboard's, so every other package can depend on it.
package message

import "time"

// Message is one public post, comment, reply or email about the company.
type Message struct {
	ID         int64     `json:"id"`
	Channel    string    `json:"channel"`
	ExternalID string    `json:"external_id"`
	Text       string    `json:"text"`
	Lang       string    `json:"lang_hint,omitempty"` // the platform's language hint; Analysis.Lang is what was detected
	URL        string    `json:"url,omitempty"`
	InReplyTo  string    `json:"in_reply_to,omitempty"`
	Community  string    `json:"community,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	ReceivedAt time.Time `json:"received_at"`
	Author     Author    `json:"author"`
	ThreadID   int64     `json:"thread_id,omitempty"`

	Analysis
	Decision

	AssigneeID int64     `json:"assignee_id,omitempty"`
	RoutedAt   time.Time `json:"routed_at"`
}

// Author is who wrote a message, as the network shows them.
type Author struct {
	Handle    string `json:"handle"`
	Name      string `json:"name,omitempty"`
	Followers int64  `json:"followers"`
}

// Key is the identity of a message across deliveries: its channel and the
// network's own id for it. A message is stored once per key.
func (m *Message) Key() string { return m.Channel + ":" + m.ExternalID }
