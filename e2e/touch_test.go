//go:build !js

package e2e

import (
	"fmt"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// tap touches the centre of an element of the banner with a finger: a real
// touch start and end, which the browser turns into a tap (and a click), as
// on a phone.
func (v *visitor) tap(selector string) {
	v.t.Helper()
	v.waitFor(selector)
	box := eval[[]float64](v, fmt.Sprintf(`(() => { const e = %s.querySelector(%q); e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`, shadow, selector))
	_, err := chromedp.Call(v.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1})
	require.NoError(v.t, err)
	_, err = chromedp.Call(v.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
		Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: box[0], Y: box[1]}},
	})
	require.NoError(v.t, err)
	_, err = chromedp.Call(v.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
	require.NoError(v.t, err)
}
