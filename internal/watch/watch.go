// Package watch decides when files that are landing in watched folders are ready to be
// read: a file is handed on once its size and modification time have stayed the same for
// a whole quiet window, and a file handed on before is not handed on again until it
// changes. The caller feeds it the names from its file-system events (fsnotify, say) and
// reads what it hands back; "trialtag index --watch" indexes them.
//
// The clock and the file status are injected, so tests drive the windows without sleeping.
package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DefaultWindow is how long a file must stay the same before a [Settler] hands it on.
const DefaultWindow = 300 * time.Millisecond

// Stamp is what a [Settler] compares of a file: its size and modification time.
type Stamp struct {
	Size    int64
	ModTime time.Time
}

// Clock is the time a [Settler] runs by: [RealClock], or one a test drives.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// RealClock is the wall clock.
var RealClock Clock = realClock{}

// pending is a file seen changing and not yet handed on.
type pending struct {
	stamp    Stamp     // when it was last seen
	deadline time.Time // the end of its quiet window
}

// Settler tracks the files named in events until they are stable. Its methods are not
// safe for concurrent use; [Settler.Run] owns it while it runs.
type Settler struct {
	window  time.Duration
	clock   Clock
	stat    func(path string) (Stamp, bool)
	pending map[string]pending
	done    map[string]Stamp // the stamp of each file when it was handed on
}

// New makes a Settler with the given quiet window (0 means [DefaultWindow]) and clock (nil
// means [RealClock]). It reads the status of files with os.Stat.
func New(window time.Duration, clock Clock) *Settler {
	if window <= 0 {
		window = DefaultWindow
	}
	if clock == nil {
		clock = RealClock
	}
	return &Settler{window: window, clock: clock, stat: statFile, pending: map[string]pending{}, done: map[string]Stamp{}}
}

// statFile is the stamp of a regular file; false when it is missing or not a regular file.
func statFile(path string) (Stamp, bool) {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return Stamp{}, false
	}
	return Stamp{Size: info.Size(), ModTime: info.ModTime()}, true
}

// Ignored reports whether a file name is one a Settler never hands on: hidden files and
// editors' backups (name~), which are where files are usually written before being renamed
// into place.
func Ignored(path string) bool {
	base := filepath.Base(path)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~")
}

// Changed records that path may have changed. A file that is missing, ignored, or the same
// as when it was last handed on is dropped; any other opens (or restarts) its quiet window.
func (s *Settler) Changed(path string) {
	if Ignored(path) {
		return
	}
	st, ok := s.stat(path)
	if !ok {
		delete(s.pending, path)
		return
	}
	if d, ok := s.done[path]; ok && d.Size == st.Size && d.ModTime.Equal(st.ModTime) {
		delete(s.pending, path)
		return
	}
	s.pending[path] = pending{stamp: st, deadline: s.clock.Now().Add(s.window)}
}

// Seen marks path as read as it is now, so that events that leave it unchanged hand
// nothing on (for files read before watching began).
func (s *Settler) Seen(path string) {
	if st, ok := s.stat(path); ok {
		s.done[path] = st
	}
}

// Ready returns, sorted, the files whose windows have ended with their stamps unchanged,
// and forgets them until they change again. A file whose stamp changed during its window
// (its events came late) gets a new window; a file that is gone is dropped.
func (s *Settler) Ready() []string {
	now := s.clock.Now()
	var out []string
	for path, p := range s.pending {
		if now.Before(p.deadline) {
			continue
		}
		st, ok := s.stat(path)
		switch {
		case !ok:
			delete(s.pending, path)
		case st.Size != p.stamp.Size || !st.ModTime.Equal(p.stamp.ModTime):
			s.pending[path] = pending{stamp: st, deadline: now.Add(s.window)}
		default:
			delete(s.pending, path)
			s.done[path] = st
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}

// Pending is how many files wait for their windows to end.
func (s *Settler) Pending() int { return len(s.pending) }

// next is the earliest end of a window, and false when nothing waits.
func (s *Settler) next() (time.Time, bool) {
	var first time.Time
	for _, p := range s.pending {
		if first.IsZero() || p.deadline.Before(first) {
			first = p.deadline
		}
	}
	return first, !first.IsZero()
}

// Run takes the names of changed files from events until ctx is cancelled or events is
// closed, and calls handle with each batch of files that became ready, in order, one call
// at a time. Events that arrive while handle runs wait in the channel. An error from
// handle stops Run and is returned; a cancelled ctx returns nil.
func (s *Settler) Run(ctx context.Context, events <-chan string, handle func(context.Context, []string) error) error {
	var timer <-chan time.Time
	arm := func() {
		timer = nil
		if t, ok := s.next(); ok {
			timer = s.clock.After(max(t.Sub(s.clock.Now()), 0))
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case path, ok := <-events:
			if !ok {
				return nil
			}
			s.Changed(path)
			arm()
		case <-timer:
			if ready := s.Ready(); len(ready) > 0 {
				if err := handle(ctx, ready); err != nil {
					return err
				}
			}
			arm()
		}
	}
}

// Files lists the regular files under root (root itself when it is a file), leaving out
// hidden folders and ignored names; for the caller to feed a new folder's files to Changed.
func Files(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && Ignored(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}
