package proof

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// AuditReport is one stored report of the cookie audit (internal/audit):
// the counts the operator pages list, and the JSON report itself, which
// this package keeps without reading it.
type AuditReport struct {
	// ID names the report in URLs: letters, digits, "-" and "_".
	ID         string
	StartedAt  time.Time
	FinishedAt time.Time
	// Site is the audited host, as the report names it.
	Site        string
	Pages       int
	PagesFailed int
	Violations  int
	Warnings    int
	// ExitCode is the audit command's exit status: 0 compliant, 1
	// violations, 2 incomplete.
	ExitCode int
	// JSON is the report; empty in the lists of AuditReports.
	JSON []byte
}

// Errors of the audit reports.
var (
	ErrBadAuditReport = errors.New("proof: bad audit report")
	// ErrAuditReportExists: a report with this id is already stored.
	ErrAuditReportExists = errors.New("proof: an audit report with this id exists")
)

// MaxAuditReportBytes bounds a stored report: one of a few hundred pages
// is a few MB.
const MaxAuditReportBytes = 32 << 20

var auditReportID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// AddAuditReport stores a report. Reports are rare (one per audit run), so
// they are written at once rather than through the batching writer.
func (s *Store) AddAuditReport(ctx context.Context, r AuditReport) error {
	switch {
	case !auditReportID.MatchString(r.ID):
		return fmt.Errorf("%w: id %q", ErrBadAuditReport, r.ID)
	case len(r.JSON) == 0 || len(r.JSON) > MaxAuditReportBytes:
		return fmt.Errorf("%w: %d bytes of JSON", ErrBadAuditReport, len(r.JSON))
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO audit_reports
(id, started_at, finished_at, site, pages, pages_failed, violations, warnings, exit_code, report)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
		r.ID, r.StartedAt.Unix(), r.FinishedAt.Unix(), r.Site, r.Pages, r.PagesFailed, r.Violations, r.Warnings, r.ExitCode, string(r.JSON))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrAuditReportExists
	}
	return nil
}

const auditColumns = "id, started_at, finished_at, site, pages, pages_failed, violations, warnings, exit_code"

// AuditReports returns the latest reports first, at most limit, without
// their JSON.
func (s *Store) AuditReports(ctx context.Context, limit int) ([]AuditReport, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_reports ORDER BY started_at DESC, id DESC LIMIT $1", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditReport
	for rows.Next() {
		r, err := scanAudit(rows.Scan, false)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AuditReportByID returns one report with its JSON; ok is false when none
// has this id.
func (s *Store) AuditReportByID(ctx context.Context, id string) (r AuditReport, ok bool, err error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+auditColumns+", report FROM audit_reports WHERE id = $1", id)
	r, err = scanAudit(row.Scan, true)
	if errors.Is(err, sql.ErrNoRows) {
		return AuditReport{}, false, nil
	}
	return r, err == nil, err
}

func scanAudit(scan func(...any) error, withJSON bool) (AuditReport, error) {
	var r AuditReport
	var started, finished int64
	dest := []any{&r.ID, &started, &finished, &r.Site, &r.Pages, &r.PagesFailed, &r.Violations, &r.Warnings, &r.ExitCode}
	var report string
	if withJSON {
		dest = append(dest, &report)
	}
	if err := scan(dest...); err != nil {
		return AuditReport{}, err
	}
	r.StartedAt, r.FinishedAt = time.Unix(started, 0).UTC(), time.Unix(finished, 0).UTC()
	if withJSON {
		r.JSON = []byte(report)
	}
	return r, nil
}
