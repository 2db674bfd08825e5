package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Problem is one thing wrong in a configuration: the JSON path of the faulty
// value (such as "categories[2].id" or "texts.en.acceptAll"; empty for the
// file as a whole) and what is wrong and what is allowed. Parse, Load and
// Validate report every problem they find, joined with errors.Join; use
// Problems to get them back one by one.
type Problem struct {
	// Path locates the value in the file, in JSONPath-like form without
	// the leading "$.": "texts.en.acceptAll", `categories[0].label["en us"]`.
	Path string
	// Message says what is wrong and what is allowed.
	Message string
}

// Error renders the problem as "path: message", one line, the form the
// server prints and integrators search their file with.
func (p *Problem) Error() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems returns every *Problem in err (as joined by Parse, Load and
// Validate), in order, so that a tool can show them next to the file.
func Problems(err error) []*Problem {
	var out []*Problem
	var walk func(error)
	walk = func(err error) {
		for err != nil {
			switch e := err.(type) {
			case *Problem:
				out = append(out, e)
				return
			case interface{ Unwrap() []error }:
				for _, inner := range e.Unwrap() {
					walk(inner)
				}
				return
			case interface{ Unwrap() error }:
				err = e.Unwrap()
			default:
				return
			}
		}
	}
	walk(err)
	return out
}

// maxProblems bounds how many problems one error lists: past that, the file is
// so wrong that more lines would only hide the first ones (and a hostile file
// could otherwise produce an error of many megabytes).
const maxProblems = 50

// problems collects the problems of one check, up to maxProblems.
type problems struct {
	list    []error
	dropped int
}

// add records a problem at path; the message is built with fmt.Sprintf.
func (ps *problems) add(path, format string, args ...any) {
	if len(ps.list) >= maxProblems {
		ps.dropped++
		return
	}
	ps.list = append(ps.list, &Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// err joins the problems, or returns nil when there is none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	list := ps.list
	if ps.dropped > 0 {
		list = append(list[:len(list):len(list)], &Problem{
			Message: fmt.Sprintf("... and %d more problems", ps.dropped),
		})
	}
	return errors.Join(list...)
}

// field is the JSON path of a struct field below path.
func field(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// index is the JSON path of an array element below path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// key is the JSON path of a map entry below path: "texts.en", or
// `texts["a b"]` when the key is not a plain word.
func key(path, k string) string {
	plain := k != ""
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			plain = false
			break
		}
	}
	if plain {
		return field(path, k)
	}
	return path + "[" + strconv.Quote(k) + "]"
}

// fileError names the configuration file on every line of a Parse error, as
// compilers do ("site.json: categories[2].id: ..."), so each line can be
// found on its own in a log.
type fileError struct {
	file string
	err  error
}

func (e *fileError) Error() string {
	lines := strings.Split(e.err.Error(), "\n")
	for i, l := range lines {
		lines[i] = e.file + ": " + l
	}
	return strings.Join(lines, "\n")
}

func (e *fileError) Unwrap() error { return e.err }
