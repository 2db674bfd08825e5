//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeSection returns the README's text under a heading, up to the next
// heading of the same or a higher level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(b)
	i := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README.md has a %q section", heading)
	rest := readme[i+len(heading)+2:]
	level := strings.Index(heading, " ") // the number of #
	if j := regexp.MustCompile(fmt.Sprintf(`\n#{1,%d} `, level)).FindStringIndex(rest); j != nil {
		rest = rest[:j[0]]
	}
	return rest
}

// TestReadmeListsEveryCustomProperty checks that the README's table of
// custom properties is exactly the set of --cc-* properties the theme reads.
func TestReadmeListsEveryCustomProperty(t *testing.T) {
	theme, err := os.ReadFile(filepath.Join("web", "theme.css"))
	require.NoError(t, err)
	var used []string
	for _, m := range regexp.MustCompile(`var\((--cc-[a-z-]+)`).FindAllStringSubmatch(string(theme), -1) {
		used = append(used, m[1])
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `(--cc-[a-z-]+)` \\|").FindAllStringSubmatch(readmeSection(t, "### Custom properties"), -1) {
		documented = append(documented, m[1])
	}
	slices.Sort(used)
	used = slices.Compact(used)
	require.NotEmpty(t, used)
	assert.ElementsMatch(t, used, documented)
}

// TestReadmeShowsTheTestedStylingExamples checks that each styling example in
// the README is, to the character, the file the browser test applies.
func TestReadmeShowsTheTestedStylingExamples(t *testing.T) {
	tests := []struct{ section, file string }{
		{"### Custom properties", "styling-variables.css"},
		{"### Parts", "styling-parts.css"},
		{"### Your own stylesheet", "styling-stylesheet.css"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			example, err := os.ReadFile(filepath.Join("e2e", "testdata", tt.file))
			require.NoError(t, err)
			assert.Contains(t, readmeSection(t, tt.section), "```css\n"+string(example)+"```\n")
		})
	}
}

// TestReadmePicturesExist checks that every picture the README shows is in
// the repository (./build.sh gallery and ./build.sh screenshot make them).
func TestReadmePicturesExist(t *testing.T) {
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	pictures := regexp.MustCompile(`!\[[^\]]*\]\(([^)]+\.png)\)`).FindAllStringSubmatch(string(b), -1)
	require.NotEmpty(t, pictures)
	for _, m := range pictures {
		_, err := os.Stat(filepath.FromSlash(m[1]))
		assert.NoError(t, err, "README.md shows %s", m[1])
	}
}
