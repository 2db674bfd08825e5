package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRouteIsFromAFixedList(t *testing.T) {
	for path, want := range map[string]string{
		"/api/consents":                 "consents",
		"/api/consents/abc":             "lookup",
		"/api/texts/0123":               "texts",
		"/operator":                     "operator",
		"/operator/export.csv":          "operator",
		"/healthz":                      "healthz",
		"/consent.js":                   "assets",
		"/../../etc/passwd?x=" + "\x00": "assets",
	} {
		assert.Equal(t, want, Route(path), path)
	}
}

func TestWrapCountsByRouteAndStatus(t *testing.T) {
	m := New()
	h := m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			_, _ = io.WriteString(w, "ok") // an implicit 200
		default:
			http.NotFound(w, r)
		}
	}))
	for _, p := range []string{"/healthz", "/healthz", "/nothing"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out := rec.Body.String()
	assert.Contains(t, out, `consent_http_requests_total{code="200",route="healthz"} 2`)
	assert.Contains(t, out, `consent_http_requests_total{code="404",route="assets"} 1`)
	assert.Contains(t, out, "go_goroutines")
}

func TestNilMetricsCountNothing(t *testing.T) {
	var m *Metrics
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	assert.NotNil(t, m.Wrap(h))
	m.Recorded("created")
	m.Refused("origin")
	m.RateLimited("client")
	m.Wrote(0)
	m.DBError("record")
	m.AuthFailure("session")
	m.AuthLockout()
}
