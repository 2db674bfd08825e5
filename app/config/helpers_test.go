package config

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// defaultMap is default.json decoded as plain JSON values, for tests to
// break one thing in an otherwise valid file.
func defaultMap(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(DefaultJSON(), &m))
	return m
}

// edit is one change to a decoded JSON document.
type edit func(t testing.TB, m map[string]any)

// set returns an edit that puts v at a dotted path ("categories.1.id"),
// where numbers index arrays.
func set(path string, v any) edit {
	return func(t testing.TB, m map[string]any) {
		parent, last := walkTo(t, m, path)
		switch p := parent.(type) {
		case map[string]any:
			p[last] = v
		case []any:
			i, err := strconv.Atoi(last)
			require.NoError(t, err)
			p[i] = v
		}
	}
}

// del returns an edit that removes the object key at a dotted path.
func del(path string) edit {
	return func(t testing.TB, m map[string]any) {
		parent, last := walkTo(t, m, path)
		p, ok := parent.(map[string]any)
		require.True(t, ok, "del %s: parent is not an object", path)
		_, ok = p[last]
		require.True(t, ok, "del %s: no such key", path)
		delete(p, last)
	}
}

// walkTo returns the container holding the last element of path.
func walkTo(t testing.TB, m map[string]any, path string) (any, string) {
	t.Helper()
	parts := strings.Split(path, ".")
	var cur any = m
	for _, p := range parts[:len(parts)-1] {
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[p]
			require.True(t, ok, "path %s: no key %q", path, p)
			cur = next
		case []any:
			i, err := strconv.Atoi(p)
			require.NoError(t, err, "path %s", path)
			require.Less(t, i, len(c), "path %s", path)
			cur = c[i]
		default:
			t.Fatalf("path %s: %q is inside a scalar", path, p)
		}
	}
	return cur, parts[len(parts)-1]
}

// defaultWith is default.json with the edits applied, as JSON.
func defaultWith(t testing.TB, edits ...edit) []byte {
	t.Helper()
	m := defaultMap(t)
	for _, e := range edits {
		e(t, m)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	return data
}
