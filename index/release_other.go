//go:build !linux

package index

// releaseMapped does nothing here: only Linux is known to keep a shared file map's pages
// in the page cache when they are dropped from the process.
func releaseMapped(b []byte) {}
