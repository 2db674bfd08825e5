//go:build !js

package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemoRecordsTheDemoPagesChoices: the server as ./build.sh serve starts
// it (-demo) records the demo page's choices with nothing else to set up,
// and the token it made for the run finds them.
func TestDemoRecordsTheDemoPagesChoices(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".demo")
	server, stop, err := startServer("-demo", dir)
	require.NoError(t, err)
	t.Cleanup(stop)
	token, err := os.ReadFile(filepath.Join(dir, "operator-token"))
	require.NoError(t, err)

	v := newVisitor(t)
	v.open(server + "/")
	v.click("[data-cc-action=accept-all]")
	choice, _ := v.waitChoice(server)

	deadline := time.Now().Add(10 * time.Second)
	for {
		req, err := http.NewRequest(http.MethodGet, server+"/operator/consents?id="+choice.ID, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(token)))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			assert.Contains(t, string(body), "accept_all", "the operator's look-up shows the demo page's choice")
			return
		}
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "%s", body)
		require.True(t, time.Now().Before(deadline), "the choice %s was not recorded", choice.ID)
		time.Sleep(100 * time.Millisecond)
	}
}
