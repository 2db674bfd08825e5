package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
)

// benchToken is the operator token of the servers the bench starts, and
// benchOrigin the portal page origin its choices come from: a fixed one,
// allowed by -allowed-origins, so that a choice posted again after a
// restart (on another port) is the very same request.
const (
	benchToken  = "proofbench-operator-token-0123456789"
	benchOrigin = "https://portal.bench.example"
)

// server is one run of the real server binary on a loopback port.
type server struct {
	cmd    *exec.Cmd
	URL    string // http://127.0.0.1:PORT/
	stderr *lockedBuffer
	done   chan struct{}
}

// lockedBuffer collects the server's log.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// env is where the bench runs the server: its binary, a dist directory and a
// configuration with proof of consent on.
type env struct {
	bin     string
	dist    string
	cfgFile string
	cfg     *config.Config
	hashFR  string
}

// newEnv prepares the configuration in dir. dist "" writes a minimal dist
// (the server only checks the files' form; the bench loads no wasm).
func newEnv(bin, dist, dir string) (*env, error) {
	cfg := config.Default()
	cfg.Proof.Enabled = true
	data, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	e := &env{bin: bin, dist: dist, cfgFile: filepath.Join(dir, "site.json"), cfg: cfg, hashFR: proof.TextsHashes(cfg)["fr"]}
	if err := os.WriteFile(e.cfgFile, data, 0o600); err != nil {
		return nil, err
	}
	if e.dist == "" {
		e.dist = filepath.Join(dir, "dist")
		files := map[string]string{
			"consent.js":   `(function(){var P=__CONSENT_PROOF__;var C=__CONSENT_CONFIG__;var F=__CONSENT_PRERENDER__;var N=__CONSENT_PANEL__;var W="__CONSENT_WASM_URL__";})();`,
			"consent.wasm": "\x00asm\x01\x00\x00\x00",
			"theme.css":    ":host{}",
		}
		if err := os.MkdirAll(e.dist, 0o755); err != nil {
			return nil, err
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(e.dist, name), []byte(content), 0o644); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

// start runs the server on db and waits for its "listening on" line.
func (e *env) start(db string) (*server, error) {
	cmd := exec.Command(e.bin, "-addr", "127.0.0.1:0", "-dist", e.dist, "-config", e.cfgFile,
		"-proof-db", db, "-proof-rate", "0", "-proof-rate-total", "0", "-proof-retention-months", "0", "-allowed-origins", benchOrigin)
	cmd.Env = append(os.Environ(), "CONSENT_OPERATOR_TOKEN="+benchToken)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", e.bin, err)
	}
	go func() { _ = cmd.Wait(); close(s.done) }()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				lines <- u
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case u := <-lines:
		s.URL = u
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("the server exited at start: %s", s.stderr.String())
	case <-time.After(30 * time.Second):
		s.kill()
		return nil, fmt.Errorf("the server did not listen within 30 s: %s", s.stderr.String())
	}
}

// kill sends SIGKILL: no shutdown, no flush, no deferred close.
func (s *server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}

// stop asks for a graceful shutdown (SIGINT) and waits for it.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		s.kill()
		return errors.New("the server did not stop within 20 s")
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		return fmt.Errorf("the server exited with %d: %s", code, s.stderr.String())
	}
	return nil
}

// freshDatabase returns what -proof-db gets: a new SQLite file in dir, or,
// for a postgres:// URL, a new schema of that database (selected through
// search_path) and a function that drops it.
func freshDatabase(ctx context.Context, db, dir string) (string, func(), error) {
	if !proof.IsPostgresURL(db) {
		return filepath.Join(dir, "proof.db"), func() {}, nil
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	conn, err := sql.Open("pgx", db)
	if err != nil {
		return "", nil, err
	}
	if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = conn.Close()
		return "", nil, fmt.Errorf("creating a schema: %w", err)
	}
	u, err := url.Parse(db)
	if err != nil {
		_ = conn.Close()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	drop := func() {
		_, _ = conn.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		_ = conn.Close()
	}
	return u.String(), drop, nil
}
