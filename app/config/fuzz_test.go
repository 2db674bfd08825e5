package config

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse checks that no input makes Parse panic, and that whatever it
// accepts is valid and survives a Marshal and Parse unchanged (so the server
// can serve to the banner exactly the configuration it checked).
func FuzzParse(f *testing.F) {
	f.Add(DefaultJSON())
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"revision": 1,}`))
	f.Add([]byte(`{"revision": 1} trailing`))
	f.Add([]byte(`{"revision": 1, "revision": 2}`))
	f.Add([]byte(`{"Revision": "1", "categories": [{"id": "Stats"}], "texts": {"EN": null}}`))
	f.Add([]byte(`{"categories": [{"id": "a", "cookies": [{"name": "*", "service": null}]}], "texts": {"fr": {}}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Add([]byte("\ufeff{\"lifetimeDays\": 1e400}"))
	// Structural problems beside others: the pruned file is decoded and
	// validated too (see prune).
	f.Add([]byte(`{"colour": "red", "revision": 0, "lifetimeDays": 500, "categories": [{"id": "Stats"}, 3, null], "texts": {"fr": null, "en": {"acceptAll": 1}}}`))
	f.Add([]byte(`{"Revision": 1, "revision": "1", "consentMode": {"statistics": [1, "analytics_storage"]}, "proof": {"enabled": "yes"}}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			require.Nil(t, c)
			require.NotEmpty(t, Problems(err), "every error is made of problems")
			return
		}
		require.NoError(t, c.Validate())
		out, err := json.Marshal(c)
		require.NoError(t, err)
		if len(out) > MaxSize {
			return // escaping grew a file near the limit past it
		}
		back, err := Parse(out)
		require.NoError(t, err, "re-parsing %s", out)
		assert.Equal(t, c, back)
		_ = c.Warnings()
		_ = c.TextsFor(c.Language("en-GB", "fr"))
	})
}
