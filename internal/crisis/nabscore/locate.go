package nabscore

import (
	"fmt"
	"sort"
	"time"
)

// locate maps each window to the rows it covers: from the first row at or
// after its start to the last row at or before its end, scanning forward so
// that windows never share rows. Rows must be in time order.
func locate(rows []time.Time, windows []Window) ([]span, error) {
	ws := append([]Window(nil), windows...)
	sort.Slice(ws, func(a, b int) bool { return ws[a].Start.Before(ws[b].Start) })
	spans := make([]span, 0, len(ws))
	pos := 0
	for _, w := range ws {
		lo := pos
		for lo < len(rows) && rows[lo].Before(w.Start) {
			lo++
		}
		if lo == len(rows) || rows[lo].After(w.End) {
			return nil, fmt.Errorf("window %s..%s covers no rows", w.Start, w.End)
		}
		hi := lo
		for hi+1 < len(rows) && !rows[hi+1].After(w.End) {
			hi++
		}
		spans = append(spans, span{lo, hi})
		pos = hi + 1
	}
	return spans, nil
}
