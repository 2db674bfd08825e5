package proof

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// Codes of a full disk: SQLite's primary result code SQLITE_FULL, and
// PostgreSQL's SQLSTATE disk_full.
const (
	sqliteFull       = 13
	postgresDiskFull = "53100"
)

// isDiskFull reports whether a database error says its disk is full, so
// that the server can tell the client so (507) rather than "an error".
func isDiskFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqliteFull
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == postgresDiskFull
}
