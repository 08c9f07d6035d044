package ui

import (
	"net/http"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// learnUse records that the agent sent a suggested answer for m: the
// message becomes an example of the answer, which is then suggested for
// messages like it. A failure is logged: the reply itself is what matters.
func (u *UI) learnUse(r *http.Request, answerID string, m *message.Message) {
	if u.library == nil || answerID == "" {
		return
	}
	rec, err := u.store.Answer(r.Context(), answerID)
	if err != nil || rec.State != knowledge.StateApproved {
		return // unknown, or no longer approved: nothing to learn
	}
	if err := u.library.Put(rec.Answer); err != nil {
		u.log.Warn("learn answer use", "answer", answerID, "err", err)
		return
	}
	learned, err := u.library.Learn(answerID, clipQuestion(m.Text))
	if err == nil {
		err = u.store.RecordAnswerUse(r.Context(), viewerOf(r.Context()).actor(), learned, m.ID)
	}
	if err != nil {
		u.library.Put(rec.Answer) // back to what the store holds
		u.log.Warn("learn answer use", "answer", answerID, "err", err)
		return
	}
	rec.Answer = learned
	u.answerChanged(rec)
}

// clipQuestion keeps the start of a message short enough to be an example.
func clipQuestion(text string) string {
	if len(text) <= knowledge.MaxExampleLen {
		return text
	}
	cut := knowledge.MaxExampleLen
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}
