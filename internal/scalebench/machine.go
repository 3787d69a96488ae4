package scalebench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
	v, err := parseStatus(r, "VmHWM")
	return v["VmHWM"], err
}

// parseStatus reads the named lines ("RssAnon:   123456 kB") of a /proc/PID/status file, in
// bytes; every key must be there.
func parseStatus(r io.Reader, keys ...string) (map[string]int64, error) {
	out := make(map[string]int64, len(keys))
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || !slices.Contains(keys, key) {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return nil, fmt.Errorf("reading %s: unexpected line %q", key, sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", key, err)
		}
		out[key] = kb * 1024
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading process status: %w", err)
	}
	for _, k := range keys {
		if _, ok := out[k]; !ok {
			return nil, fmt.Errorf("reading %s: no %s line", k, k)
		}
	}
	return out, nil
}

// memSampler follows the process's resident memory in its two parts: its own (anonymous:
// heap, stacks) and the pages of files it maps (bleve maps every segment file; the kernel
// can drop those pages at will). VmHWM counts both, so a peak there may be index pages.
// Linux only; elsewhere the peaks stay 0.
type memSampler struct {
	stop    chan struct{}
	done    chan struct{}
	closing sync.Once
	anon    atomic.Int64 // the largest RssAnon seen
	file    atomic.Int64 // the largest RssFile seen

	// With profiling on, heap holds the heap profile (pprof's format) taken when the
	// largest RssAnon so far was seen, and profiledAt that RssAnon; the sampler's
	// goroutine writes them, and they are read after close.
	profiling  bool
	heap       bytes.Buffer
	profiledAt int64
}

// profileStep is how much the process's own memory must grow past the last profile's
// before the sampler takes another: writing a heap profile costs milliseconds.
const profileStep = 4 << 20

// startMemSampler samples /proc/self/status every interval until stopped. With profile,
// it also keeps the heap profile of the moment the process's own memory peaked.
func startMemSampler(interval time.Duration, profile bool) *memSampler {
	m := &memSampler{stop: make(chan struct{}), done: make(chan struct{}), profiling: profile}
	go func() {
		defer close(m.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			m.sample(m.profiling)
			select {
			case <-m.stop:
				m.sample(m.profiling)
				return
			case <-t.C:
			}
		}
	}()
	return m
}

func (m *memSampler) sample(profile bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	v, err := parseStatus(f, "RssAnon", "RssFile")
	if err != nil {
		return
	}
	for _, p := range []struct {
		peak *atomic.Int64
		v    int64
	}{{&m.anon, v["RssAnon"]}, {&m.file, v["RssFile"]}} {
		for old := p.peak.Load(); p.v > old && !p.peak.CompareAndSwap(old, p.v); old = p.peak.Load() {
		}
	}
	if profile && v["RssAnon"] >= m.profiledAt+profileStep {
		m.heap.Reset()
		if err := pprof.Lookup("heap").WriteTo(&m.heap, 0); err == nil {
			m.profiledAt = v["RssAnon"]
		}
	}
}

// heapProfile writes the heap profile of the process's peak own memory to w, once the
// sampler is closed; it writes nothing when the sampler was not profiling.
func (m *memSampler) heapProfile(w io.Writer) error {
	if !m.profiling || m.heap.Len() == 0 {
		return nil
	}
	_, err := w.Write(m.heap.Bytes())
	return err
}

// peaks returns the largest process and mapped-file memory seen so far, sampling once more.
func (m *memSampler) peaks() (anon, file int64) {
	m.sample(false)
	return m.anon.Load(), m.file.Load()
}

// close stops the sampler; closing it again does nothing.
func (m *memSampler) close() {
	m.closing.Do(func() { close(m.stop) })
	<-m.done
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
