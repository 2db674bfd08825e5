//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// healthcheck is `cookie-consent healthcheck [URL]`: it asks a running
// server's /healthz and exits 0 when it answers "ok". A scratch container has
// no curl or wget, so the image's HEALTHCHECK runs the binary itself.
func healthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	url := "http://127.0.0.1:8080/healthz"
	switch len(args) {
	case 0:
	case 1:
		url = args[0]
	default:
		fmt.Fprintln(stderr, "usage: cookie-consent healthcheck [URL of /healthz]")
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: %v\n", err)
		return 2
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64))
	if resp.StatusCode != http.StatusOK || string(body) != "ok" {
		fmt.Fprintf(stderr, "healthcheck: %s answered %s\n", url, resp.Status)
		return 1
	}
	fmt.Fprintln(stdout, "ok")
	return 0
}
