package proof

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationFiles are the schema's versioned migrations,
// migrations/NNNN_what.sql, applied in order at start. A migration is never
// edited once released: a change is a new file with the next number. Each is
// written in the SQL that SQLite and PostgreSQL share, statements separated
// by a ";" at the end of a line.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one file of migrations/.
type migration struct {
	version int
	name    string
	sql     string
}

var migrationName = regexp.MustCompile(`^([0-9]{4})_[a-z0-9_]+\.sql$`)

// loadMigrations reads migrations/ and checks that the versions run 1, 2,
// 3, ... without a gap or a duplicate.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migrations/%s: not named NNNN_what.sql", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		data, err := fs.ReadFile(fsys, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations/%s: expected version %04d", m.name, i+1)
		}
	}
	return out, nil
}

// statements splits a migration into statements: each ends with ";" at the
// end of a line; "--" comment lines are dropped.
func statements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// migrate brings the schema to the latest version, one transaction per
// migration, and records each in schema_migrations. A database whose
// version is newer than this server knows is refused: an older binary must
// not write into a schema it does not understand.
func migrate(ctx context.Context, db *sql.DB, d dialect, ms []migration, now time.Time) (applied int, err error) {
	if err := createMigrationsTable(ctx, db, d); err != nil {
		return 0, fmt.Errorf("creating schema_migrations: %w", err)
	}
	for {
		done, err := migrateOne(ctx, db, d, ms, now)
		if err != nil || done {
			return applied, err
		}
		applied++
	}
}

// createMigrationsTable creates schema_migrations unless it exists, under
// the migration lock: on PostgreSQL, two CREATE TABLE IF NOT EXISTS of the
// same table at the same instant collide (a unique violation in pg_type),
// as two servers starting together on a new database would.
func createMigrationsTable(ctx context.Context, db *sql.DB, d dialect) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, d.lockMigrations); err != nil {
			return fmt.Errorf("locking the migrations: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at BIGINT  NOT NULL
)`); err != nil {
		return err
	}
	return tx.Commit()
}

// migrateOne applies the next pending migration, if any, in a transaction
// that first takes the migration lock. It reports done when none is left.
func migrateOne(ctx context.Context, db *sql.DB, d dialect, ms []migration, now time.Time) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, d.lockMigrations); err != nil {
			return false, fmt.Errorf("locking the migrations: %w", err)
		}
	}
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return false, fmt.Errorf("reading the schema version: %w", err)
	}
	if current > len(ms) {
		return false, fmt.Errorf("the database's schema is version %d, newer than this server's %d: run a newer server", current, len(ms))
	}
	if current == len(ms) {
		return true, tx.Rollback()
	}
	m := ms[current]
	for _, stmt := range statements(m.sql) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
		m.version, m.name, now.Unix()); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.name, err)
	}
	return false, nil
}
