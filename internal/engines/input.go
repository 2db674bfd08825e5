//go:build !js

package engines

import (
	"math"
)

// mouseClick is a WebDriver input source (classic and BiDi alike): the
// mouse moves to x, y of the viewport, then presses and releases.
func mouseClick(x, y float64) map[string]any {
	return map[string]any{"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": int(math.Round(x)), "y": int(math.Round(y)), "origin": "viewport", "duration": 0},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		}}
}

// keyPress is a WebDriver input source that presses and releases a key.
func keyPress(key string) map[string]any {
	return map[string]any{"type": "key", "id": "keyboard", "actions": []any{
		map[string]any{"type": "keyDown", "value": key},
		map[string]any{"type": "keyUp", "value": key},
	}}
}
