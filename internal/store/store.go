// Package store is Switchboard's one store over database/sql, for SQLite (the
// embedded default, pure Go) and PostgreSQL (for scale). Both dialects share the
// same queries; the few differences (placeholders, full-text search, migrations)
// live in dialect.go and the migrations folder.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite", pure Go
)

// ErrNotFound is returned when a row asked for by id or key does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule.
var ErrConflict = errors.New("already exists")

// Store reads and writes everything Switchboard keeps.
type Store struct {
	db      *sql.DB // writes (one connection on SQLite: one writer at a time)
	read    *sql.DB // reads (a pool; the same as db on PostgreSQL)
	dialect Dialect

	mu          sync.Mutex
	communities map[string]int64 // slug → id, communities are few and never renamed
	authors     authorCache
	// communityRules caches the community assignment rules (community_rule.go).
	communityRules ruleCache
	// rollupTerms extracts the terms the rollups count (person_erase_rollup.go).
	rollupTerms func(string) []string
}

// Open connects to the database named by url: a postgres:// URL selects
// PostgreSQL; an empty url selects SQLite in dataDir/switchboard.db. It does not
// migrate; call Migrate.
func Open(ctx context.Context, url, dataDir string) (*Store, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return openPostgres(ctx, url)
	}
	if url != "" && !strings.HasPrefix(url, "sqlite:") {
		return nil, fmt.Errorf("database url %q: want postgres://… or sqlite:PATH, or none for SQLite in the data directory", url)
	}
	path := strings.TrimPrefix(url, "sqlite:")
	if path == "" {
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
		path = filepath.Join(dataDir, "switchboard.db")
	}
	return openSQLite(ctx, path)
}

func newStore(db, read *sql.DB, d Dialect) *Store {
	return &Store{db: db, read: read, dialect: d, communities: map[string]int64{}}
}

func openPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return newStore(db, db, Postgres), nil
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	// WAL with synchronous=NORMAL: commits survive a process crash (and lose
	// at most the last ones on power loss). Page caches are bounded: 32 MB for
	// the writer, 8 MB for each of the 4 readers.
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)"
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate&"+pragmas+"&_pragma=cache_size(-32000)")
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", "file:"+path+"?mode=ro&"+pragmas+"&_pragma=cache_size(-8000)")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s for reading: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	return newStore(db, read, SQLite), nil
}

// Dialect tells which database the store talks to.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB gives the write connection pool, for benchmarks and tools that measure
// the database itself.
func (s *Store) DB() *sql.DB { return s.db }

// Close releases the connections.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.read != s.db {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
