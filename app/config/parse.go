package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
)

// Parse reads a configuration file's content: strict JSON (one object, known
// keys only, case-sensitive, no key twice, nothing after it, at most
// MaxSize bytes; a leading UTF-8 byte order mark is ignored), then fills the
// defaults of omitted optional fields (lifetimeDays 182, defaultLanguage
// "fr", layout "bar", theme "light", position "bottom") and validates it.
//
// Any input gives either a valid configuration or an error listing every
// problem found, one *Problem per line (see Problems); never a panic.
func Parse(data []byte) (*Config, error) {
	var ps problems
	if len(data) > MaxSize {
		ps.add("", "the configuration is %d bytes, above the limit of %d bytes (1 MiB): a real one is a few KB", len(data), MaxSize)
		return nil, ps.err()
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		ps.add("", "the configuration is empty: expected a JSON object such as the default configuration")
		return nil, ps.err()
	}
	structural, walked := checkShape(data, reflect.TypeFor[Config](), &ps)
	if len(ps.list) == 0 {
		// The shape check above has refused everything decode could;
		// decode stays strict in case the two ever disagree.
		return decode(data)
	}
	if walked {
		// Structural problems do not hide the others: what fits the
		// type is decoded and validated too, and every problem that
		// does not merely repeat a structural one joins the list.
		for _, p := range Problems(decodePruned(data)) {
			if !covered(p.Path, structural) {
				ps.add(p.Path, "%s", p.Message)
			}
		}
	}
	return nil, ps.err()
}

// decodePruned decodes and validates the part of data that fits a Config
// (see prune), returning the problems found; nil when that part cannot be
// decoded at all (checkShape has then said why).
func decodePruned(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	pruned, ok := prune(v, reflect.TypeFor[Config]())
	if !ok {
		return nil
	}
	clean, err := json.Marshal(pruned)
	if err != nil {
		return nil
	}
	if _, err := decode(clean); len(Problems(err)) > 0 {
		return err
	}
	return nil
}

// Decode reads a configuration that Parse has already accepted, such as the
// copy the server inlines in consent.js for the wasm: the same decoding,
// defaults and Validate, without the token-by-token walk that makes Parse's
// messages precise, which only a hand-written file needs and which costs
// the banner's start more than the rest of the decoding. Unknown fields and
// wrong types are still refused, with plainer messages.
func Decode(data []byte) (*Config, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("config: %d bytes, above the limit of %d", len(data), MaxSize)
	}
	return decode(bytes.TrimPrefix(data, []byte("\ufeff")))
}

// decode fills a Config from data with the defaults of omitted optional
// fields, then validates it.
func decode(data []byte) (*Config, error) {
	var ps problems
	c := &Config{
		LifetimeDays:    DefaultLifetimeDays,
		DefaultLanguage: DefaultLanguage,
		Layout:          LayoutBar,
		Theme:           ThemeLight,
		Position:        PositionBottom,
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			ps.add(te.Field, "expected %s, found %s", te.Type, te.Value)
		} else {
			ps.add("", "%s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return nil, ps.err()
	}
	if _, err := dec.Token(); err != io.EOF {
		ps.add("", "unexpected data after the configuration object: a file holds one JSON object")
		return nil, ps.err()
	}
	c.normalize()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Load reads and parses the configuration file at path. Every line of the
// error starts with the file's name ("site.json: categories[2].id: ..."), so
// that the server's log says which file to fix.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the configuration: %w", err)
	}
	defer f.Close()
	// Read one byte past the limit, so Parse sees the file is too large
	// without a huge file ever being held in memory.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the configuration: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, &fileError{file: path, err: err}
	}
	return c, nil
}

// normalize makes a parsed configuration equal to itself once marshalled and
// parsed again: an empty cookie list is written as no list at all. It also
// derives the consent cookie's lifetime (see deriveChoiceLifetime).
func (c *Config) normalize() {
	for i := range c.Categories {
		if len(c.Categories[i].Cookies) == 0 {
			c.Categories[i].Cookies = nil
		}
	}
	c.deriveChoiceLifetime()
}
