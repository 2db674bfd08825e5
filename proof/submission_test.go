package proof

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

const hashFR = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// validBody is a submission as the loader sends it.
const validBody = `{"v":1,"id":"q3V1c0cN6lq3h0sKxYd8Vw","ts":1796040000,"rev":1,` +
	`"textsHash":"` + hashFR + `","lang":"fr",` +
	`"categories":{"necessary":true,"statistics":false},` +
	`"origin":"https://data.example.org","path":"/explore/dataset/arbres/"}`

func TestDecodeSubmission(t *testing.T) {
	s, err := DecodeSubmission([]byte(validBody), now)
	require.NoError(t, err)
	assert.Equal(t, Submission{
		V: 1, ID: "q3V1c0cN6lq3h0sKxYd8Vw", TS: 1796040000, Rev: 1, TextsHash: hashFR, Lang: "fr",
		Categories: map[string]bool{"necessary": true, "statistics": false},
		Origin:     "https://data.example.org", Path: "/explore/dataset/arbres/",
	}, s)

	// Key order and whitespace do not matter.
	s2, err := DecodeSubmission([]byte(" {\"path\":\"/\", \"v\":1,\"id\":\"q3V1c0cN6lq3h0sKxYd8Vw\",\"ts\":1796040000,\"rev\":1,"+
		"\"textsHash\":\""+hashFR+"\",\"lang\":\"pt-BR\",\"categories\":{\"a\":true},\"origin\":\"http://localhost:8080\"}\n"), now)
	require.NoError(t, err)
	assert.Equal(t, "pt-BR", s2.Lang)

	// ts may be up to TSWindow from the server's clock either way.
	for _, ts := range []string{"1795953600", "1796126400"} {
		_, err := DecodeSubmission([]byte(strings.Replace(validBody, "1796040000", ts, 1)), now)
		assert.NoError(t, err, ts)
	}
}

func TestDecodeSubmissionRefuses(t *testing.T) {
	with := func(from, to string) string {
		require.Contains(t, validBody, from)
		return strings.Replace(validBody, from, to, 1)
	}
	tests := []struct {
		name, body, field, msg string
	}{
		{"empty", ``, "", "one JSON object"},
		{"array", `[]`, "", "one JSON object"},
		{"null", `null`, "", "one JSON object"},
		{"broken", validBody[:50], "", "invalid JSON"},
		{"trailing", validBody + `{}`, "", "after the JSON object"},
		{"unknown field", with(`"v":1,`, `"v":1,"ip":"1.2.3.4",`), "ip", "unknown field"},
		{"twice", with(`"v":1,`, `"v":1,"v":1,`), "v", "given twice"},
		{"missing", with(`,"path":"/explore/dataset/arbres/"`, ``), "path", "missing"},
		{"version", with(`"v":1`, `"v":2`), "v", "unknown version"},
		{"v as string", with(`"v":1`, `"v":"1"`), "v", "whole number"},
		{"ts float", with(`1796040000`, `1796040000.5`), "ts", "whole number"},
		{"ts null", with(`1796040000`, `null`), "ts", "whole number"},
		{"ts too old", with(`1796040000`, `1500000000`), "ts", "before 2020"},
		{"ts milliseconds", with(`1796040000`, `1796040000000`), "ts", "ahead"},
		{"ts a day ahead", with(`1796040000`, `1796126401`), "ts", "more than a day ahead"},
		{"ts a day behind", with(`1796040000`, `1795953599`), "ts", "more than a day behind"},
		{"ts huge", with(`1796040000`, `99999999999999999999`), "ts", "whole number"},
		{"id short", with(`q3V1c0cN6lq3h0sKxYd8Vw`, `abc`), "id", "not a consent id"},
		{"id markup", with(`q3V1c0cN6lq3h0sKxYd8Vw`, `<script>alert(1)</script>`), "id", "not a consent id"},
		{"rev 0", with(`"rev":1`, `"rev":0`), "rev", "not a configuration revision"},
		{"rev huge", with(`"rev":1`, `"rev":9999999999999`), "rev", "out of range"},
		{"hash upper", with(hashFR, strings.ToUpper(hashFR)), "textsHash", "not a texts hash"},
		{"hash short", with(hashFR, hashFR[:12]), "textsHash", "not a texts hash"},
		{"lang", with(`"lang":"fr"`, `"lang":"français"`), "lang", "not a language code"},
		{"categories empty", with(`{"necessary":true,"statistics":false}`, `{}`), "categories", "empty"},
		{"categories array", with(`{"necessary":true,"statistics":false}`, `[]`), "categories", "expected an object"},
		{"category not bool", with(`"statistics":false`, `"statistics":"no"`), "categories.statistics", "true or false"},
		{"category bad id", with(`"statistics":false`, `"Stats":false`), "categories.Stats", "not a category id"},
		{"category twice", with(`"statistics":false`, `"statistics":false,"statistics":true`), "categories.statistics", "given twice"},
		{"origin with path", with(`https://data.example.org"`, `https://data.example.org/x"`), "origin", "not an origin"},
		{"origin scheme", with(`https://data.example.org"`, `javascript:alert(1)"`), "origin", "not an origin"},
		{"origin user", with(`https://data.example.org"`, `https://u@data.example.org"`), "origin", "not an origin"},
		{"origin query", with(`https://data.example.org"`, `https://data.example.org?"`), "origin", "not an origin"},
		{"origin empty", with(`https://data.example.org"`, `"`), "origin", "not an origin"},
		{"path relative", with(`"/explore/dataset/arbres/"`, `"explore"`), "path", "start with /"},
		{"path query", with(`/arbres/"`, `/arbres/?email=a@b.c"`), "path", "query string"},
		{"path fragment", with(`/arbres/"`, `/arbres/#x"`), "path", "query string"},
		{"path space", with(`/arbres/"`, `/arbres et haies/"`), "path", "spaces"},
		{"path control", with(`/arbres/"`, `/arbres/\n"`), "path", "control"},
		{"path long", with(`/arbres/"`, `/`+strings.Repeat("a", 1100)+`"`), "path", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeSubmission([]byte(tt.body), now)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Contains(t, fe.Msg, tt.msg)
		})
	}
}

func TestDecodeSubmissionBoundsCategories(t *testing.T) {
	var b strings.Builder
	for i := range MaxCategories + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"c` + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `":true`)
	}
	body := strings.Replace(validBody, `{"necessary":true,"statistics":false}`, "{"+b.String()+"}", 1)
	_, err := DecodeSubmission([]byte(body), now)
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, fe.Error(), "more than 64 categories")
}

func FuzzDecodeSubmission(f *testing.F) {
	f.Add([]byte(validBody))
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`{"categories":{"a":true,"a":false}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSubmission(data, now)
		if err != nil {
			var fe *FieldError
			require.ErrorAs(t, err, &fe, "every refusal names its cause")
			return
		}
		require.NoError(t, s.check(now))
	})
}
