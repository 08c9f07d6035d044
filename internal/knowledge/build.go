package knowledge

import (
	"math"
	"strings"
)

// analyze turns an answer into an entry ready to insert: each term's
// frequency per field and the fields' lengths. It reads nothing of the index
// but its analyzer and parameters, so it runs without the lock.
func (ix *Index) analyze(a Answer) *entry {
	e := &entry{a: a, terms: map[string][numFields]uint16{}}
	for f, text := range ix.fieldTexts(&a) {
		for _, t := range ix.an.Analyze(text, a.Language) {
			c := e.terms[t.Term]
			if c[f] < 1<<16-1 {
				c[f]++
			}
			e.terms[t.Term] = c
			e.lens[f]++
		}
	}
	return e
}

// fieldTexts returns the text of each field of a; the plain baseline puts
// everything in the body.
func (ix *Index) fieldTexts(a *Answer) [numFields]string {
	title := strings.TrimSpace(a.Title + " " + strings.Join(a.Tags, " "))
	body := stripVars(a.Body)
	examples := strings.Join(a.Examples, "\n")
	if ix.p.Plain {
		return [numFields]string{fieldBody: title + "\n" + body + "\n" + examples}
	}
	return [numFields]string{title, body, examples}
}

// stripVars blanks the {{variables}} of a body so their names are not indexed.
func stripVars(body string) string {
	if !strings.Contains(body, "{{") {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); {
		if _, end, ok := placeholderAt(body, i); ok {
			b.WriteByte(' ')
			i = end
			continue
		}
		b.WriteByte(body[i])
		i++
	}
	return b.String()
}

// insert adds e's postings; the caller holds the write lock and has removed
// any answer with the same id.
func (ix *Index) insert(e *entry) {
	slot := ix.takeSlot(e)
	for t, tf := range e.terms {
		ix.post[t] = append(ix.post[t], posting{doc: slot, tf: tf})
	}
	for f := range e.lens {
		ix.total[f] += e.lens[f]
	}
	ix.live++
	ix.gen++
}

// takeSlot stores e in a free slot, or a new one, and maps its id to it.
func (ix *Index) takeSlot(e *entry) int32 {
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
	} else {
		slot = int32(len(ix.docs))
		ix.docs = append(ix.docs, nil)
		ix.lens = append(ix.lens, [numFields]float64{})
		ix.prior = append(ix.prior, 0)
	}
	ix.docs[slot], ix.lens[slot] = e, e.lens
	ix.prior[slot] = ix.p.UseWeight * math.Log1p(float64(e.a.Uses))
	ix.byID[e.a.ID] = slot
	return slot
}

// remove drops the answer with id and its postings; the caller holds the
// write lock.
func (ix *Index) remove(id string) bool {
	slot, ok := ix.byID[id]
	if !ok {
		return false
	}
	e := ix.docs[slot]
	for t := range e.terms {
		ix.post[t] = dropPosting(ix.post[t], slot)
		if len(ix.post[t]) == 0 {
			delete(ix.post, t)
		}
	}
	for f := range e.lens {
		ix.total[f] -= e.lens[f]
	}
	ix.live--
	ix.gen++
	ix.docs[slot] = nil
	ix.free = append(ix.free, slot)
	delete(ix.byID, id)
	return true
}

// dropPosting removes doc's posting from list, keeping the order of the rest.
func dropPosting(list []posting, doc int32) []posting {
	for i := range list {
		if list[i].doc == doc {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}
