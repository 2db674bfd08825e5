package proofserver

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/operator"
)

func parseProofFlags(t *testing.T, args ...string) *Flags {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pf := AddFlags(fs)
	require.NoError(t, fs.Parse(args))
	return pf
}

func noEnv(string) string { return "" }

func TestProofSettings(t *testing.T) {
	enabled := config.Default()
	enabled.Proof.Enabled = true
	long := config.Default()
	long.LifetimeDays = 395
	tests := []struct {
		name    string
		cfg     *config.Config
		args    []string
		env     string
		off     bool
		err     string
		note    string
		origins []string
	}{
		{name: "off", cfg: config.Default(), off: true},
		{name: "config enables, no database", cfg: enabled, err: "proof.enabled) but -proof-db is not set"},
		{name: "token without database", cfg: config.Default(), args: []string{"-operator-token", testToken}, off: true, note: "do nothing without -proof-db"},
		{name: "sqlite", cfg: enabled, args: []string{"-proof-db", "p.db"}, note: "recording into the SQLite file p.db, kept 24 months"},
		{name: "postgres URL never printed", cfg: enabled, args: []string{"-proof-db", "postgres://u:secret@db/x"}, note: "recording into a PostgreSQL database, kept 24 months"},
		{name: "forever", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-retention-months", "0"}, note: "kept forever"},
		{name: "config does not enable", cfg: config.Default(), args: []string{"-proof-db", "p.db"}, note: "the loader sends no choice"},
		{name: "no token", cfg: enabled, args: []string{"-proof-db", "p.db"}, note: "no operator token"},
		{name: "negative retention", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-retention-months", "-1"}, err: "negative"},
		{name: "retention shorter than a choice", cfg: long, args: []string{"-proof-db", "p.db", "-proof-retention-months", "12"}, err: "shorter than a choice lasts"},
		{name: "negative rate", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-rate", "-5"}, err: "-proof-rate"},
		{name: "short token", cfg: enabled, args: []string{"-proof-db", "p.db", "-operator-token", "secret"}, err: "at least 16"},
		{name: "short token from env", cfg: enabled, args: []string{"-proof-db", "p.db"}, env: "secret", err: "at least 16"},
		{name: "bad origin", cfg: enabled, args: []string{"-proof-db", "p.db", "-allowed-origins", "https://a.example, data.example.org"}, err: `"data.example.org" is not an origin`},
		{name: "negative total", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-rate-total", "-1"}, err: "-proof-rate-total"},
		{name: "negative free space", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-min-free-mb", "-1"}, err: "-proof-min-free-mb"},
		{name: "public URL with a path", cfg: enabled, args: []string{"-proof-db", "p.db", "-public-url", "https://consent.example.org/consent/"}, err: "-public-url"},
		{name: "public URL not http", cfg: enabled, args: []string{"-proof-db", "p.db", "-public-url", "consent.example.org"}, err: "-public-url"},
		{name: "no public URL", cfg: enabled, args: []string{"-proof-db", "p.db"}, note: "behind a reverse proxy that sets its own Host, give -public-url"},
		{name: "public URL", cfg: enabled, args: []string{"-proof-db", "p.db", "-public-url", "https://consent.example.org/"}, note: "public origin https://consent.example.org:"},
		{name: "public URL without database", cfg: config.Default(), args: []string{"-public-url", "https://consent.example.org"}, off: true, note: "do nothing without -proof-db"},
		{name: "origins", cfg: enabled, args: []string{"-proof-db", "p.db", "-allowed-origins", " https://a.example/, http://localhost:8000,,"},
			origins: []string{"https://a.example", "http://localhost:8000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := func(k string) string {
				if k == operator.TokenEnv {
					return tt.env
				}
				return ""
			}
			s, notes, err := parseProofFlags(t, tt.args...).Check(tt.cfg, env)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.NotContains(t, err.Error(), "secret", "a token is never repeated")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.off, s == nil)
			if tt.note != "" {
				assert.Contains(t, strings.Join(notes, "\n"), tt.note)
			}
			for _, n := range notes {
				assert.NotContains(t, n, "secret")
			}
			if tt.origins != nil {
				assert.Equal(t, tt.origins, s.origins)
			}
		})
	}
}

func TestProofTokenFromTheEnvironment(t *testing.T) {
	s, _, err := parseProofFlags(t, "-proof-db", "p.db").Check(config.Default(), func(k string) string {
		if k == operator.TokenEnv {
			return testToken
		}
		return ""
	})
	require.NoError(t, err)
	assert.Equal(t, testToken, s.token)
	s, _, err = parseProofFlags(t, "-proof-db", "p.db", "-operator-token", testToken+"-flag").Check(config.Default(), func(string) string { return testToken })
	require.NoError(t, err)
	assert.Equal(t, testToken+"-flag", s.token, "the flag wins")
}
