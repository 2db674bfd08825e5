package consent

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzDecode feeds arbitrary cookie values to Decode. Whatever the input, it
// must not panic, and whatever it accepts must be a choice that re-encodes to
// a value that decodes to the same choice and that Check can judge.
func FuzzDecode(f *testing.F) {
	f.Add(Encode(New(1, map[string]bool{"necessary": true, "statistics": false}, t0)))
	f.Add("%7B%22v%22%3A1%7D")
	f.Add("")
	f.Add("%")
	f.Add(`{"v":1,"rev":1,"id":"abcdefghijklmnopqrstuv","ts":1,"categories":{"a":true}}`)
	f.Fuzz(func(t *testing.T, value string) {
		c, err := Decode(value)
		if err != nil {
			return
		}
		again, err := Decode(Encode(c))
		require.NoError(t, err)
		assert.Equal(t, c, again)
		_ = c.Check(rules, time.Now())
		_, _ = Read(CookieName + "=" + value)
	})
}
