package proofapi

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/metrics"
	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/proof"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

// withOrigin is a choice whose body names origin.
func withOrigin(pt *proofTest, id, origin string) string {
	return strings.Replace(choiceBody(pt.cfg, id, testNow.Unix(), refused), testOrigin, origin, 1)
}

// Without -public-url, a browser's Origin naming the request's Host may
// record (the demo page); a request without Origin never gets anything
// from Host, whatever Host it writes.
func TestNoOriginFromHostWithoutOriginHeader(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		text := map[string]string{"Content-Type": "text/plain"}
		resp := pt.do(t, "POST", "/api/consents", withOrigin(pt, "no-origin-header-00000", "http://"+testHost), text)
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, "the body claims the Host's origin, no Origin header")
		assert.Equal(t, "origin", decodeJSON[apiError](t, resp).Field)

		req := httptest.NewRequest("POST", "http://evil.example/api/consents", strings.NewReader(withOrigin(pt, "no-origin-header-00001", "http://evil.example")))
		req.Header.Set("Content-Type", "text/plain")
		rec := httptest.NewRecorder()
		pt.p.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusForbidden, rec.Code, "Host: evil.example gives a client nothing")

		resp = pt.do(t, "POST", "/api/consents", withOrigin(pt, "own-origin-browser-000", "http://"+testHost),
			map[string]string{"Content-Type": "text/plain", "Origin": "http://" + testHost})
		assert.Equal(t, http.StatusCreated, resp.StatusCode, "a browser on the server's own host, as before")
	})
}

// With -public-url, the server's own origin is the configured one: it may
// record with or without an Origin header, and Host no longer counts.
func TestPublicOriginIsTheServersOwn(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		const public = "https://consent.public.example"
		pt.p.PublicOrigin = public
		resp := pt.do(t, "POST", "/api/consents", withOrigin(pt, "public-origin-00000000", public),
			map[string]string{"Content-Type": "text/plain", "Origin": public})
		assert.Equal(t, http.StatusCreated, resp.StatusCode, "from the public origin, whatever the Host")
		assert.Equal(t, public, resp.Header.Get("Access-Control-Allow-Origin"))
		resp = pt.do(t, "POST", "/api/consents", withOrigin(pt, "public-origin-00000001", public), map[string]string{"Content-Type": "application/json"})
		assert.Equal(t, http.StatusCreated, resp.StatusCode, "no Origin header, the configured origin in the body")
		resp = pt.do(t, "POST", "/api/consents", withOrigin(pt, "public-origin-00000002", "http://"+testHost),
			map[string]string{"Content-Type": "text/plain", "Origin": "http://" + testHost})
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, "the Host's origin is not the server's own any more")
	})
}

// Records say only what the server can vouch for.
func TestRecordRefusesClaimsTheServerCannotVouchFor(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		hash := proof.TextsHashes(pt.cfg)["fr"]
		rev99 := strings.Replace(choiceBody(pt.cfg, "claims-rev-99-00000000", testNow.Unix(), refused), `"rev":1,`, `"rev":99,`, 1)
		require.Contains(t, rev99, `"rev":99`)
		resp := pt.do(t, "POST", "/api/consents", rev99, fromPortal)
		assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		assert.Contains(t, decodeJSON[apiError](t, resp).Error, "rev: 99, but the texts with this hash were published under revision 1")

		ahead := choiceBody(pt.cfg, "claims-a-day-ahead-0000", testNow.Add(25*time.Hour).Unix(), refused)
		assert.Equal(t, http.StatusBadRequest, pt.do(t, "POST", "/api/consents", ahead, fromPortal).StatusCode)
		behind := choiceBody(pt.cfg, "claims-a-day-behind-000", testNow.Add(-25*time.Hour).Unix(), refused)
		assert.Equal(t, http.StatusBadRequest, pt.do(t, "POST", "/api/consents", behind, fromPortal).StatusCode)

		// A later record claiming an earlier ts is listed last: the look-up
		// goes by reception, and shows both times.
		id := "ordered-by-reception-00"
		require.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, id, testNow.Unix(), refused), fromPortal).StatusCode)
		pt.now = pt.now.Add(time.Minute)
		require.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, id, testNow.Add(-time.Hour).Unix(), accepted), fromPortal).StatusCode)
		resp = pt.do(t, "GET", "/api/consents/"+id, "", map[string]string{"Authorization": "Bearer " + testToken})
		got := decodeJSON[lookupResponse](t, resp).Records
		require.Len(t, got, 2)
		assert.Equal(t, proof.RefuseAll, got[0].Kind)
		assert.Equal(t, proof.AcceptAll, got[1].Kind, "received last, listed last")
		assert.Equal(t, testNow.Add(-time.Hour).Unix(), got[1].TS)
		assert.Equal(t, pt.now.Unix(), got[1].ReceivedAt)
		assert.Equal(t, hash, got[1].TextsHash)
	})
}

// Growth is bounded: per consent id, per server, and by the disk.
func TestRecordGrowthIsBounded(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		id := "one-id-many-records-000"
		for i := range proof.MaxRecordsPerID {
			require.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, id, testNow.Unix()+int64(i), refused), fromPortal).StatusCode, i)
		}
		resp := pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, id, testNow.Unix()+100, refused), fromPortal)
		assert.Equal(t, http.StatusConflict, resp.StatusCode)
		e := decodeJSON[apiError](t, resp)
		assert.Equal(t, "id", e.Field)
		assert.Contains(t, e.Error, "already has 20 records")

		full := true
		pt.p.DiskFull = func() bool { return full }
		resp = pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "disk-nearly-full-00000", testNow.Unix(), refused), fromPortal)
		assert.Equal(t, http.StatusInsufficientStorage, resp.StatusCode)
		assert.Contains(t, decodeJSON[apiError](t, resp).Error, "disk is nearly full")
		full = false
		assert.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "disk-nearly-full-00000", testNow.Unix(), refused), fromPortal).StatusCode)
	})
}

func TestRecordServerWideCap(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 0)
	pt.p.ServerLimiter = ratelimit.New(3, 3)
	post := func(i int) *http.Response {
		req := httptest.NewRequest("POST", "http://"+testHost+"/api/consents",
			strings.NewReader(choiceBody(pt.cfg, fmt.Sprintf("server-wide-cap-%07d", i), testNow.Unix(), refused)))
		req.RemoteAddr = fmt.Sprintf("198.51.100.%d:5000", i) // every request from another client
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("Origin", testOrigin)
		rec := httptest.NewRecorder()
		pt.p.ServeHTTP(rec, req)
		return rec.Result()
	}
	for i := range 3 {
		require.Equal(t, http.StatusCreated, post(i).StatusCode, i)
	}
	resp := post(3)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "20", resp.Header.Get("Retry-After"))
	assert.Contains(t, decodeJSON[apiError](t, resp).Error, "-proof-rate-total")
	pt.now = pt.now.Add(20 * time.Second)
	assert.Equal(t, http.StatusCreated, post(4).StatusCode)
}

// An IPv6 client is its /64: changing the low bits of the address does not
// give it a new bucket.
func TestRecordRateLimitGroupsIPv6By64(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 1) // 1 a minute, bursts of 2
	post := func(i int, remote string) int {
		req := httptest.NewRequest("POST", "http://"+testHost+"/api/consents",
			strings.NewReader(choiceBody(pt.cfg, fmt.Sprintf("ipv6-grouped-%010d", i), testNow.Unix(), refused)))
		req.RemoteAddr = remote
		req.Header.Set("Content-Type", "text/plain")
		rec := httptest.NewRecorder()
		pt.p.ServeHTTP(rec, req)
		return rec.Code
	}
	assert.Equal(t, http.StatusCreated, post(0, "[2001:db8:1:2::1]:5000"))
	assert.Equal(t, http.StatusCreated, post(1, "[2001:db8:1:2::2]:5000"))
	assert.Equal(t, http.StatusTooManyRequests, post(2, "[2001:db8:1:2:ffff:ffff:ffff:ffff]:5000"), "the same /64")
	assert.Equal(t, http.StatusCreated, post(3, "[2001:db8:1:3::1]:5000"), "another /64")
}

// Wrong Bearer tokens on the look-up API count towards the lockout.
func TestLookupAPILocksOutGuessers(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 0)
	wrong := map[string]string{"Authorization": "Bearer guess-0000000000000000"}
	for i := range 10 {
		require.Equal(t, http.StatusUnauthorized, pt.do(t, "GET", "/api/consents/lookup-lockout-00000000", "", wrong).StatusCode, i)
	}
	resp := pt.do(t, "GET", "/api/consents/lookup-lockout-00000000", "", map[string]string{"Authorization": "Bearer " + testToken})
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode, "locked out, the right token included")
	assert.NotEmpty(t, resp.Header.Get("Retry-After"))
}

// The metrics count what the API did.
func TestRecordMetrics(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 0)
	m := metrics.New()
	pt.p.Metrics = m
	good := choiceBody(pt.cfg, "metrics-counted-0000000", testNow.Unix(), refused)
	pt.do(t, "POST", "/api/consents", good, fromPortal)
	pt.do(t, "POST", "/api/consents", good, fromPortal)
	pt.do(t, "POST", "/api/consents", good, map[string]string{"Origin": "https://evil.example", "Content-Type": "text/plain"})
	pt.p.ServerLimiter = ratelimit.New(1, 1)
	pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "metrics-counted-0000001", testNow.Unix(), refused), fromPortal)
	pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "metrics-counted-0000002", testNow.Unix(), refused), fromPortal)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out, _ := io.ReadAll(rec.Body)
	for _, line := range []string{
		`consent_records_total{outcome="created"} 2`,
		`consent_records_total{outcome="duplicate"} 1`,
		`consent_refusals_total{reason="origin"} 1`,
		`consent_rate_limited_total{limit="server"} 1`,
		`consent_write_seconds_count 3`,
	} {
		assert.Contains(t, string(out), line)
	}
}
