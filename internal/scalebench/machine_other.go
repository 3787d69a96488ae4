//go:build !unix

package scalebench

import "time"

// cpuTime is unknown here: 0.
func cpuTime() time.Duration { return 0 }

// rusageMaxRSS is unknown here: 0.
func rusageMaxRSS() int64 { return 0 }
