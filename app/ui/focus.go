package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Where keyboard focus goes. A dialog takes focus when it opens, so that a
// screen reader announces it and Tab starts inside it; when the panel closes,
// focus goes back to what opened it, so that a keyboard user goes on from
// where they were (WCAG 2.4.3, focus order).

// opener is what had focus when the panel opened: a button of the first
// layer, found again by its action after the close (the first layer is drawn
// anew), or an element of the page such as the data-cc="preferences" link.
type opener struct {
	action  string    // the data-cc-action of a button of the banner, or ""
	element app.Value // an element of the host page, or nil
}

// focusRequest is where focus goes once the DOM shows the next render.
type focusRequest struct {
	selector string    // an element of the banner, or ""
	element  app.Value // an element of the host page, or nil
	// page: the banner has closed and has nothing of its own to focus:
	// Options.ReturnFocus puts focus back on the page.
	page bool
}

func (f focusRequest) pending() bool { return f.selector != "" || f.element != nil || f.page }

// The ids of the two dialogs, and the selectors of the elements that take
// focus: the dialog itself, which screen readers announce by its name.
const (
	firstLayerDialogID = "cc-banner-dialog"
	panelDialogID      = "cc-panel-dialog"
	focusFirstLayer    = "#" + firstLayerDialogID
	focusPanel         = "#" + panelDialogID
)

// actionSelector selects the banner's button of one action.
func actionSelector(action string) string {
	return `[data-cc-action="` + action + `"]`
}

// focusBack is where focus goes when the panel has closed, b.view being
// already the next view. Back on the first layer: to the button that opened
// the panel, else into the modal first layer, which holds focus, else to
// the page's element that opened it. With everything closed: to that
// element, else to the page (ReturnFocus: where focus was before the
// banner took it, or the start of the main content), never <body>.
func (b *Banner) focusBack() focusRequest {
	o := b.opener
	b.opener = opener{}
	switch {
	case b.view == ViewBanner && o.action != "":
		return focusRequest{selector: actionSelector(o.action)}
	case b.view == ViewBanner && b.opts.Layout == config.LayoutModal:
		return focusRequest{selector: focusFirstLayer}
	case o.element != nil:
		return focusRequest{element: o.element, page: b.view == ViewClosed}
	case b.view == ViewClosed:
		return focusRequest{page: true}
	}
	return focusRequest{}
}

// activeOpener reads what has focus now, looking through shadow roots (the
// page's and ours). Natively, and before the banner is mounted, there is no
// DOM: no opener.
func (b *Banner) activeOpener() opener {
	if !b.mounted {
		return opener{}
	}
	active := app.Window().Get("document").Get("activeElement")
	for active.Truthy() {
		inner := active.Get("shadowRoot")
		if !inner.Truthy() || !inner.Get("activeElement").Truthy() {
			break
		}
		active = inner.Get("activeElement")
	}
	if !active.Truthy() {
		return opener{}
	}
	if root := b.JSValue(); root.Truthy() && root.Call("contains", active).Bool() {
		if action := active.Call("getAttribute", "data-cc-action"); action.Type() == app.TypeString {
			return opener{action: action.String()}
		}
		return opener{}
	}
	if tag := active.Get("tagName").String(); tag == "BODY" || tag == "HTML" {
		return opener{} // nothing had focus
	}
	return opener{element: active}
}

// afterRender runs once the DOM shows a render: a dialog just drawn opens
// as a modal one, then focus moves as requested.
func (b *Banner) afterRender(app.Context) {
	b.openDialog()
	if b.focus.pending() {
		b.applyFocus()
	}
}

// openDialog opens the banner's <dialog>, if it shows one, with
// showModal(): only then is it in the top layer with the page inert (see
// modal). One that go-app kept from the previous render is open already.
func (b *Banner) openDialog() {
	root := b.JSValue()
	if root == nil || !root.Truthy() {
		return
	}
	dialog := root.Call("querySelector", "dialog")
	if !dialog.Truthy() || dialog.Get("open").Bool() || !dialog.Get("isConnected").Bool() {
		return
	}
	if dialog.Get("showModal").Type() != app.TypeFunction {
		dialog.Call("setAttribute", "open", "") // a DOM without showModal (jsdom): shown, at least
		return
	}
	dialog.Call("showModal")
}

// applyFocus carries out the pending focus request, once the DOM shows the
// render that asked for it. An element that has left the page is skipped;
// then, or when the request says so, ReturnFocus finds the page a place
// (it leaves alone a focus that is already on the page).
func (b *Banner) applyFocus() {
	f := b.focus
	b.focus = focusRequest{}
	target := f.element
	if target == nil && f.selector != "" {
		target = b.JSValue().Call("querySelector", f.selector)
	}
	if target != nil && target.Truthy() && target.Get("isConnected").Bool() {
		target.Call("focus")
	}
	if f.page && b.opts.ReturnFocus != nil {
		b.opts.ReturnFocus()
	}
}
