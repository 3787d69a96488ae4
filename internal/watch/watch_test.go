package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock the test moves by hand; After channels fire when it passes them.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock on by d and fires the timers it passes.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.timers[:0]
	for _, t := range c.timers {
		if t.at.After(c.now) {
			kept = append(kept, t)
			continue
		}
		t.ch <- c.now
	}
	c.timers = kept
}

const window = 300 * time.Millisecond

// writeFile writes (or appends to) a file and gives it a modification time of its own, so
// that each write changes the stamp even on file systems with coarse times.
func writeFile(t *testing.T, path, text string, appendTo bool, mtime time.Time) {
	t.Helper()
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if appendTo {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestFileWrittenInTwoParts(t *testing.T) {
	tests := []struct {
		name string
		// secondEvent: the second write's event arrives (false: it is late or lost, and only
		// the check at the end of the window sees the change).
		secondEvent bool
	}{
		{"both writes have events", true},
		{"the second write's event is late", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.txt")
			clock := newFakeClock()
			s := New(window, clock)

			writeFile(t, path, "Grade 3 ICANS ", false, clock.Now())
			s.Changed(path)
			clock.Advance(window / 2)
			writeFile(t, path, "after BCMA CAR-T.", true, clock.Now())
			if tt.secondEvent {
				s.Changed(path)
			}
			clock.Advance(window / 2)
			if got := s.Ready(); len(got) != 0 {
				t.Fatalf("ready while still being written: %v", got)
			}
			clock.Advance(window)
			got := s.Ready()
			if !slices.Equal(got, []string{path}) {
				t.Fatalf("Ready() = %v, want [%s]", got, path)
			}
			text, err := os.ReadFile(got[0])
			if err != nil {
				t.Fatal(err)
			}
			if string(text) != "Grade 3 ICANS after BCMA CAR-T." {
				t.Errorf("read %q, want the full text", text)
			}
			clock.Advance(2 * window)
			s.Changed(path) // an event that leaves it unchanged
			if got := s.Ready(); len(got) != 0 || s.Pending() != 0 {
				t.Errorf("an unchanged file was handed on again: %v (pending %d)", got, s.Pending())
			}
		})
	}
}

func TestRenameIntoPlace(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".b.txt.part")
	path := filepath.Join(dir, "b.txt")
	clock := newFakeClock()
	s := New(window, clock)

	writeFile(t, tmp, "No treatment-related deaths ", false, clock.Now())
	s.Changed(tmp)
	clock.Advance(2 * window)
	if got := s.Ready(); len(got) != 0 {
		t.Fatalf("the hidden file being written was handed on: %v", got)
	}
	writeFile(t, tmp, "were reported.", true, clock.Now())
	s.Changed(tmp)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	s.Changed(tmp) // the old name's event
	s.Changed(path)
	clock.Advance(window)
	if got := s.Ready(); !slices.Equal(got, []string{path}) {
		t.Fatalf("Ready() = %v, want [%s]", got, path)
	}
	if text, _ := os.ReadFile(path); string(text) != "No treatment-related deaths were reported." {
		t.Errorf("read %q", text)
	}
}

func TestUnchangedFilesAreNotHandedOn(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.txt")
	clock := newFakeClock()
	writeFile(t, path, "CD19 CAR-T in myositis.", false, clock.Now())
	s := New(window, clock)
	s.Seen(path) // read before watching began

	tests := []struct {
		name  string
		touch func()
		want  []string
	}{
		{"an event on the file as it was read", func() {}, nil},
		{"a new modification time", func() {
			mt := clock.Now().Add(time.Second)
			if err := os.Chtimes(path, mt, mt); err != nil {
				t.Fatal(err)
			}
		}, []string{path}},
		{"an event after it was handed on", func() {}, nil},
		{"the file removed", func() {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, nil},
	}
	for _, tt := range tests {
		tt.touch()
		s.Changed(path)
		clock.Advance(window)
		if got := s.Ready(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Ready() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestBurst drops many files at once through Run, with several events for each, and
// checks that every file is handed on exactly once.
func TestBurst(t *testing.T) {
	const n = 1000
	dir := t.TempDir()
	clock := newFakeClock()
	s := New(window, clock)
	events := make(chan string)
	batches := make(chan []string)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runErr := make(chan error, 1)
	go func() {
		runErr <- s.Run(ctx, events, func(_ context.Context, paths []string) error {
			batches <- paths
			return nil
		})
	}()

	var want []string
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf("doc%04d.txt", i))
		writeFile(t, path, fmt.Sprintf("Document %d.", i), false, clock.Now())
		want = append(want, path)
		events <- path // create
		events <- path // write
	}
	for _, path := range want[:n/2] {
		events <- path // close-write, late
	}
	// Run has taken every event above once this one is taken: events is unbuffered.
	events <- filepath.Join(dir, ".sync")
	clock.Advance(window)

	seen := map[string]int{}
	for len(seen) < n {
		for _, p := range <-batches {
			seen[p]++
		}
	}
	for _, p := range want {
		if seen[p] != 1 {
			t.Errorf("%s handed on %d times, want 1", p, seen[p])
		}
	}
	if len(seen) != n {
		t.Errorf("%d files handed on, want %d", len(seen), n)
	}

	// The same files again, unchanged: nothing more is handed on.
	for _, path := range want {
		events <- path
	}
	events <- filepath.Join(dir, ".sync")
	if s.Pending() != 0 {
		t.Errorf("%d unchanged files wait to be read again", s.Pending())
	}
	cancel()
	if err := <-runErr; err != nil {
		t.Errorf("Run() = %v after cancel, want nil", err)
	}
}

func TestRunStopsOnHandleError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.txt")
	clock := newFakeClock()
	writeFile(t, path, "text", false, clock.Now())
	s := New(window, clock)
	events := make(chan string)
	boom := fmt.Errorf("index full")
	runErr := make(chan error, 1)
	go func() {
		runErr <- s.Run(context.Background(), events, func(context.Context, []string) error { return boom })
	}()
	events <- path
	events <- filepath.Join(dir, ".sync")
	clock.Advance(window)
	if err := <-runErr; err != boom {
		t.Errorf("Run() = %v, want %v", err, boom)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.txt", "sub/b.xml", ".hidden/c.txt", "d.txt~", "sub/.e.part"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, full, "x", false, time.Now())
	}
	got, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "sub/b.xml")}
	if !slices.Equal(got, want) {
		t.Errorf("Files() = %v, want %v", got, want)
	}
}
