package proof

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func auditReport(id string, started time.Time, violations int) AuditReport {
	return AuditReport{ID: id, StartedAt: started, FinishedAt: started.Add(time.Minute), Site: "data.example.org",
		Pages: 20, PagesFailed: 1, Violations: violations, Warnings: 2, ExitCode: min(violations, 1),
		JSON: []byte(fmt.Sprintf(`{"schema":"cookie-consent-audit/1","id":%q}`, id))}
}

func TestAuditReportsAreStoredAndListedLatestFirst(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		require.NoError(t, s.AddAuditReport(ctx, auditReport("20261130T120000Z-a1", now.Add(-24*time.Hour), 3)))
		require.NoError(t, s.AddAuditReport(ctx, auditReport("20261201T120000Z-b2", now, 0)))
		assert.ErrorIs(t, s.AddAuditReport(ctx, auditReport("20261201T120000Z-b2", now, 5)), ErrAuditReportExists)

		list, err := s.AuditReports(ctx, 10)
		require.NoError(t, err)
		require.Len(t, list, 2)
		want := auditReport("20261201T120000Z-b2", now.Truncate(time.Second).UTC(), 0)
		want.JSON = nil
		assert.Equal(t, want, list[0], "the latest first, without its JSON")
		assert.Equal(t, "20261130T120000Z-a1", list[1].ID)
		assert.Equal(t, 3, list[1].Violations)

		list, err = s.AuditReports(ctx, 1)
		require.NoError(t, err)
		assert.Len(t, list, 1)

		r, ok, err := s.AuditReportByID(ctx, "20261130T120000Z-a1")
		require.NoError(t, err)
		require.True(t, ok)
		assert.JSONEq(t, `{"schema":"cookie-consent-audit/1","id":"20261130T120000Z-a1"}`, string(r.JSON))
		_, ok, err = s.AuditReportByID(ctx, "nope")
		require.NoError(t, err)
		assert.False(t, ok)
	})
}

func TestAuditReportsRefuseBadInput(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, r := range []AuditReport{
			auditReport("", now, 0),
			auditReport("../etc", now, 0),
			{ID: "empty", StartedAt: now},
		} {
			assert.ErrorIs(t, s.AddAuditReport(ctx, r), ErrBadAuditReport, r.ID)
		}
	})
}
