package consent

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func TestEncodeIsEncodeURIComponentOfJSON(t *testing.T) {
	c := Choice{V: 1, Rev: 3, ID: "abcdefghijklmnopqrstuv", TS: 1764489600,
		Categories: map[string]bool{"statistics": false, "necessary": true}}
	got := Encode(c)
	assert.Equal(t, "%7B%22v%22%3A1%2C%22rev%22%3A3%2C%22id%22%3A%22abcdefghijklmnopqrstuv%22%2C%22ts%22%3A1764489600%2C%22categories%22%3A%7B%22necessary%22%3Atrue%2C%22statistics%22%3Afalse%7D%7D", got)

	// What a backend does: URL-unescape, then parse JSON.
	raw, err := url.QueryUnescape(got)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &back))
	assert.Equal(t, float64(3), back["rev"])
	assert.NotContains(t, got, ";", "a cookie value cannot hold ;")
	assert.NotContains(t, got, " ")
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	c := New(2, map[string]bool{"necessary": true, "third_party": true, "first-party": false}, t0)
	got, err := Decode(Encode(c))
	require.NoError(t, err)
	assert.Equal(t, c, got)
}

func TestNewIDIsRandomAndWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := NewID()
		assert.True(t, validID(id), id)
		assert.False(t, seen[id], "duplicate id %s", id)
		seen[id] = true
	}
}

func TestNewCopiesCategories(t *testing.T) {
	cats := map[string]bool{"necessary": true}
	c := New(1, cats, t0)
	cats["necessary"] = false
	assert.True(t, c.Accepted("necessary"))
	assert.False(t, c.Accepted("statistics"), "unknown categories are refused")
}

func TestDecodeRejects(t *testing.T) {
	valid := `{"v":1,"rev":1,"id":"abcdefghijklmnopqrstuv","ts":1764489600,"categories":{"necessary":true}}`
	with := func(from, to string) string { return url.PathEscape(strings.Replace(valid, from, to, 1)) }
	tests := []struct {
		name  string
		value string
		want  error
	}{
		{"empty", "", ErrMalformed},
		{"not json", "hello", ErrMalformed},
		{"bad escape", "%7B%ZZ", ErrMalformed},
		{"truncated", url.PathEscape(valid[:40]), ErrMalformed},
		{"trailing data", url.PathEscape(valid + "{}"), ErrMalformed},
		{"array", url.PathEscape(`[1,2]`), ErrMalformed},
		{"null", "null", ErrMalformed},
		{"unknown field", with(`"v":1`, `"v":1,"admin":true`), ErrMalformed},
		{"version 2", with(`"v":1`, `"v":2`), ErrVersion},
		{"version missing", with(`"v":1,`, ``), ErrVersion},
		{"rev 0", with(`"rev":1`, `"rev":0`), ErrMalformed},
		{"rev string", with(`"rev":1`, `"rev":"1"`), ErrMalformed},
		{"short id", with(`abcdefghijklmnopqrstuv`, `abc`), ErrMalformed},
		{"id with markup", with(`abcdefghijklmnopqrstuv`, `<script>alert(1)</script>`), ErrMalformed},
		{"ts zero", with(`1764489600`, `0`), ErrMalformed},
		{"ts negative", with(`1764489600`, `-5`), ErrMalformed},
		{"ts float", with(`1764489600`, `1.5`), ErrMalformed},
		{"no categories", with(`{"necessary":true}`, `{}`), ErrMalformed},
		{"category not bool", with(`{"necessary":true}`, `{"necessary":"yes"}`), ErrMalformed},
		{"category bad name", with(`{"necessary":true}`, `{"Necessary":true}`), ErrMalformed},
		{"too large", strings.Repeat("a", MaxValueBytes+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.value)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestDecodeAcceptsPlusAsLiteral(t *testing.T) {
	// encodeURIComponent never writes "+" for a space; a "+" in the value is
	// not part of any valid choice, so it must not turn into a space and pass.
	_, err := Decode("%7B%22v%22%3A1+%7D")
	assert.ErrorIs(t, err, ErrMalformed)
}

func TestRead(t *testing.T) {
	c := New(1, map[string]bool{"necessary": true}, t0)
	v := Encode(c)
	tests := []struct {
		name    string
		cookies string
		want    error
	}{
		{"alone", CookieName + "=" + v, nil},
		{"among others", "sessionid=x; " + CookieName + "=" + v + "; csrftoken=y", nil},
		{"no spaces", "a=b;" + CookieName + "=" + v, nil},
		{"first one broken, second good", CookieName + "=garbage; " + CookieName + "=" + v, nil},
		{"missing", "sessionid=x; csrftoken=y", ErrNoCookie},
		{"empty", "", ErrNoCookie},
		{"prefix name only", "x" + CookieName + "=" + v, ErrNoCookie},
		{"broken", CookieName + "=%7B", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(tt.cookies)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c, got)
		})
	}
}

// TestIDAndCategoryRulesMatchTheirRegexps: the hand-written checks accept
// exactly what the patterns they replace accepted.
func TestIDAndCategoryRulesMatchTheirRegexps(t *testing.T) {
	id := regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	category := regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	inputs := []string{"", "a", "abc", "Abc", "a-b_c9", "9abc", "_abc", "a.b", "aé", strings.Repeat("a", 32), strings.Repeat("a", 33),
		strings.Repeat("A", 15), strings.Repeat("A", 16), strings.Repeat("z9_-", 16), strings.Repeat("z9_-", 16) + "a", "abcdefghijklmnop ", "abcdefghijklmnop\n"}
	for c := 0; c < 256; c++ {
		inputs = append(inputs, "a"+string(rune(c)), strings.Repeat("a", 15)+string([]byte{byte(c)}))
	}
	for _, s := range inputs {
		assert.Equal(t, id.MatchString(s), validID(s), "id %q", s)
		assert.Equal(t, category.MatchString(s), validCategory(s), "category %q", s)
	}
}
