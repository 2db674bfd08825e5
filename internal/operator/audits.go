package operator

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/opendata-portals/cookie-consent/internal/audit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
	"github.com/opendata-portals/cookie-consent/proof"
)

// The reports of `cookie-consent audit -proof-db` (docs/audit.md):
//
//	/operator/audits             the latest reports, newest first
//	/operator/audits/ID          one report, as the audit's own HTML page
//	/operator/audits/ID.json     the same, as the JSON report
//
// The overview shows the latest one.

// maxAuditsListed bounds the list: audits run once a day or per deployment.
const maxAuditsListed = 200

// auditCSP allows the report's one stylesheet and nothing else, as
// operatorCSP does for the pages.
var auditCSP = "default-src 'none'; style-src " + respond.CSPHash([]byte(audit.StyleSheet())) +
	"; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// auditRow is one report in the list and on the overview.
type auditRow struct {
	ID, Started, Site, Verdict                     string
	Failed                                         bool
	Pages, PagesFailed, Violations, Warnings, Exit int
}

// auditRowOf is one report's row, its verdict in lang.
func auditRowOf(r proof.AuditReport, lang string) auditRow {
	row := auditRow{ID: r.ID, Started: r.StartedAt.UTC().Format("2006-01-02 15:04 MST"), Site: r.Site,
		Pages: r.Pages, PagesFailed: r.PagesFailed, Violations: r.Violations, Warnings: r.Warnings, Exit: r.ExitCode}
	switch r.ExitCode {
	case audit.ExitClean:
		row.Verdict = tr(lang, "verdict.clean")
	case audit.ExitViolation:
		row.Verdict, row.Failed = tr(lang, "verdict.violation"), true
	default:
		row.Verdict, row.Failed = tr(lang, "verdict.incomplete"), true
	}
	return row
}

type auditsPage struct {
	page
	Audits []auditRow
}

// serveAudits lists the stored reports.
func (p *Pages) serveAudits(w http.ResponseWriter, r *http.Request) {
	list, err := p.store.AuditReports(r.Context(), maxAuditsListed)
	if err != nil {
		p.logf("proof: listing audit reports: %v", err)
		respond.Plain(w, http.StatusInternalServerError, "500 the audit reports could not be read")
		return
	}
	data := auditsPage{page: newPage(r, "audits")}
	for _, a := range list {
		data.Audits = append(data.Audits, auditRowOf(a, data.Lang))
	}
	render(w, http.StatusOK, "audits", data)
}

// latestAudit is the overview's line about the latest audit; nil when
// there is none or it cannot be read (the counts still show).
func (p *Pages) latestAudit(r *http.Request) *auditRow {
	list, err := p.store.AuditReports(r.Context(), 1)
	if err != nil {
		p.logf("proof: the latest audit report: %v", err)
		return nil
	}
	if len(list) == 0 {
		return nil
	}
	lang, _ := pageLang(r)
	row := auditRowOf(list[0], lang)
	return &row
}

// serveAuditReport shows one stored report: its JSON as stored, or its
// HTML page in the report's language (?lang=fr or en to choose).
func (p *Pages) serveAuditReport(w http.ResponseWriter, r *http.Request, name string) {
	id, asJSON := strings.CutSuffix(name, ".json")
	stored, ok, err := p.store.AuditReportByID(r.Context(), id)
	if err != nil {
		p.logf("proof: reading audit report %s: %v", respond.Clip(id), err)
		respond.Plain(w, http.StatusInternalServerError, "500 the audit report could not be read")
		return
	}
	if !ok {
		respond.Plain(w, http.StatusNotFound, "404 no audit report "+respond.Clip(id))
		return
	}
	if asJSON {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="cookie-audit-%s.json"`, id))
		_, _ = w.Write(stored.JSON)
		return
	}
	report, err := audit.ParseReport(stored.JSON)
	if err != nil {
		p.logf("proof: audit report %s: %v", id, err)
		respond.Plain(w, http.StatusInternalServerError, "500 "+err.Error())
		return
	}
	var b bytes.Buffer
	if err := report.WriteHTML(&b, r.URL.Query().Get("lang")); err != nil {
		respond.Plain(w, http.StatusInternalServerError, "500 "+err.Error())
		return
	}
	w.Header().Set("Content-Security-Policy", auditCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}
