package respond

import (
	"crypto/sha256"
	"encoding/base64"
)

// CSPHash is a Content-Security-Policy hash-source for an inline script's
// or stylesheet's exact text: pages allow their own inline code by hash,
// never with 'unsafe-inline'.
func CSPHash(text []byte) string {
	sum := sha256.Sum256(text)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
