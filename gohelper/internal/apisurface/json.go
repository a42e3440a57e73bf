package apisurface

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Object is a JSON object that keeps its keys in insertion order, so that
// the output follows docs/ApiSurface.md byte for byte.
type Object struct {
	keys []string
	vals []any
}

// Set appends key (values: string, bool, int, int64, []any, *Object).
func (o *Object) Set(key string, val any) *Object {
	o.keys = append(o.keys, key)
	o.vals = append(o.vals, val)
	return o
}

// SetOpt appends key unless val is empty ("", false, 0-length list, nil).
func (o *Object) SetOpt(key string, val any) *Object {
	switch v := val.(type) {
	case nil:
		return o
	case string:
		if v == "" {
			return o
		}
	case bool:
		if !v {
			return o
		}
	case []any:
		if len(v) == 0 {
			return o
		}
	case *Object:
		if v == nil {
			return o
		}
	}
	return o.Set(key, val)
}

// Obj starts an object with its first key.
func Obj(key string, val any) *Object { return (&Object{}).Set(key, val) }

// Marshal writes v with two-space indentation and a final newline.
func Marshal(v any) []byte {
	var b bytes.Buffer
	write(&b, v, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Write(bytes.TrimRight(tmp.Bytes(), "\n"))
}

func indent(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for i := 0; i < depth; i++ {
		b.WriteString("  ")
	}
}

func write(b *bytes.Buffer, v any, depth int) {
	switch v := v.(type) {
	case string:
		writeString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(b, depth+1)
			write(b, e, depth+1)
		}
		indent(b, depth)
		b.WriteByte(']')
	case *Object:
		if len(v.keys) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			indent(b, depth+1)
			writeString(b, k)
			b.WriteString(": ")
			write(b, v.vals[i], depth+1)
		}
		indent(b, depth)
		b.WriteByte('}')
	default:
		panic("apisurface: cannot encode value")
	}
}
