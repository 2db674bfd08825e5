//go:build !js

package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// probeJS is the script injected in every measured page, as a function
// expression applied to a probeConfig.
//
//go:embed probe.js
var probeJS string

// bindingName is the Runtime binding the probe reports through. A binding
// call is an event on the DevTools connection: Go learns of the banner being
// visible without polling the page, and without adding work to its main
// thread.
const bindingName = "__ccBench"

// readyEvent is the DOM event our loader dispatches on document once the
// stored choice (or its absence) is known, at DOMContentLoaded, right after
// it has put the prerendered first layer in the page: from then on the
// loader answers that layer's buttons itself, without the wasm. bench
// requires it in the loader (see fetchOurs).
const readyEvent = "cookieconsent:ready"

// probeConfig tells the probe which banner it watches and when a load is over.
type probeConfig struct {
	Binding string `json:"binding"`
	// Kind is "ours" or "reference": how to find the banner's buttons and
	// ask its API for the stored choice.
	Kind string `json:"kind"`
	// Button is the button whose visibility is "the banner is visible", and
	// the one reported clickable: "refuse-all", "accept-all" or "customize"
	// (the reference's "show", which opens its preferences).
	Button string `json:"button"`
	// ReportClickable makes the probe send the button's centre the moment
	// it can be clicked, for Go to click it.
	ReportClickable bool `json:"reportClickable"`
	// Expect is "banner" on a first visit (settled once the banner is
	// visible and interactive), "choice" on a return (settled once the
	// stored choice is known), or "panel" when Go clicks Button to open the
	// preferences (settled once the panel is visible after that click).
	Expect string `json:"expect"`
	// ReadyEvent, when set, is the event that marks "interactive".
	ReadyEvent string `json:"readyEvent,omitempty"`
	CookieName string `json:"cookieName"`
	// QuietMs is how long after settling the probe keeps counting.
	QuietMs float64 `json:"quietMs"`
	// TimeoutMs after navigation start, the probe reports what it has.
	TimeoutMs float64 `json:"timeoutMs"`
}

// script is the probe's source for this configuration.
func (c probeConfig) script() (string, error) {
	arg, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("(%s)(%s);", probeJS, arg), nil
}

// probeMessage is one binding call of the probe. Times are milliseconds
// since navigation start; nil means "did not happen".
type probeMessage struct {
	Type string `json:"type"` // "clickable", "panel", "switch" or "settled"

	// "clickable" and "switch": where to click.
	X float64 `json:"x"`
	Y float64 `json:"y"`

	// "settled":
	Visible      *float64 `json:"visible"`
	Clickable    *float64 `json:"clickable"`
	Ready        *float64 `json:"ready"`
	Interactive  *float64 `json:"interactive"`
	Live         *float64 `json:"live"`
	PanelVisible *float64 `json:"panelVisible"`
	SwitchClick  *float64 `json:"switchClick"`
	Toggled      *float64 `json:"toggled"`
	// Interactions are the Event Timing entries of interactions: [start,
	// duration], the duration running to the next paint.
	Interactions [][2]float64 `json:"interactions"`
	// GoInit and GoRun are ours only: the Go program's initialisation, and
	// the longest of the three tasks of its start (the loader's marks).
	GoInit        *float64     `json:"goInit"`
	GoRun         *float64     `json:"goRun"`
	ChoiceKnown   *float64     `json:"choiceKnown"`
	Loaded        *float64     `json:"loaded"`
	FCP           *float64     `json:"fcp"`
	Click         *float64     `json:"click"`
	CookieWritten *float64     `json:"cookieWritten"`
	LongTasks     [][2]float64 `json:"longTasks"`
	WasmMemory    float64      `json:"wasmMemory"`
	ShownEver     bool         `json:"shownEver"`
	TimedOut      bool         `json:"timedOut"`
	End           float64      `json:"end"`
}
