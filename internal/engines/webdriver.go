//go:build !js

package engines

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// webdriver is a WebDriver classic session: JSON over HTTP, one request
// per command (https://www.w3.org/TR/webdriver2/).
type webdriver struct {
	base    string // the driver's URL, e.g. http://127.0.0.1:4444
	session string
	client  *http.Client
}

// webdriverError is the error a WebDriver command answers with.
type webdriverError struct {
	Command string
	Code    string `json:"error"`
	Message string `json:"message"`
}

func (e *webdriverError) Error() string {
	return fmt.Sprintf("webdriver %s: %s: %s", e.Command, e.Code, e.Message)
}

// do sends one command; path is relative to the session ("" before one
// exists: then it is the driver's). body nil sends no body.
func (w *webdriver) do(ctx context.Context, method, path string, body, out any) error {
	url := w.base
	if w.session != "" {
		url += "/session/" + w.session
	}
	url += path
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var reply struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(data, &reply); err != nil {
		return fmt.Errorf("webdriver %s %s: %s: %w", method, path, short(string(data)), err)
	}
	if resp.StatusCode != http.StatusOK {
		e := &webdriverError{Command: method + " " + path}
		if err := json.Unmarshal(reply.Value, e); err != nil || e.Code == "" {
			e.Code, e.Message = resp.Status, short(string(data))
		}
		return e
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(reply.Value, out)
}
