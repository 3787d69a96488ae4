//go:build !unix

// Package rusage reads what the operating system counts of this process's resources: CPU
// time and peak resident memory, for benchmarks that report them.
package rusage

import "time"

// CPUTime is not known on this system: 0.
func CPUTime() time.Duration { return 0 }

// MaxRSS is not known on this system: 0.
func MaxRSS() int64 { return 0 }
