package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// liveRow is a new message as the queue page's script shows it: text only,
// inserted with textContent, never as HTML.
type liveRow struct {
	ID         int64  `json:"id"`
	Department string `json:"department"`
	Text       string `json:"text"`
	Author     string `json:"author"`
	Handle     string `json:"handle"`
	Channel    string `json:"channel"`
	Class      string `json:"class"`
	Sentiment  string `json:"sentiment"`
	Lang       string `json:"lang"`
	Community  string `json:"community"`
	Priority   string `json:"priority"`
	Status     string `json:"status"`
	SLAState   string `json:"sla_state"`
	SLALabel   string `json:"sla_label"`
	SLADue     string `json:"sla_due"`
}

// events streams the messages routed to the viewer's departments as they
// arrive (Server-Sent Events, resumable with Last-Event-ID).
func (u *UI) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported here", http.StatusInternalServerError)
		return
	}
	v, lang := viewerOf(r.Context()), langOf(r)
	after, _ := strconv.ParseUint(r.Header.Get("Last-Event-ID"), 10, 64)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n: switchboard inbox\n\n")
	flusher.Flush()
	rc := http.NewResponseController(w)
	err := u.bus.Subscribe(r.Context(), after, func(ev pipeline.Event) error {
		if ev.Message.Department == "" || !v.sees(ev.Message.Department) {
			return nil
		}
		data, _ := json.Marshal(u.liveRow(ev, lang))
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, "id: %d\nevent: message\ndata: %s\n\n", ev.Seq, data); err != nil {
			return err
		}
		flusher.Flush()
		return nil
	})
	if err != nil && !errors.Is(err, r.Context().Err()) {
		u.log.Debug("inbox event stream ended", "err", err)
	}
}

func (u *UI) liveRow(ev pipeline.Event, lang string) liveRow {
	m := ev.Message
	sla := slaOf(departmentMap(u.router), &m, time.Now())
	lr := liveRow{ID: m.ID, Department: m.Department, Text: short(280, m.Text), Author: m.Author.Name, Handle: m.Author.Handle,
		Channel: m.Channel, Class: string(m.Class), Sentiment: string(m.Sentiment), Lang: m.Analysis.Lang, Community: m.Community,
		Priority: string(m.Priority), Status: string(m.Status),
		SLAState: sla.State, SLALabel: sla.Label(lang)}
	if !sla.Due.IsZero() {
		lr.SLADue = sla.Due.UTC().Format(time.RFC3339)
	}
	return lr
}
