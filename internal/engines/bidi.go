//go:build !js

package engines

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/coder/websocket"
)

// bidi is a WebDriver BiDi session over one websocket: commands are JSON
// messages with an id, answered by a message with the same id. Events
// (messages without an id) are dropped: the flows subscribe to none.
type bidi struct {
	conn *websocket.Conn

	mu      sync.Mutex
	nextID  int64
	waiting map[int64]chan bidiReply
	closed  error
}

type bidiReply struct {
	Type    string          `json:"type"` // "success", "error" or "event"
	ID      *int64          `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

// dialBiDi connects to a BiDi endpoint (e.g. ws://127.0.0.1:1234/session).
func dialBiDi(ctx context.Context, url string) (*bidi, error) {
	conn, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", url, err)
	}
	conn.SetReadLimit(64 << 20) // screenshots
	b := &bidi{conn: conn, waiting: map[int64]chan bidiReply{}}
	go b.read()
	return b, nil
}

func (b *bidi) read() {
	for {
		_, data, err := b.conn.Read(context.Background())
		if err != nil {
			b.mu.Lock()
			b.closed = fmt.Errorf("bidi: connection closed: %w", err)
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		var r bidiReply
		if err := json.Unmarshal(data, &r); err != nil {
			continue
		}
		if r.ID == nil {
			continue // an event
		}
		b.mu.Lock()
		ch := b.waiting[*r.ID]
		delete(b.waiting, *r.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

// call sends one command and decodes its result into out (nil to drop it).
func (b *bidi) call(ctx context.Context, method string, params, out any) error {
	b.mu.Lock()
	if b.closed != nil {
		b.mu.Unlock()
		return b.closed
	}
	b.nextID++
	id := b.nextID
	ch := make(chan bidiReply, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := b.conn.Write(ctx, websocket.MessageText, msg); err != nil {
		return fmt.Errorf("bidi %s: %w", method, err)
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return b.closed
		}
		if r.Type == "error" {
			return fmt.Errorf("bidi %s: %s: %s", method, r.Error, r.Message)
		}
		if out == nil {
			return nil
		}
		return json.Unmarshal(r.Result, out)
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
		return fmt.Errorf("bidi %s: %w", method, ctx.Err())
	}
}

func (b *bidi) close() error {
	return b.conn.Close(websocket.StatusNormalClosure, "")
}
