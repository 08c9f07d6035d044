package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// messageView is a message as the API shows it.
type messageView struct {
	ID               int64             `json:"id"`
	Channel          string            `json:"channel"`
	ExternalID       string            `json:"external_id"`
	ThreadID         int64             `json:"thread_id"`
	Text             string            `json:"text"`
	Lang             string            `json:"lang"`
	URL              string            `json:"url,omitempty"`
	InReplyTo        string            `json:"in_reply_to,omitempty"`
	Community        string            `json:"community,omitempty"`
	Author           message.Author    `json:"author"`
	CreatedAt        time.Time         `json:"created_at"`
	ReceivedAt       time.Time         `json:"received_at"`
	RoutedAt         time.Time         `json:"routed_at"`
	Sentiment        message.Sentiment `json:"sentiment"`
	SentimentScore   float64           `json:"sentiment_score"`
	Class            message.Class     `json:"class"`
	Confidence       float64           `json:"confidence"`
	ModelVersion     string            `json:"model_version"`
	Signals          []string          `json:"signals,omitempty"`
	Department       string            `json:"department"`
	Priority         message.Priority  `json:"priority"`
	Status           message.Status    `json:"status"`
	RequiresApproval bool              `json:"requires_approval"`
	Escalated        bool              `json:"escalated"`
	Rule             string            `json:"rule,omitempty"`
	Reason           string            `json:"reason"`
	AssigneeID       int64             `json:"assignee_id,omitempty"`
}

func viewOf(m message.Message) messageView {
	return messageView{
		ID: m.ID, Channel: m.Channel, ExternalID: m.ExternalID, ThreadID: m.ThreadID, Text: m.Text,
		Lang: m.Analysis.Lang, URL: m.URL, InReplyTo: m.InReplyTo, Community: m.Community, Author: m.Author,
		CreatedAt: m.CreatedAt, ReceivedAt: m.ReceivedAt, RoutedAt: m.RoutedAt, Sentiment: m.Sentiment,
		SentimentScore: m.SentimentScore, Class: m.Class, Confidence: m.Confidence, ModelVersion: m.ModelVersion,
		Signals: m.Signals, Department: m.Department, Priority: m.Priority, Status: m.Status,
		RequiresApproval: m.RequiresApproval, Escalated: m.Escalated, Rule: m.Rule, Reason: m.Reason, AssigneeID: m.AssigneeID,
	}
}

func viewsOf(ms []message.Message) []messageView {
	out := make([]messageView, len(ms))
	for i, m := range ms {
		out[i] = viewOf(m)
	}
	return out
}

func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	f.Departments = principalOf(r.Context()).scope()
	page, err := s.Store.Messages(r.Context(), f)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	var next any
	if page.NextCursor != "" {
		next = page.NextCursor
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": viewsOf(page.Items), "next_cursor": next})
}

func parseFilter(q url.Values) (store.MessageFilter, error) {
	f := store.MessageFilter{
		Department: q.Get("department"), Status: q.Get("status"), Class: q.Get("class"),
		Community: q.Get("community"), Lang: q.Get("lang"), Channel: q.Get("channel"),
		Query: q.Get("q"), Cursor: q.Get("cursor"),
	}
	if f.Status != "" && !message.Status(f.Status).Valid() {
		return f, fmt.Errorf("status %q: want new, open, waiting or resolved", f.Status)
	}
	if f.Class != "" && !message.Class(f.Class).Valid() {
		return f, fmt.Errorf("class %q: want one of %v", f.Class, message.Classes)
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return f, fmt.Errorf("limit %q: want 1 to 500", v)
		}
		f.Limit = n
	}
	var err error
	if f.Since, err = parseTime(q, "since"); err != nil {
		return f, err
	}
	f.Until, err = parseTime(q, "until")
	return f, err
}

func parseTime(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, fmt.Errorf("%s %q: want an RFC 3339 time such as 2026-11-23T09:00:00Z", name, v)
	}
	return t, nil
}

// visibleMessage loads a message the caller may see; others are "not found",
// so their existence does not leak.
func (s *Server) visibleMessage(w http.ResponseWriter, r *http.Request) (message.Message, bool) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return message.Message{}, false
	}
	m, err := s.Store.Message(r.Context(), id)
	if err == nil && !principalOf(r.Context()).sees(m.Department) {
		err = fmt.Errorf("message %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		writeStoreError(w, err)
		return m, false
	}
	return m, true
}

func (s *Server) getMessage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	thread, err := s.Store.Thread(r.Context(), m.ThreadID)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	decisions, err := s.Store.Decisions(r.Context(), m.ID)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": viewOf(m), "thread": viewsOf(thread), "decisions": decisions})
}
