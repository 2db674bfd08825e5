//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// axNode is what Chromium hands assistive technology, a screen reader, for
// one element: its role, its accessible name, and its states ("checked",
// "modal", "disabled", ...) as strings.
type axNode struct {
	Role, Name string
	States     map[string]string
}

// accessible returns the accessibility node of the element the JavaScript
// expression evaluates to (it may be in a shadow root).
func (v *visitor) accessible(expr string) axNode {
	v.t.Helper()
	res, err := chromedp.Call(v.ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr})
	require.NoError(v.t, err)
	require.Nil(v.t, res.ExceptionDetails, "evaluating %s", expr)
	require.NotEmpty(v.t, res.Result.ObjectID, "%s is not an element", expr)
	tree, err := chromedp.Call(v.ctx, accessibility.GetPartialAXTree,
		accessibility.GetPartialAXTreeParams{ObjectID: res.Result.ObjectID, FetchRelatives: ptr(false)})
	require.NoError(v.t, err)
	require.NotEmpty(v.t, tree.Nodes, "%s has no accessibility node", expr)
	n := tree.Nodes[0]
	node := axNode{Role: axString(n.Role), Name: axString(n.Name), States: map[string]string{}}
	for _, p := range n.Properties {
		node.States[string(p.Name)] = axString(p.Value)
	}
	return node
}

func axString(v *accessibility.Value) string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var x any
	if err := json.Unmarshal(v.Value, &x); err != nil {
		return string(v.Value)
	}
	return fmt.Sprint(x)
}
