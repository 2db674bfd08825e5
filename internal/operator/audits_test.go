package operator

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/audit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
)

// storeAudit stores a report of one page with the given findings, started
// at the given time, as `audit -proof-db` does.
func storeAudit(t *testing.T, pt *pagesTest, started time.Time, findings ...audit.Finding) *audit.Report {
	t.Helper()
	r := &audit.Report{Schema: audit.Schema, StartedAt: started, FinishedAt: started.Add(time.Minute), Lang: "fr",
		Start: []string{testOrigin + "/"}, Complete: true, Findings: findings,
		Pages: []audit.Page{{URL: testOrigin + "/", Observations: []audit.Observation{}}}}
	r.Summary = audit.Summary{Pages: 1}
	for _, f := range findings {
		if f.Severity == audit.Violation {
			r.Summary.Violations++
		} else {
			r.Summary.Warnings++
		}
	}
	require.NoError(t, audit.Store(context.Background(), pt.store, r))
	return r
}

func TestOperatorAuditsListAndShowTheStoredReports(t *testing.T) {
	eachDB(t, func(t *testing.T, pt *pagesTest) {
		resp := pt.do(t, "GET", "/operator/audits", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, string(body(t, resp)), "No audit stored yet")
		resp = pt.do(t, "GET", "/operator/", "", bearer)
		assert.Contains(t, string(body(t, resp)), "No audit stored yet")

		old := storeAudit(t, pt, testNow.Add(-48*time.Hour), audit.Finding{Kind: audit.KindNoWithdrawalLink, Severity: audit.Violation,
			Rule: audit.RuleWithdrawal, Message: "no link", Sightings: []audit.Sighting{{Page: testOrigin + "/", Visitor: audit.NoChoice}}})
		latest := storeAudit(t, pt, testNow.Add(-time.Hour))

		resp = pt.do(t, "GET", "/operator/audits", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		html := string(body(t, resp))
		assert.Less(t, strings.Index(html, latest.ID), strings.Index(html, old.ID), "latest first")
		assert.Contains(t, html, `<td class="error">Not compliant</td><td class="n">1</td>`)
		assert.Contains(t, html, `<td>Compliant</td><td class="n">0</td>`)
		assert.Contains(t, html, `href="/operator/audits/`+old.ID+`.json"`)
		assert.NotContains(t, html, "<script")

		// The overview shows the latest.
		resp = pt.do(t, "GET", "/operator/", "", bearer)
		html = string(body(t, resp))
		assert.Contains(t, html, `<p id="latest-audit"><strong>Compliant</strong>: 0 violation(s), 0 warning(s) on 1 page(s) of data.example.org, 2026-11-30 11:00 UTC.`)
		assert.Contains(t, html, `href="/operator/audits/`+latest.ID+`"`)

		// One report, as the audit's own page, allowed by its CSP.
		resp = pt.do(t, "GET", "/operator/audits/"+old.ID, "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		page := string(body(t, resp))
		assert.Contains(t, page, "Non conforme : 1 violation(s)")
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), respond.CSPHash([]byte(audit.StyleSheet())))
		assert.Contains(t, page, "<style>"+audit.StyleSheet()+"</style>", "the very stylesheet the CSP allows")
		resp = pt.do(t, "GET", "/operator/audits/"+old.ID+"?lang=en", "", bearer)
		assert.Contains(t, string(body(t, resp)), "Not compliant: 1 violation(s)")

		resp = pt.do(t, "GET", "/operator/audits/"+old.ID+".json", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		var want bytes.Buffer
		require.NoError(t, old.WriteJSON(&want))
		assert.JSONEq(t, want.String(), string(body(t, resp)))

		resp = pt.do(t, "GET", "/operator/audits/nope", "", bearer)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
}

func TestOperatorAuditsNeedTheOperator(t *testing.T) {
	eachDB(t, func(t *testing.T, pt *pagesTest) {
		r := storeAudit(t, pt, testNow)
		for _, path := range []string{"/operator/audits", "/operator/audits/" + r.ID, "/operator/audits/" + r.ID + ".json"} {
			resp := pt.do(t, "GET", path, "", nil)
			assert.Equal(t, http.StatusSeeOther, resp.StatusCode, path)
			assert.Equal(t, "/operator/login", resp.Header.Get("Location"), path)
			resp = pt.do(t, "POST", path, "", bearer)
			assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, path)
		}
	})
}
