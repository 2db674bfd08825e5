//go:build !js

package engines

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// jsonOf wraps a JavaScript expression so that it evaluates, promise or
// not, to the JSON text of its value ("null" for undefined): one way to
// bring a value back that every protocol carries alike.
func jsonOf(expr string) string {
	return `(async () => { const v = await (` + expr + "\n" + `); return v === undefined ? "null" : JSON.stringify(v); })()`
}

func decodeJSON(s string, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal([]byte(s), out); err != nil {
		return fmt.Errorf("decoding %s: %w", short(s), err)
	}
	return nil
}

// short is the start of a long text, for error messages.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// errScriptException is a JavaScript exception thrown by evaluated code.
var errScriptException = errors.New("javascript exception")
