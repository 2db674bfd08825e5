//go:build !js

package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Containerfile cannot be built here (no container runtime in CI), so
// this checks what it promises against what the build makes: a scratch base,
// the static binary, a non-root user owning the data volume, and a health
// check the binary itself answers (TestHealthcheck).
func TestContainerfile(t *testing.T) {
	data, err := os.ReadFile("Containerfile")
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(string(data), "\\\n", " "), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	text := strings.Join(lines, "\n")
	assert.Regexp(t, `(?m)^FROM scratch$`, text)
	assert.Regexp(t, `(?m)^COPY cookie-consent /cookie-consent$`, text, "./build.sh image's context is dist/, where build writes cookie-consent")
	user := regexp.MustCompile(`(?m)^USER ([0-9]+):([0-9]+)$`).FindStringSubmatch(text)
	require.NotNil(t, user, "a numeric USER (scratch has no /etc/passwd)")
	assert.NotEqual(t, "0", user[1], "not root")
	assert.Regexp(t, `(?m)^COPY --chown=`+user[1]+`:`+user[2]+` image-data/ /data/$`, text, "the volume belongs to the server's user")
	assert.Regexp(t, `(?m)^VOLUME \["/data"\]$`, text)
	assert.Regexp(t, `(?m)^HEALTHCHECK .*CMD \["/cookie-consent", "healthcheck", "http://127\.0\.0\.1:8080/healthz"\]$`, text)
	assert.Regexp(t, `(?m)^ENTRYPOINT \["/cookie-consent"\]$`, text)
	assert.Regexp(t, `(?m)^CMD \["-addr", ":8080"\]$`, text, "the port the health check asks")

	build, err := os.ReadFile("build.sh")
	require.NoError(t, err)
	assert.Contains(t, string(build), `mkdir -p "$DIST/image-data"`, "the empty data folder the image copies")
}
