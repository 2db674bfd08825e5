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

// stylingDoc is where the styling reference lives.
const stylingDoc = "docs/styling.md"

// readmeSection returns a documentation file's text under a heading, up to
// the next heading of the same or a higher level.
func readmeSection(t *testing.T, file, heading string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	readme := string(b)
	i := strings.Index(readme, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "%s has a %q section", file, heading)
	rest := readme[i+len(heading)+2:]
	level := strings.Index(heading, " ") // the number of #
	if j := regexp.MustCompile(fmt.Sprintf(`\n#{1,%d} `, level)).FindStringIndex(rest); j != nil {
		rest = rest[:j[0]]
	}
	return rest
}

// TestReadmeListsEveryCustomProperty checks that the styling page's table of
// custom properties is exactly the set of --cc-* properties the theme reads.
func TestReadmeListsEveryCustomProperty(t *testing.T) {
	theme, err := os.ReadFile(filepath.Join("web", "theme.css"))
	require.NoError(t, err)
	var used []string
	for _, m := range regexp.MustCompile(`var\((--cc-[a-z-]+)`).FindAllStringSubmatch(string(theme), -1) {
		used = append(used, m[1])
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `(--cc-[a-z-]+)` \\|").FindAllStringSubmatch(readmeSection(t, stylingDoc, "## Custom properties"), -1) {
		documented = append(documented, m[1])
	}
	slices.Sort(used)
	used = slices.Compact(used)
	require.NotEmpty(t, used)
	assert.ElementsMatch(t, used, documented)
}

// TestReadmeShowsTheTestedStylingExamples checks that each styling example of
// the styling page is, to the character, the file the browser test applies.
func TestReadmeShowsTheTestedStylingExamples(t *testing.T) {
	tests := []struct{ section, file string }{
		{"## Custom properties", "styling-variables.css"},
		{"## Parts", "styling-parts.css"},
		{"## Your own stylesheet", "styling-stylesheet.css"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			example, err := os.ReadFile(filepath.Join("e2e", "testdata", tt.file))
			require.NoError(t, err)
			assert.Contains(t, readmeSection(t, stylingDoc, tt.section), "```css\n"+string(example)+"```\n")
		})
	}
}
