//go:build !js

package audit

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/proof"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

func TestReportsAreStoredInTheProofDatabase(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			s, err := proof.Open(ctx, db.DSN)
			require.NoError(t, err)
			defer s.Close()
			r := sampleReport(t)
			require.NoError(t, Store(ctx, s, r))
			require.Regexp(t, `^20261201T120000Z-[0-9a-f]{6}$`, r.ID)

			list, err := s.AuditReports(ctx, 10)
			require.NoError(t, err)
			require.Len(t, list, 1)
			require.Equal(t, proof.AuditReport{ID: r.ID, StartedAt: at, FinishedAt: at, Site: "data.example.org",
				Pages: 1, PagesFailed: 1, Violations: 2, ExitCode: ExitViolation}, list[0])

			stored, ok, err := s.AuditReportByID(ctx, r.ID)
			require.NoError(t, err)
			require.True(t, ok)
			back, err := ParseReport(stored.JSON)
			require.NoError(t, err)
			require.Equal(t, r.Findings, back.Findings)
			require.Equal(t, r.ID, back.ID)
		})
	}
}

func TestParseReportRefusesOtherSchemas(t *testing.T) {
	_, err := ParseReport([]byte(`{"schema":"cookie-consent-audit/9"}`))
	require.ErrorContains(t, err, `a report of schema "cookie-consent-audit/9"`)
	_, err = ParseReport([]byte(`not json`))
	require.ErrorContains(t, err, "audit: reading a report")
}
