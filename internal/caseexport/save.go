package caseexport

import (
	"context"
	"errors"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Put checks a spec, seals its secret headers and stores it, creating or
// replacing the target of its name.
func (e *Exporter) Put(ctx context.Context, a store.Actor, s Spec) (View, error) {
	if err := s.Check(); err != nil {
		return View{}, err
	}
	old, err := e.Store.CaseTarget(ctx, s.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return View{}, err
	}
	rec, err := s.Record(e.Keys, old)
	if err != nil {
		return View{}, err
	}
	t, err := e.Store.PutCaseTarget(ctx, a, rec)
	if err != nil {
		return View{}, err
	}
	return e.ViewOf(t), nil
}
