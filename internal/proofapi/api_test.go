package proofapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/operator"
	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
	"github.com/opendata-portals/cookie-consent/proof"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

const (
	testToken  = "operator-token-for-tests-0123456789"
	testOrigin = "https://data.example.org"
	testHost   = "consent.example.org"
)

var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// proofTest is the API on one database, with a clock the test sets.
type proofTest struct {
	p   *Server
	log *syncBuffer
	cfg *config.Config
	now time.Time
}

// eachProof runs f with a fresh API on every available database.
func eachProof(t *testing.T, rate int, f func(t *testing.T, pt *proofTest)) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			f(t, newProofTest(t, db.DSN, rate))
		})
	}
}

func newProofTest(t *testing.T, dsn string, rate int) *proofTest {
	t.Helper()
	cfg := config.Default()
	cfg.Proof.Enabled = true
	store, err := proof.Open(context.Background(), dsn)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, store.Close()) })
	rec, err := proof.NewRecorder(context.Background(), store, cfg, testNow)
	require.NoError(t, err)
	log := &syncBuffer{}
	pt := &proofTest{log: log, cfg: cfg, now: testNow}
	pt.p = &Server{
		Store: store, Recorder: rec, Origins: map[string]bool{testOrigin: true}, Limiter: ratelimit.New(rate, 2*rate),
		Operator: operator.New(operator.Options{Token: testToken, Store: store, Now: func() time.Time { return pt.now }}),
		Now:      func() time.Time { return pt.now },
		Logf:     func(format string, args ...any) { fmt.Fprintf(log, format+"\n", args...) },
	}
	return pt
}

// syncBuffer is a bytes.Buffer safe to read while the server writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func body(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data
}

// do sends one request through the handler.
func (pt *proofTest) do(t *testing.T, method, target, body string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, "http://"+testHost+target, strings.NewReader(body))
	req.RemoteAddr = "192.0.2.1:40000"
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	pt.p.ServeHTTP(rec, req)
	return rec.Result()
}

// choiceBody is a submission as the loader sends it.
func choiceBody(cfg *config.Config, id string, ts int64, cats map[string]bool) string {
	b, _ := json.Marshal(map[string]any{
		"v": 1, "id": id, "ts": ts, "rev": cfg.Revision, "textsHash": proof.TextsHashes(cfg)["fr"], "lang": "fr",
		"categories": cats, "origin": testOrigin, "path": "/explore/",
	})
	return string(b)
}

var (
	refused  = map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}
	accepted = map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}
)

var fromPortal = map[string]string{"Origin": testOrigin, "Content-Type": "text/plain;charset=UTF-8"}

func decodeJSON[T any](t *testing.T, resp *http.Response) T {
	t.Helper()
	var v T
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	return v
}

func TestRecordAChoice(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		id := "q3V1c0cN6lq3h0sKxYd8Vw"
		b := choiceBody(pt.cfg, id, testNow.Unix(), refused)
		resp := pt.do(t, http.MethodPost, "/api/consents", b, fromPortal)
		require.Equal(t, http.StatusCreated, resp.StatusCode)
		assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
		assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		assert.Equal(t, testOrigin, resp.Header.Get("Access-Control-Allow-Origin"))
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Credentials"))
		assert.Equal(t, recordResponse{ID: id, TS: testNow.Unix(), Status: "created"}, decodeJSON[recordResponse](t, resp))

		// The same POST again (a retry) is a success that stores nothing.
		resp = pt.do(t, http.MethodPost, "/api/consents", b, fromPortal)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, "duplicate", decodeJSON[recordResponse](t, resp).Status)

		// A change of mind: same id, later ts.
		resp = pt.do(t, http.MethodPost, "/api/consents", choiceBody(pt.cfg, id, testNow.Unix()+90, accepted),
			map[string]string{"Origin": testOrigin, "Content-Type": "application/json"})
		require.Equal(t, http.StatusCreated, resp.StatusCode)

		// The operator's look-up lists the history.
		resp = pt.do(t, http.MethodGet, "/api/consents/"+id, "", map[string]string{"Authorization": "Bearer " + testToken})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		got := decodeJSON[lookupResponse](t, resp)
		require.Len(t, got.Records, 2)
		first := got.Records[0]
		assert.Equal(t, proof.RefuseAll, first.Kind)
		assert.Equal(t, refused, first.Categories)
		assert.Equal(t, testOrigin, first.Origin)
		assert.Equal(t, "/explore/", first.Path)
		assert.Equal(t, proof.TextsHashes(pt.cfg)["fr"], first.TextsHash)
		assert.Equal(t, testNow.Unix(), first.ReceivedAt)
		assert.Equal(t, proof.AcceptAll, got.Records[1].Kind)

		// And the texts the hash names are served, hashing to it.
		resp = pt.do(t, http.MethodGet, "/api/texts/"+first.TextsHash, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		texts := body(t, resp)
		assert.Equal(t, first.TextsHash, proof.HashOf(texts))
		assert.Contains(t, string(texts), "Tout refuser")
		assert.Equal(t, respond.CacheImmutable, resp.Header.Get("Cache-Control"))
	})
}

func TestRecordRefusesHostileInput(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		good := choiceBody(pt.cfg, "hostile-input-00000000", testNow.Unix(), refused)
		otherCfg := config.Default()
		otherCfg.Categories[1].Label["fr"] = "Autre texte"
		tests := []struct {
			name    string
			method  string
			body    string
			header  map[string]string
			code    int
			message string
		}{
			{"other origin", "POST", good, map[string]string{"Origin": "https://evil.example", "Content-Type": "text/plain"}, 403, `origin "https://evil.example" may not record`},
			{"origin null", "POST", good, map[string]string{"Origin": "null", "Content-Type": "text/plain"}, 403, "may not record"},
			{"body origin differs from header", "POST", strings.Replace(good, testOrigin, "https://"+testHost, 1),
				map[string]string{"Origin": testOrigin, "Content-Type": "text/plain"}, 400, "is not the request's Origin"},
			{"no Origin header, body origin not allowed", "POST", strings.Replace(good, testOrigin, "https://evil.example", 1),
				map[string]string{"Content-Type": "application/json"}, 403, "may not record"},
			{"GET", "GET", "", fromPortal, 405, "method not allowed"},
			{"form", "POST", good, map[string]string{"Origin": testOrigin, "Content-Type": "application/x-www-form-urlencoded"}, 415, "Content-Type"},
			{"latin-1", "POST", good, map[string]string{"Origin": testOrigin, "Content-Type": "text/plain; charset=iso-8859-1"}, 415, "Content-Type"},
			{"no type", "POST", good, map[string]string{"Origin": testOrigin}, 415, "Content-Type"},
			{"too large", "POST", good[:len(good)-1] + `,"pad":"` + strings.Repeat("x", 5000) + `"}`, fromPortal, 413, "larger than 4096"},
			{"unknown field", "POST", good[:len(good)-1] + `,"ip":"203.0.113.9"}`, fromPortal, 400, "ip: unknown field"},
			{"not JSON", "POST", "v=1&id=x", fromPortal, 400, "one JSON object"},
			{"query in path", "POST", strings.Replace(good, `"/explore/"`, `"/explore/?email=a@b.c"`, 1), fromPortal, 400, "path: must not hold a query"},
			{"unknown texts", "POST", strings.Replace(good, proof.TextsHashes(pt.cfg)["fr"], proof.TextsHashes(otherCfg)["fr"], 1), fromPortal, 422, "no texts with this hash"},
			{"necessary refused", "POST", choiceBody(pt.cfg, "hostile-input-00000001", testNow.Unix(), map[string]bool{"necessary": false, "statistics": false, "first_party": false, "third_party": false}),
				fromPortal, 422, "necessary: required"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp := pt.do(t, tt.method, "/api/consents", tt.body, tt.header)
				assert.Equal(t, tt.code, resp.StatusCode)
				assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
				assert.Contains(t, decodeJSON[apiError](t, resp).Error, tt.message)
			})
		}
		n, err := pt.p.Store.Count(context.Background())
		require.NoError(t, err)
		assert.Zero(t, n, "nothing refused was stored")

		// A different choice under an existing id and ts is a conflict.
		require.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", good, fromPortal).StatusCode)
		resp := pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "hostile-input-00000000", testNow.Unix(), accepted), fromPortal)
		assert.Equal(t, http.StatusConflict, resp.StatusCode)
	})
}

func TestRecordFromTheServersOwnOriginAndWithoutOrigin(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		self := strings.Replace(choiceBody(pt.cfg, "own-origin-000000000000", testNow.Unix(), refused), testOrigin, "http://"+testHost, 1)
		resp := pt.do(t, "POST", "/api/consents", self, map[string]string{"Origin": "http://" + testHost, "Content-Type": "text/plain"})
		assert.Equal(t, http.StatusCreated, resp.StatusCode, "the demo page records on its own server")
		// curl: no Origin header, an allowed origin in the body.
		resp = pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, "from-curl-0000000000000", testNow.Unix(), refused), map[string]string{"Content-Type": "application/json"})
		assert.Equal(t, http.StatusCreated, resp.StatusCode)
	})
}

func TestRecordPreflight(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		resp := pt.do(t, http.MethodOptions, "/api/consents", "", map[string]string{
			"Origin": testOrigin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
		assert.Equal(t, http.StatusNoContent, resp.StatusCode)
		assert.Equal(t, testOrigin, resp.Header.Get("Access-Control-Allow-Origin"))
		assert.Equal(t, "POST, OPTIONS", resp.Header.Get("Access-Control-Allow-Methods"))
		assert.Equal(t, "Content-Type", resp.Header.Get("Access-Control-Allow-Headers"))
		assert.Equal(t, "Origin", resp.Header.Get("Vary"))

		resp = pt.do(t, http.MethodOptions, "/api/consents", "", map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
		assert.Equal(t, http.StatusForbidden, resp.StatusCode)
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
	})
}

func TestRecordIsRateLimitedPerClient(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 6) // 6 a minute, bursts of 12
	post := func(i int, remote string) *http.Response {
		req := httptest.NewRequest("POST", "http://"+testHost+"/api/consents",
			strings.NewReader(choiceBody(pt.cfg, fmt.Sprintf("rate-limited-%010d", i), testNow.Unix(), refused)))
		req.RemoteAddr = remote
		req.Header.Set("Content-Type", "text/plain")
		rec := httptest.NewRecorder()
		pt.p.ServeHTTP(rec, req)
		return rec.Result()
	}
	for i := range 12 {
		require.Equal(t, http.StatusCreated, post(i, "198.51.100.7:5000").StatusCode, "request %d is within the burst", i)
	}
	resp := post(12, "198.51.100.7:5001")
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, "10", resp.Header.Get("Retry-After"), "one request every 10 s")
	assert.Contains(t, decodeJSON[apiError](t, resp).Error, "too many requests")
	assert.Equal(t, http.StatusCreated, post(13, "198.51.100.8:5000").StatusCode, "another client is not limited")
	pt.now = pt.now.Add(10 * time.Second)
	assert.Equal(t, http.StatusCreated, post(14, "198.51.100.7:5000").StatusCode, "a token came back")
}

func TestLookupAPINeedsTheToken(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		id := "lookup-api-000000000000"
		require.Equal(t, http.StatusCreated, pt.do(t, "POST", "/api/consents", choiceBody(pt.cfg, id, testNow.Unix(), refused), fromPortal).StatusCode)
		tests := []struct {
			name   string
			path   string
			header map[string]string
			code   int
		}{
			{"no token", "/api/consents/" + id, nil, 401},
			{"wrong token", "/api/consents/" + id, map[string]string{"Authorization": "Bearer " + testToken + "x"}, 401},
			{"basic auth", "/api/consents/" + id, map[string]string{"Authorization": "Basic " + testToken}, 401},
			{"token in the query is ignored", "/api/consents/" + id + "?token=" + testToken, nil, 401},
			{"session cookie is not for the API", "/api/consents/" + id, map[string]string{"Cookie": "cc_operator=x"}, 401},
			{"good", "/api/consents/" + id, map[string]string{"Authorization": "Bearer " + testToken}, 200},
			{"lowercase scheme", "/api/consents/" + id, map[string]string{"Authorization": "bearer " + testToken}, 200},
			{"unknown id", "/api/consents/nobody-00000000000000", map[string]string{"Authorization": "Bearer " + testToken}, 404},
			{"bad id", "/api/consents/<x>", map[string]string{"Authorization": "Bearer " + testToken}, 400},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp := pt.do(t, "GET", tt.path, "", tt.header)
				assert.Equal(t, tt.code, resp.StatusCode)
				if tt.code == 401 {
					assert.Equal(t, `Bearer realm="cookie-consent operator"`, resp.Header.Get("WWW-Authenticate"))
				}
			})
		}
		assert.NotContains(t, pt.log.String(), testToken, "the token is never logged")
	})
}

func TestTextsEndpoint(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		for lang, hash := range proof.TextsHashes(pt.cfg) {
			resp := pt.do(t, "GET", "/api/texts/"+hash, "", nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, lang)
			var shown proof.Shown
			require.NoError(t, json.Unmarshal(body(t, resp), &shown))
			assert.Equal(t, lang, shown.Lang)
			assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
		}
		assert.Equal(t, 404, pt.do(t, "GET", "/api/texts/"+strings.Repeat("a", 64), "", nil).StatusCode)
		assert.Equal(t, 404, pt.do(t, "GET", "/api/texts/../config.json", "", nil).StatusCode)
		assert.Equal(t, 405, pt.do(t, "POST", "/api/texts/"+strings.Repeat("a", 64), "", nil).StatusCode)
	})
}

// Without an operator token there is no look-up.
func TestLookupAPIOffWithoutToken(t *testing.T) {
	db := prooftest.Databases(t)[0]
	pt := newProofTest(t, db.DSN, 0)
	pt.p.Operator = nil
	assert.Equal(t, http.StatusNotFound, pt.do(t, "GET", "/api/consents/lookup-api-000000000000", "", map[string]string{"Authorization": "Bearer " + testToken}).StatusCode)
}

// Many clients posting at once, each choice twice: every one is answered
// 201 or 200 and stored exactly once.
func TestRecordConcurrently(t *testing.T) {
	eachProof(t, 0, func(t *testing.T, pt *proofTest) {
		var wg sync.WaitGroup
		codes := make(chan int, 400)
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 50 {
					b := choiceBody(pt.cfg, fmt.Sprintf("concurrent-%02d-%08d", w%4, i), testNow.Unix(), refused)
					req := httptest.NewRequest("POST", "http://"+testHost+"/api/consents", bytes.NewReader([]byte(b)))
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					pt.p.ServeHTTP(rec, req)
					codes <- rec.Code
				}
			}()
		}
		wg.Wait()
		close(codes)
		count := map[int]int{}
		for c := range codes {
			count[c]++
		}
		assert.Equal(t, map[int]int{201: 200, 200: 200}, count)
		n, err := pt.p.Store.Count(context.Background())
		require.NoError(t, err)
		assert.EqualValues(t, 200, n)
	})
}
