// Package shareddata finds the project's shared bulk data (../shared/data beside the
// repository) for tests and benchmarks, which skip with a message when it is absent.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data folder: $TRIALTAG_DATA if set, else the first shared/data
// found beside the working folder or one of its parents. It skips tb when there is none.
func Dir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("TRIALTAG_DATA"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		tb.Skipf("TRIALTAG_DATA=%s is not a folder", d)
	}
	wd, err := os.Getwd()
	if err != nil {
		tb.Skipf("no working folder: %v", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	tb.Skip("shared data (../shared/data) not found: set TRIALTAG_DATA to run this")
	return ""
}

// Path returns a file or folder inside the shared data, skipping tb when it is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data %s not found", rel)
	}
	return p
}
