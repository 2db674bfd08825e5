//go:build !js

// The consent server: it ships what ./build.sh build put in dist/ (the
// loader, the banner's wasm, the default theme), the site's configuration and
// a demo portal page, all from memory. Its parts live in internal/: the
// bundle and demo (internal/bundle), the proof of consent's API
// (internal/proofapi) and operator pages (internal/operator), mounted by
// internal/proofserver; this file reads the flags and wires them together.
//
//	./build.sh build          # dist/cookie-consent, static, the bundle inside
//	dist/cookie-consent -addr :8080 [-config site.json]
//	cookie-consent -version
//	cookie-consent healthcheck [URL]
//	cookie-consent audit [flags] URL...   # docs/audit.md
//
// The same package, built with GOOS=js GOARCH=wasm, is the banner (wasm.go).
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/audit"
	"github.com/opendata-portals/cookie-consent/internal/bundle"
	"github.com/opendata-portals/cookie-consent/internal/metrics"
	"github.com/opendata-portals/cookie-consent/internal/proofserver"
)

// demoFiles is the demo portal page and its files, compiled into the binary so
// the server needs nothing but dist/ at run time.
//
//go:embed web/demo
var demoFiles embed.FS

// demoFS is demoFiles' web/demo directory.
func demoFS() fs.FS {
	sub, err := fs.Sub(demoFiles, "web/demo")
	if err != nil {
		panic(err) // a constant, valid path: cannot happen
	}
	return sub
}

// Connection limits. Every response is a precomputed byte slice, so the read
// side can be strict; the write side allows a slow mobile link to download the
// uncompressed 7 MB wasm at about 60 KB/s.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	// shutdownTimeout is how long in-flight downloads get to finish on
	// SIGINT/SIGTERM before their connections are closed.
	shutdownTimeout = 10 * time.Second
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default behaviour: a second
		// Ctrl-C kills at once instead of waiting for the shutdown deadline.
		<-ctx.Done()
		stop()
	}()
	code := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs a subcommand named by the first argument, or the server.
// "audit" has its own flags and exit codes (internal/audit, docs/audit.md).
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "healthcheck" {
		return healthcheck(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "audit" {
		return audit.Main(ctx, args[1:], stdout, stderr)
	}
	return run(ctx, args, stdout, stderr)
}

// run is the whole program, callable from tests: it parses args, loads
// everything (failing before listening if anything is wrong), prints the
// "listening on" line to stdout and serves until ctx is done. It returns the
// exit code: 0 after a clean shutdown, 1 on any error, 2 on bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("cookie-consent", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", ":8080", "`address` to listen on (host:port; port 0 picks a free one)")
	dist := flags.String("dist", "", "`directory` holding build.sh's output (consent.js, consent.wasm, theme.css), for development;\ndefault: the bundle compiled into this binary (or ./dist for a binary built without it)")
	cfgPath := flags.String("config", "", "site configuration `file` (JSON); default: the built-in configuration")
	metricsAddr := flags.String("metrics-addr", "", "serve Prometheus metrics at /metrics on this `address` only, e.g. 127.0.0.1:9090 "+
		"(a listener of its own, never the public -addr); empty: metrics off")
	proofFlags := proofserver.AddFlags(flags)
	showVersion := flags.Bool("version", false, "print the version, the commit and the Go version, and exit")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "server: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	if *showVersion {
		fmt.Fprintln(stdout, versionLine())
		return 0
	}

	cfg, err := loadConfig(*cfgPath)
	if err == nil {
		err = proofFlags.Demo(cfg, *cfgPath != "")
	}
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	for _, w := range cfg.Warnings() {
		fmt.Fprintf(stderr, "server: warning: %s\n", w)
	}
	a, err := loadBundle(*dist, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	for _, n := range a.Notes {
		fmt.Fprintf(stderr, "server: note: %s\n", n)
	}
	proofSettings, notes, err := proofFlags.Check(cfg, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "server: note: %s\n", n)
	}
	var m *metrics.Metrics
	if *metricsAddr != "" {
		m = metrics.New()
	}
	ps, err := proofserver.Start(ctx, proofSettings, cfg, stderr, m)
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	defer func() { _ = ps.Close() }() // after serve: no request is in flight any more

	var metricsLn net.Listener
	if m != nil {
		if metricsLn, err = net.Listen("tcp", *metricsAddr); err != nil {
			fmt.Fprintf(stderr, "server: -metrics-addr: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "server: note: metrics on %smetrics\n", listenURL(metricsLn.Addr()))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if metricsLn != nil {
			_ = metricsLn.Close()
		}
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "listening on %s\n", listenURL(ln.Addr()))
	for _, l := range proofSettings.DemoLines(listenURL(ln.Addr())) {
		fmt.Fprintln(stdout, l)
	}
	// The metrics listener stops with the main one, whichever way it stops.
	metricsCtx, stopMetrics := context.WithCancel(ctx)
	metricsDone := make(chan error, 1)
	if metricsLn != nil {
		go func() { metricsDone <- serve(metricsCtx, metricsLn, metricsHandler(m)) }()
	} else {
		metricsDone <- nil
	}
	err = serve(ctx, ln, m.Wrap(ps.Wrap(bundle.Handler(a))))
	stopMetrics()
	if metricsErr := <-metricsDone; err == nil && metricsErr != nil {
		err = fmt.Errorf("metrics: %w", metricsErr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
	return 0
}

// loadBundle reads build.sh's output from -dist when given, else from the
// copy compiled into the binary, else from ./dist.
func loadBundle(dist string, cfg *config.Config) (*bundle.Assets, error) {
	if dist == "" {
		if fsys, ok := embeddedDist(); ok {
			return bundle.LoadFS(fsys, "the bundle compiled into this binary",
				"it was built without a complete dist/: rebuild with ./build.sh build", demoFS(), cfg)
		}
		dist = "dist"
	}
	return bundle.Load(dist, demoFS(), cfg)
}

// metricsHandler serves /metrics and nothing else on -metrics-addr.
func metricsHandler(m *metrics.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return mux
}

// loadConfig reads the -config file, or returns the built-in configuration
// when none is given.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		return config.Default(), nil
	}
	return config.Load(path)
}

// listenURL is the URL printed once listening. Tests start the binary on
// 127.0.0.1:0 and read the real port from it; a wildcard address is shown as
// localhost so the line can be opened as is.
func listenURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// newHTTPServer wraps h with the connection limits: no client can hold a
// connection open by sending slowly, and headers are bounded.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// serve serves h on ln until ctx is done, then shuts down gracefully:
// listening stops at once, in-flight responses get shutdownTimeout to finish.
// It returns nil after a clean shutdown.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := newHTTPServer(h)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	select {
	case err := <-done:
		return err // Serve only returns early on a listener failure
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
