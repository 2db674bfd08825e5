//go:build js && wasm

// The banner's WebAssembly program. consent.js (web/consent.js) starts it
// inside the host page and hands it a boot object for the duration of the
// synchronous start: the configuration, the language candidates, the
// script tag's overrides, the Global Privacy Control signal, and callbacks.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/app/ui"
)

// bootGlobal is the temporary global consent.js sets while go.run is on the
// stack and deletes right after: the only way to hand Go data synchronously.
const bootGlobal = "__cookieConsentBoot"

// main starts the banner in three steps, each its own task of the page's
// main thread, so that a click in between is answered without waiting for
// the whole start (a few hundred ms on a slow phone): go.run runs the Go
// runtime's and the packages' initialisation, then main gives the loader
// boot.decode and boot.render and waits; the loader calls each in a later
// task (wasm.js: startWasm).
func main() {
	mark("go-main")
	boot := js.Global().Get(bootGlobal)
	if !boot.Truthy() {
		println("cookie-consent: this program is started by consent.js")
		return
	}
	rendered := make(chan struct{})
	var cfg *config.Config
	// decode reads the whole configuration; it reports whether it could.
	boot.Set("decode", js.FuncOf(func(js.Value, []js.Value) any {
		c, err := decodeConfig(boot)
		if err != nil {
			boot.Call("fail", err.Error())
			return false
		}
		cfg = c
		mark("go-config")
		return true
	}))
	// render mounts the banner, in what the loader shows by then (its
	// takeover, read now); it reports whether it could.
	boot.Set("render", js.FuncOf(func(js.Value, []js.Value) any {
		if cfg == nil {
			return false
		}
		b, err := start(boot, cfg)
		if err != nil {
			boot.Call("fail", err.Error())
			return false
		}
		expose(boot, b)
		mark("go-rendered")
		close(rendered)
		return true
	}))
	<-rendered
	// The loop go-app's own Start would run, without what Start adds for
	// whole-page apps (it sweeps the host page's localStorage).
	for {
		consumeNext()
	}
}

// mark puts a performance mark on the page's timeline, for the benchmark
// and the browser's performance tools.
func mark(name string) {
	js.Global().Get("performance").Call("mark", "cookie-consent:"+name)
}

// consumeNext runs one dispatched event. A bug in one event handler is
// logged and the banner goes on: the Go program exiting would leave the
// page's calls to window.cookieConsent without an answer.
func consumeNext() {
	defer func() {
		if r := recover(); r != nil {
			js.Global().Get("console").Call("error", fmt.Sprint("cookie-consent: ", r))
		}
	}()
	engine.ConsumeNext()
}

// engine renders the banner into the container consent.js lends as
// document.body. NewTestEngine is go-app's engine without the router and
// without navigation: the host page keeps its URL, history and links.
var engine app.TestEngine

// decodeConfig reads the whole configuration the loader hands over.
func decodeConfig(boot js.Value) (*config.Config, error) {
	return config.Decode([]byte(boot.Get("config").String())) // the server parsed it
}

func start(boot js.Value, cfg *config.Config) (*ui.Banner, error) {
	lang := cfg.Language(stringList(boot.Get("languages"))...)
	b := ui.New(ui.Options{
		Config: cfg,
		Lang:   lang,
		Layout: boot.Get("layout").String(),
		Theme:  boot.Get("theme").String(),
		Jar:    documentJar{},
		Secure: boot.Get("secure").Truthy(),
		GPC:    boot.Get("gpc").Truthy(),
		OnChoice: func(c consent.Choice) {
			data, _ := json.Marshal(c)
			// The language the banner was shown in: the loader sends the
			// hash of those texts as proof of what the visitor answered.
			boot.Call("onChoice", string(data), lang)
		},
		Position: boot.Get("position").String(),
		Takeover: takeover(boot.Get("takeover")),
		// The loader knows where focus was before the banner took it.
		ReturnFocus: func() {
			if boot.Get("returnFocus").Type() == js.TypeFunction {
				boot.Call("returnFocus")
			}
		},
	})
	engine = app.NewTestEngine()
	if err := engine.Load(b); err != nil {
		return nil, err
	}
	return b, nil
}

// expose gives the loader what only the banner can do: show and hide it,
// and sync it with a choice the loader stored by itself (the page's
// cookieConsent.acceptAll(), refuseAll() and set() need no wasm).
func expose(boot js.Value, b *ui.Banner) {
	on := func(name string, f func()) {
		boot.Set(name, js.FuncOf(func(js.Value, []js.Value) any {
			b.Do(f)
			return nil
		}))
	}
	// show takes the action of the prerendered button that asked for the
	// panel, if any (see ui.Banner.ShowPanelFrom).
	boot.Set("show", js.FuncOf(func(_ js.Value, args []js.Value) any {
		action := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			action = args[0].String()
		}
		b.Do(func() { b.ShowPanelFrom(action) })
		return nil
	}))
	on("hide", b.Hide)
	on("sync", b.Sync)
}

// takeover reads what the loader showed prerendered as Go starts, if
// anything: {panel: bool, switches: {id: bool}, opener: action,
// openerElement: element}.
func takeover(v js.Value) *ui.Takeover {
	if v.Type() != js.TypeObject {
		return nil
	}
	t := &ui.Takeover{Panel: v.Get("panel").Truthy(), Switches: map[string]bool{}}
	if sw := v.Get("switches"); sw.Type() == js.TypeObject {
		keys := js.Global().Get("Object").Call("keys", sw)
		for i := range keys.Length() {
			id := keys.Index(i).String()
			t.Switches[id] = sw.Get(id).Type() == js.TypeBoolean && sw.Get(id).Bool()
		}
	}
	if o := v.Get("opener"); o.Type() == js.TypeString {
		t.OpenerAction = o.String()
	}
	if el := v.Get("openerElement"); el.Type() == js.TypeObject {
		t.OpenerElement = app.ValueOf(el)
	}
	return t
}

// documentJar is the page's real cookie store. document.cookie throws where
// cookies are forbidden (a sandboxed iframe, a data: page); a throwing
// getter or setter reached through js.Value.Get or Set would kill the Go
// program, while one reached through Call comes back as a Go panic that we
// recover: no cookies is then "no choice", and a choice that cannot be
// stored still closes the banner for this page view.
type documentJar struct{}

func (documentJar) Cookies() (cookies string) {
	defer func() {
		if recover() != nil {
			cookies = ""
		}
	}()
	return js.Global().Get("Reflect").Call("get", js.Global().Get("document"), "cookie").String()
}

func (documentJar) SetCookie(s string) {
	defer func() { _ = recover() }()
	js.Global().Get("Reflect").Call("set", js.Global().Get("document"), "cookie", s)
}

// stringList converts a JavaScript array of strings; anything else is skipped.
func stringList(v js.Value) []string {
	if v.Type() != js.TypeObject {
		return nil
	}
	n := v.Length()
	out := make([]string, 0, n)
	for i := range n {
		if s := v.Index(i); s.Type() == js.TypeString {
			out = append(out, s.String())
		}
	}
	return out
}
