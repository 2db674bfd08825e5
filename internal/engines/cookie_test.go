//go:build !js

package engines

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDomainMatches(t *testing.T) {
	tests := []struct {
		host, domain string
		want         bool
	}{
		{"127.0.0.5", "127.0.0.5", true},
		{"www.portal.test", "portal.test", true},
		{"www.portal.test", ".portal.test", true},
		{"WWW.Portal.test", "portal.test", true},
		{"portal.test", "www.portal.test", false},
		{"evilportal.test", "portal.test", false},
		{"127.0.0.5", "127.0.0.50", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, domainMatches(tt.host, tt.domain), "%s against %s", tt.host, tt.domain)
	}
}

func TestPathMatches(t *testing.T) {
	tests := []struct {
		path, cookie string
		want         bool
	}{
		{"/", "/", true},
		{"/deep/gated.html", "/", true},
		{"/deep/gated.html", "/deep", true},
		{"/deep/gated.html", "/deep/", true},
		{"/deep", "/deep", true},
		{"/deeper/x", "/deep", false},
		{"/", "/deep", false},
		{"/other", "", true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, pathMatches(tt.path, tt.cookie), "%s against %s", tt.path, tt.cookie)
	}
}

func TestSameSiteName(t *testing.T) {
	for in, want := range map[string]string{"lax": "Lax", "Lax": "Lax", "strict": "Strict", "none": "None", "": "", "other": ""} {
		assert.Equal(t, want, sameSiteName(in), in)
	}
}
