package testsrv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/tlog"
)

// Handler returns the HTTP handler of s: the request log, then the HTTP
// faults (delay, status, truncate), then the proxy and the checksum database.
func (s *Server) Handler() http.Handler {
	var h http.Handler = http.HandlerFunc(s.serve)
	h = s.faulted(h)
	if s.opts.Log != nil {
		h = s.logged(h)
	}
	return h
}

// logWriter records the status and the number of body bytes of an answer.
type logWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *logWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *logWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

func (w *logWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// sent records what a handler that took the connection over sent.
func (w *logWriter) sent(status int, n int64) { w.status, w.n = status, n }

func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lw := &logWriter{ResponseWriter: w}
		defer func() {
			status := lw.status
			if status == 0 {
				status = http.StatusOK
			}
			line := fmt.Sprintf("%s %s %d %d\n", r.Method, r.URL.Path, status, lw.n)
			s.logMu.Lock()
			io.WriteString(s.opts.Log, line) // one write per line: an *os.File is unbuffered
			s.logMu.Unlock()
		}()
		next.ServeHTTP(lw, r)
	})
}

// statusFor returns the status rule that applies to a request for path, if
// any, counting the request.
func (s *Server) statusFor(path string) *StatusRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.opts.Faults.Status {
		if !strings.HasPrefix(path, r.Prefix) {
			continue
		}
		if r.Count == 0 {
			return r
		}
		c := s.counts[r]
		if c == nil {
			c = map[string]int{}
			s.counts[r] = c
		}
		if c[path] < r.Count {
			c[path]++
			return r
		}
	}
	return nil
}

func (s *Server) faulted(next http.Handler) http.Handler {
	f := &s.opts.Faults
	if len(f.Delay) == 0 && len(f.Status) == 0 && len(f.Truncate) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		for _, d := range f.Delay {
			if strings.HasPrefix(path, d.Prefix) {
				t := time.NewTimer(d.Delay)
				select {
				case <-t.C:
				case <-r.Context().Done():
					t.Stop()
				}
			}
		}
		if rule := s.statusFor(path); rule != nil {
			http.Error(w, http.StatusText(rule.Code)+" (mochi-go-test-servers fault status="+strconv.Itoa(rule.Code)+":"+rule.Prefix+")", rule.Code)
			return
		}
		for _, p := range f.Truncate {
			if strings.HasPrefix(path, p) {
				serveTruncated(w, r, next)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// bufferWriter is a ResponseWriter that keeps the answer in memory.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// serveTruncated sends the status and headers of next's answer with the full
// Content-Length, then half of the body, then closes the connection.
func serveTruncated(w http.ResponseWriter, r *http.Request, next http.Handler) {
	b := &bufferWriter{header: http.Header{}}
	next.ServeHTTP(b, r)
	if b.status == 0 {
		b.status = http.StatusOK
	}
	body := b.body.Bytes()
	half := body[:len(body)/2]
	if r.Method == http.MethodHead {
		half = nil
	}
	conn, bw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Cannot take the connection over: send half and abort.
		for k, v := range b.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(b.status)
		w.Write(half)
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	b.header.Set("Content-Length", strconv.Itoa(len(body)))
	b.header.Set("Connection", "close")
	fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\n", b.status, http.StatusText(b.status))
	b.header.Write(bw)
	bw.WriteString("\r\n")
	bw.Write(half)
	bw.Flush()
	if lw, ok := w.(interface{ sent(int, int64) }); ok {
		lw.sent(b.status, int64(len(half)))
	}
}

// serve answers proxy and checksum database requests.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	if strings.HasPrefix(path, "/sumdb/") || strings.HasPrefix(path, DirectPrefix) {
		base := s.SumdbPath()
		switch {
		case path == "/sumdb/"+s.opts.Name+"/supported" && !s.opts.Faults.NoSumdbProxy:
			w.WriteHeader(http.StatusOK)
		case strings.HasPrefix(path, base+"/"):
			s.serveSumdb(w, r, path[len(base):])
		default:
			http.NotFound(w, r)
		}
		return
	}
	s.serveProxy(w, r)
}

// serveSumdb answers a checksum database request for rest (/latest,
// /lookup/..., /tile/...).
func (s *Server) serveSumdb(w http.ResponseWriter, r *http.Request, rest string) {
	if strings.HasPrefix(rest, "/tile/") {
		t, err := tlog.ParseTilePath(rest[1:])
		if err == nil && t.H != TileHeight {
			http.Error(w, fmt.Sprintf("only tiles of height %d are served", TileHeight), http.StatusNotFound)
			return
		}
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = rest
	r2.URL.RawPath = ""
	s.sumdb.ServeHTTP(w, r2)
}

// serveProxy answers a GOPROXY protocol request.
func (s *Server) serveProxy(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if esc, ok := strings.CutSuffix(p, "/@latest"); ok {
		m := s.module(esc)
		if m == nil {
			http.NotFound(w, r)
			return
		}
		list := m.SortedVersions()
		if len(list) == 0 {
			http.NotFound(w, r)
			return
		}
		v := list[len(list)-1]
		s.serveBytes(w, r, "application/json", infoOf(v))
		return
	}
	i := strings.Index(p, "/@v/")
	if i < 0 {
		http.NotFound(w, r)
		return
	}
	m := s.module(p[:i])
	file := p[i+len("/@v/"):]
	if m == nil {
		http.NotFound(w, r)
		return
	}
	if file == "list" {
		list := m.List
		if list == nil {
			var b bytes.Buffer
			for _, v := range m.SortedVersions() {
				if !module.IsPseudoVersion(v.Version) {
					b.WriteString(v.Version + "\n")
				}
			}
			list = b.Bytes()
		}
		s.serveBytes(w, r, "text/plain; charset=UTF-8", list)
		return
	}
	var v *Version
	ext := ""
	for _, e := range []string{".info", ".mod", ".zip"} {
		if esc, ok := strings.CutSuffix(file, e); ok {
			if vers, err := module.UnescapeVersion(esc); err == nil {
				v, ext = m.Versions[vers], e
			}
			break
		}
	}
	if v == nil {
		http.NotFound(w, r)
		return
	}
	mv := module.Version{Path: v.Path, Version: v.Version}
	switch ext {
	case ".info":
		if v.Info == nil {
			http.NotFound(w, r)
			return
		}
		s.serveBytes(w, r, "application/json", v.Info)
	case ".mod":
		data := v.Mod
		if t, ok := s.mods[mv]; ok {
			data = t
		}
		if data == nil {
			http.NotFound(w, r)
			return
		}
		s.serveBytes(w, r, "text/plain; charset=UTF-8", data)
	case ".zip":
		if t, ok := s.zips[mv]; ok {
			s.serveBytes(w, r, "application/zip", t)
			return
		}
		if v.ZipData != nil {
			s.serveBytes(w, r, "application/zip", v.ZipData)
			return
		}
		if v.ZipFile == "" {
			http.NotFound(w, r)
			return
		}
		f, err := os.Open(v.ZipFile)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			io.Copy(w, f)
		}
	}
}

// module returns the module whose escaped path is esc, or nil.
func (s *Server) module(esc string) *Module {
	path, err := module.UnescapePath(esc)
	if err != nil {
		return nil
	}
	return s.store.Modules[path]
}

// infoOf returns the .info of v, or one made up if the tree has none.
func infoOf(v *Version) []byte {
	if v.Info != nil {
		return v.Info
	}
	data, _ := json.Marshal(struct{ Version string }{v.Version})
	return append(data, '\n')
}

func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, ctype string, data []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
