package proof

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Limits of a submission. A real one is about 300 bytes.
const (
	// MaxBodyBytes bounds a POST body; the server refuses larger ones with
	// 413 before reading them whole.
	MaxBodyBytes = 4096
	// MaxCategories matches the consent cookie's own limit.
	MaxCategories = 64
	maxOrigin     = 255
	maxPath       = 1024
	maxLang       = 35
	// maxRevision is config.MaxRevision.
	maxRevision = 1<<31 - 1
)

// TSWindow bounds a submission's ts (the visitor's clock) around the time
// the server receives it, both ways. The loader posts a choice the moment
// it is made, so a real ts is the server's time give or take the visitor's
// clock error; a day is the skew the consent cookie itself tolerates (past
// it the banner treats the choice as invalid). A record therefore never
// claims a moment more than a day from its reception.
const TSWindow = 24 * time.Hour

var (
	minTS       = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	idPattern   = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	catPattern  = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// SubmissionVersion is the "v" of the request format.
const SubmissionVersion = 1

// Submission is the body of POST /api/consents, as the loader sends it:
//
//	{"v":1,"id":"q3V1c0cN6lq3h0sKxYd8Vw","ts":1764489600,"rev":1,
//	 "textsHash":"<64 hex>","lang":"fr",
//	 "categories":{"necessary":true,"statistics":false},
//	 "origin":"https://data.example.org","path":"/explore/"}
type Submission struct {
	V          int             `json:"v"`
	ID         string          `json:"id"`
	TS         int64           `json:"ts"`
	Rev        int             `json:"rev"`
	TextsHash  string          `json:"textsHash"`
	Lang       string          `json:"lang"`
	Categories map[string]bool `json:"categories"`
	Origin     string          `json:"origin"`
	Path       string          `json:"path"`
}

// FieldError is a submission refused because of one field: the server
// answers 400 with its message.
type FieldError struct {
	Field string // JSON key, "" for the body as a whole
	Msg   string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// submissionFields are the keys of a submission, each with where to decode
// its value.
func (s *Submission) fields() map[string]any {
	return map[string]any{
		"v": &s.V, "id": &s.ID, "ts": &s.TS, "rev": &s.Rev, "textsHash": &s.TextsHash,
		"lang": &s.Lang, "categories": &s.Categories, "origin": &s.Origin, "path": &s.Path,
	}
}

// fieldOrder is the order in which missing fields are reported.
var fieldOrder = []string{"v", "id", "ts", "rev", "textsHash", "lang", "categories", "origin", "path"}

// DecodeSubmission reads one submission strictly: a single JSON object with
// exactly the known keys, each once, of the right types, nothing after it;
// then every field's form is checked (now bounds the timestamp). Any
// problem is a *FieldError naming the field.
func DecodeSubmission(data []byte, now time.Time) (Submission, error) {
	var s Submission
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return s, fieldErr("", "the body must be one JSON object")
	}
	targets := s.fields()
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return s, fieldErr("", "invalid JSON")
		}
		key, _ := tok.(string)
		target, known := targets[key]
		switch {
		case !known:
			return s, fieldErr(clip(key), "unknown field (allowed: %s)", strings.Join(fieldOrder, ", "))
		case seen[key]:
			return s, fieldErr(key, "given twice")
		}
		seen[key] = true
		if key == "categories" {
			if err := decodeCategories(dec, &s.Categories); err != nil {
				return s, err
			}
			continue
		}
		if err := decodeScalar(dec, key, target); err != nil {
			return s, err
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return s, fieldErr("", "invalid JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return s, fieldErr("", "unexpected data after the JSON object")
	}
	for _, k := range fieldOrder {
		if !seen[k] {
			return s, fieldErr(k, "missing")
		}
	}
	return s, s.check(now)
}

// decodeScalar decodes one string or integer field; a value of another JSON
// type (including null and floats) is refused.
func decodeScalar(dec *json.Decoder, key string, target any) error {
	tok, err := dec.Token()
	if err != nil {
		return fieldErr("", "invalid JSON")
	}
	switch t := target.(type) {
	case *string:
		v, ok := tok.(string)
		if !ok {
			return fieldErr(key, "expected a string")
		}
		*t = v
	case *int, *int64:
		n, ok := tok.(json.Number)
		if !ok {
			return fieldErr(key, "expected a whole number")
		}
		i, err := n.Int64()
		if err != nil {
			return fieldErr(key, "expected a whole number")
		}
		if p, ok := t.(*int); ok {
			if i < -maxRevision || i > maxRevision {
				return fieldErr(key, "out of range")
			}
			*p = int(i)
		} else {
			*t.(*int64) = i
		}
	}
	return nil
}

// decodeCategories decodes the categories object: category id -> bool,
// each id once.
func decodeCategories(dec *json.Decoder, out *map[string]bool) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fieldErr("categories", "expected an object of category id -> true or false")
	}
	cats := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fieldErr("", "invalid JSON")
		}
		id, _ := tok.(string)
		field := "categories." + clip(id)
		if !catPattern.MatchString(id) {
			return fieldErr(field, "not a category id")
		}
		if _, dup := cats[id]; dup {
			return fieldErr(field, "given twice")
		}
		if len(cats) == MaxCategories {
			return fieldErr("categories", "more than %d categories", MaxCategories)
		}
		v, err := dec.Token()
		if err != nil {
			return fieldErr("", "invalid JSON")
		}
		on, ok := v.(bool)
		if !ok {
			return fieldErr(field, "expected true or false")
		}
		cats[id] = on
	}
	if _, err := dec.Token(); err != nil {
		return fieldErr("", "invalid JSON")
	}
	*out = cats
	return nil
}

// check verifies the form of every field.
func (s Submission) check(now time.Time) error {
	switch {
	case s.V != SubmissionVersion:
		return fieldErr("v", "unknown version %d (this server reads %d)", s.V, SubmissionVersion)
	case !idPattern.MatchString(s.ID):
		return fieldErr("id", "not a consent id (16 to 64 characters A-Z a-z 0-9 _ -)")
	case s.TS < minTS:
		return fieldErr("ts", "%d is before 2020 (Unix seconds expected)", s.TS)
	case s.TS > now.Add(TSWindow).Unix():
		return fieldErr("ts", "%d is more than a day ahead of the server's clock", s.TS)
	case s.TS < now.Add(-TSWindow).Unix():
		return fieldErr("ts", "%d is more than a day behind the server's clock (a choice is posted when it is made)", s.TS)
	case s.Rev < 1 || s.Rev > maxRevision:
		return fieldErr("rev", "%d is not a configuration revision (1 to %d)", s.Rev, maxRevision)
	case !IsHash(s.TextsHash):
		return fieldErr("textsHash", "not a texts hash (64 lowercase hex digits)")
	case len(s.Lang) > maxLang || !langPattern.MatchString(s.Lang):
		return fieldErr("lang", "not a language code")
	case len(s.Categories) == 0:
		return fieldErr("categories", "empty")
	}
	if err := checkOrigin(s.Origin); err != nil {
		return err
	}
	return checkPath(s.Path)
}

// checkOrigin accepts what location.origin gives on a web page:
// http or https, a host, an optional port, nothing else.
func checkOrigin(o string) error {
	bad := fieldErr("origin", "not an origin such as https://data.example.org")
	if o == "" || len(o) > maxOrigin {
		return bad
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(o, "?") || strings.HasSuffix(o, "#") ||
		u.Scheme+"://"+u.Host != o || hasControlOrSpace(o) {
		return bad
	}
	return nil
}

// checkPath accepts a URL path as location.pathname gives it: starting with
// "/", no query or fragment (the loader never sends them: they may hold
// personal data), no spaces or control characters.
func checkPath(p string) error {
	switch {
	case p == "" || p[0] != '/':
		return fieldErr("path", "must start with /")
	case len(p) > maxPath:
		return fieldErr("path", "longer than %d bytes", maxPath)
	case strings.ContainsAny(p, "?#"):
		return fieldErr("path", "must not hold a query string or a fragment")
	case hasControlOrSpace(p):
		return fieldErr("path", "must not hold spaces or control characters (percent-encode them)")
	}
	return nil
}

func hasControlOrSpace(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return true
		}
	}
	return false
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}

// errTextsAltered means a stored texts document no longer hashes to its key.
var errTextsAltered = errors.New("proof: stored texts do not match their hash (altered in the database?)")

// CheckOrigin reports whether o is an origin as location.origin writes it
// (http or https, a host, an optional port, nothing else), for the server's
// -allowed-origins.
func CheckOrigin(o string) error { return checkOrigin(o) }

// IsID reports whether s has the form of a consent id.
func IsID(s string) bool { return idPattern.MatchString(s) }
