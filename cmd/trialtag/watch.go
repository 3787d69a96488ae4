package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/watch"
)

// indexDebounce is how long a file must stay the same before "trialtag index --watch"
// reads it.
const indexDebounce = watch.DefaultWindow

// fileWatcher watches the paths given to "trialtag index --watch" with fsnotify and passes
// on the names of the files that may have changed; a [watch.Settler] decides when to read
// them. Folders are watched with the folders below them (new ones too); a file given by
// name is watched through its folder, so that a new version renamed over it is seen.
type fileWatcher struct {
	w     *fsnotify.Watcher
	dirs  []string            // folders given, absolute
	files map[string]struct{} // files given, absolute
	out   chan string
	warn  func(format string, args ...any)
}

// newFileWatcher starts watching paths.
func newFileWatcher(paths []string, warn func(string, ...any)) (*fileWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching: %w", err)
	}
	fw := &fileWatcher{w: w, files: map[string]struct{}{}, out: make(chan string, 4096), warn: warn}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			_ = w.Close()
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		info, err := os.Stat(abs)
		if err != nil {
			_ = w.Close()
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		if info.IsDir() {
			fw.dirs = append(fw.dirs, abs)
			err = fw.addTree(abs)
		} else {
			fw.files[abs] = struct{}{}
			err = w.Add(filepath.Dir(abs))
		}
		if err != nil {
			_ = w.Close()
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
	}
	return fw, nil
}

// addTree watches dir and the folders below it but hidden ones.
func (fw *fileWatcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && watch.Ignored(p) {
			return filepath.SkipDir
		}
		return fw.w.Add(p)
	})
}

// all lists every file under the watched paths.
func (fw *fileWatcher) all() []string {
	var out []string
	for f := range fw.files {
		out = append(out, f)
	}
	for _, d := range fw.dirs {
		files, err := watch.Files(d)
		if err != nil {
			fw.warn("listing %s: %v", d, err)
		}
		out = append(out, files...)
	}
	return out
}

// wanted reports whether a file is one of the watched paths or under one.
func (fw *fileWatcher) wanted(path string) bool {
	if _, ok := fw.files[path]; ok {
		return true
	}
	for _, d := range fw.dirs {
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// run passes on changed files until ctx is cancelled, then closes the watcher and out.
func (fw *fileWatcher) run(ctx context.Context) {
	defer close(fw.out)
	defer fw.w.Close()
	send := func(p string) bool {
		select {
		case fw.out <- p:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fw.w.Events:
			if !ok {
				return
			}
			if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) {
				continue // removals, renames away and bare mode changes bring nothing to read
			}
			if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
				if !fw.wanted(ev.Name) || watch.Ignored(ev.Name) {
					continue
				}
				// A new folder: watch it, and read what landed in it before the watch began.
				if err := fw.addTree(ev.Name); err != nil {
					fw.warn("watching the new folder %s: %v", ev.Name, err)
				}
				files, _ := watch.Files(ev.Name)
				for _, f := range files {
					if !send(f) {
						return
					}
				}
				continue
			}
			if fw.wanted(ev.Name) && !send(ev.Name) {
				return
			}
		case err, ok := <-fw.w.Errors:
			if !ok {
				return
			}
			// Events may have been lost (a full queue): look at every file again; the
			// Settler drops those that have not changed since they were read.
			fw.warn("watching: %v; looking at every file again", err)
			for _, f := range fw.all() {
				if !send(f) {
					return
				}
			}
		}
	}
}

// watchIndex indexes the files that land under the watched paths, as they become stable,
// until ctx is cancelled (Ctrl-C, SIGTERM). Each batch is tagged, indexed and percolated
// and summed up on stdout; skipped files are named on stderr.
func (a *app) watchIndex(ctx context.Context, ix *index.Index, c *classifier.Classifier, fw *fileWatcher, s *watch.Settler) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fw.run(ctx)
	}()
	defer func() { stop(); <-done }()
	fmt.Fprintf(a.stderr, "trialtag: watching %s for new and changed files (Ctrl-C stops)\n", strings.Join(fw.roots(), ", "))
	err := s.Run(ctx, fw.out, func(ctx context.Context, paths []string) error {
		sum, err := a.indexPaths(ctx, ix, c, paths)
		if err != nil {
			if ctx.Err() != nil {
				return nil // stopping: what was indexed stays, the rest is read next time
			}
			return err
		}
		line := fmt.Sprintf("indexed %d files: %d added, %d updated, %d unchanged, %d skipped", len(paths), sum.Added, sum.Updated, sum.Unchanged, sum.Skipped)
		if sum.Percolated > 0 {
			line += fmt.Sprintf("; %d new alerts", sum.Alerts)
		}
		fmt.Fprintln(a.stdout, line)
		if a.watched != nil {
			a.watched(paths)
		}
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("watching: %w", err)
	}
	fmt.Fprintf(a.stderr, "trialtag: stopped watching; the index %s is closed\n", ix.Dir())
	return nil
}

// roots are the watched paths, for messages.
func (fw *fileWatcher) roots() []string {
	out := append([]string(nil), fw.dirs...)
	for f := range fw.files {
		out = append(out, f)
	}
	return out
}
