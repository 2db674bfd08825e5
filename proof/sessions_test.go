package proof

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOperatorSessions(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		open := func(secret string, at time.Time) bool {
			ok, err := s.SessionOpen(ctx, secret, at)
			require.NoError(t, err)
			return ok
		}
		require.NoError(t, s.OpenSession(ctx, "secret-a", now, now.Add(time.Hour)))
		require.NoError(t, s.OpenSession(ctx, "secret-b", now, now.Add(2*time.Hour)))
		assert.True(t, open("secret-a", now))
		assert.False(t, open("secret-c", now), "unknown")
		assert.False(t, open("secret-a", now.Add(time.Hour)), "expired")

		var stored string
		require.NoError(t, s.db.QueryRowContext(ctx, "SELECT id FROM operator_sessions WHERE expires_at = $1", now.Add(time.Hour).Unix()).Scan(&stored))
		assert.NotContains(t, stored, "secret", "only a hash of the secret is stored")
		assert.False(t, open(stored, now), "the stored value opens nothing")

		require.NoError(t, s.CloseSession(ctx, "secret-b"))
		assert.False(t, open("secret-b", now), "logged out")
		assert.True(t, open("secret-a", now))

		n, err := s.DeleteExpiredSessions(ctx, now.Add(time.Hour))
		require.NoError(t, err)
		assert.EqualValues(t, 1, n)
	})
}
