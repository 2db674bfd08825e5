package consent

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetCookieAttributes(t *testing.T) {
	c := New(1, map[string]bool{"necessary": true}, t0)
	tests := []struct {
		name string
		a    Attributes
		want string
	}{
		{"http", Attributes{MaxAge: 182 * 24 * time.Hour}, "; Path=/; Max-Age=15724800; SameSite=Lax"},
		{"https", Attributes{MaxAge: time.Hour, Secure: true}, "; Path=/; Max-Age=3600; SameSite=Lax; Secure"},
		{"domain", Attributes{MaxAge: time.Hour, Domain: "example.org"}, "; Path=/; Max-Age=3600; SameSite=Lax; Domain=example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SetCookie(c, tt.a)
			assert.Equal(t, CookieName+"="+Encode(c)+tt.want, s)

			// A standard HTTP client parses it back to the same value.
			parsed, err := http.ParseSetCookie(s)
			require.NoError(t, err)
			got, err := Decode(parsed.Value)
			require.NoError(t, err)
			assert.Equal(t, c, got)
			assert.Equal(t, http.SameSiteLaxMode, parsed.SameSite)
			assert.Equal(t, int(tt.a.MaxAge/time.Second), parsed.MaxAge)
		})
	}
}

func TestDeleteCookie(t *testing.T) {
	s := DeleteCookie(Attributes{Domain: "example.org", Secure: true})
	assert.Equal(t, CookieName+"=; Path=/; Max-Age=0; SameSite=Lax; Domain=example.org; Secure", s)
}
