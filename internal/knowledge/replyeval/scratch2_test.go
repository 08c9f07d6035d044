package replyeval

import (
	"fmt"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

func TestScratchMiss(t *testing.T) {
	rows, _ := ReadFile("/work/shared/data/replies-cdp/dev.jsonl")
	brand := map[string]string{}
	uses := map[string]int{}
	for _, r := range rows {
		brand[r.DocID] = r.Brand
		uses[r.DocID]++
	}
	l := NewLibrary(rows, "en", false)
	ix := knowledge.NewIndex(knowledge.DefaultParams())
	for _, a := range l.Answers() {
		ix.Put(a)
	}
	wb, miss, k := 0, 0, 0
	for i := range rows {
		q := &rows[i]
		restore, _ := leaveOut(ix, l, q.DocID, i)
		if _, ok := ix.Get(q.DocID); ok {
			sugs := ix.Suggest(knowledge.Query{Text: q.Question(), Language: "en", Limit: 300})
			if len(sugs) > 0 && sugs[0].Answer.ID != q.DocID {
				miss++
				if brand[sugs[0].Answer.ID] != q.Brand {
					wb++
				}
				rank := 0
				for j, s := range sugs {
					if s.Answer.ID == q.DocID {
						rank = j + 1
					}
				}
				if k < 25 {
					k++
					fmt.Printf("Q[%s %s u=%d rank=%d] %.140q\n  top %s %s u=%d %v\n", q.Brand, q.DocID, uses[q.DocID], rank, q.Question(), sugs[0].Answer.ID, brand[sugs[0].Answer.ID], uses[sugs[0].Answer.ID], sugs[0].Matched)
				}
			}
		}
		restore()
	}
	fmt.Println("miss", miss, "wrong brand", wb)
}
