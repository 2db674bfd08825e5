package consent

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vectors is testdata/vectors.json, which the loader's JavaScript tests
// (web/test/cookie.test.cjs) read too: both decoders agree on every case.
type vectors struct {
	Now   int64 `json:"now"`
	Rules struct {
		Revision            int      `json:"revision"`
		LifetimeDays        int      `json:"lifetimeDays"`
		RefusalLifetimeDays int      `json:"refusalLifetimeDays"`
		Categories          []string `json:"categories"`
		Required            []string `json:"required"`
	} `json:"rules"`
	Decode []struct {
		Name    string  `json:"name"`
		Cookies string  `json:"cookies"`
		Decodes bool    `json:"decodes"`
		Valid   bool    `json:"valid"`
		Choice  *Choice `json:"choice"`
	} `json:"decode"`
	Encode []struct {
		Name   string `json:"name"`
		Choice Choice `json:"choice"`
		Value  string `json:"value"`
		MaxAge int64  `json:"maxAge"`
	} `json:"encode"`
}

func loadVectors(t *testing.T) (vectors, Rules) {
	data, err := os.ReadFile("testdata/vectors.json")
	require.NoError(t, err)
	var v vectors
	require.NoError(t, json.Unmarshal(data, &v))
	day := 24 * time.Hour
	return v, Rules{
		Revision:        v.Rules.Revision,
		Lifetime:        time.Duration(v.Rules.LifetimeDays) * day,
		RefusalLifetime: time.Duration(v.Rules.RefusalLifetimeDays) * day,
		Categories:      v.Rules.Categories,
		Required:        v.Rules.Required,
	}
}

func TestSharedVectorsDecode(t *testing.T) {
	v, rules := loadVectors(t)
	now := time.Unix(v.Now, 0)
	for _, tt := range v.Decode {
		t.Run(tt.Name, func(t *testing.T) {
			c, err := Read(tt.Cookies)
			assert.Equal(t, tt.Decodes, err == nil, "Read: %v", err)
			if tt.Choice != nil {
				assert.Equal(t, *tt.Choice, c)
			}
			_, ok := Current(tt.Cookies, rules, now)
			assert.Equal(t, tt.Valid, ok)
		})
	}
}

func TestSharedVectorsEncode(t *testing.T) {
	v, rules := loadVectors(t)
	for _, tt := range v.Encode {
		t.Run(tt.Name, func(t *testing.T) {
			assert.Equal(t, tt.Value, Encode(tt.Choice))
			assert.Equal(t, tt.MaxAge, int64(rules.LifetimeOf(tt.Choice)/time.Second))
		})
	}
}
