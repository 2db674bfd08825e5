package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// newClient is an HTTP client keeping conns connections to the server.
func newClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     30 * time.Second,
		},
	}
}

// newID is a consent id as the banner makes them.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// choice is one recorded choice: a refusal or an acceptance, made on a
// page of benchOrigin.
func (e *env) choice(id string, ts int64, accept bool) []byte {
	cats := map[string]bool{"necessary": true, "statistics": accept, "first_party": accept, "third_party": accept}
	b, _ := json.Marshal(map[string]any{
		"v": 1, "id": id, "ts": ts, "rev": e.cfg.Revision, "textsHash": e.hashFR, "lang": "fr",
		"categories": cats, "origin": benchOrigin, "path": "/bench/",
	})
	return b
}

// post sends one choice and returns the status code (0 with an error when
// no answer came).
func post(c *http.Client, s *server, body []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, s.URL+"api/consents", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set("Origin", benchOrigin)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// lookup asks the operator API how many records a consent id has.
func lookup(c *http.Client, s *server, id string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, s.URL+"api/consents/"+id, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotFound:
		return 0, nil
	case http.StatusOK:
	default:
		return 0, fmt.Errorf("look-up: %s", resp.Status)
	}
	var got struct {
		Records []json.RawMessage `json:"records"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		return 0, err
	}
	return len(got.Records), nil
}
