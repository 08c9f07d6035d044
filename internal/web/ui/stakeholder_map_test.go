package ui

import (
	"reflect"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestStakeholderLayoutIsDeterministicAndRinged(t *testing.T) {
	var leaders []store.Leader
	for i := 0; i < 20; i++ {
		l := store.Leader{Handle: string(rune('a' + i)), Messages: 1, Stance: float64(i%3 - 1)}
		l.AuthorID, l.Score = int64(i+1), float64(100-i*5)
		leaders = append(leaders, l)
	}
	ties := []store.Tie{{From: 2, To: 1, Count: 4}, {From: 3, To: 1, Count: 1}, {From: 99, To: 1, Count: 7}}
	a, b := layoutMap(leaders, ties), layoutMap(leaders, ties)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same data drew two different maps")
	}
	if n := a.Nodes[0]; n.X != mapSize/2 || n.Y != mapSize/2 || n.R != 20 || n.StrokeWidth != 4 {
		t.Errorf("first leader %+v: want the centre, radius 20, outlined", n)
	}
	if len(a.Links) != 2 || a.Links[0].Width != "3.0" {
		t.Errorf("links %+v: want 2 (the unknown person left out), the first 3.0 wide", a.Links)
	}
	if k, slot, slots := ring(7); k != 2 || slot != 0 || slots != 12 {
		t.Errorf("rank 8 on ring %d slot %d of %d, want ring 2 slot 0 of 12", k, slot, slots)
	}
	kinds := map[string]int{}
	for _, n := range a.Nodes {
		kinds[n.Fill]++
		if n.X < 0 || n.Y < 0 || n.X > mapSize || n.Y > mapSize {
			t.Errorf("%s drawn outside the map at %d,%d", n.Label, n.X, n.Y)
		}
	}
	if len(kinds) != 3 {
		t.Errorf("fills %v: want advocates, detractors and neutrals", kinds)
	}
}
