package operator

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

const (
	testToken  = "operator-token-for-tests-0123456789"
	testOrigin = "https://data.example.org"
	testHost   = "consent.example.org"
)

var (
	testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	bearer  = map[string]string{"Authorization": "Bearer " + testToken}
)

// pagesTest is the operator's pages on one database, with a clock the
// test sets and a recorder to seed choices with.
type pagesTest struct {
	p        *Pages
	store    *proof.Store
	recorder *proof.Recorder
	cfg      *config.Config
	now      time.Time
}

// eachDB runs f with fresh pages on every available database.
func eachDB(t *testing.T, f func(t *testing.T, pt *pagesTest)) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) { f(t, newPagesTest(t, db.DSN)) })
	}
}

func newPagesTest(t *testing.T, dsn string) *pagesTest {
	t.Helper()
	cfg := config.Default()
	cfg.Proof.Enabled = true
	store, err := proof.Open(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, store.Close()) })
	rec, err := proof.NewRecorder(context.Background(), store, cfg, testNow)
	require.NoError(t, err)
	pt := &pagesTest{store: store, recorder: rec, cfg: cfg, now: testNow}
	pt.p = New(Options{Token: testToken, Store: store, Now: func() time.Time { return pt.now },
		Logf: func(format string, args ...any) { t.Logf(format, args...) }})
	return pt
}

// do sends one request to the pages.
func (pt *pagesTest) do(t *testing.T, method, target, body string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, "http://"+testHost+target, strings.NewReader(body))
	req.RemoteAddr = "192.0.2.1:40000"
	req.Header.Set("Accept-Language", "en") // the English texts, unless the test says otherwise (i18n_test.go)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	pt.p.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data
}

var (
	refused  = map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}
	accepted = map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}
)

// choiceBody is a submission as the loader sends it.
func choiceBody(cfg *config.Config, id string, ts int64, cats map[string]bool) string {
	b, _ := json.Marshal(map[string]any{
		"v": 1, "id": id, "ts": ts, "rev": cfg.Revision, "textsHash": proof.TextsHashes(cfg)["fr"], "lang": "fr",
		"categories": cats, "origin": testOrigin, "path": "/explore/",
	})
	return string(b)
}

// login posts the form and returns the session cookie header.
func (pt *pagesTest) login(t *testing.T, token string) *http.Response {
	t.Helper()
	return pt.do(t, "POST", "/operator/login", url.Values{"token": {token}}.Encode(),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

func sessionOf(t *testing.T, resp *http.Response) string {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			return c.Name + "=" + c.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

func TestOperatorLoginSession(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newPagesTest(t, db.DSN)

	resp := pt.do(t, "GET", "/operator/", "", nil)
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode, "no session: to the login form")
	assert.Equal(t, "/operator/login", resp.Header.Get("Location"))

	resp = pt.do(t, "GET", "/operator/login", "", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	page := string(body(t, resp))
	assert.Contains(t, page, `<input type="password" name="token"`)
	assert.Equal(t, operatorCSP, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.Equal(t, "DENY", resp.Header.Get("X-Frame-Options"))
	assert.NotContains(t, page, "<script")

	resp = pt.login(t, "wrong-token-0000000000")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Contains(t, string(body(t, resp)), "Wrong token.")
	assert.Empty(t, resp.Cookies())

	resp = pt.login(t, testToken)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, "/operator/", resp.Header.Get("Location"))
	c := resp.Cookies()[0]
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	assert.Equal(t, "/operator", c.Path)
	assert.NotContains(t, c.Value, testToken, "the cookie is not the token")
	session := sessionOf(t, resp)

	assert.Equal(t, http.StatusOK, pt.do(t, "GET", "/operator/", "", map[string]string{"Cookie": session}).StatusCode)
	forged := strings.Replace(session, ".", "0.", 1)
	assert.Equal(t, http.StatusSeeOther, pt.do(t, "GET", "/operator/", "", map[string]string{"Cookie": forged}).StatusCode, "a forged secret fails the MAC")

	// A logout ends the session on the server: a copy of the cookie
	// replayed afterwards opens nothing.
	resp = pt.do(t, "POST", "/operator/logout", "", map[string]string{"Cookie": session, "Sec-Fetch-Site": "same-origin"})
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, -1, resp.Cookies()[0].MaxAge)
	assert.Equal(t, http.StatusSeeOther, pt.do(t, "GET", "/operator/", "", map[string]string{"Cookie": session}).StatusCode, "replayed after logout")
	assert.Equal(t, http.StatusMethodNotAllowed, pt.do(t, "GET", "/operator/logout", "", nil).StatusCode)

	// A session expires.
	session = sessionOf(t, pt.login(t, testToken))
	pt.now = pt.now.Add(sessionLength)
	assert.Equal(t, http.StatusSeeOther, pt.do(t, "GET", "/operator/", "", map[string]string{"Cookie": session}).StatusCode, "the session expires")

	// The Secure attribute follows https, directly or as the proxy says.
	resp = pt.do(t, "POST", "/operator/login", url.Values{"token": {testToken}}.Encode(),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Proto": "https"})
	assert.True(t, resp.Cookies()[0].Secure)
	assert.False(t, c.Secure)
}

// Every failed authentication counts against the client, whichever way it
// came (form, Bearer header, session cookie); past maxAuthFailures the
// client is locked out, even with the right token, then let in again.
func TestOperatorAuthFailuresLockOut(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newPagesTest(t, db.DSN)
	var logged strings.Builder
	pt.p.logf = func(format string, args ...any) { fmt.Fprintf(&logged, format+"\n", args...) }
	wrongBearer := map[string]string{"Authorization": "Bearer guess-000000000000000"}
	forged := map[string]string{"Cookie": sessionCookie + "=c2VjcmV0.bWFj"}
	for i := range maxAuthFailures {
		switch i % 3 {
		case 0:
			require.Equal(t, http.StatusUnauthorized, pt.login(t, "guess-000000000000000").StatusCode, "attempt %d", i)
		case 1:
			require.Equal(t, http.StatusUnauthorized, pt.do(t, "GET", "/operator/", "", wrongBearer).StatusCode, "attempt %d", i)
		case 2:
			require.Equal(t, http.StatusSeeOther, pt.do(t, "GET", "/operator/", "", forged).StatusCode, "attempt %d", i)
		}
	}
	resp := pt.login(t, testToken)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode, "even the right token waits")
	assert.NotEmpty(t, resp.Header.Get("Retry-After"))
	assert.Equal(t, http.StatusTooManyRequests, pt.do(t, "GET", "/operator/", "", bearer).StatusCode, "the Bearer header too")
	elsewhere := httptest.NewRequest("GET", "/api/consents/x", nil)
	elsewhere.RemoteAddr = "198.51.100.7:5000"
	ok, wait := pt.p.Bearer(elsewhere)
	assert.False(t, ok)
	assert.Zero(t, wait, "another client is not locked out")

	log := logged.String()
	assert.Contains(t, log, "authentication failed (login form) from 192.0.2.1")
	assert.Contains(t, log, "authentication failed (bearer token) from 192.0.2.1")
	assert.Contains(t, log, "authentication failed (session) from 192.0.2.1")
	assert.Contains(t, log, "192.0.2.1 locked out for 5m0s after 10 failed authentications")
	assert.NotContains(t, log, "guess-", "the candidate token is never logged")

	pt.now = pt.now.Add(authLockout)
	assert.Equal(t, http.StatusOK, pt.do(t, "GET", "/operator/", "", bearer).StatusCode, "the lockout is short")
}

// The login and logout forms are refused when another site's page sends
// them; a script (no Origin, no Sec-Fetch-Site) may still log out.
func TestOperatorFormsComeFromTheirOwnOrigin(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newPagesTest(t, db.DSN)
	form := func(extra map[string]string) map[string]string {
		h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	login := url.Values{"token": {testToken}}.Encode()
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"same-site sibling", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://www.example.org"}, http.StatusForbidden},
		{"foreign Origin, no Sec-Fetch-Site", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"null Origin", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"same-origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + testHost}, http.StatusSeeOther},
		{"own Origin, no Sec-Fetch-Site", map[string]string{"Origin": "http://" + testHost}, http.StatusSeeOther},
		{"a script", nil, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, pt.do(t, "POST", "/operator/login", login, form(tt.header)).StatusCode, "login")
			session := sessionOf(t, pt.login(t, testToken))
			h := form(tt.header)
			h["Cookie"] = session
			assert.Equal(t, tt.want, pt.do(t, "POST", "/operator/logout", "", h).StatusCode, "logout")
			stillOpen := pt.do(t, "GET", "/operator/", "", map[string]string{"Cookie": session}).StatusCode == http.StatusOK
			assert.Equal(t, tt.want == http.StatusForbidden, stillOpen, "a refused logout leaves the session open")
		})
	}

	// With -public-url, the Origin must be the public one, whatever Host
	// the proxy sent.
	pt.p.publicOrigin = "https://consent.example.org"
	assert.Equal(t, http.StatusSeeOther, pt.do(t, "POST", "/operator/login", login, form(map[string]string{"Origin": "https://consent.example.org"})).StatusCode)
	assert.Equal(t, http.StatusForbidden, pt.do(t, "POST", "/operator/login", login, form(map[string]string{"Origin": "http://" + testHost})).StatusCode)
	assert.True(t, pt.login(t, testToken).Cookies()[0].Secure, "an https public URL makes the cookie Secure")
}

// A session opened through one server's pages is open on another's on the
// same database, and a logout on either ends it on both; a server with
// another token does not accept it.
func TestOperatorSessionsAreShared(t *testing.T) {
	eachDB(t, func(t *testing.T, a *pagesTest) {
		b := &pagesTest{store: a.store, now: a.now}
		b.p = New(Options{Token: testToken, Store: a.store, Now: func() time.Time { return b.now }, Logf: t.Logf})
		other := &pagesTest{store: a.store, now: a.now}
		other.p = New(Options{Token: testToken + "-new", Store: a.store, Now: func() time.Time { return other.now }, Logf: t.Logf})

		session := map[string]string{"Cookie": sessionOf(t, a.login(t, testToken))}
		assert.Equal(t, http.StatusOK, b.do(t, "GET", "/operator/", "", session).StatusCode, "opened on a, open on b")
		assert.Equal(t, http.StatusSeeOther, other.do(t, "GET", "/operator/", "", session).StatusCode, "a new token ends every session")
		assert.Equal(t, http.StatusSeeOther, b.do(t, "POST", "/operator/logout", "", session).StatusCode)
		assert.Equal(t, http.StatusSeeOther, a.do(t, "GET", "/operator/", "", session).StatusCode, "logged out on b, closed on a")
	})
}

func TestOperatorBearerAndWrongBearer(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newPagesTest(t, db.DSN)
	assert.Equal(t, http.StatusOK, pt.do(t, "GET", "/operator/", "", bearer).StatusCode)
	resp := pt.do(t, "GET", "/operator/", "", map[string]string{"Authorization": "Bearer nope"})
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a script with a wrong token is not redirected")
	assert.Equal(t, http.StatusMovedPermanently, pt.do(t, "GET", "/operator", "", nil).StatusCode)
	assert.Equal(t, http.StatusNotFound, pt.do(t, "GET", "/operator/nothing", "", bearer).StatusCode)
	assert.Equal(t, http.StatusMethodNotAllowed, pt.do(t, "POST", "/operator/", "", bearer).StatusCode)
}

func TestOperatorPagesOffWithoutToken(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newPagesTest(t, db.DSN)
	pt.p = nil
	resp := pt.do(t, "GET", "/operator/login", "", nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(body(t, resp)), "-operator-token")
}

// seed records choices received on three days.
func seed(t *testing.T, pt *pagesTest) {
	t.Helper()
	days := []struct {
		offset time.Duration
		cats   map[string]bool
	}{
		{-48 * time.Hour, accepted}, {-48 * time.Hour, accepted}, {-48 * time.Hour, refused},
		{-24 * time.Hour, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}},
		{0, refused},
	}
	saved := pt.now
	defer func() { pt.now = saved }()
	for i, d := range days {
		pt.now = saved.Add(d.offset)
		b := choiceBody(pt.cfg, "seeded-visitor-0000000"+string(rune('a'+i)), pt.now.Unix(), d.cats)
		if i == 4 {
			b = strings.Replace(b, `"/explore/"`, `"/=HYPERLINK(\"http://evil.example\")"`, 1)
		}
		sub, err := proof.DecodeSubmission([]byte(b), pt.now)
		require.NoError(t, err)
		_, outcome, err := pt.recorder.Record(context.Background(), sub, pt.now)
		require.NoError(t, err)
		require.Equal(t, proof.Created, outcome)
	}
}

func TestOperatorOverview(t *testing.T) {
	eachDB(t, func(t *testing.T, pt *pagesTest) {
		seed(t, pt)
		resp := pt.do(t, "GET", "/operator/?from=2026-11-27&to=2026-11-30", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		html := string(body(t, resp))
		assert.Contains(t, html, `<li>Total<strong>5</strong></li>`)
		assert.Contains(t, html, `Accept all<strong>2</strong>`)
		assert.Contains(t, html, `Refuse all<strong>2</strong>`)
		assert.Contains(t, html, `Custom<strong>1</strong>`)
		rows := regexp.MustCompile(`<tr><th scope="row">([0-9-]+)</th><td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+)</td></tr>`).FindAllStringSubmatch(html, -1)
		require.Len(t, rows, 4)
		assert.Equal(t, []string{"2026-11-27", "0", "0", "0", "0"}, rows[0][1:])
		assert.Equal(t, []string{"2026-11-28", "2", "1", "0", "3"}, rows[1][1:])
		assert.Equal(t, []string{"2026-11-29", "0", "0", "1", "1"}, rows[2][1:])
		assert.Equal(t, []string{"2026-11-30", "0", "1", "0", "1"}, rows[3][1:])
		assert.Equal(t, 3, strings.Count(html, `<g><title>2026-11-2`)+strings.Count(html, `<g><title>2026-11-30`)-1, "one bar per day")
		assert.Contains(t, html, `<rect x=`)
		assert.Contains(t, html, `href="/operator/export.csv?from=2026-11-27&amp;to=2026-11-30"`)
		assert.NotContains(t, html, "<script")

		// Default range: the last 30 days.
		resp = pt.do(t, "GET", "/operator/", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, string(body(t, resp)), `value="2026-11-01"`)

		for _, q := range []string{"from=yesterday", "from=2026-11-30&to=2026-11-01", "from=2020-01-01&to=2026-01-01"} {
			resp = pt.do(t, "GET", "/operator/?"+q, "", bearer)
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode, q)
			assert.Contains(t, string(body(t, resp)), `class="error"`, q)
		}
	})
}

func TestOperatorLookupPage(t *testing.T) {
	eachDB(t, func(t *testing.T, pt *pagesTest) {
		seed(t, pt)
		resp := pt.do(t, "GET", "/operator/consents?id=seeded-visitor-0000000c", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		html := string(body(t, resp))
		assert.Contains(t, html, "1 choice(s) with this id")
		assert.Contains(t, html, "refuse_all")
		assert.Contains(t, html, "first_party, statistics, third_party")
		assert.Contains(t, html, `href="/api/texts/`+proof.TextsHashes(pt.cfg)["fr"]+`"`)
		assert.Contains(t, html, testOrigin+"/explore/")

		assert.Equal(t, http.StatusNotFound, pt.do(t, "GET", "/operator/consents?id=nobody-0000000000000000", "", bearer).StatusCode)
		resp = pt.do(t, "GET", "/operator/consents?id=%3Cscript%3E", "", bearer)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.NotContains(t, string(body(t, resp)), "<script>", "escaped")
		assert.Equal(t, http.StatusOK, pt.do(t, "GET", "/operator/consents", "", bearer).StatusCode, "the empty form")
	})
}

func TestOperatorExportCSV(t *testing.T) {
	eachDB(t, func(t *testing.T, pt *pagesTest) {
		seed(t, pt)
		resp := pt.do(t, "GET", "/operator/export.csv?from=2026-11-28&to=2026-11-29", "", bearer)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "text/csv; charset=utf-8", resp.Header.Get("Content-Type"))
		assert.Equal(t, `attachment; filename="consents-2026-11-28-2026-11-29.csv"`, resp.Header.Get("Content-Disposition"))
		rows, err := csv.NewReader(resp.Body).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 5, "header and the 4 choices of 28 and 29 November")
		assert.Equal(t, proof.CSVHeader, rows[0])
		assert.Equal(t, "custom", rows[4][5])

		resp = pt.do(t, "GET", "/operator/export.csv?from=2026-11-30&to=2026-11-30", "", bearer)
		rows, err = csv.NewReader(resp.Body).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 2)
		assert.Equal(t, `/=HYPERLINK("http://evil.example")`, rows[1][11], "a path starts with /: never a formula; cells that would be are guarded (proof.TestCSVExport)")

		assert.Equal(t, http.StatusBadRequest, pt.do(t, "GET", "/operator/export.csv?to=soon", "", bearer).StatusCode)
		assert.Equal(t, http.StatusSeeOther, pt.do(t, "GET", "/operator/export.csv", "", nil).StatusCode)
	})
}

func TestChartScalesToTheBusiestDay(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	c := newChart([]proof.DayCount{
		{Day: day, Counts: map[proof.Kind]int64{proof.AcceptAll: 2, proof.RefuseAll: 2}},
		{Day: day.AddDate(0, 0, 1), Counts: map[proof.Kind]int64{}},
		{Day: day.AddDate(0, 0, 2), Counts: map[proof.Kind]int64{proof.Custom: 1}},
	}, langEnglish)
	require.Len(t, c.Bars, 3)
	require.Len(t, c.Bars[0].Rects, 2)
	plot := float64(chartHeight - chartBottom - chartTop)
	assert.Equal(t, num(plot/2), c.Bars[0].Rects[0].H, "half of the busiest day's bar")
	assert.Equal(t, num(float64(chartTop)), c.Bars[0].Rects[1].Y, "the busiest day reaches the top")
	assert.Empty(t, c.Bars[1].Rects)
	assert.Equal(t, num(plot/4), c.Bars[2].Rects[0].H)
	assert.Equal(t, "2026-03-01: 4, Accept all 2, Refuse all 2, Custom 0", c.Bars[0].Title)
	assert.Equal(t, []string{"0", "2", "4"}, []string{c.Ticks[0].Text, c.Ticks[1].Text, c.Ticks[2].Text})
	require.Len(t, c.Labels, 3)
	assert.Equal(t, []string{"start", "middle", "end"}, []string{c.Labels[0].Anchor, c.Labels[1].Anchor, c.Labels[2].Anchor}, "no date runs off the chart")
	assert.Equal(t, num(chartWidth), c.Labels[2].X)
	assert.Empty(t, newChart(nil, langEnglish).Bars)
	one := newChart([]proof.DayCount{{Day: day, Counts: map[proof.Kind]int64{}}}, langEnglish)
	assert.Len(t, one.Labels, 1)
}
