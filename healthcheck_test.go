//go:build !js

package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The container's HEALTHCHECK runs `cookie-consent healthcheck`: 0 when the
// server answers "ok", 1 when it does not, 2 on bad usage.
func TestHealthcheck(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer ok.Close()
	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer sick.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"healthy", []string{"healthcheck", ok.URL + "/healthz"}, 0},
		{"unhealthy", []string{"healthcheck", sick.URL + "/healthz"}, 1},
		{"down", []string{"healthcheck", closed.URL + "/healthz"}, 1},
		{"bad usage", []string{"healthcheck", "a", "b"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, tt.code, dispatch(context.Background(), tt.args, &stdout, &stderr), stderr.String())
		})
	}
}

func TestVersionFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 0, dispatch(context.Background(), []string{"-version"}, &stdout, &stderr))
	assert.Regexp(t, `^cookie-consent \S+ \(commit \S+, go1\.[0-9.]+\)\n$`, stdout.String())
}
