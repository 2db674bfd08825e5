package consent

import (
	"strconv"
	"strings"
	"time"
)

// Attributes are the cookie attributes the site controls.
type Attributes struct {
	MaxAge time.Duration // lifetime; a refusal is kept exactly as long as a consent
	Domain string        // optional, to share the choice across sub-domains
	Secure bool          // set on https pages
}

// SetCookie returns the string to assign to document.cookie (or to send as a
// Set-Cookie header) to store the choice.
func SetCookie(c Choice, a Attributes) string {
	return cookieString(Encode(c), int64(a.MaxAge/time.Second), a)
}

// DeleteCookie returns the string that removes the cookie written with the
// same attributes.
func DeleteCookie(a Attributes) string {
	return cookieString("", 0, a)
}

func cookieString(value string, maxAge int64, a Attributes) string {
	var b strings.Builder
	b.WriteString(CookieName + "=" + value + "; Path=/; Max-Age=" + strconv.FormatInt(maxAge, 10) + "; SameSite=Lax")
	if a.Domain != "" {
		b.WriteString("; Domain=" + a.Domain)
	}
	if a.Secure {
		b.WriteString("; Secure")
	}
	return b.String()
}
