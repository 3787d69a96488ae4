package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var embedded embed.FS

// StaticFS holds the web page's static files (the folder static/ of this package) at its
// root, for [Options.Static].
var StaticFS fs.FS = mustSub(embedded, "static")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // cannot happen: dir is a valid path and embedded
	}
	return sub
}
