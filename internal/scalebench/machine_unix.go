//go:build unix

package scalebench

import (
	"runtime"
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rusageMaxRSS returns getrusage's maxrss in bytes (macOS counts bytes, the others KiB),
// or 0.
func rusageMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	n := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return n
	}
	return n * 1024
}
