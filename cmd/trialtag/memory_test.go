package main

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestIndexSetsMemoryLimit: index sets the soft memory limit of memory_limit once the
// configuration is read, "off" leaves the limit alone, and GOMEMLIMIT wins. Not parallel:
// the limit is the process's.
func TestIndexSetsMemoryLimit(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	tests := []struct {
		name, setting, gomemlimit string
		want                      int64
	}{
		{"configured", "300MiB", "", 300 << 20},
		{"default", "", "", 256 << 20},
		{"off", "off", "", math.MaxInt64},
		{"GOMEMLIMIT wins", "300MiB", "1GiB", math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(math.MaxInt64)
			t.Setenv("GOMEMLIMIT", tt.gomemlimit)
			args := cfgArgs(t, "index", "--index", filepath.Join(t.TempDir(), "ix"), seedPath(seedIDs(t)[0]))
			if tt.setting != "" {
				args = append(args, "--memory-limit", tt.setting)
			}
			r := runCLI(t, "", args...)
			wantCode(t, r, 0)
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("memory limit %d after index, want %d", got, tt.want)
			}
		})
	}
}
