package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// tabbable selects the elements of a dialog that Tab can reach.
const tabbable = `button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])`

// dialogKeys handles the keyboard in a modal dialog: Tab and Shift+Tab go
// round its controls without ever leaving it (a native modal dialog keeps
// focus off the page, but lets Tab go on to the browser's own controls), and
// Escape calls escape (nil: Escape does nothing, for the modal first layer,
// which waits for an answer).
func dialogKeys(ctx app.Context, e app.Event, escape func()) {
	switch e.Get("key").String() {
	case "Escape":
		// The dialog's Escape: the page's own Escape handlers (its menus,
		// its dialogs) are not for this one, and the browser must not close
		// the <dialog> behind go-app's back.
		e.PreventDefault()
		e.Call("stopPropagation")
		if escape != nil {
			escape()
		}
	case "Tab":
		keepTabInside(ctx.JSSrc(), e)
	}
}

// The two dialogs' key handlers are two methods (see handlers.go for why).

// firstLayerKeys handles the keyboard of the modal first layer.
func (b *Banner) firstLayerKeys(ctx app.Context, e app.Event) { dialogKeys(ctx, e, nil) }

// panelKeys handles the keyboard of the panel: Escape closes it.
func (b *Banner) panelKeys(ctx app.Context, e app.Event) { dialogKeys(ctx, e, b.Hide) }

// keepTabInside wraps Tab from the dialog's last control to its first, and
// Shift+Tab from its first control (or from the dialog itself, which has
// focus when it opens) to its last.
func keepTabInside(dialog app.Value, e app.Event) {
	list := dialog.Call("querySelectorAll", tabbable)
	var first, last app.Value
	for i := range list.Length() {
		el := list.Index(i)
		if el.Call("getClientRects").Length() == 0 {
			continue // not rendered: Tab skips it
		}
		if first == nil {
			first = el
		}
		last = el
	}
	if first == nil {
		e.PreventDefault()
		return
	}
	active := dialog.Call("getRootNode").Get("activeElement")
	inside := active.Truthy() && dialog.Call("contains", active).Bool()
	switch {
	case e.Get("shiftKey").Bool() && (!inside || active.Equal(first) || active.Equal(dialog)):
		e.PreventDefault()
		last.Call("focus")
	case !e.Get("shiftKey").Bool() && (!inside || active.Equal(last)):
		e.PreventDefault()
		first.Call("focus")
	}
}
