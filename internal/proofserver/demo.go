package proofserver

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// The demo (-demo DIR, what ./build.sh serve passes): the demo page's
// choices are recorded, so that a newcomer sees proof of consent work
// without reading further. It only fills what the other flags leave out:
//   - the built-in configuration gets proof.enabled; a site's own
//     configuration (-config) is left as it is, and -demo does nothing
//     unless that configuration enables proof itself: a site's server
//     never records because of a flag build.sh passes;
//   - -proof-db defaults to DIR/proof.db, an SQLite file;
//   - the operator token defaults to one made for this run, written to
//     DIR/operator-token (mode 0600) and printed with the pages' address.
const (
	demoDBName    = "proof.db"
	demoTokenName = "operator-token"
)

// Demo prepares the demo when -demo is set: it turns recording on in the
// built-in configuration (ownConfig false) and fills the database and the
// token the other flags left out. It does nothing without -demo, nor for a
// site's own configuration that does not enable proof. Call it before
// Check.
func (f *Flags) Demo(cfg *config.Config, ownConfig bool) error {
	if *f.demo == "" {
		return nil
	}
	if ownConfig && !cfg.Proof.Enabled {
		return nil
	}
	cfg.Proof.Enabled = true
	if err := os.MkdirAll(*f.demo, 0o700); err != nil {
		return fmt.Errorf("-demo: %w", err)
	}
	if *f.db == "" {
		*f.db = filepath.Join(*f.demo, demoDBName)
	}
	if *f.token == "" {
		b := make([]byte, 24)
		_, _ = rand.Read(b) // crypto/rand never fails on the platforms Go supports
		token := base64.RawURLEncoding.EncodeToString(b)
		file := filepath.Join(*f.demo, demoTokenName)
		if err := os.WriteFile(file, []byte(token+"\n"), 0o600); err != nil {
			return fmt.Errorf("-demo: %w", err)
		}
		*f.token = token
		f.demoToken = file
	}
	return nil
}

// DemoLines are the lines ./build.sh serve prints once listening at url
// ("http://localhost:8080/"): where the operator pages are and the token
// made for this run. None without -demo or without recording.
func (s *Settings) DemoLines(url string) []string {
	if s == nil || s.demoToken == "" {
		return nil
	}
	return []string{
		"demo: the demo page's choices are recorded in " + s.dsn,
		"demo: operator pages: " + url + "operator/login",
		"demo: operator token (made for this run, also in " + s.demoToken + "): " + s.token,
	}
}
