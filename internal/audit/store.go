//go:build !js

package audit

import (
	"context"
	"errors"
)

// openProofStore opens the proof database to store reports in.
func openProofStore(ctx context.Context, dsn string) (func(*Report) error, func(), error) {
	return nil, nil, errors.New("not implemented yet")
}
