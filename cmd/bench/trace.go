//go:build !js

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what a Chromium trace of a load records: the main
// thread's tasks, style, layout and paint (what DevTools' Performance panel
// shows), and the loader's performance marks.
var traceCategories = []string{
	"devtools.timeline",
	"disabled-by-default-devtools.timeline",
	"disabled-by-default-devtools.timeline.frame",
	"blink.user_timing",
	"loading",
	"v8.execute",
	"v8",
	"v8.wasm",
	"disabled-by-default-v8.gc",
}

// recorder collects one tab's Chromium trace, for -trace: the numbers say
// how long, a trace says why (open it in DevTools' Performance panel or
// https://ui.perfetto.dev).
type recorder struct {
	mu     sync.Mutex
	events [][]byte
	done   chan struct{}
}

// startTrace starts recording ctx's tab.
func startTrace(ctx context.Context) (*recorder, error) {
	r := &recorder{done: make(chan struct{})}
	var once sync.Once
	chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			r.mu.Lock()
			for _, v := range ev.Value {
				r.events = append(r.events, append([]byte(nil), v...))
			}
			r.mu.Unlock()
		case *tracing.EventTracingComplete:
			once.Do(func() { close(r.done) })
		}
	})
	_, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{IncludedCategories: traceCategories},
	})
	return r, err
}

// stop ends the recording and writes it to path, in the JSON format
// DevTools loads.
func (r *recorder) stop(ctx context.Context, path string) error {
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return err
	}
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		return fmt.Errorf("the trace for %s never completed", path)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(`{"traceEvents":[`)
	for i, e := range r.events {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e)
	}
	b.WriteString("]}\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
