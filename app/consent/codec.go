package consent

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"unicode/utf8"
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

// validID reports whether s is a consent id: 16 to 64 of A-Z, a-z, 0-9,
// "_" and "-" (the regexp ^[A-Za-z0-9_-]{16,64}$, written out: compiling
// that regexp was the largest package initialisation of the wasm, about
// 10 ms of the Go program's start when the panel opens).
func validID(s string) bool {
	if len(s) < 16 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !lower(c) && !(c >= 'A' && c <= 'Z') && !digit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// validCategory reports whether s is a category id: a-z, then up to 31 of
// a-z, 0-9, "_" and "-" (the regexp ^[a-z][a-z0-9_-]{0,31}$, written out).
func validCategory(s string) bool {
	if len(s) < 1 || len(s) > 32 || !lower(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !lower(c) && !digit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func lower(c byte) bool { return c >= 'a' && c <= 'z' }
func digit(c byte) bool { return c >= '0' && c <= '9' }

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
//
// It is exactly as strict as the loader's JavaScript decoder (web/loader/
// cookie.js), so that the page and the wasm never disagree on a cookie: the
// object has exactly the keys v, rev, id, ts and categories (spelled in
// lowercase, which encoding/json alone would not insist on), numbers are
// integers written in any JSON form, and every category answer is true or
// false (null is not an answer). testdata/vectors.json drives both decoders.
func Decode(value string) (Choice, error) {
	if len(value) > MaxValueBytes {
		return Choice{}, ErrTooLarge
	}
	raw, err := url.PathUnescape(value)
	if err != nil {
		return Choice{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !utf8.ValidString(raw) {
		return Choice{}, fmt.Errorf("%w: not UTF-8", ErrMalformed) // decodeURIComponent throws on these
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &fields); err != nil || fields == nil {
		return Choice{}, fmt.Errorf("%w: not a JSON object", ErrMalformed)
	}
	var c Choice
	if err := c.fill(fields); err != nil {
		return Choice{}, err
	}
	if err := c.validate(); err != nil {
		return Choice{}, err
	}
	return c, nil
}

// fill sets c's fields from a decoded object, refusing missing, unknown and
// mistyped keys.
func (c *Choice) fill(fields map[string]json.RawMessage) error {
	v, ok := fields["v"]
	if !ok {
		return fmt.Errorf("%w: no v", ErrVersion)
	}
	var err error
	if c.V, err = integer(v, MaxSafeInteger); err != nil || c.V != Version {
		return fmt.Errorf("%w: %s", ErrVersion, v)
	}
	for k := range fields {
		switch k {
		case "v", "rev", "id", "ts", "categories":
		default:
			return fmt.Errorf("%w: unknown field %q", ErrMalformed, k)
		}
	}
	if len(fields) != 5 {
		return fmt.Errorf("%w: %d fields, want 5", ErrMalformed, len(fields))
	}
	if c.Rev, err = integer(fields["rev"], MaxRevision); err != nil {
		return fmt.Errorf("%w: rev: %v", ErrMalformed, err)
	}
	ts, err := integer(fields["ts"], MaxSafeInteger)
	if err != nil {
		return fmt.Errorf("%w: ts: %v", ErrMalformed, err)
	}
	c.TS = int64(ts)
	if err := json.Unmarshal(fields["id"], &c.ID); err != nil {
		return fmt.Errorf("%w: id", ErrMalformed)
	}
	var cats map[string]json.RawMessage
	if err := json.Unmarshal(fields["categories"], &cats); err != nil || cats == nil {
		return fmt.Errorf("%w: categories", ErrMalformed)
	}
	c.Categories = make(map[string]bool, len(cats))
	for k, a := range cats {
		switch string(a) {
		case "true":
			c.Categories[k] = true
		case "false":
			c.Categories[k] = false
		default:
			return fmt.Errorf("%w: category %q is not true or false", ErrMalformed, k)
		}
	}
	return nil
}

// Bounds of the cookie's numbers: integers that any JavaScript or backend
// holds exactly.
const (
	MaxRevision    = 1<<31 - 1 // the configuration's revision fits an int32
	MaxSafeInteger = 1<<53 - 1 // JavaScript's Number.MAX_SAFE_INTEGER
)

// integer parses a JSON number with an integer value between 0 and max, in
// any form JSON allows ("3", "3.0", "3e0"), as JavaScript reads it.
func integer(raw json.RawMessage, max int) (int, error) {
	var f float64
	if string(raw) == "null" {
		return 0, errors.New("null")
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, errors.New("not a number")
	}
	if f != math.Trunc(f) || f < 0 || f > float64(max) {
		return 0, fmt.Errorf("%v is not an integer from 0 to %d", f, max)
	}
	return int(f), nil
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

// validate checks the form of each field of a decoded choice.
func (c Choice) validate() error {
	switch {
	case c.V != Version:
		return fmt.Errorf("%w: %d", ErrVersion, c.V)
	case c.Rev < 1:
		return fmt.Errorf("%w: rev %d", ErrMalformed, c.Rev)
	case !validID(c.ID):
		return fmt.Errorf("%w: id", ErrMalformed)
	case c.TS <= 0:
		return fmt.Errorf("%w: ts %d", ErrMalformed, c.TS)
	case len(c.Categories) == 0 || len(c.Categories) > maxCategories:
		return fmt.Errorf("%w: %d categories", ErrMalformed, len(c.Categories))
	}
	for k := range c.Categories {
		if !validCategory(k) {
			return fmt.Errorf("%w: category %q", ErrMalformed, k)
		}
	}
	return nil
}
