package bundle

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/ui"
	"github.com/opendata-portals/cookie-consent/internal/respond"
)

// The files build.sh writes into the dist directory. The server reads them all
// once at start: a request never touches the file system, so no request can
// reach a file the server does not ship.
const (
	loaderFile = "consent.js"
	startFile  = "start.js"
	wasmFile   = "consent.wasm"
	wasmBrFile = "consent.wasm.br"
	wasmGzFile = "consent.wasm.gz"
	themeFile  = "theme.css"
)

// The placeholders build.sh leaves in consent.js. The URL ones are quoted
// so that the loader stays valid JavaScript before assembly; the
// configuration and prerendered-HTML ones are bare tokens replaced by JSON
// object literals.
const (
	wasmURLPlaceholder   = `"__CONSENT_WASM_URL__"`
	startURLPlaceholder  = `"__CONSENT_START_URL__"`
	configPlaceholder    = `__CONSENT_CONFIG__`
	prerenderPlaceholder = `__CONSENT_PRERENDER__`
	panelPlaceholder     = `__CONSENT_PANEL__`
)

// wasmHashLen is how many hex characters of the wasm's sha256 go into its URL:
// 48 bits are plenty to make each build's URL unique, so it can be cached
// forever ("immutable") while consent.js, cached five minutes, names the new
// one after a deploy.
const wasmHashLen = 12

// Cache lifetimes. The loader and the small files change with a deploy or a
// configuration edit, so they are cached briefly; the hashed wasm never changes.
const (
	cacheShort   = "public, max-age=300"
	cacheRevalid = "no-cache"
)

// wasmMagic opens every WebAssembly binary; checking it at start turns a wrong
// file in dist/ into a clear error instead of a CompileError in every browser.
var wasmMagic = []byte("\x00asm")

// representation is one encoding of a resource's body ("" = identity, "gzip",
// "br"), with its own strong ETag: RFC 9110 requires different validators for
// different content codings of the same resource.
type representation struct {
	coding string
	body   []byte
	etag   string
}

// resource is one URL's response, computed once at start: its headers and
// every encoding it can be sent in.
type resource struct {
	contentType  string
	cacheControl string
	// cors marks the assets a portal page loads from another origin: they get
	// Access-Control-Allow-Origin and answer preflight requests.
	cors bool
	// csp is the demo page's Content-Security-Policy ("" for everything else).
	csp string
	// reps holds the identity representation first, then the compressed ones.
	reps []representation
}

// Assets is everything the server ships, in memory.
type Assets struct {
	loader   *resource
	wasm     *resource
	wasmName string // "consent.<hash>.wasm", also written into the loader
	// start is the module that starts the wasm (web/start/, with Go's
	// wasm_exec.js), which the loader imports with the wasm only: at
	// "start.<hash>.js", named in the loader.
	start     *resource
	startName string
	theme     *resource
	config    *resource // /config.json, indented, for people
	// configFull is the compact configuration the wasm reads, at
	// /<configName> ("config.<hash>.json"), named in the loader.
	configFull *resource
	configName string
	// demoIndex is web/demo/index.html, served at "/"; demo holds the other
	// files of web/demo by their slash-separated name, served at /demo/<name>.
	demoIndex *resource
	demo      map[string]*resource
	// Notes are non-fatal facts worth printing at start (e.g. no brotli).
	Notes []string
}

// Load reads build.sh's output from the directory dir (the server's -dist)
// and assembles it with the demo portal's files (demo: index.html and what
// it links to) and cfg.
func Load(dir string, demo fs.FS, cfg *config.Config) (*Assets, error) {
	return LoadFS(os.DirFS(dir), dir, "run ./build.sh build, or pass -dist", demo, cfg)
}

// LoadFS reads build.sh's output from dist, the directory or the copy
// compiled into the binary, which errors call where; hint says how to fix
// a missing file.
// The optional precompressed wasm files may be missing: gzip is then computed
// here, and brotli (which the standard library cannot write) is not offered.
// Every error names the file, so a wrong -dist or a forgotten build is obvious.
func LoadFS(dist fs.FS, where, hint string, demo fs.FS, cfg *config.Config) (*Assets, error) {
	read := func(name string, optional bool) ([]byte, error) {
		p := filepath.Join(where, name)
		data, err := fs.ReadFile(dist, name)
		switch {
		case err == nil:
			return data, nil
		case optional && errors.Is(err, fs.ErrNotExist):
			return nil, nil
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("missing %s (%s)", p, hint)
		default:
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
	}
	var b built
	for _, f := range []struct {
		name     string
		optional bool
		into     *[]byte
	}{{loaderFile, false, &b.loader}, {startFile, false, &b.start}, {wasmFile, false, &b.wasm}, {wasmBrFile, true, &b.wasmBr}, {wasmGzFile, true, &b.wasmGz}, {themeFile, false, &b.theme}} {
		data, err := read(f.name, f.optional)
		if err != nil {
			return nil, err
		}
		*f.into = data
	}
	a, err := newAssets(b, demo, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if b.wasmBr == nil {
		a.Notes = append(a.Notes, fmt.Sprintf("%s not found: the wasm is served gzip or uncompressed, not brotli", filepath.Join(where, wasmBrFile)))
	}
	if b.wasmGz == nil {
		a.Notes = append(a.Notes, fmt.Sprintf("%s not found: compressing the wasm at start instead", filepath.Join(where, wasmGzFile)))
	}
	return a, nil
}

// built is build.sh's output: the files of the dist directory. wasmBr
// and wasmGz may be nil.
type built struct {
	loader, start, wasm, wasmBr, wasmGz, theme []byte
}

// newAssets builds everything served from in-memory inputs, so tests need no
// dist directory. It fails on anything that would otherwise break in the
// visitor's browser: a loader without its placeholders, a file that is not
// wasm, a start.js that is not the module the loader imports, a stale
// consent.wasm.gz.
func newAssets(b built, demo fs.FS, cfg *config.Config) (*Assets, error) {
	if cfg == nil {
		return nil, errors.New("no configuration")
	}
	if !bytes.HasPrefix(b.wasm, wasmMagic) {
		return nil, fmt.Errorf("%s is not a WebAssembly binary", wasmFile)
	}
	if !bytes.Contains(b.start, []byte("export default")) {
		return nil, fmt.Errorf("%s is not the start module build.sh makes (stale build? run ./build.sh build)", startFile)
	}
	if b.wasmGz != nil {
		if err := checkGzipOf(b.wasmGz, b.wasm); err != nil {
			return nil, fmt.Errorf("%s: %w (stale build? run ./build.sh build)", wasmGzFile, err)
		}
	}
	if b.wasmBr != nil && len(b.wasmBr) == 0 {
		return nil, fmt.Errorf("%s is empty", wasmBrFile)
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("encoding the configuration: %w", err)
	}
	first, err := ui.Prerender(cfg)
	if err != nil {
		return nil, err
	}
	firstJSON, err := json.Marshal(first)
	if err != nil {
		return nil, fmt.Errorf("encoding the prerendered banner: %w", err)
	}
	panel, err := ui.PrerenderPanel(cfg)
	if err != nil {
		return nil, err
	}
	panelJSON, err := json.Marshal(panel)
	if err != nil {
		return nil, fmt.Errorf("encoding the prerendered panel: %w", err)
	}
	wasmName := wasmURLName(b.wasm)
	startName := contentName("start", "js", b.start)
	configName := contentName("config", "json", cfgJSON)
	loaderCfg, err := json.Marshal(newLoaderConfig(cfg, configName))
	if err != nil {
		return nil, fmt.Errorf("encoding the configuration: %w", err)
	}
	loaderJS, err := assembleLoader(fillProof(b.loader, cfg), urls{wasm: wasmName, start: startName}, loaderCfg, firstJSON, panelJSON)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loaderFile, err)
	}
	// /config.json is for people (integrators, DPOs): indented, unlike the
	// compact copy inside the loader.
	cfgPretty, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the configuration: %w", err)
	}
	cfgPretty = append(cfgPretty, '\n')

	a := &Assets{
		loader:   newResource(loaderJS, "application/javascript; charset=utf-8", cacheShort, true),
		wasm:     newResource(b.wasm, wasmType, respond.CacheImmutable, true, encoded{"br", b.wasmBr}, encoded{"gzip", b.wasmGz}),
		wasmName: wasmName,
		// Imported as a module: CORS, and never changed under its name.
		start:     newResource(b.start, "application/javascript; charset=utf-8", respond.CacheImmutable, true),
		startName: startName,
		theme:     newResource(b.theme, "text/css; charset=utf-8", cacheShort, true),
		config:    newResource(cfgPretty, "application/json", cacheShort, true),
		// The wasm's copy, named in the loader: it never changes under
		// its name, so it always matches the loader that names it.
		configFull: newResource(cfgJSON, "application/json", respond.CacheImmutable, true),
		configName: configName,
	}
	if a.demoIndex, a.demo, err = loadDemo(demo, "."); err != nil {
		return nil, err
	}
	return a, nil
}

// wasmURLName is the wasm's content-addressed file name.
func wasmURLName(wasm []byte) string {
	return contentName("consent", "wasm", wasm)
}

// contentName is a content-addressed file name, "<base>.<hash>.<ext>", that
// can be cached forever: a new content gets a new name.
func contentName(base, ext string, body []byte) string {
	sum := sha256.Sum256(body)
	return base + "." + hex.EncodeToString(sum[:])[:wasmHashLen] + "." + ext
}

// urls are the content-addressed names the loader fetches with the wasm.
type urls struct {
	wasm, start string
}

// assembleLoader fills consent.js's placeholders: the names of the wasm and
// of the module that starts it (relative to the loader's own URL, so the loader
// works from any origin and path), the configuration, and the first layer
// and the panel prerendered per language.
// json.Marshal escapes <, > and &, U+2028 and U+2029, so the configuration's
// texts cannot end a script or break the JavaScript. The placeholders are
// replaced in one pass, so a configuration text that happens to contain one
// is left alone.
func assembleLoader(loader []byte, names urls, cfgJSON, firstJSON, panelJSON []byte) ([]byte, error) {
	src := string(loader)
	for _, p := range []string{wasmURLPlaceholder, startURLPlaceholder} {
		if !strings.Contains(src, p) {
			return nil, fmt.Errorf("placeholder %s not found (is this build.sh's output?)", p)
		}
		if strings.Count(src, strings.Trim(p, `"`)) != strings.Count(src, p) {
			return nil, fmt.Errorf("placeholder %s must be a quoted string", p)
		}
	}
	for _, p := range []string{configPlaceholder, prerenderPlaceholder, panelPlaceholder} {
		if !strings.Contains(src, p) {
			return nil, fmt.Errorf("placeholder %s not found (is this build.sh's output?)", p)
		}
	}
	wasmURL, err := json.Marshal(names.wasm)
	if err != nil {
		return nil, err
	}
	startURL, err := json.Marshal(names.start)
	if err != nil {
		return nil, err
	}
	r := strings.NewReplacer(wasmURLPlaceholder, string(wasmURL), startURLPlaceholder, string(startURL),
		configPlaceholder, string(cfgJSON), prerenderPlaceholder, string(firstJSON), panelPlaceholder, string(panelJSON))
	return []byte(r.Replace(src)), nil
}

// checkGzipOf reports whether gz decompresses to exactly want: a
// consent.wasm.gz left over from an earlier build would otherwise send
// gzip-accepting browsers another program under this build's immutable URL.
func checkGzipOf(gz, want []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("not gzip: %w", err)
	}
	got, err := io.ReadAll(io.LimitReader(zr, int64(len(want))+1))
	if err != nil {
		return fmt.Errorf("corrupt gzip: %w", err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("does not decompress to %s", wasmFile)
	}
	return nil
}

// encoded is a precompressed body for newResource; a nil body means "absent".
type encoded struct {
	coding string
	body   []byte
}

// newResource precomputes a resource's representations and ETags. gzip is
// computed here when no precompressed gzip body is given, and kept only if it
// is smaller: the server then never compresses per request.
func newResource(body []byte, contentType, cacheControl string, cors bool, pre ...encoded) *resource {
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	r := &resource{
		contentType:  contentType,
		cacheControl: cacheControl,
		cors:         cors,
		reps:         []representation{{coding: "", body: body, etag: `"` + tag + `"`}},
	}
	have := map[string]bool{}
	for _, p := range pre {
		if p.body == nil {
			continue
		}
		have[p.coding] = true
		r.reps = append(r.reps, representation{coding: p.coding, body: p.body, etag: `"` + tag + "-" + p.coding + `"`})
	}
	for coding, compress := range map[string]func([]byte) []byte{"gzip": gzipBytes, "br": brotliBytes} {
		if have[coding] || (coding == "br" && contentType == wasmType) {
			continue
		}
		if c := compress(body); len(c) < len(body) {
			r.reps = append(r.reps, representation{coding: coding, body: c, etag: `"` + tag + "-" + coding + `"`})
		}
	}
	return r
}

// wasmType is the wasm's Content-Type. The server compresses the loader,
// the theme and the pages with brotli itself at start (a few tens of KB, a
// few milliseconds); the wasm only gets the brotli build.sh made, as brotli
// at its best quality takes many seconds on megabytes.
const wasmType = "application/wasm"

// brotliBytes compresses at the best quality: it runs once at start, and
// the loader, on every page view, is a few KB smaller than with gzip.
func brotliBytes(data []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	_, _ = bw.Write(data) // writes to a bytes.Buffer do not fail
	_ = bw.Close()
	return buf.Bytes()
}

// gzipBytes compresses at the best level: it runs once at start.
func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(data)                                    // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	return buf.Bytes()
}

// loadDemo reads the demo portal's files from fsys under root: index.html
// becomes the page served at "/" (with its Content-Security-Policy), the
// others are served at /demo/<name>.
func loadDemo(fsys fs.FS, root string) (*resource, map[string]*resource, error) {
	var index *resource
	files := map[string]*resource{}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, root+"/")
		if name == "index.html" {
			index = newResource(data, "text/html; charset=utf-8", cacheRevalid, false)
			index.csp = demoCSP(data)
			return nil
		}
		files[name] = newResource(data, demoContentType(name), cacheRevalid, false)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("demo page: %w", err)
	}
	if index == nil {
		return nil, nil, fmt.Errorf("demo page: %s/index.html is missing", root)
	}
	return index, files, nil
}

// demoContentType is a fixed table rather than mime.TypeByExtension, whose
// answers depend on the host's /etc/mime.types.
func demoContentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "application/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".ico":
		return "image/x-icon"
	case ".txt":
		return "text/plain; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

// inlineScript matches an inline <script> element's body.
var inlineScript = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script\s*>`)

// demoCSP is the demo page's Content-Security-Policy. It is the policy we
// recommend to integrators, made concrete:
//
//   - script-src 'self': the loader is same-origin on the demo (an integrator
//     adds the consent server's origin instead). 'wasm-unsafe-eval' is what
//     WebAssembly.instantiateStreaming needs, and nothing more: 'unsafe-eval'
//     stays off. Each inline <script> of the page is allowed by its sha256
//     hash, computed here from the page itself; that includes the gated
//     <script type="text/plain" data-category="statistics"> tracker, which
//     the loader re-creates as a real script with the same text once the
//     visitor consents (CSP hashes apply to scripts inserted later too).
//   - connect-src 'self': the loader fetches the wasm with fetch().
//   - style-src 'self' 'unsafe-inline': the banner's theme is put into its
//     shadow root as a <style> element created from JavaScript, and the demo
//     page has its own inline <style>.
//   - img-src 'self' data:: the banner may use data: icons.
//   - object-src 'none', base-uri 'none', form-action 'self',
//     frame-ancestors 'self': the usual hardening, harmless for the demo.
func demoCSP(page []byte) string {
	script := []string{"'self'", "'wasm-unsafe-eval'"}
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		if len(m[1]) == 0 {
			continue
		}
		script = append(script, respond.CSPHash(m[1]))
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + strings.Join(script, " "),
		"connect-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'self'",
	}, "; ")
}
