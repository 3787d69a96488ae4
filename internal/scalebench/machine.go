package scalebench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/internal/rusage"
)

// peakRSS returns the process's peak resident set size in bytes: VmHWM of
// /proc/self/status where there is one (Linux), else getrusage's maxrss; 0 when neither
// can be read.
func peakRSS() int64 {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		if n, err := parseVmHWM(f); err == nil {
			return n
		}
	}
	return rusage.MaxRSS()
}

// parseVmHWM reads the VmHWM line ("VmHWM:   123456 kB") of a /proc/PID/status file, in
// bytes.
func parseVmHWM(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("reading VmHWM: unexpected line %q", sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("reading VmHWM: %w", err)
		}
		return kb * 1024, nil
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("reading VmHWM: %w", err)
	}
	return 0, fmt.Errorf("reading VmHWM: no VmHWM line")
}

// loadAverage returns the 1, 5 and 15 minute load averages as /proc/loadavg writes them
// ("1.02 0.88 0.60"), or "" where there is no such file.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
