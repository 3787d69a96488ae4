package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// staticMaxAge is how long a browser may use a static file without asking again; after
// that it asks with the file's ETag and gets 304 when the file is the same. Short, so that
// a new version of the page is seen within minutes.
const staticMaxAge = 5 * time.Minute

// asset is a static file read once, with its gzip form when that is smaller.
type asset struct {
	body, gz []byte
	etag     string // of body; the gzip form's is etag with "-gz" inside the quotes
	ctype    string
}

// loadAssets reads every file of fsys, by URL path ("/index.html").
func loadAssets(fsys fs.FS) (map[string]*asset, error) {
	out := map[string]*asset{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a := &asset{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: mime.TypeByExtension(path.Ext(name))}
		if a.ctype == "" {
			a.ctype = http.DetectContentType(b)
		}
		if compressible(a.ctype) && len(b) >= 256 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(b)
			if zw.Close() == nil && buf.Len() < len(b) {
				a.gz = buf.Bytes()
			}
		}
		out["/"+name] = a
		return nil
	})
	return out, err
}

// compressible reports whether a content type is text that gzip shrinks.
func compressible(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	return strings.HasPrefix(mt, "text/") || mt == "application/javascript" || mt == "application/json" || mt == "image/svg+xml"
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip (and does not give
// it q=0).
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(h, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
				continue
			}
			if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
				if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

// serveStatic answers GET and HEAD for the static files: "/" is index.html; each file has
// an ETag (If-None-Match gets 304), a short max-age and, when the client accepts it and it
// shrinks, gzip.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		s.writeError(w, r, http.StatusMethodNotAllowed, "method not allowed (allowed: GET, HEAD, OPTIONS)")
		return
	}
	p := r.URL.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	a, ok := s.assets[p]
	if !ok {
		s.writeError(w, r, http.StatusNotFound, "no such page")
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(staticMaxAge.Seconds())))
	h.Set("X-Frame-Options", "DENY")
	body, etag := a.body, a.etag
	if a.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = a.gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
