package web

import (
	"bytes"
	"embed"
	"io/fs"
	"path"
	"strings"
)

//go:embed static
var embedded embed.FS

// header is the header of every page (site name and navigation): it lives in this one file
// and [StaticFS] puts it into each page in place of the line [headerMarker].
//
//go:embed header.html
var header []byte

// headerMarker is the line of a page under static/ that the shared header replaces. The
// header is put in on the server rather than built by script, so that pages show it at
// once, work without script, and need no inline script (a strict CSP stays possible).
const headerMarker = "<!--#header: the header of every page, internal/web/header.html, goes here (static.go)-->\n"

// StaticFS holds the web page's static files (the folder static/ of this package) at its
// root, for [Options.Static]; each page (*.html) has the shared header in place.
var StaticFS fs.FS = withHeader(mustSub(embedded, "static"), header)

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // cannot happen: dir is a valid path and embedded
	}
	return sub
}

// withHeader returns fsys with hdr in place of the marker line of each *.html file.
func withHeader(fsys fs.FS, hdr []byte) fs.FS {
	out := pagesFS{FS: fsys, pages: map[string][]byte{}}
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return nil
		}
		b, err := fs.ReadFile(fsys, name)
		if err == nil && bytes.Contains(b, []byte(headerMarker)) {
			out.pages[name] = []byte(strings.Replace(string(b), headerMarker, string(hdr), 1))
		}
		return nil
	})
	return out
}

// pagesFS serves pages assembled in memory and every other file from the FS beneath.
type pagesFS struct {
	fs.FS
	pages map[string][]byte // by name in the FS
}

func (p pagesFS) Open(name string) (fs.File, error) {
	b, ok := p.pages[name]
	if !ok {
		return p.FS.Open(name)
	}
	info, err := fs.Stat(p.FS, name)
	if err != nil {
		return nil, err
	}
	return &page{Reader: bytes.NewReader(b), info: pageInfo{FileInfo: info, size: int64(len(b))}}, nil
}

// page is an open assembled page; http.FileServer seeks in it for ranges and sniffing.
type page struct {
	*bytes.Reader
	info fs.FileInfo
}

func (f *page) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *page) Close() error               { return nil }

// pageInfo is the file information of the page on disk, with the assembled page's size.
type pageInfo struct {
	fs.FileInfo
	size int64
}

func (i pageInfo) Size() int64 { return i.size }
