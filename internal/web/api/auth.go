package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Principal is who is calling: a token, perhaps on behalf of a user.
type Principal struct {
	Role        access.Role
	UserID      int64
	TokenID     int64
	Name        string
	Departments []string // the user's departments
}

type principalKey struct{}

func principalOf(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// actor is the audit log's name for the caller.
func (p Principal) actor() store.Actor { return store.Actor{UserID: p.UserID, Name: p.Name} }

// scope is the list of departments the caller may see: nil for all.
func (p Principal) scope() []string {
	if p.Role.SeesAllDepartments() {
		return nil
	}
	if p.Departments == nil {
		return []string{}
	}
	return p.Departments
}

// sees reports whether the caller may see a message of this department.
func (p Principal) sees(department string) bool {
	sc := p.scope()
	return sc == nil || slices.Contains(sc, department)
}

// allow authenticates the bearer token and checks the permission before h.
func (s *Server) allow(perm access.Permission, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="switchboard"`)
			writeError(w, http.StatusUnauthorized, err.Error())
			return
		}
		if !p.Role.Can(perm) {
			writeError(w, http.StatusForbidden, "role "+string(p.Role)+" may not "+string(perm))
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

var errNoToken = errors.New("missing bearer token: send Authorization: Bearer <token> (switchboard token create)")

func (s *Server) authenticate(r *http.Request) (Principal, error) {
	h := r.Header.Get("Authorization")
	plain, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || plain == "" {
		return Principal{}, errNoToken
	}
	t, err := s.Store.TokenByHash(r.Context(), access.HashToken(strings.TrimSpace(plain)))
	if err != nil {
		return Principal{}, errors.New("invalid or revoked token")
	}
	role, err := access.ParseRole(t.Role)
	if err != nil {
		return Principal{}, errors.New("token has an unknown role")
	}
	p := Principal{Role: role, TokenID: t.ID, Name: "token:" + t.Name}
	if t.UserID != 0 {
		u, err := s.Store.UserByID(r.Context(), t.UserID)
		if err != nil || u.Disabled {
			return Principal{}, errors.New("the token's user is disabled or gone")
		}
		p.UserID, p.Departments, p.Name = u.ID, u.Departments, "user:"+u.Email
	}
	s.touch(r.Context(), t.ID)
	return p, nil
}

// touch records a token's use at most once a minute, to spare the writer.
func (s *Server) touch(ctx context.Context, id int64) {
	s.touchMu.Lock()
	if s.touched == nil {
		s.touched = map[int64]time.Time{}
	}
	last := s.touched[id]
	now := time.Now()
	if now.Sub(last) < time.Minute {
		s.touchMu.Unlock()
		return
	}
	s.touched[id] = now
	s.touchMu.Unlock()
	if err := s.Store.TouchToken(ctx, id); err != nil {
		s.Log.Warn("record token use", "err", err)
	}
}
