package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Takeover is what the loader showed before the wasm was live, prerendered
// (web/loader/panel.js): the first layer, or the panel as the visitor left
// it. The banner starts in that state, so that go-app's render replaces
// the prerendered markup with the same markup and nothing changes for
// them; focus is left to the loader, which puts it back where it was.
type Takeover struct {
	// Panel: the panel is open; else the first layer is (the banner shows
	// what the visitor's choice calls for).
	Panel bool
	// Switches are the visitor's switches, by category id; required and
	// unknown categories are ignored (required ones stay on).
	Switches map[string]bool
	// OpenerAction is the first layer's button that opened the panel
	// ("customize"), and OpenerElement the host page's element that did (a
	// data-cc="preferences" link); either gets focus back when the panel
	// closes. Both may be empty.
	OpenerAction  string
	OpenerElement app.Value
}

// takeOver opens the panel in the state t describes, if open. Focus is
// left where it is: the loader puts it back on the element the visitor was
// on.
func (b *Banner) takeOver(t *Takeover) {
	b.focus = focusRequest{}
	if !t.Panel {
		return
	}
	b.view = ViewPanel
	b.draft = b.currentCategories()
	for id, on := range t.Switches {
		if cat, ok := b.opts.Config.Category(id); ok && !cat.Required {
			b.draft[id] = on
		}
	}
	b.opener = opener{action: t.OpenerAction, element: t.OpenerElement}
}
