package proof

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
)

func TestIsDiskFull(t *testing.T) {
	assert.True(t, isDiskFull(fmt.Errorf("commit: %w", &pgconn.PgError{Code: "53100"})))
	assert.False(t, isDiskFull(&pgconn.PgError{Code: "23505"}))
	assert.False(t, isDiskFull(errors.New("disk full"))) // only the codes count
}
