package rusage

import (
	"runtime"
	"testing"
)

func TestCountsThisProcess(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no getrusage")
	}
	before := CPUTime()
	x := 0
	for i := range 50_000_000 {
		x ^= i
	}
	_ = x
	if after := CPUTime(); after <= before {
		t.Errorf("CPU time %v after a busy loop, %v before", after, before)
	}
	if rss := MaxRSS(); rss < 1<<20 {
		t.Errorf("peak RSS %d bytes: a Go process holds more than 1 MiB", rss)
	}
}
