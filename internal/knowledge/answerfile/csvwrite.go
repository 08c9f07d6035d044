package answerfile

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// WriteCSV writes a header and one answer per record, in Columns order.
func WriteCSV(w io.Writer, recs []knowledge.Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	for i := range recs {
		if err := cw.Write(csvRow(&recs[i])); err != nil {
			return fmt.Errorf("write answer %q: %w", recs[i].ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func csvRow(r *knowledge.Record) []string {
	classes := make([]string, len(r.Classes))
	for i, c := range r.Classes {
		classes[i] = string(c)
	}
	row := []string{r.ID, string(r.Kind), string(r.State), r.Language, r.Title, r.Body,
		formatList(r.Communities), formatList(classes), formatList(r.Departments), formatList(r.Tags),
		formatList(r.Examples), r.Owner, formatTime(r.ExpiresAt), strconv.Itoa(r.Uses),
		strconv.Itoa(r.Version), formatTime(r.UpdatedAt)}
	for i := range row {
		row[i] = escapeCell(row[i])
	}
	return row
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
