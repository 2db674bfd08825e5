package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// checkShape walks the JSON tokens of data against the Go type t and records
// in ps, each with its JSON path, what encoding/json would only report
// vaguely or not at all: syntax errors (with line and column), unknown fields
// (encoding/json also accepts "Revision" for "revision"), duplicate keys,
// values of the wrong type, and data after the top-level value.
//
// It never recurses deeper than the type does (a value of an unexpected kind
// is skipped iteratively), so no input can exhaust the stack.
//
// It returns the paths of the values it found wrong (and, for a key in the
// wrong case, of the key meant), whose validation problems would only repeat
// its own, and whether the walk reached the end of the value (false after a
// syntax error: nothing more can be read from the file).
func checkShape(data []byte, t reflect.Type, ps *problems) (structural []string, walked bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	s := &shapeChecker{dec: dec, data: data, ps: ps}
	if err := s.value("", t); err != nil {
		s.syntax(err)
		return s.structural, false
	}

	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		for end < int64(len(data)) && isJSONSpace(data[end]) {
			end++
		}
		ps.add("", "unexpected data after the configuration object, at %s: a file holds one JSON object", s.position(end))
	}
	return s.structural, true
}

// shapeChecker is the state of one checkShape walk.
type shapeChecker struct {
	dec  *json.Decoder
	data []byte
	ps   *problems
	// structural lists the paths of the values reported as wrong.
	structural []string
}

// wrong records a problem at path and remembers the path as structural.
func (s *shapeChecker) wrong(path, format string, args ...any) {
	s.structural = append(s.structural, path)
	s.ps.add(path, format, args...)
}

// value checks the next JSON value against t. It returns only the decoder's
// errors (bad syntax, early end), which stop the walk; shape problems are
// recorded and the walk goes on.
func (s *shapeChecker) value(path string, t reflect.Type) error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	if tok == nil && (t.Kind() == reflect.Map || t.Kind() == reflect.Slice) {
		return nil // null is an empty map or list, as Marshal writes a nil one
	}
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			break
		}
		fields := structFields(t)
		return s.object(path, func(k string) error {
			ft, ok := fields.types[k]
			if !ok {
				s.unknownField(path, k, fields.names)
				return s.skipValue()
			}
			return s.value(key(path, k), ft)
		})
	case reflect.Map:
		if tok != json.Delim('{') {
			break
		}
		return s.object(path, func(k string) error {
			return s.value(key(path, k), t.Elem())
		})
	case reflect.Slice:
		if tok != json.Delim('[') {
			break
		}
		for i := 0; s.dec.More(); i++ {
			if err := s.value(index(path, i), t.Elem()); err != nil {
				return err
			}
		}
		_, err := s.dec.Token() // ']'
		return err
	case reflect.String:
		if _, ok := tok.(string); ok {
			return nil
		}
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return nil
		}
	case reflect.Int:
		n, ok := tok.(json.Number)
		if !ok {
			break
		}
		if _, err := strconv.ParseInt(string(n), 10, 0); err != nil {
			if errors.Is(err, strconv.ErrRange) {
				s.wrong(path, "%s is too large a number", clip(string(n)))
			} else {
				s.wrong(path, "expected a whole number, found %s", clip(string(n)))
			}
		}
		return nil
	}
	s.wrongType(path, t, tok)
	return s.skip(tok)
}

// object walks the members of an object whose '{' was just read, calling
// member for each key, and reports keys given twice.
func (s *shapeChecker) object(path string, member func(k string) error) error {
	seen := map[string]bool{}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return err
		}
		k, _ := tok.(string) // inside an object the decoder yields only string keys
		if seen[k] {
			s.wrong(key(path, k), "given twice in the same object: keep one")
			if err := s.skipValue(); err != nil {
				return err
			}
			continue
		}
		seen[k] = true
		if err := member(k); err != nil {
			return err
		}
	}
	_, err := s.dec.Token() // '}'
	return err
}

// skipValue reads and ignores the next value, however nested.
func (s *shapeChecker) skipValue() error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	return s.skip(tok)
}

// skip ignores the rest of a value whose first token was tok, without
// recursion.
func (s *shapeChecker) skip(tok json.Token) error {
	depth := 0
	for {
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
		var err error
		if tok, err = s.dec.Token(); err != nil {
			return err
		}
	}
}

// unknownField reports a key k of the object at parent that its type does
// not have, suggesting the right
// spelling when only the case differs.
func (s *shapeChecker) unknownField(parent, k string, names []string) {
	path := key(parent, k)
	for _, n := range names {
		if strings.EqualFold(n, k) {
			s.structural = append(s.structural, key(parent, n)) // the key meant, whose value was not read
			s.wrong(path, "unknown field, did you mean %q? (keys are case-sensitive)", n)
			return
		}
	}
	s.wrong(path, "unknown field (allowed: %s)", strings.Join(names, ", "))
}

// wrongType reports a value of the wrong JSON type.
func (s *shapeChecker) wrongType(path string, t reflect.Type, tok json.Token) {
	if path == "" {
		s.ps.add("", "the configuration must be a JSON object, found %s", describe(tok))
		return
	}
	want := map[reflect.Kind]string{
		reflect.Struct: "an object",
		reflect.Map:    "an object",
		reflect.Slice:  "an array",
		reflect.String: "a string",
		reflect.Int:    "a whole number",
		reflect.Bool:   "true or false",
	}[t.Kind()]
	s.wrong(path, "expected %s, found %s", want, describe(tok))
}

// syntax records a decoder error with the line and column where it happened.
func (s *shapeChecker) syntax(err error) {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		s.ps.add("", "invalid JSON at %s: %s", s.position(se.Offset), strings.TrimPrefix(se.Error(), "json: "))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		s.ps.add("", "invalid JSON: the file ends at %s in the middle of a value (a missing \"}\" or \"]\"?)", s.position(int64(len(s.data))))
	default:
		s.ps.add("", "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
}

// position is "line L, column C" (both from 1, columns in characters) of
// the byte offset off in the data.
func (s *shapeChecker) position(off int64) string {
	if off < 0 {
		off = 0
	}
	if off > int64(len(s.data)) {
		off = int64(len(s.data))
	}
	before := s.data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// describe names a JSON token for a message: `the string "x"`, `an object`.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "the string " + clip(strconv.Quote(v))
	case json.Number:
		return "the number " + clip(string(v))
	case bool:
		return strconv.FormatBool(v)
	default:
		return "null"
	}
}

// clip shortens s for a message, so a huge value does not make a huge error.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "..."
}

// isJSONSpace reports whether b is whitespace in JSON's sense.
func isJSONSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// fieldSet is a struct type's JSON keys, in declaration order and by name.
type fieldSet struct {
	names []string
	types map[string]reflect.Type
}

var fieldSets sync.Map // reflect.Type -> *fieldSet

// structFields lists the JSON keys of a struct type from its json tags.
func structFields(t reflect.Type) *fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{types: map[string]reflect.Type{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fs.names = append(fs.names, name)
		fs.types[name] = f.Type
	}
	fieldSets.Store(t, fs)
	return fs
}
