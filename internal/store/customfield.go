package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The types of a custom field, as Chatwoot's custom attributes.
const (
	FieldText     = "text"
	FieldNumber   = "number"
	FieldDate     = "date" // YYYY-MM-DD
	FieldList     = "list" // one of the field's options
	FieldCheckbox = "checkbox"
)

// FieldTypes lists the types of custom field.
var FieldTypes = []string{FieldText, FieldNumber, FieldDate, FieldList, FieldCheckbox}

// CustomField is a field admins define for every person.
type CustomField struct {
	ID        int64     `json:"id"`
	Key       string    `json:"key"`
	Label     string    `json:"label"`
	Type      string    `json:"type"`
	Options   []string  `json:"options"` // the values a list field may take
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// FieldValue is one custom field's value for a person.
type FieldValue struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

var fieldKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Limits on custom fields.
const (
	maxFieldOptions   = 100
	maxFieldTextRunes = 1000
)

func checkField(f CustomField) error {
	switch {
	case !fieldKeyPattern.MatchString(f.Key):
		return fmt.Errorf("%w: key %q: a lower-case letter, then letters, digits or _, at most 40", ErrInvalidValue, f.Key)
	case strings.TrimSpace(f.Label) == "" || utf8.RuneCountInString(f.Label) > 100:
		return fmt.Errorf("%w: label: 1 to 100 characters", ErrInvalidValue)
	case !containsString(FieldTypes, f.Type):
		return fmt.Errorf("%w: type %q: want text, number, date, list or checkbox", ErrInvalidValue, f.Type)
	case f.Type == FieldList && (len(f.Options) == 0 || len(f.Options) > maxFieldOptions):
		return fmt.Errorf("%w: a list field needs 1 to %d options", ErrInvalidValue, maxFieldOptions)
	case f.Type != FieldList && len(f.Options) > 0:
		return fmt.Errorf("%w: only a list field has options", ErrInvalidValue)
	}
	seen := map[string]bool{}
	for _, o := range f.Options {
		if strings.TrimSpace(o) == "" || utf8.RuneCountInString(o) > 100 || seen[o] {
			return fmt.Errorf("%w: option %q: 1 to 100 characters, each once", ErrInvalidValue, o)
		}
		seen[o] = true
	}
	return nil
}

// CreateCustomField defines a field; a key already taken is ErrConflict.
func (s *Store) CreateCustomField(ctx context.Context, a Actor, f CustomField) (CustomField, error) {
	if err := checkField(f); err != nil {
		return CustomField{}, err
	}
	now := time.Now().UnixMicro()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM custom_fields WHERE key = ?`), f.Key).Scan(&n); err != nil {
			return fmt.Errorf("custom field %s: %w", f.Key, err)
		}
		if n > 0 {
			return fmt.Errorf("custom field %q: %w", f.Key, ErrConflict)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO custom_fields (key, label, type, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
			f.Key, strings.TrimSpace(f.Label), f.Type, jsonList(f.Options), now, now)
		if err != nil {
			return fmt.Errorf("custom field %s: %w", f.Key, err)
		}
		return s.audit(ctx, tx, a, "field.create", f.Key, map[string]string{"type": f.Type})
	})
	if err != nil {
		return CustomField{}, err
	}
	return s.CustomField(ctx, f.Key)
}

// UpdateCustomField changes a field's label and, for a list, its options
// (its key and type stay). Values no longer among the options are kept.
func (s *Store) UpdateCustomField(ctx context.Context, a Actor, f CustomField) (CustomField, error) {
	old, err := s.CustomField(ctx, f.Key)
	if err != nil {
		return CustomField{}, err
	}
	f.Type = old.Type
	if err := checkField(f); err != nil {
		return CustomField{}, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE custom_fields SET label = ?, options = ?, updated_at = ? WHERE key = ?`),
			strings.TrimSpace(f.Label), jsonList(f.Options), time.Now().UnixMicro(), f.Key)
		if err != nil {
			return fmt.Errorf("custom field %s: %w", f.Key, err)
		}
		return s.audit(ctx, tx, a, "field.update", f.Key, map[string]int{"options": len(f.Options)})
	})
	if err != nil {
		return CustomField{}, err
	}
	return s.CustomField(ctx, f.Key)
}

// DeleteCustomField deletes a field and every person's value of it.
func (s *Store) DeleteCustomField(ctx context.Context, a Actor, key string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM custom_fields WHERE key = ?`), key)
		if err != nil {
			return fmt.Errorf("delete custom field %s: %w", key, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("custom field %q: %w", key, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "field.delete", key, map[string]string{})
	})
}

const fieldColumns = `id, key, label, type, options, created_at, updated_at`

// CustomField returns the field with this key.
func (s *Store) CustomField(ctx context.Context, key string) (CustomField, error) {
	f, err := scanField(s.read.QueryRowContext(ctx, s.q(`SELECT `+fieldColumns+` FROM custom_fields WHERE key = ?`), key))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("custom field %q: %w", key, ErrNotFound)
	}
	return f, err
}

// CustomFields lists the fields by key.
func (s *Store) CustomFields(ctx context.Context) ([]CustomField, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+fieldColumns+` FROM custom_fields ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("custom fields: %w", err)
	}
	defer rows.Close()
	out := []CustomField{}
	for rows.Next() {
		f, err := scanField(rows)
		if err != nil {
			return nil, fmt.Errorf("custom fields: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func scanField(row interface{ Scan(...any) error }) (CustomField, error) {
	var f CustomField
	var opts string
	var created, updated int64
	if err := row.Scan(&f.ID, &f.Key, &f.Label, &f.Type, &opts, &created, &updated); err != nil {
		return f, err
	}
	f.Options, f.CreatedAt, f.UpdatedAt = parseList(opts), fromMicro(created), fromMicro(updated)
	return f, nil
}

// CheckValue validates a value for the field and gives it in its stored
// form: numbers in shortest decimal form, dates as YYYY-MM-DD, checkboxes as
// "true" or "false".
func (f CustomField) CheckValue(v string) (string, error) {
	bad := func(want string) (string, error) {
		return "", fmt.Errorf("%w: field %s (%s): %q is not %s", ErrInvalidValue, f.Key, f.Type, v, want)
	}
	switch f.Type {
	case FieldNumber:
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
			return bad("a number")
		}
		return strconv.FormatFloat(n, 'f', -1, 64), nil
	case FieldDate:
		d, err := time.Parse("2006-01-02", strings.TrimSpace(v))
		if err != nil {
			return bad("a date (YYYY-MM-DD)")
		}
		return d.Format("2006-01-02"), nil
	case FieldList:
		if !containsString(f.Options, v) {
			return bad("one of " + strings.Join(f.Options, ", "))
		}
		return v, nil
	case FieldCheckbox:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return bad("true or false")
		}
		return strconv.FormatBool(b), nil
	}
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxFieldTextRunes {
		return bad(fmt.Sprintf("a text of at most %d characters", maxFieldTextRunes))
	}
	return v, nil
}

// SetPersonFields sets a person's custom field values by key; an empty value
// removes it. Every value is checked first: one bad value changes nothing.
func (s *Store) SetPersonFields(ctx context.Context, a Actor, personID int64, values map[string]string) ([]FieldValue, error) {
	fields, err := s.CustomFields(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]CustomField{}
	for _, f := range fields {
		byKey[f.Key] = f
	}
	clean := map[int64]string{}
	for k, v := range values {
		f, ok := byKey[k]
		if !ok {
			return nil, fmt.Errorf("%w: no custom field %q", ErrInvalidValue, k)
		}
		if v == "" {
			clean[f.ID] = ""
			continue
		}
		if clean[f.ID], err = f.CheckValue(v); err != nil {
			return nil, err
		}
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.existingPerson(ctx, tx, personID); err != nil {
			return err
		}
		if err := s.writeFields(ctx, tx, personID, clean); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "person.fields", fmt.Sprint(personID), map[string]int{"fields": len(clean)})
	})
	if err != nil {
		return nil, err
	}
	return s.PersonFields(ctx, personID)
}

func (s *Store) writeFields(ctx context.Context, tx *sql.Tx, personID int64, values map[int64]string) error {
	now := time.Now().UnixMicro()
	for id, v := range values {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM person_fields WHERE person_id = ? AND field_id = ?`), personID, id); err != nil {
			return fmt.Errorf("fields of person %d: %w", personID, err)
		}
		if v == "" {
			continue
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO person_fields (person_id, field_id, value, updated_at) VALUES (?, ?, ?, ?)`), personID, id, v, now)
		if err != nil {
			return fmt.Errorf("fields of person %d: %w", personID, err)
		}
	}
	return nil
}

// PersonFields lists a person's custom field values, by key.
func (s *Store) PersonFields(ctx context.Context, personID int64) ([]FieldValue, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT f.key, f.label, f.type, v.value FROM person_fields v
		JOIN custom_fields f ON f.id = v.field_id WHERE v.person_id = ? ORDER BY f.key`), personID)
	if err != nil {
		return nil, fmt.Errorf("fields of person %d: %w", personID, err)
	}
	defer rows.Close()
	out := []FieldValue{}
	for rows.Next() {
		var v FieldValue
		if err := rows.Scan(&v.Key, &v.Label, &v.Type, &v.Value); err != nil {
			return nil, fmt.Errorf("fields of person %d: %w", personID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
