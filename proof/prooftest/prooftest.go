// Package prooftest gives tests the databases to run the proof store on:
// an SQLite file always, and PostgreSQL when CONSENT_TEST_POSTGRES holds a
// DSN (.ci/run starts a throwaway cluster and sets it). With
// CI_REQUIRE_POSTGRES=1 a missing DSN fails the test instead of leaving
// PostgreSQL untested.
package prooftest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// Environment variables read here.
const (
	PostgresEnv        = "CONSENT_TEST_POSTGRES"
	RequirePostgresEnv = "CI_REQUIRE_POSTGRES"
)

// Database is one place a test can open a store: Name is "sqlite" or
// "postgres", DSN what -proof-db takes.
type Database struct {
	Name string
	DSN  string
}

// Databases returns a fresh, empty database of each kind available: a new
// SQLite file in t.TempDir(), and on PostgreSQL a new schema (dropped when
// the test ends) selected through the DSN's search_path.
func Databases(t testing.TB) []Database {
	t.Helper()
	dbs := []Database{{Name: "sqlite", DSN: filepath.Join(t.TempDir(), "proof.db")}}
	if dsn, ok := Postgres(t); ok {
		dbs = append(dbs, Database{Name: "postgres", DSN: dsn})
	}
	return dbs
}

// Postgres returns the DSN of a fresh PostgreSQL schema, or false when no
// PostgreSQL is configured (a failure if one is required).
func Postgres(t testing.TB) (string, bool) {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv(RequirePostgresEnv) == "1" {
			t.Fatalf("%s=1 but %s is not set: PostgreSQL must be tested here", RequirePostgresEnv, PostgresEnv)
		}
		return "", false
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = db.Close()
		t.Fatalf("%s: creating a schema: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = db.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		_ = db.Close()
	})
	return WithSearchPath(base, schema), true
}

// WithSearchPath adds search_path=schema to a postgres:// URL: pgx sends
// unknown URL parameters to the server as run-time settings.
func WithSearchPath(dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
