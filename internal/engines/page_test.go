//go:build !js

package engines

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/headless"
)

// contractPage is what TestPageContract drives: a button that sets a cookie
// when clicked, a text field, and a link.
const contractPage = `<!doctype html><title>contract</title>
<button id="b" style="position:absolute; left:10px; top:10px; width:100px; height:40px"
  onclick="document.cookie = 'clicked=yes; Path=/; SameSite=Lax; Max-Age=3600'; this.textContent = 'clicked'">click</button>
<input id="i" style="position:absolute; left:10px; top:80px" onkeydown="window.keys = (window.keys || []).concat(event.key)">`

// TestPageContract checks that each engine's Page does what the interface
// says, on a page of its own: the flows in e2e/ rely on it. An engine that
// is not installed is skipped (CI_REQUIRE_ENGINES=1 fails instead).
func TestPageContract(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(contractPage))
	}))
	t.Cleanup(srv.Close)
	chromiumEngine := func(ctx context.Context) (Engine, error) {
		browser, stop, err := headless.Start(t.TempDir())
		if err != nil {
			return nil, err
		}
		t.Cleanup(stop)
		return Chromium(ctx, browser)
	}
	for name, start := range map[string]func(context.Context) (Engine, error){"chromium": chromiumEngine, "firefox": Firefox, "webkit": WebKit} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			e, err := start(ctx)
			if err != nil {
				if os.Getenv("CI_REQUIRE_ENGINES") == "1" {
					t.Fatal(err)
				}
				t.Skip(err)
			}
			defer e.Close()
			assert.Equal(t, name, e.Name())
			p, err := e.NewPage(ctx)
			require.NoError(t, err)
			require.NoError(t, p.Open(ctx, srv.URL+"/page"))

			var size []int
			require.NoError(t, p.Eval(ctx, `[innerWidth, innerHeight]`, &size))
			assert.Equal(t, []int{1280, 800}, size, "a new page's viewport")
			var n int
			require.NoError(t, p.Eval(ctx, `new Promise((resolve) => setTimeout(() => resolve(42), 10))`, &n))
			assert.Equal(t, 42, n, "a promise is awaited")
			assert.ErrorContains(t, p.Eval(ctx, `(() => { throw new Error("thrown on purpose") })()`, nil), "thrown on purpose")
			require.NoError(t, p.Exec(ctx, `var a = 1; window.ran = a + 1;`))
			require.NoError(t, p.Eval(ctx, `window.ran`, &n))
			assert.Equal(t, 2, n, "Exec runs statements")

			cookies, err := p.Cookies(ctx)
			require.NoError(t, err)
			assert.Empty(t, cookies)
			require.NoError(t, p.Click(ctx, 60, 30))
			var text string
			require.NoError(t, p.Eval(ctx, `document.getElementById("b").textContent`, &text))
			assert.Equal(t, "clicked", text, "the click landed on the button")
			cookies, err = p.Cookies(ctx)
			require.NoError(t, err)
			require.Len(t, cookies, 1)
			c := cookies[0]
			assert.Equal(t, []string{"clicked", "yes", "/", "Lax"}, []string{c.Name, c.Value, c.Path, c.SameSite})
			assert.WithinDuration(t, time.Now().Add(time.Hour), c.Expires, time.Minute)

			require.NoError(t, p.Eval(ctx, `document.getElementById("i").focus()`, nil))
			for _, k := range []string{"a", Enter, Escape, Tab} {
				require.NoError(t, p.Press(ctx, k))
			}
			var keys []string
			require.NoError(t, p.Eval(ctx, `window.keys`, &keys))
			assert.Equal(t, []string{"a", "Enter", "Escape", "Tab"}, keys)

			require.NoError(t, p.SetViewport(ctx, 640, 480))
			require.NoError(t, p.Eval(ctx, `[innerWidth, innerHeight]`, &size))
			assert.Equal(t, []int{640, 480}, size)
			shot, err := p.Screenshot(ctx)
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(shot))
			require.NoError(t, err)
			assert.Equal(t, 640, img.Bounds().Dx(), "the screenshot is the viewport")

			require.NoError(t, p.Close())
			p, err = e.NewPage(ctx)
			require.NoError(t, err)
			require.NoError(t, p.Open(ctx, srv.URL+"/page"))
			cookies, err = p.Cookies(ctx)
			require.NoError(t, err)
			assert.Empty(t, cookies, "the next page starts with no cookie")
			require.NoError(t, p.Close())
		})
	}
}
