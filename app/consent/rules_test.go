package consent

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var rules = Rules{
	Revision:   3,
	Lifetime:   182 * 24 * time.Hour,
	Categories: []string{"necessary", "statistics"},
	Required:   []string{"necessary"},
}

func TestCheck(t *testing.T) {
	both := map[string]bool{"necessary": true, "statistics": false}
	tests := []struct {
		name string
		c    Choice
		now  time.Time
		want error
	}{
		{"fresh", New(3, both, t0), t0, nil},
		{"refusal is as valid as consent", New(3, map[string]bool{"necessary": true, "statistics": false}, t0), t0.Add(181 * 24 * time.Hour), nil},
		{"one second before expiry", New(3, both, t0), t0.Add(rules.Lifetime - time.Second), nil},
		{"at expiry", New(3, both, t0), t0.Add(rules.Lifetime), ErrExpired},
		{"older revision", New(2, both, t0), t0, ErrRevision},
		{"newer revision", New(4, both, t0), t0, ErrRevision},
		{"missing category", New(3, map[string]bool{"necessary": true}, t0), t0, ErrCategories},
		{"unknown category", New(3, map[string]bool{"necessary": true, "ads": true}, t0), t0, ErrCategories},
		{"extra category", New(3, map[string]bool{"necessary": true, "statistics": true, "ads": true}, t0), t0, ErrCategories},
		{"required refused", New(3, map[string]bool{"necessary": false, "statistics": true}, t0), t0, ErrCategories},
		{"slightly in the future", New(3, both, t0.Add(time.Hour)), t0, nil},
		{"far in the future", New(3, both, t0.Add(48*time.Hour)), t0, ErrFuture},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Check(rules, tt.now)
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tt.want)
			}
		})
	}
}

func TestCurrent(t *testing.T) {
	c := New(3, map[string]bool{"necessary": true, "statistics": true}, t0)
	got, ok := Current("a=b; "+CookieName+"="+Encode(c), rules, t0)
	assert.True(t, ok)
	assert.True(t, got.Accepted("statistics"))

	_, ok = Current(CookieName+"=tampered", rules, t0)
	assert.False(t, ok)
	_, ok = Current("", rules, t0)
	assert.False(t, ok)
	_, ok = Current(CookieName+"="+Encode(c), rules, t0.Add(rules.Lifetime))
	assert.False(t, ok, "expired")
}
