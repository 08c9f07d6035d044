package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ErasedText replaces the text of an erased person's messages.
const ErasedText = "[erased]"

// erasedHandle names the one anonymous author that erased messages keep.
const erasedHandle = "erased"

// Erasure tells what erasing a person changed: counts only, no personal data.
type Erasure struct {
	PersonID   int64 `json:"person_id"`
	Identities int   `json:"identities"`
	Messages   int   `json:"messages"`
}

// routedEvent and routedKey name the webhook event of a routed message, whose
// payload holds the message (see internal/webhook).
const (
	routedEvent = "message.routed"
	routedKey   = routedEvent + ":"
)

// erasedMessage is what erase needs to know of a message before changing it.
type erasedMessage struct {
	id, threadID        int64
	channel, externalID string
}

// ErasePerson erases a person (GDPR right to erasure), in one transaction:
// their messages are kept for the record but anonymised (text replaced by
// ErasedText, url, external id and signals cleared, author set to the
// anonymous author), the incidents that gathered them forget the author, the
// webhook deliveries that carried them keep only their event id, the term
// rollups lose their words (person_erase_rollup.go), their handles and names
// are scrubbed from other messages, replies, notes, incident titles, dead
// letters, webhook deliveries and case answers, and their identities and the
// person are deleted. The audit entry names only the person's id and counts.
func (s *Store) ErasePerson(ctx context.Context, a Actor, id int64) (Erasure, error) {
	out := Erasure{PersonID: id}
	if err := s.secureDelete(ctx, true); err != nil {
		return Erasure{}, err
	}
	defer s.secureDelete(context.WithoutCancel(ctx), false)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := s.lockPerson(ctx, tx, id)
		if err != nil {
			return err
		}
		out.Identities = len(ids)
		if out.Messages, err = s.eraseIdentities(ctx, tx, ids); err != nil {
			return fmt.Errorf("erase person %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM people WHERE id = ?`), id); err != nil {
			return fmt.Errorf("erase person %d: %w", id, err)
		}
		if err := s.compactIndex(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "person.erase", fmt.Sprintf("person:%d", id), out)
	})
	if err != nil {
		return Erasure{}, err
	}
	s.authors.clear() // cached ids of deleted authors must not be reused
	return out, s.checkpoint(ctx)
}

// secureDelete turns SQLite's secure_delete on or off on the writer (its only
// connection): on, deleted content is overwritten with zeros, not left in
// free space.
func (s *Store) secureDelete(ctx context.Context, on bool) error {
	if s.dialect != SQLite {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA secure_delete = %t`, on)); err != nil {
		return fmt.Errorf("secure delete: %w", err)
	}
	return nil
}

// checkpoint moves SQLite's write-ahead log into the database and empties
// it, so the pages as they were before an erase do not stay in the log.
func (s *Store) checkpoint(ctx context.Context) error {
	if s.dialect != SQLite {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("erased, but the write-ahead log was not emptied: %w", err)
	}
	return nil
}

// lockPerson returns the identities of a person inside tx, or ErrNotFound.
func (s *Store) lockPerson(ctx context.Context, tx *sql.Tx, id int64) ([]Identity, error) {
	var one int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM people WHERE id = ?`), id).Scan(&one); err != nil {
		if err == sql.ErrNoRows {
			return nil, fmt.Errorf("person %d: %w", id, ErrNotFound)
		}
		return nil, fmt.Errorf("person %d: %w", id, err)
	}
	return s.identities(ctx, tx, id)
}

func (s *Store) eraseIdentities(ctx context.Context, tx *sql.Tx, ids []Identity) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	msgs, err := s.messagesOf(ctx, tx, authorIDs(ids))
	if err != nil {
		return 0, err
	}
	anon, err := s.anonymousAuthor(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		if err := s.forgetRollupTerms(ctx, tx, m.id); err != nil {
			return 0, err
		}
		if err := s.anonymiseMessage(ctx, tx, m, anon); err != nil {
			return 0, err
		}
	}
	if err := s.scrubMentions(ctx, tx, identifyingWords(ids)); err != nil {
		return 0, err
	}
	aids := authorIDs(ids)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM authors WHERE id IN (`+marks(len(aids))+`)`), aids...); err != nil {
		return 0, fmt.Errorf("delete identities: %w", err)
	}
	return len(msgs), nil
}

func (s *Store) messagesOf(ctx context.Context, tx *sql.Tx, authors []any) ([]erasedMessage, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, thread_id, channel, external_id FROM messages
		WHERE author_id IN (`+marks(len(authors))+`) ORDER BY id`), authors...)
	if err != nil {
		return nil, fmt.Errorf("messages to erase: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (erasedMessage, error) {
		var m erasedMessage
		return m, r.Scan(&m.id, &m.threadID, &m.channel, &m.externalID)
	})
}

// anonymousAuthor returns the id of the author erased messages point to,
// creating it once.
func (s *Store) anonymousAuthor(ctx context.Context, tx *sql.Tx) (int64, error) {
	now := time.Now().UnixMicro()
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO authors (channel, handle, name, followers, first_seen_at, last_seen_at)
		VALUES (?, ?, '', 0, ?, ?) ON CONFLICT (channel, handle) DO NOTHING`), erasedHandle, erasedHandle, now, now)
	if err != nil {
		return 0, fmt.Errorf("anonymous author: %w", err)
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM authors WHERE channel = ? AND handle = ?`), erasedHandle, erasedHandle).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("anonymous author: %w", err)
	}
	return id, nil
}

// anonymiseMessage replaces what identifies the author of a message; the
// full-text index follows the text (FTS5 trigger, PostgreSQL generated column).
func (s *Store) anonymiseMessage(ctx context.Context, tx *sql.Tx, m erasedMessage, anon int64) error {
	ext := fmt.Sprintf("erased:%d", m.id)
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE messages SET text = ?, url = '', external_id = ?, signals = '[]', author_id = ? WHERE id = ?`, []any{ErasedText, ext, anon, m.id}},
		{`UPDATE messages SET in_reply_to = ? WHERE in_reply_to = ? AND thread_id = ?`, []any{ext, m.externalID, m.threadID}},
		{`UPDATE threads SET root_external_id = ? WHERE id = ? AND root_external_id = ?`, []any{ext, m.threadID, m.externalID}},
		{`UPDATE incident_messages SET author = ?, followers = 0, terms = '[]' WHERE message_id = ?`, []any{erasedHandle, m.id}},
		{`UPDATE webhook_deliveries SET event_key = ?, payload = ? WHERE event_key = ?`,
			[]any{routedKey + ext, fmt.Sprintf(`{"id":%q,"type":%q,"erased":true}`, routedKey+ext, routedEvent), routedKey + m.channel + ":" + m.externalID}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, s.q(st.q), st.args...); err != nil {
			return fmt.Errorf("anonymise message %d: %w", m.id, err)
		}
	}
	return nil
}

// identifyingWords lists the handles and names of identities worth
// scrubbing (at least 3 characters, so a short name does not eat words).
func identifyingWords(ids []Identity) []string {
	var out []string
	for _, i := range ids {
		for _, w := range []string{i.Handle, strings.TrimLeft(i.Handle, "@"), i.Name} {
			if len([]rune(strings.TrimSpace(w))) >= 3 {
				out = append(out, strings.TrimSpace(w))
			}
		}
	}
	return out
}

// scrubbed lists the free-text columns where a person may be named.
var scrubbed = []struct{ table, column string }{
	{"messages", "text"}, {"replies", "body"}, {"notes", "body"}, {"incidents", "title"}, {"dead_letters", "payload"},
	{"webhook_deliveries", "payload"}, {"person_notes", "body"}, {"people", "bio"},
	{"cases", "response_body"}, {"cases", "error"},
}

// scrubMentions replaces the words (handles, names) in every scrubbed column.
func (s *Store) scrubMentions(ctx context.Context, tx *sql.Tx, words []string) error {
	if len(words) == 0 {
		return nil
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(`(?i)(` + strings.Join(quoted, "|") + `)`)
	for _, c := range scrubbed {
		for _, w := range words {
			if err := s.scrubColumn(ctx, tx, c.table, c.column, w, re); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Store) scrubColumn(ctx context.Context, tx *sql.Tx, table, column, word string, re *regexp.Regexp) error {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, `+column+` FROM `+table+` WHERE LOWER(`+column+`) LIKE ?`),
		"%"+strings.ToLower(word)+"%")
	if err != nil {
		return fmt.Errorf("scrub %s: %w", table, err)
	}
	type hit struct {
		id   any
		text string
	}
	hits, err := scanRows(rows, func(r *sql.Rows) (hit, error) {
		var h hit
		var id int64
		err := r.Scan(&id, &h.text)
		h.id = id
		return h, err
	})
	if err != nil {
		return fmt.Errorf("scrub %s: %w", table, err)
	}
	for _, h := range hits {
		clean := re.ReplaceAllString(h.text, ErasedText)
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE `+table+` SET `+column+` = ? WHERE id = ?`), clean, h.id); err != nil {
			return fmt.Errorf("scrub %s: %w", table, err)
		}
	}
	return nil
}

// compactIndex rewrites SQLite's full-text index so the deleted words leave
// its segments, not only its live view.
func (s *Store) compactIndex(ctx context.Context, tx *sql.Tx) error {
	if s.dialect != SQLite {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO messages_fts (messages_fts) VALUES ('optimize')`); err != nil {
		return fmt.Errorf("compact full-text index: %w", err)
	}
	return nil
}
