package proof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"               // registers "sqlite", pure Go (no cgo)
)

// dialect is what differs between the two databases; the SQL of the store
// itself is the same on both ($1 placeholders, ON CONFLICT DO NOTHING,
// integer arithmetic).
type dialect struct {
	name   string // "sqlite" or "postgres"
	driver string
	// lockMigrations runs first in the migration transaction, so that two
	// servers starting together on one database migrate one after the other.
	lockMigrations string
	// check verifies the database's integrity (crash tests, -proof-check).
	check func(ctx context.Context, db *sql.DB) error
}

var (
	sqliteDialect = dialect{
		name:   "sqlite",
		driver: "sqlite",
		// The connection's transactions are BEGIN IMMEDIATE (see sqliteDSN):
		// the first statement already holds the write lock.
		lockMigrations: "",
		check:          sqliteIntegrity,
	}
	postgresDialect = dialect{
		name:           "postgres",
		driver:         "pgx",
		lockMigrations: "SELECT pg_advisory_xact_lock(7305001)", // an arbitrary key of ours
		check:          func(ctx context.Context, db *sql.DB) error { return db.PingContext(ctx) },
	}
)

// IsPostgresURL reports whether a -proof-db value names a PostgreSQL
// database rather than an SQLite file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openDB opens the database a -proof-db value names: a postgres:// URL, or
// the path of an SQLite file (created if missing, readable by its owner
// only).
func openDB(dsn string) (*sql.DB, dialect, error) {
	if IsPostgresURL(dsn) {
		db, err := sql.Open(postgresDialect.driver, dsn)
		if err != nil {
			return nil, dialect{}, fmt.Errorf("proof database: %w", err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		return db, postgresDialect, nil
	}
	if dsn == "" {
		return nil, dialect{}, errors.New("proof database: no file or URL given")
	}
	if strings.ContainsAny(dsn, "?#") || strings.HasPrefix(dsn, "file:") {
		return nil, dialect{}, fmt.Errorf("proof database: %q: give a plain file path (no file: URI, no ? or #), or a postgres:// URL", dsn)
	}
	if err := createPrivate(dsn); err != nil {
		return nil, dialect{}, fmt.Errorf("proof database: %w", err)
	}
	db, err := sql.Open(sqliteDialect.driver, sqliteDSN(dsn))
	if err != nil {
		return nil, dialect{}, fmt.Errorf("proof database: %w", err)
	}
	// WAL lets readers (operator pages) run beside the one writer; more
	// connections than that only queue on SQLite's lock.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	return db, sqliteDialect, nil
}

// sqliteDSN is the modernc.org/sqlite DSN of a file, with the pragmas every
// connection needs:
//   - journal_mode WAL: a crash never corrupts the file, readers do not
//     block the writer;
//   - synchronous FULL: the WAL is fsynced at every commit, so a choice the
//     server acknowledged survives a crash of the process and of the
//     machine (NORMAL would only survive the process);
//   - busy_timeout: a connection waits for the lock instead of failing;
//   - _txlock=immediate: transactions take the write lock at BEGIN, so two
//     of them never deadlock upgrading a read lock.
func sqliteDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate" // 10000 ms: sqliteBusyWait
}

// createPrivate creates the SQLite file with mode 0600 when it does not
// exist, so that SQLite does not create it world-readable.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// sqliteIntegrity runs PRAGMA integrity_check, which reads every page.
func sqliteIntegrity(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// sqliteReady opens a first connection to the file, which puts it in WAL
// mode, and checks that it is. Servers starting together on a new file
// each switch it to WAL, which takes its lock whatever busy_timeout says:
// all but one may then fail at once with SQLITE_BUSY. It tries again for
// as long as busy_timeout would have waited.
func sqliteReady(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(sqliteBusyWait)
	for {
		err := db.PingContext(ctx)
		if err == nil {
			err = checkWAL(ctx, db)
		}
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sqliteBusyWait is how long a connection waits for SQLite's lock: the
// DSN's busy_timeout.
const sqliteBusyWait = 10 * time.Second

// isBusy reports whether err is SQLite's SQLITE_BUSY: the file is locked.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqliteBusy
}

// sqliteBusy is SQLite's primary result code SQLITE_BUSY.
const sqliteBusy = 5

// checkWAL makes sure the file really is in WAL mode: some file systems
// (network mounts) refuse it, and the durability argument depends on it.
func checkWAL(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal_mode is %q, not WAL (a network file system?)", mode)
	}
	return nil
}
