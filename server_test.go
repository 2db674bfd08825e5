//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/bundle/bundletest"
	"github.com/opendata-portals/cookie-consent/internal/operator"
	"github.com/opendata-portals/cookie-consent/proof"
)

// listeningLine is what run prints once listening; the e2e tests parse it too.
var listeningLine = regexp.MustCompile(`^listening on (http://127\.0\.0\.1:[0-9]+/)$`)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// A handler that is still writing when the shutdown starts: Shutdown
	// must let it finish.
	started := make(chan struct{})
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(started)
			<-release
		}
		_, _ = io.WriteString(w, "done")
	})
	served := make(chan error, 1)
	go func() { served <- serve(ctx, ln, h) }()

	url := "http://" + ln.Addr().String()
	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(url + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		slow <- string(b)
	}()
	<-started
	cancel()

	// New connections are refused quickly while the slow one is in flight.
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 5*time.Second, 10*time.Millisecond)
	select {
	case err := <-served:
		t.Fatalf("serve returned (%v) before the in-flight request finished", err)
	default:
	}

	close(release)
	assert.Equal(t, "done", <-slow, "the in-flight request completes")
	select {
	case err := <-served:
		assert.NoError(t, err, "a clean shutdown returns nil")
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after the shutdown")
	}
}

func TestServeReportsListenerFailure(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	require.NoError(t, ln.Close())
	err = serve(context.Background(), ln, http.NotFoundHandler())
	assert.Error(t, err)
}

func TestServerTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler())
	assert.Positive(t, srv.ReadHeaderTimeout)
	assert.Positive(t, srv.ReadTimeout)
	assert.Positive(t, srv.WriteTimeout)
	assert.Positive(t, srv.IdleTimeout)
	assert.Positive(t, srv.MaxHeaderBytes)
}

func TestListenURL(t *testing.T) {
	tests := []struct{ addr, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"0.0.0.0:8080", "http://localhost:8080/"},
		{"[::]:8080", "http://localhost:8080/"},
		{"[::1]:9000", "http://[::1]:9000/"},
	}
	for _, tt := range tests {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		require.NoError(t, err)
		assert.Equal(t, tt.want, listenURL(addr), tt.addr)
	}
}

// startRun runs the whole program in-process and returns the URL it prints.
func startRun(t *testing.T, ctx context.Context, args []string) (url string, exit <-chan int, stderr *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr = &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, pw, stderr)
		pw.Close()
	}()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case line, ok := <-lines:
		require.True(t, ok, "run exited without listening: %s", stderr.String())
		m := listeningLine.FindStringSubmatch(line)
		require.NotNil(t, m, "unexpected first line %q", line)
		return m[1], code, stderr
	case <-time.After(10 * time.Second):
		t.Fatalf("no listening line; stderr: %s", stderr.String())
	}
	return "", nil, nil
}

func TestRunServesAndExitsCleanly(t *testing.T) {
	dir := bundletest.WriteDist(t, bundletest.Files())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, exit, _ := startRun(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dir})

	resp, err := http.Get(url + "healthz")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "ok", string(b))

	resp, err = http.Get(url + bundletest.WasmName())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case code := <-exit:
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

func TestRunWithConfigFile(t *testing.T) {
	dir := bundletest.WriteDist(t, bundletest.Files())
	cfgFile := filepath.Join(t.TempDir(), "site.json")
	var site map[string]any
	require.NoError(t, json.Unmarshal(config.DefaultJSON(), &site))
	site["revision"] = 7
	data, err := json.Marshal(site)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgFile, data, 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, exit, _ := startRun(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dir, "-config", cfgFile})

	resp, err := http.Get(url + "config.json")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Regexp(t, `"revision":\s*7`, string(b))
	resp, err = http.Get(url + "consent.js")
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(b), `"revision":7`)
	cancel()
	assert.Equal(t, 0, <-exit)
}

func TestRunFailsBeforeListening(t *testing.T) {
	good := bundletest.WriteDist(t, bundletest.Files())
	noWasm := bundletest.Files()
	delete(noWasm, "consent.wasm")
	broken := filepath.Join(t.TempDir(), "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(`{"revision": "three"`), 0o644))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"missing dist file", []string{"-addr", "127.0.0.1:0", "-dist", bundletest.WriteDist(t, noWasm)}, 1, "consent.wasm"},
		{"missing dist dir", []string{"-addr", "127.0.0.1:0", "-dist", filepath.Join(good, "nope")}, 1, "consent.js"},
		{"broken config", []string{"-addr", "127.0.0.1:0", "-dist", good, "-config", broken}, 1, "broken.json"},
		{"missing config", []string{"-addr", "127.0.0.1:0", "-dist", good, "-config", filepath.Join(good, "none.json")}, 1, "none.json"},
		{"address in use", []string{"-addr", busy.Addr().String(), "-dist", good}, 1, busy.Addr().String()},
		{"unknown flag", []string{"-port", "80"}, 2, "-port"},
		{"stray argument", []string{"-dist", good, "extra"}, 2, "extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr)
			assert.Equal(t, tt.wantCode, code)
			assert.Empty(t, stdout.String(), "nothing listened")
			assert.Contains(t, stderr.String(), tt.wantStderr)
		})
	}
}

// TestBinaryExitsZeroOnSIGTERM builds the real server and stops it the way a
// process manager does.
func TestBinaryExitsZeroOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	bin := filepath.Join(t.TempDir(), "server")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-dist", bundletest.WriteDist(t, bundletest.Files()))
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr syncBuffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			defer func() { _ = cmd.Process.Kill() }()

			sc := bufio.NewScanner(stdout)
			require.True(t, sc.Scan(), "no output; stderr: %s", stderr.String())
			m := listeningLine.FindStringSubmatch(sc.Text())
			require.NotNil(t, m, "first line %q", sc.Text())
			resp, err := http.Get(m[1] + "healthz")
			require.NoError(t, err)
			resp.Body.Close()

			require.NoError(t, cmd.Process.Signal(sig))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				assert.NoError(t, err, "exit status 0; stderr: %s", stderr.String())
			case <-time.After(15 * time.Second):
				t.Fatal("the server did not exit")
			}
		})
	}
}

// The whole program with a proof database: it records, and a configuration
// enabling proof without a database stops it before it listens.
func TestRunWithProofDatabase(t *testing.T) {
	files := bundletest.Files()
	files["consent.js"] = append([]byte("var PROOF = __CONSENT_PROOF__;\n"), bundletest.Loader...)
	dir := bundletest.WriteDist(t, files)
	cfgFile := filepath.Join(t.TempDir(), "site.json")
	cfg := config.Default()
	cfg.Proof.Enabled = true
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgFile, data, 0o644))

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-dist", dir, "-config", cfgFile}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "-proof-db is not set")

	dbFile := filepath.Join(t.TempDir(), "proof.db")
	t.Setenv(operator.TokenEnv, testToken)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, exit, log := startRun(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dir, "-config", cfgFile, "-proof-db", dbFile})
	assert.Contains(t, log.String(), "recording into the SQLite file "+dbFile)
	assert.NotContains(t, log.String(), testToken)

	resp, err := http.Get(url + "consent.js")
	require.NoError(t, err)
	js := string(body(t, resp))
	assert.Contains(t, js, proof.TextsHashes(cfg)["fr"], "the loader has the texts hashes")

	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	b := strings.Replace(choiceBody(cfg, "run-with-proof-00000000", time.Now().Unix(), refused), testOrigin, "http://"+host, 1)
	req, err := http.NewRequest("POST", url+"api/consents", strings.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Origin", "http://"+host)
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	cancel()
	require.Equal(t, 0, <-exit)

	// The record is in the file after a clean shutdown.
	s, err := proof.Open(context.Background(), dbFile)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.ByID(context.Background(), "run-with-proof-00000000")
	require.NoError(t, err)
	assert.Len(t, got, 1)
}

const (
	testToken  = "operator-token-for-tests-0123456789"
	testOrigin = "https://data.example.org"
)

var refused = map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}

// choiceBody is a submission as the loader sends it.
func choiceBody(cfg *config.Config, id string, ts int64, cats map[string]bool) string {
	b, _ := json.Marshal(map[string]any{
		"v": 1, "id": id, "ts": ts, "rev": cfg.Revision, "textsHash": proof.TextsHashes(cfg)["fr"], "lang": "fr",
		"categories": cats, "origin": testOrigin, "path": "/explore/",
	})
	return string(b)
}

func body(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data
}

func TestRunDispatchesTheAuditCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), []string{"audit"}, &stdout, &stderr)
	assert.Equal(t, 2, code, "no URL: the audit could not run")
	assert.Contains(t, stderr.String(), "usage: cookie-consent audit [flags] URL...")
	assert.Contains(t, stderr.String(), "audit: give at least one URL, or -sitemap")
	assert.Empty(t, stdout.String())
}

// -metrics-addr serves the Prometheus metrics on a listener of its own;
// the public address never serves them.
func TestRunServesMetricsOnItsOwnListener(t *testing.T) {
	dir := bundletest.WriteDist(t, bundletest.Files())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, exit, log := startRun(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dir, "-metrics-addr", "127.0.0.1:0"})
	m := regexp.MustCompile(`metrics on (http://127\.0\.0\.1:[0-9]+/metrics)`).FindStringSubmatch(log.String())
	require.NotNil(t, m, log.String())

	resp, err := http.Get(url + "healthz")
	require.NoError(t, err)
	resp.Body.Close()
	resp, err = http.Get(url + "metrics")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "never on the public address")

	resp, err = http.Get(m[1])
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	text := string(body(t, resp))
	assert.Contains(t, text, `consent_http_requests_total{code="200",route="healthz"} 1`)
	assert.Contains(t, text, `consent_http_requests_total{code="404",route="assets"} 1`)
	assert.Contains(t, text, "# TYPE consent_write_seconds histogram")

	cancel()
	require.Equal(t, 0, <-exit)
}
