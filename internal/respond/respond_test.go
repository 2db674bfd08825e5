package respond

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBadTarget(t *testing.T) {
	tests := []struct {
		target string
		bad    bool
	}{
		{"/consent.js", false},
		{"/api/consents/%00", true},
		{"/a%0ab", true},
		{"/a%7f", true},
		{"/" + strings.Repeat("a", MaxRequestURI), true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.bad, BadTarget(httptest.NewRequest("GET", tt.target, nil)), tt.target)
	}
}

func TestPlain(t *testing.T) {
	rec := httptest.NewRecorder()
	Plain(rec, http.StatusNotFound, "404 page not found")
	assert.Equal(t, 404, rec.Code)
	assert.Equal(t, "404 page not found\n", rec.Body.String())
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "19", rec.Header().Get("Content-Length"))
}

func TestClip(t *testing.T) {
	assert.Equal(t, "short", Clip("short"))
	assert.Equal(t, strings.Repeat("x", 100)+"...", Clip(strings.Repeat("x", 500)))
}

func TestCSPHash(t *testing.T) {
	// The hash of the empty string, as every CSP reference gives it.
	assert.Equal(t, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", CSPHash(nil))
}
