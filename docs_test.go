//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/internal/audit"
	"github.com/opendata-portals/cookie-consent/proof"
)

// The documentation's examples are tested: every code block of README.md
// and docs/*.md is checked here by its language, against the real code.
// docs/bench.md is written by ./build.sh bench and holds no example.

// docFiles are the documentation's pages.
func docFiles(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	pages = slices.DeleteFunc(pages, func(p string) bool { return p == filepath.Join("docs", "bench.md") })
	require.NotEmpty(t, pages)
	return append([]string{"README.md"}, pages...)
}

// codeBlock is one fenced block of a page.
type codeBlock struct {
	file, lang, text string
}

func (b codeBlock) String() string {
	first, _, _ := strings.Cut(b.text, "\n")
	return b.file + " (" + b.lang + ") " + first
}

var fence = regexp.MustCompile("(?ms)^```([a-z]*)\n(.*?)^```\n")

func codeBlocks(t *testing.T) []codeBlock {
	t.Helper()
	var out []codeBlock
	for _, f := range docFiles(t) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range fence.FindAllStringSubmatch(string(data), -1) {
			out = append(out, codeBlock{file: f, lang: m[1], text: m[2]})
		}
	}
	return out
}

func blocksOf(t *testing.T, langs ...string) []codeBlock {
	t.Helper()
	var out []codeBlock
	for _, b := range codeBlocks(t) {
		if slices.Contains(langs, b.lang) {
			out = append(out, b)
		}
	}
	return out
}

// TestEveryCodeBlockHasATest: each language of code block has its check
// below; a block in another language would go unchecked.
func TestEveryCodeBlockHasATest(t *testing.T) {
	checked := []string{"", "json", "js", "css", "go", "sh", "html", "nginx", "caddy", "ini", "yaml"}
	for _, b := range codeBlocks(t) {
		assert.Contains(t, checked, b.lang, "%s: no test checks this language", b)
	}
}

// TestJSONExamplesParse: a configuration (a whole file, or a fragment of
// one merged into the default) is accepted by the real parser without a
// warning; a consent cookie's value is valid for the default rules.
func TestJSONExamplesParse(t *testing.T) {
	blocks := blocksOf(t, "json")
	require.NotEmpty(t, blocks)
	whole := 0
	for _, b := range blocks {
		t.Run(b.String(), func(t *testing.T) {
			text := strings.TrimSpace(b.text)
			switch {
			case strings.HasPrefix(text, `{"v":`):
				var compact bytes.Buffer
				require.NoError(t, json.Compact(&compact, []byte(text)))
				c, err := consent.Decode(url.PathEscape(compact.String()))
				require.NoError(t, err)
				assert.NoError(t, c.Check(config.Default().Rules(), c.Time()), "the example is a valid choice under the default configuration")
			case strings.Contains(text, `"schema": "cookie-consent-audit/`):
				var report map[string]any
				require.NoError(t, json.Unmarshal([]byte(text), &report), "an audit report")
				assert.Equal(t, audit.Schema, report["schema"], "the schema the audit writes")
			case strings.HasPrefix(text, `"`):
				var fragment, file map[string]any
				require.NoError(t, json.Unmarshal([]byte("{"+text+"}"), &fragment), "a fragment of a configuration")
				require.NoError(t, json.Unmarshal(config.DefaultJSON(), &file))
				for k, v := range fragment {
					file[k] = v
				}
				data, err := json.Marshal(file)
				require.NoError(t, err)
				c, err := config.Parse(data)
				require.NoError(t, err)
				assert.Empty(t, c.Warnings())
			default:
				c, err := config.Parse([]byte(text))
				require.NoError(t, err)
				assert.Empty(t, c.Warnings())
				whole++
			}
		})
	}
	assert.Positive(t, whole, "the quick start's complete site.json is among them")
}

// TestJavaScriptExamplesAreCompiled: every JavaScript example is, to the
// character, in web/test/types/examples.ts, which tsc compiles under
// --strict against web/consent.d.ts (./build.sh test).
func TestJavaScriptExamplesAreCompiled(t *testing.T) {
	compiled, err := os.ReadFile(filepath.Join("web", "test", "types", "examples.ts"))
	require.NoError(t, err)
	blocks := blocksOf(t, "js", "ts")
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		assert.Contains(t, string(compiled), b.text, "%s is not in web/test/types/examples.ts", b)
	}
}

// TestCSSExamplesAreTheTestedFiles: every CSS example is one of the files
// the browser tests apply (e2e/testdata/styling-*.css).
func TestCSSExamplesAreTheTestedFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("e2e", "testdata", "styling-*.css"))
	require.NoError(t, err)
	var tested []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		tested = append(tested, string(data))
	}
	for _, b := range blocksOf(t, "css") {
		assert.Contains(t, tested, b.text, "%s is not an e2e/testdata/styling-*.css file", b)
	}
}

// TestGoExamplesRun: the Go example is the body of Example_backend, which
// go test runs and checks.
func TestGoExamplesRun(t *testing.T) {
	example, err := os.ReadFile(filepath.Join("app", "config", "example_test.go"))
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(example), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	body := strings.Join(lines, "\n")
	blocks := blocksOf(t, "go")
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		assert.Contains(t, body, strings.TrimSpace(b.text), "%s is not in app/config/example_test.go", b)
	}
}

// usageFlags are the flags a command accepts (the server's, or those of
// a subcommand such as audit), read from its usage.
func usageFlags(t *testing.T, args ...string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	dispatch(context.Background(), append(args, "-h"), &stdout, &stderr)
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  (-[a-z-]+)`).FindAllStringSubmatch(stdout.String()+stderr.String(), -1) {
		flags = append(flags, m[1])
	}
	require.Contains(t, flags, "-config", "%v -h lists its flags", args)
	return flags
}

// commandFlags checks the flags of one command line of the server binary
// (cookie-consent, dist/cookie-consent): its own, or its subcommand's.
func commandFlags(t *testing.T, b codeBlock, args []string) {
	t.Helper()
	switch {
	case len(args) > 0 && args[0] == "audit":
		checkFlags(t, b, args[1:], usageFlags(t, "audit"))
	case len(args) > 0 && args[0] == "healthcheck":
		assert.LessOrEqual(t, len(args), 2, "%s: healthcheck takes one URL at most", b)
	default:
		checkFlags(t, b, args, usageFlags(t))
	}
}

// buildCommands are the commands build.sh knows.
func buildCommands(t *testing.T) []string {
	t.Helper()
	script, err := os.ReadFile("build.sh")
	require.NoError(t, err)
	var cmds []string
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z-]+)\)`).FindAllStringSubmatch(string(script), -1) {
		cmds = append(cmds, m[1])
	}
	require.Contains(t, cmds, "serve")
	return cmds
}

// TestShellExamplesNameRealCommands: the shell examples cannot all run here
// (they build, serve, or reach a real host), so each ./build.sh command
// they name must exist, and each flag they give the server; the proof
// API's example body is a submission the server accepts.
func TestShellExamplesNameRealCommands(t *testing.T) {
	cmds := buildCommands(t)
	blocks := blocksOf(t, "sh")
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		text := strings.ReplaceAll(b.text, "\\\n", " ")
		for _, line := range strings.Split(text, "\n") {
			fields := strings.Fields(line)
			for len(fields) > 0 && regexp.MustCompile(`^[A-Z_]+=`).MatchString(fields[0]) {
				fields = fields[1:] // an environment variable for the command
			}
			if len(fields) == 0 {
				continue
			}
			switch fields[0] {
			case "./build.sh":
				require.Greater(t, len(fields), 1, "%s: %s", b, line)
				assert.Contains(t, cmds, fields[1], "%s: ./build.sh has no %q command", b, fields[1])
				if fields[1] == "serve" {
					commandFlags(t, b, fields[2:])
				}
			case "dist/cookie-consent", "cookie-consent":
				commandFlags(t, b, fields[1:])
			}
		}
		if i := strings.Index(text, "-d '"); i >= 0 {
			body := text[i+4:]
			body = body[:strings.Index(body, "'")]
			var ts struct{ TS int64 }
			require.NoError(t, json.Unmarshal([]byte(body), &ts), "%s", b)
			_, err := proof.DecodeSubmission([]byte(body), time.Unix(ts.TS, 0))
			assert.NoError(t, err, "%s: the example submission", b)
		}
	}
}

func checkFlags(t *testing.T, b codeBlock, args, flags []string) {
	t.Helper()
	flags = append(slices.Clone(flags), "-h")
	for _, a := range args {
		if strings.HasPrefix(a, "#") {
			return // a comment
		}
		if strings.HasPrefix(a, "-") {
			name, _, _ := strings.Cut(a, "=")
			assert.Contains(t, flags, name, "%s: the server has no flag %s", b, name)
		}
	}
}

// TestServerConfigurationsAreWellFormed: the reverse proxies' and
// systemd's files cannot run here; their braces balance, nginx's
// directives end with ";", and the unit starts the server with real flags.
func TestServerConfigurationsAreWellFormed(t *testing.T) {
	blocks := blocksOf(t, "nginx", "caddy", "ini", "yaml")
	for _, b := range blocks {
		t.Run(b.String(), func(t *testing.T) {
			switch b.lang {
			case "nginx", "caddy":
				assert.Equal(t, strings.Count(b.text, "{"), strings.Count(b.text, "}"), "braces balance")
				if b.lang == "nginx" {
					for _, l := range strings.Split(b.text, "\n") {
						l, _, _ = strings.Cut(l, "#")
						l = strings.TrimSpace(l)
						if l != "" && !strings.HasSuffix(l, ";") && !strings.HasSuffix(l, "{") && l != "}" {
							t.Errorf("%q: a directive ends with \";\"", l)
						}
					}
				}
			case "yaml":
				for _, l := range strings.Split(strings.TrimRight(b.text, "\n"), "\n") {
					assert.NotContains(t, l, "\t", "YAML indents with spaces")
					trimmed := strings.TrimSpace(l)
					assert.True(t, trimmed == "" || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "- ") || strings.Contains(trimmed, ":"),
						"%q: a key, a list item or a comment", l)
				}
			case "ini":
				text := strings.ReplaceAll(b.text, "\\\n", " ")
				for _, l := range strings.Split(text, "\n") {
					if cmd, ok := strings.CutPrefix(l, "ExecStart="); ok {
						fields := strings.Fields(cmd)
						require.NotEmpty(t, fields)
						assert.Equal(t, "cookie-consent", filepath.Base(fields[0]))
						commandFlags(t, b, fields[1:])
					}
				}
			}
		})
	}
}

// TestHTMLExamplesUseRealAttributes: the quick start's page is followed in
// Chromium by e2e/quickstart_test.go; in every HTML example, the tag's
// options, the categories and data-cc are ones the loader knows.
func TestHTMLExamplesUseRealAttributes(t *testing.T) {
	cats := map[string]bool{}
	for _, c := range config.Default().Categories {
		cats[c.ID] = true
	}
	known := map[string]bool{"data-category": true, "data-src": true, "data-type": true, "data-cc": true,
		"data-lang": true, "data-theme": true, "data-layout": true, "data-position": true, "data-stylesheet": true}
	blocks := blocksOf(t, "html")
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		for _, m := range regexp.MustCompile(`\s(data-[a-z-]+)="([^"]*)"`).FindAllStringSubmatch(b.text, -1) {
			assert.True(t, known[m[1]], "%s: %s is no attribute of the loader", b, m[1])
			switch m[1] {
			case "data-category":
				for _, id := range strings.Fields(m[2]) {
					assert.True(t, cats[id], "%s: no category %q", b, id)
				}
			case "data-cc":
				assert.Equal(t, "preferences", m[2], "%s", b)
			}
		}
	}
}

// TestOutputExamplesAreWhatTheCodeSays: the plain blocks are output or
// listings; each is checked against what it shows.
func TestOutputExamplesAreWhatTheCodeSays(t *testing.T) {
	embedding, err := os.ReadFile(filepath.Join("e2e", "embedding_test.go"))
	require.NoError(t, err)
	for _, b := range blocksOf(t, "") {
		t.Run(b.String(), func(t *testing.T) {
			switch first, _, _ := strings.Cut(b.text, "\n"); {
			case strings.HasPrefix(first, "site.json: "):
				checkConfigProblems(t, b)
			case strings.HasPrefix(first, "listening on "):
				lines := strings.Split(strings.TrimSpace(b.text), "\n")
				require.Len(t, lines, 4)
				assert.Regexp(t, `^demo: the demo page's choices are recorded in \.demo/proof\.db$`, lines[1])
				assert.Regexp(t, `^demo: operator pages: http://localhost:8080/operator/login$`, lines[2])
				assert.Regexp(t, `^demo: operator token \(made for this run, also in \.demo/operator-token\): `, lines[3])
			case strings.HasPrefix(first, "script-src "):
				policy := strings.Join(strings.Fields(b.text), " ")
				policy = strings.TrimSuffix(strings.ReplaceAll(policy, "https://consent.example.org", "{{SERVER}}"), ";")
				assert.Contains(t, string(embedding), `"`+policy+`"`, "the policy TestContentSecurityPolicy serves")
			case strings.HasPrefix(first, "require-trusted-types-for "):
				tt, err := os.ReadFile(filepath.Join("e2e", "trustedtypes_test.go"))
				require.NoError(t, err)
				for _, l := range strings.Split(strings.TrimSpace(b.text), "\n") {
					assert.Contains(t, string(tt), strings.TrimSuffix(l, ";"), "the policy the Trusted Types test serves")
				}
			case strings.HasPrefix(first, "load sqlite: "):
				for _, l := range strings.Split(strings.TrimSpace(b.text), "\n") {
					assert.Regexp(t, `^(load|crash|cluster) (sqlite|postgres): `, l, "cmd/proofbench's report lines")
				}
			case strings.HasPrefix(first, "app/"):
				for _, l := range strings.Split(b.text, "\n") {
					if l == "" || strings.HasPrefix(l, " ") {
						continue
					}
					path := strings.Fields(l)[0]
					_, err := os.Stat(filepath.FromSlash(strings.TrimSuffix(path, "/")))
					assert.NoError(t, err, "the layout lists %s", path)
				}
			default:
				t.Errorf("no check for this block")
			}
		})
	}
}

// checkConfigProblems: the listed problems are, line for line, what the
// parser says of a file with those mistakes.
func checkConfigProblems(t *testing.T, b codeBlock) {
	t.Helper()
	var file map[string]any
	require.NoError(t, json.Unmarshal(config.DefaultJSON(), &file))
	file["colour"] = "red"
	file["lifetimeDays"] = 500
	file["categories"].([]any)[1].(map[string]any)["id"] = "Stats"
	data, err := json.Marshal(file)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	_, err = config.Load(path)
	require.Error(t, err)
	assert.Equal(t, strings.TrimSpace(b.text), strings.ReplaceAll(err.Error(), path, "site.json"))
}

// TestLinksAndPicturesLeadSomewhere: every relative link and picture of the
// documentation names a file of the repository, and every #anchor a heading
// of that file.
func TestLinksAndPicturesLeadSomewhere(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	for _, f := range docFiles(t) {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		text := fence.ReplaceAllString(string(data), "")
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := f
			if file != "" {
				path = filepath.Join(filepath.Dir(f), filepath.FromSlash(file))
			}
			_, err := os.Stat(path)
			if !assert.NoError(t, err, "%s links to %s", f, target) || anchor == "" {
				continue
			}
			target2, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Contains(t, anchors(string(target2)), anchor, "%s links to %s: no such heading", f, target)
		}
	}
}

// anchors are the GitHub anchors of a Markdown file's headings.
func anchors(md string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^#+ (.+)$`).FindAllStringSubmatch(fence.ReplaceAllString(md, ""), -1) {
		var b strings.Builder
		for _, r := range strings.ToLower(m[1]) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '«' && r != '»' && r != '—':
				b.WriteRune(r)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// TestReadmeIsTheFrontDoor: the README stays short (the reference is in
// docs/), and links each page.
func TestReadmeIsTheFrontDoor(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.LessOrEqual(t, bytes.Count(readme, []byte("\n")), 300)
	for _, page := range []string{"configuration", "api", "styling", "accessibility", "proof", "deploy", "performance", "development"} {
		assert.Contains(t, string(readme), "](docs/"+page+".md)", "the README links docs/%s.md", page)
	}
	for _, h := range []string{"## Quick start", "### 1. Start the consent server", "### 2. Add the tag to your page", "### 3. Write your `site.json`", "## The consent cookie `cookies_preferences`"} {
		assert.Contains(t, string(readme), "\n"+h+"\n")
	}
}
