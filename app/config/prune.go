package config

import (
	"reflect"
	"strconv"
	"strings"
)

// prune returns the part of a generically decoded JSON value v that fits
// the Go type t, so that a file with structural problems (an unknown field,
// a value of the wrong type) can still be decoded and validated, and every
// other problem reported in the same pass. checkShape has already reported
// what prune leaves out.
//
// A struct drops its unknown and ill-typed fields (their defaults stay); a
// list or a map keeps its ill-typed elements as null (the element's zero
// value), so that the paths of the elements after it do not move. It
// recurses only as deep as t does.
func prune(v any, t reflect.Type) (any, bool) {
	if v == nil {
		return nil, t.Kind() == reflect.Map || t.Kind() == reflect.Slice
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		out := map[string]any{}
		fields := structFields(t)
		for name, ft := range fields.types {
			if fv, present := m[name]; present {
				if pv, ok := prune(fv, ft); ok {
					out[name] = pv
				}
			}
		}
		return out, true
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		out := make(map[string]any, len(m))
		for k, ev := range m {
			pv, _ := prune(ev, t.Elem())
			out[k] = pv
		}
		return out, true
	case reflect.Slice:
		l, ok := v.([]any)
		if !ok {
			return nil, false
		}
		out := make([]any, len(l))
		for i, ev := range l {
			out[i], _ = prune(ev, t.Elem())
		}
		return out, true
	case reflect.String:
		_, ok := v.(string)
		return v, ok
	case reflect.Bool:
		_, ok := v.(bool)
		return v, ok
	case reflect.Int:
		n, ok := v.(interface{ String() string }) // json.Number
		if !ok {
			return nil, false
		}
		_, err := strconv.ParseInt(n.String(), 10, 0)
		return v, err == nil
	}
	return nil, false
}

// covered reports whether a validation problem at path only repeats a
// structural one: it is at or below a path whose value was left out.
func covered(path string, structural []string) bool {
	for _, s := range structural {
		if path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[") {
			return true
		}
	}
	return false
}
