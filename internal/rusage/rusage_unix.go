//go:build unix

// Package rusage reads what the operating system counts of this process's resources: CPU
// time and peak resident memory, for benchmarks that report them.
package rusage

import (
	"runtime"
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time the process has used so far, or 0 when the
// system does not say.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// MaxRSS returns the process's peak resident set size in bytes (getrusage's maxrss:
// macOS counts bytes, the other systems KiB), or 0.
func MaxRSS() int64 {
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
