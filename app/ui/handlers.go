package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The banner's event handlers are methods, one per control, never closures
// of a shared helper: go-app keeps the listener of an element it reuses in a
// new render when the new handler has the same code pointer as the old one,
// whatever the closure captured. Closures of one function literal share
// their code pointer whenever the compiler does not inline that function
// (the wasm is built with -l), so a reused button would keep another
// button's action. Method values of distinct methods never share one.

func (b *Banner) onRefuseAll(app.Context, app.Event) { b.RefuseAll() }
func (b *Banner) onAcceptAll(app.Context, app.Event) { b.AcceptAll() }
func (b *Banner) onCustomize(app.Context, app.Event) { b.ShowPanel() }
func (b *Banner) onSave(app.Context, app.Event)      { b.Save() }
func (b *Banner) onClose(app.Context, app.Event)     { b.Hide() }

// The dialogs' cancel events: the browser's own close request (Escape when
// a key handler did not take it, a phone's back gesture). The dialog never
// closes by itself behind go-app's back: the panel closes as Escape closes
// it, the modal first layer stays until the visitor answers.
func (b *Banner) onPanelCancel(_ app.Context, e app.Event) {
	e.PreventDefault()
	b.Hide()
}

func (b *Banner) onFirstLayerCancel(_ app.Context, e app.Event) { e.PreventDefault() }

// onToggle is every category switch's handler: the switch says which
// category it is by its id ("cc-switch-statistics").
func (b *Banner) onToggle(ctx app.Context, _ app.Event) {
	el := ctx.JSSrc()
	b.Toggle(strings.TrimPrefix(el.Get("id").String(), switchPrefix), el.Get("checked").Bool())
}

// switchPrefix starts the id of a category's switch.
const switchPrefix = "cc-switch-"
