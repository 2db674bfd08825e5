// Package consent holds the visitor's choice and its cookie, cookies_preferences:
// how it is written, read back, and judged still valid. It has no browser
// dependency so that the server, the wasm banner and the tests share it.
package consent

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// CookieName is the cookie the banner owns, named by the portal's cookie charter.
const CookieName = "cookies_preferences"

// Version is the format version written in every cookie ("v"). A backend that
// reads the cookie checks it before trusting the other fields.
const Version = 1

// Choice is one visitor's answer, exactly as it is stored in the cookie.
// ID, TS and Rev are what a proof-of-consent record refers to.
type Choice struct {
	V          int             `json:"v"`
	Rev        int             `json:"rev"`
	ID         string          `json:"id"`
	TS         int64           `json:"ts"`
	Categories map[string]bool `json:"categories"`
}

// New records a fresh choice made now under configuration revision rev, with a
// new random consent id. The categories map is copied.
func New(rev int, categories map[string]bool, now time.Time) Choice {
	cats := make(map[string]bool, len(categories))
	for k, v := range categories {
		cats[k] = v
	}
	return Choice{V: Version, Rev: rev, ID: NewID(), TS: now.Unix(), Categories: cats}
}

// NewID returns a random consent id: 16 bytes from crypto/rand, URL-safe
// base64 without padding (22 characters). Random so it identifies the
// choice, never the visitor.
func NewID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// Accepted reports whether the visitor accepted the category. Anything not
// explicitly accepted is refused.
func (c Choice) Accepted(category string) bool {
	return c.Categories[category]
}

// Time is when the choice was made.
func (c Choice) Time() time.Time {
	return time.Unix(c.TS, 0)
}
