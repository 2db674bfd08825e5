//go:build !js

package engines

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFirefoxSmoke(t *testing.T) { smoke(t, Firefox) }
func TestWebKitSmoke(t *testing.T) { smoke(t, WebKit) }

func smoke(t *testing.T, start func(context.Context) (Engine, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!doctype html><button onclick="document.cookie='a=1; Path=/; SameSite=Lax; Max-Age=100'; this.textContent='ok'" style="position:absolute;left:10px;top:10px;width:100px;height:40px">x</button><input id=i>`))
	}))
	defer srv.Close()
	began := time.Now()
	e, err := start(ctx)
	require.NoError(t, err)
	defer e.Close()
	t.Log(e.Version(), time.Since(began))
	p, err := e.NewPage(ctx)
	require.NoError(t, err)
	require.NoError(t, p.Open(ctx, srv.URL+"/"))
	require.NoError(t, p.Click(ctx, 50, 30))
	var s string
	require.NoError(t, p.Eval(ctx, `document.querySelector("button").textContent`, &s))
	require.Equal(t, "ok", s)
	require.NoError(t, p.Press(ctx, Tab))
	require.NoError(t, p.Press(ctx, Tab))
	require.NoError(t, p.Eval(ctx, `document.activeElement.tagName`, &s))
	t.Log(s)
	c, err := p.Cookies(ctx)
	require.NoError(t, err)
	t.Logf("%+v", c)
	var ok bool
	require.NoError(t, p.Eval(ctx, `[CSS.supports("color","light-dark(#000,#fff)"), typeof trustedTypes]`, nil))
	require.NoError(t, p.Eval(ctx, `new Promise(r => setTimeout(() => r(true), 10))`, &ok))
	var f []any
	require.NoError(t, p.Eval(ctx, `[CSS.supports("color","light-dark(#000,#fff)"), typeof trustedTypes, innerWidth, innerHeight]`, &f))
	t.Log(f)
	png, err := p.Screenshot(ctx)
	require.NoError(t, err)
	t.Log(len(png))
	require.NoError(t, p.Close())
	t.Log(time.Since(began))
}
