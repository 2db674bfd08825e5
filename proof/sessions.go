package proof

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// Operator sessions live in the proof database, so that every server
// sharing it knows them: a session opened on one works on the others, and
// a logout on one ends it on all. A row holds the sha256 of the session's
// secret (the cookie's value), never the secret itself, so reading the
// table opens no session.

// sessionKey is the stored form of a session secret.
func sessionKey(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// OpenSession records a session: its secret and when it ends.
func (s *Store) OpenSession(ctx context.Context, secret string, now, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO operator_sessions (id, created_at, expires_at) VALUES ($1, $2, $3)",
		sessionKey(secret), now.Unix(), expires.Unix())
	return err
}

// SessionOpen reports whether the session of secret exists and has not
// expired at now.
func (s *Store) SessionOpen(ctx context.Context, secret string, now time.Time) (bool, error) {
	var expires int64
	err := s.db.QueryRowContext(ctx, "SELECT expires_at FROM operator_sessions WHERE id = $1",
		sessionKey(secret)).Scan(&expires)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return now.Unix() < expires, nil
}

// CloseSession ends the session of secret (a logout), on every server.
func (s *Store) CloseSession(ctx context.Context, secret string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM operator_sessions WHERE id = $1", sessionKey(secret))
	return err
}

// DeleteExpiredSessions forgets the sessions that ended before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM operator_sessions WHERE expires_at <= $1", now.Unix())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
