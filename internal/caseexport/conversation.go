package caseexport

import (
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Conversation is what a body template sees (its dot): the message the case
// is made from, its analysis and the whole thread, oldest first.
type Conversation struct {
	ID             int64 // the conversation (thread) id
	MessageID      int64
	Link           string // the conversation in Switchboard
	Subject        string // the first words of the first message
	Channel        string
	Community      string
	Lang           string
	Class          string
	Department     string
	Sentiment      string
	SentimentScore float64
	Priority       string
	Status         string
	Author         Author
	Text           string
	URL            string // the message on its network
	CreatedAt      time.Time
	Messages       []Message
}

// Author is who wrote a message.
type Author struct {
	Handle    string
	Name      string
	Followers int64
}

// Message is one message of the thread.
type Message struct {
	ID        int64
	Author    Author
	Text      string
	URL       string
	Sentiment string
	Class     string
	CreatedAt time.Time
}

// subjectWords is how many runes of the first message make the subject.
const subjectRunes = 80

// NewConversation gathers what a template sees from the message m, its
// thread and the base URL of Switchboard (for the link).
func NewConversation(m message.Message, thread []message.Message, baseURL string) Conversation {
	c := Conversation{
		ID: m.ThreadID, MessageID: m.ID, Link: fmt.Sprintf("%s/m/%d", strings.TrimRight(baseURL, "/"), m.ID),
		Channel: m.Channel, Community: m.Community, Lang: m.Analysis.Lang, Class: string(m.Class),
		Department: m.Department, Sentiment: string(m.Sentiment), SentimentScore: m.SentimentScore,
		Priority: string(m.Priority), Status: string(m.Status), Author: authorOf(m.Author), Text: m.Text,
		URL: m.URL, CreatedAt: m.CreatedAt,
	}
	for _, t := range thread {
		c.Messages = append(c.Messages, Message{ID: t.ID, Author: authorOf(t.Author), Text: t.Text, URL: t.URL,
			Sentiment: string(t.Sentiment), Class: string(t.Class), CreatedAt: t.CreatedAt})
	}
	first := m.Text
	if len(thread) > 0 {
		first = thread[0].Text
	}
	c.Subject = truncate(strings.Join(strings.Fields(first), " "), subjectRunes)
	return c
}

func authorOf(a message.Author) Author {
	return Author{Handle: a.Handle, Name: a.Name, Followers: a.Followers}
}

// truncate keeps the first n runes of s, marking a cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if n < 1 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
