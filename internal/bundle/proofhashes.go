package bundle

import (
	"bytes"
	"encoding/json"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
)

// proofPlaceholder is the bare token in consent.js that the server replaces
// with what the loader needs to record choices: null when the configuration
// does not enable proof of consent, else
//
//	{"hashes":{"en":"<texts hash>","fr":"<texts hash>"}}
//
// the texts hash of each language, which the loader sends with each choice
// made in that language (so the loader needs no wasm to send it).
const proofPlaceholder = `__CONSENT_PROOF__`

// loaderProof is the value of proofPlaceholder for cfg.
type loaderProof struct {
	Hashes map[string]string `json:"hashes"`
}

// fillProof replaces proofPlaceholder in the raw loader, before the other
// placeholders are filled: its value (hex hashes and language codes) cannot
// contain any of them, while a configuration text might contain this one.
// A loader without the placeholder (an older build) is returned unchanged.
func fillProof(loader []byte, cfg *config.Config) []byte {
	value := []byte("null")
	if cfg.Proof.Enabled {
		value, _ = json.Marshal(loaderProof{Hashes: proof.TextsHashes(cfg)}) // a map of strings always marshals
	}
	return bytes.ReplaceAll(loader, []byte(proofPlaceholder), value)
}
