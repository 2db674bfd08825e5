package proof

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the first line of an export.
var CSVHeader = []string{"received_at", "id", "ts", "choice_time", "rev", "choice", "accepted", "refused", "lang", "texts_hash", "origin", "path"}

// CSVWriter writes records as CSV (RFC 4180, as encoding/csv quotes it),
// one per line, with every text cell guarded against formula injection.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter writes the header line and returns the writer.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	c := &CSVWriter{w: csv.NewWriter(w)}
	return c, c.w.Write(CSVHeader)
}

// Write adds one record.
func (c *CSVWriter) Write(r Record) error {
	accepted, refused := r.Answers()
	return c.w.Write([]string{
		r.Received().Format(time.RFC3339),
		r.ID, // [A-Za-z0-9_-] only: a leading "-" cannot make a harmful formula, and the id must stay exact to be looked up
		strconv.FormatInt(r.TS, 10),
		r.Time().Format(time.RFC3339),
		strconv.Itoa(r.Rev),
		cell(string(r.Kind)),
		cell(strings.Join(accepted, " ")),
		cell(strings.Join(refused, " ")),
		cell(r.Lang),
		r.TextsHash,
		cell(r.Origin),
		cell(r.Path),
	})
}

// Flush writes out what is buffered and reports any write error.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// cell guards a text against formula injection: a spreadsheet opening the
// export would run a cell starting with =, +, -, @, a tab or a carriage
// return as a formula, so such a cell gets a leading apostrophe (OWASP's
// advice). Record fields are validated, but the path is the visitor's
// browser's to choose ("/=HYPERLINK(...)" is a valid path).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
