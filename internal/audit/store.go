//go:build !js

package audit

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/opendata-portals/cookie-consent/proof"
)

// openProofStore opens the proof database (-proof-db, the server's DSN
// syntax) and returns what stores a report in it, for the operator pages to
// list.
func openProofStore(ctx context.Context, dsn string) (store func(*Report) error, closeDB func(), err error) {
	s, err := proof.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	return func(r *Report) error { return Store(ctx, s, r) }, func() { _ = s.Close() }, nil
}

// Store saves the report in the proof database under its ID (given one
// when it has none).
func Store(ctx context.Context, s *proof.Store, r *Report) error {
	if r.ID == "" {
		r.ID = newReportID(r)
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		return err
	}
	return s.AddAuditReport(ctx, proof.AuditReport{
		ID: r.ID, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, Site: siteOf(r.Start),
		Pages: r.Summary.Pages, PagesFailed: r.Summary.PagesFailed, Violations: r.Summary.Violations, Warnings: r.Summary.Warnings,
		ExitCode: r.ExitCode(), JSON: buf.Bytes(),
	})
}

// newReportID is the start time, readable and sorted, and a random suffix
// for two audits started in the same second.
func newReportID(r *Report) string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return r.StartedAt.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

// ParseReport reads a JSON report back, as the operator pages do with a
// stored one.
func ParseReport(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("audit: reading a report: %w", err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("audit: a report of schema %q, not %q", r.Schema, Schema)
	}
	return &r, nil
}
