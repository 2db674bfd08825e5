package proofserver

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

const testToken = "operator-token-for-tests-0123456789"

// assetsStub stands for the rest of the server: it answers 299 so that a
// test sees which requests were passed on.
var assetsStub = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(299) })

func get(h http.Handler, method, target string) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec.Code
}

// The proof's routes go to the API and the operator's pages; every other
// path goes on to the rest of the server.
func TestProofLeavesTheAssetsAlone(t *testing.T) {
	db := prooftest.Databases(t)[0]
	cfg := config.Default()
	cfg.Proof.Enabled = true
	p, err := Start(context.Background(), &Settings{dsn: db.DSN, retention: 24, token: testToken}, cfg, io.Discard, nil)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, p.Close()) })
	h := p.Wrap(assetsStub)

	assert.Equal(t, 299, get(h, "GET", "/consent.js"))
	assert.Equal(t, 299, get(h, "GET", "/healthz"))
	assert.Equal(t, 299, get(h, "GET", "/api"), "not a proof path")
	assert.Equal(t, 299, get(h, "GET", "/apix/consents"))
	assert.Equal(t, 299, get(h, "GET", "/operatorx"))
	assert.Equal(t, 400, get(h, "POST", "/api/consents/%00"))
	assert.Equal(t, 405, get(h, "GET", "/api/consents"), "the API")
	assert.Equal(t, 303, get(h, "GET", "/operator/"), "the operator's pages: to the login form")

	// Without -proof-db the API does not exist.
	var off *Server
	assert.Equal(t, 299, get(off.Wrap(assetsStub), "POST", "/api/consents"))
}

// Without an operator token the pages say how to turn them on.
func TestOperatorPagesOffWithoutToken(t *testing.T) {
	db := prooftest.Databases(t)[0]
	cfg := config.Default()
	p, err := Start(context.Background(), &Settings{dsn: db.DSN, retention: 24}, cfg, io.Discard, nil)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, p.Close()) })
	rec := httptest.NewRecorder()
	p.Wrap(assetsStub).ServeHTTP(rec, httptest.NewRequest("GET", "/operator/login", nil))
	assert.Equal(t, 404, rec.Code)
	assert.Contains(t, rec.Body.String(), "-operator-token")
	assert.Equal(t, 404, get(p.Wrap(assetsStub), "GET", "/api/consents/lookup-api-000000000000"))
}
