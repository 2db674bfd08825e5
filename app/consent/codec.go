package consent

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// MaxValueBytes bounds the encoded cookie value we accept. A real choice is a
// few hundred bytes; anything far larger was not written by us.
const MaxValueBytes = 4096

// Errors returned by Decode and Read. Each means "no valid choice": the
// banner asks again.
var (
	ErrNoCookie  = errors.New("consent: no " + CookieName + " cookie")
	ErrTooLarge  = errors.New("consent: cookie value too large")
	ErrMalformed = errors.New("consent: malformed cookie value")
	ErrVersion   = errors.New("consent: unknown cookie format version")
)

var (
	idPattern       = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	categoryPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
)

// maxCategories bounds the categories map so that a hostile cookie cannot make
// us allocate without limit.
const maxCategories = 64

// Encode returns the cookie value: encodeURIComponent of the JSON object, so
// that any backend decodes it with its standard URL-unescape and JSON parser.
// Category keys come out sorted (encoding/json sorts map keys).
func Encode(c Choice) string {
	b, _ := json.Marshal(c) // a Choice always marshals
	return escape(string(b))
}

// Decode parses a cookie value written by Encode (still URL-encoded, as found
// in document.cookie or a Cookie header). It checks the form of every field,
// not whether the choice is still valid for a configuration: that is Check.
func Decode(value string) (Choice, error) {
	if len(value) > MaxValueBytes {
		return Choice{}, ErrTooLarge
	}
	raw, err := url.PathUnescape(value)
	if err != nil {
		return Choice{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	var c Choice
	if err := dec.Decode(&c); err != nil {
		return Choice{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Choice{}, fmt.Errorf("%w: trailing data", ErrMalformed)
	}
	if err := c.validate(); err != nil {
		return Choice{}, err
	}
	return c, nil
}

// validate checks the form of each field of a decoded choice.
func (c Choice) validate() error {
	switch {
	case c.V != Version:
		return fmt.Errorf("%w: %d", ErrVersion, c.V)
	case c.Rev < 1:
		return fmt.Errorf("%w: rev %d", ErrMalformed, c.Rev)
	case !idPattern.MatchString(c.ID):
		return fmt.Errorf("%w: id", ErrMalformed)
	case c.TS <= 0:
		return fmt.Errorf("%w: ts %d", ErrMalformed, c.TS)
	case len(c.Categories) == 0 || len(c.Categories) > maxCategories:
		return fmt.Errorf("%w: %d categories", ErrMalformed, len(c.Categories))
	}
	for k := range c.Categories {
		if !categoryPattern.MatchString(k) {
			return fmt.Errorf("%w: category %q", ErrMalformed, k)
		}
	}
	return nil
}

// Read finds and decodes our cookie in a cookie string as document.cookie or
// a Cookie request header gives it ("a=1; cookies_preferences=...; b=2").
// When the name appears more than once (e.g. set on the host and on a parent
// domain), the first one that decodes wins, as browsers list the most
// specific first.
func Read(cookies string) (Choice, error) {
	err := ErrNoCookie
	for _, part := range strings.Split(cookies, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || name != CookieName {
			continue
		}
		c, derr := Decode(value)
		if derr == nil {
			return c, nil
		}
		err = derr
	}
	return Choice{}, err
}

// escape is JavaScript's encodeURIComponent: everything but
// A-Z a-z 0-9 - _ . ! ~ * ' ( ) is percent-encoded as UTF-8 bytes.
func escape(s string) string {
	var b bytes.Buffer
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte("-_.!~*'()", ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[ch>>4])
		b.WriteByte(hex[ch&15])
	}
	return b.String()
}
