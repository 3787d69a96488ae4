package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/trialtag/trialtag/classifier"
)

// DefaultReloadWindow is how long the rule files must stay the same before a [Reloader]
// loads them.
const DefaultReloadWindow = 300 * time.Millisecond

// maxExampleLines caps the failing examples a refused reload lists.
const maxExampleLines = 20

// Reloader puts the rules of a folder in force in a [Server] after they change. The caller
// watches the folder (with fsnotify, say) and calls [Reloader.Changed] on each event;
// [Reloader.Run] decides when and what to load:
//
//   - Only files that have stayed the same for a whole window are loaded. A change opens
//     a window; at its end the Reloader looks at the rule files again (their names, sizes,
//     modification times and SHA-256 sums) and, if anything differs from the start, opens
//     a new one. A file still being written therefore waits, even when its events come
//     late, and what is loaded is the content it checked, not a second read.
//   - A rule set that fails to load leaves the rules in force.
//   - A rule set from which files of the rules in force were removed is put in force only
//     if every example inside it passes ([classifier.Classifier.RunExamples]); otherwise
//     the removed files' rules stay in force ([ExamplesError]).
//
// Every reload, put in force or refused, is logged with the files it added, changed and
// removed compared with the rules in force, and /healthz shows them ([RulesStatus]).
type Reloader struct {
	srv     *Server
	dir     string
	window  time.Duration
	changed chan struct{}

	// after waits as [time.After] does; tests replace it with a clock they drive.
	after func(time.Duration) <-chan time.Time
	// checked, when set, is called after each window whose files were stable, once the
	// reload (or the finding that nothing changed) is done; tests wait on it.
	checked func()
}

// NewReloader makes a Reloader of the rule files in dir for srv. window is how long the
// files must stay the same before they are loaded; 0 means [DefaultReloadWindow]. It looks
// at the folder once: if it no longer holds the rules in force (it changed since they were
// loaded, before anyone watched it), [Reloader.Run] starts with a window.
func NewReloader(srv *Server, dir string, window time.Duration) *Reloader {
	if window <= 0 {
		window = DefaultReloadWindow
	}
	r := &Reloader{srv: srv, dir: dir, window: window, changed: make(chan struct{}, 1), after: time.After}
	if st := readFolder(dir); st.err != nil || !changesFrom(srv.Classifier().RuleSet(), st).empty() {
		r.Changed()
	}
	return r
}

// Changed tells the Reloader that the folder may have changed. It never blocks and is safe
// for concurrent use.
func (r *Reloader) Changed() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// Run reloads the rules after changes until ctx is cancelled.
func (r *Reloader) Run(ctx context.Context) {
	var (
		wait <-chan time.Time // nil while no window is open
		seen *folderState     // the files when the window opened
	)
	open := func(st *folderState) {
		seen = st
		wait = r.after(r.window)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.changed:
			open(readFolder(r.dir))
		case <-wait:
			now := readFolder(r.dir)
			if !now.same(seen) {
				open(now) // still being written: wait for a whole quiet window
				continue
			}
			wait, seen = nil, nil
			r.reload(now)
			if r.checked != nil {
				r.checked()
			}
		}
	}
}

// reload puts the rules of st in force, or reports why they stay out.
func (r *Reloader) reload(st *folderState) {
	log := r.srv.log
	old := r.srv.Classifier()
	ch := changesFrom(old.RuleSet(), st)
	if st.err == nil && ch.empty() {
		// The folder holds the rules in force again (a broken edit was undone, or a file
		// was saved unchanged).
		if r.srv.clearRulesError() {
			log.Info("rules unchanged: the folder holds the rules in force again", "dir", r.dir, "fingerprint", old.RuleSet().Fingerprint)
		}
		return
	}
	c, err := r.load(st, old)
	if err == nil && len(ch.Removed) > 0 {
		err = checkExamples(c, ch.Removed, r.dir)
	}
	if err != nil {
		for _, line := range errorLines(err) {
			log.Error("rules not reloaded", "dir", r.dir, "problem", line)
		}
		log.Error("rules not reloaded: the previous rules stay in force",
			append(append([]any{"dir", r.dir}, ch.logAttrs()...), "fingerprint", old.RuleSet().Fingerprint)...)
		r.srv.refuseRules(err, ch)
		return
	}
	fp := c.RuleSet().Fingerprint
	r.srv.applyRules(c, ch)
	log.Info("rules reloaded", append(append([]any{"dir", r.dir}, ch.logAttrs()...), "fingerprint", fp, "files", len(c.RuleSet().Files))...)
	if fp != r.srv.ix.Meta().RulesFingerprint {
		log.Warn(`the index was tagged with other rules: documents keep their old tags until "trialtag index" runs (with the server stopped); queries are read with the new rules`)
	}
}

// load compiles the rule files of st into a classifier that shares old's splitter. Errors
// name each problem on a line of its own as dir/file:line:col: message.
func (r *Reloader) load(st *folderState, old *classifier.Classifier) (*classifier.Classifier, error) {
	if st.err != nil {
		return nil, fmt.Errorf("reading the rules folder %s: %w", r.dir, st.err)
	}
	if len(st.names) == 0 {
		return nil, fmt.Errorf("rules folder %s: %w", r.dir, classifier.ErrNoRules)
	}
	srcs := make(map[string][]byte, len(st.names))
	for _, name := range st.names {
		srcs[name] = st.files[name].src
	}
	rs, err := classifier.Parse(st.names, srcs)
	if err != nil {
		return nil, classifier.InDir(err, r.dir)
	}
	c, err := classifier.New(rs, old.Splitter())
	if err != nil {
		return nil, fmt.Errorf("rules in %s: %w", r.dir, err)
	}
	return c, nil
}

// ExamplesError is why a reload that removed rule files was refused: the rules without
// them fail some of their own examples, so the removed files' rules stay in force.
type ExamplesError struct {
	// Removed are the files removed, by path inside the folder.
	Removed []string
	// Failed are the failing examples, as folder/file:line: rule: what was expected; Total
	// counts every example of the rules without the removed files.
	Failed []string
	Total  int
}

func (e *ExamplesError) Error() string {
	it, its := "it", "its"
	if len(e.Removed) > 1 {
		it, its = "them", "their"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "removed %s, but %d of the %d examples of the rules without %s fail, so %s rules stay in force (put %s back, or fix the examples)",
		strings.Join(e.Removed, ", "), len(e.Failed), e.Total, it, its, it)
	for i, f := range e.Failed {
		if i == maxExampleLines {
			fmt.Fprintf(&b, "\n… and %d more", len(e.Failed)-i)
			break
		}
		b.WriteString("\n")
		b.WriteString(f)
	}
	return b.String()
}

// checkExamples runs the examples of c, the rules without the removed files, and returns an
// [*ExamplesError] when any fails.
func checkExamples(c *classifier.Classifier, removed []string, dir string) error {
	results := c.RunExamples()
	e := &ExamplesError{Removed: removed, Total: len(results)}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	for _, res := range results {
		if !res.Passed {
			e.Failed = append(e.Failed, fmt.Sprintf("%s%s:%d: %s: %s", prefix, res.Example.File, res.Example.Line, res.Rule, res.Msg))
		}
	}
	if len(e.Failed) == 0 {
		return nil
	}
	return e
}

// folderState is what a Reloader sees of the rule files of a folder at one moment.
type folderState struct {
	names []string // as [classifier.RuleFiles] lists them
	files map[string]fileState
	err   error // listing or reading failed
}

// fileState is one rule file.
type fileState struct {
	size  int64
	mtime time.Time
	sum   string // SHA-256, hex, as [classifier.RuleSet.Sums]
	src   []byte
}

// readFolder reads the rule files of dir.
func readFolder(dir string) *folderState {
	fsys := os.DirFS(dir)
	st := &folderState{files: map[string]fileState{}}
	names, err := classifier.RuleFiles(fsys)
	if err != nil {
		st.err = err
		return st
	}
	for _, name := range names {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			st.err = err
			return st
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			st.err = err
			return st
		}
		sum := sha256.Sum256(src)
		st.files[name] = fileState{size: info.Size(), mtime: info.ModTime(), sum: hex.EncodeToString(sum[:]), src: src}
	}
	st.names = names
	return st
}

// same reports whether two looks at a folder saw the same files: names, sizes,
// modification times and sums (and the same error, if any).
func (st *folderState) same(o *folderState) bool {
	if (st.err == nil) != (o.err == nil) || st.err != nil && st.err.Error() != o.err.Error() {
		return false
	}
	if !slices.Equal(st.names, o.names) {
		return false
	}
	for name, f := range st.files {
		g := o.files[name]
		if f.size != g.size || !f.mtime.Equal(g.mtime) || f.sum != g.sum {
			return false
		}
	}
	return true
}

// changesFrom compares the rule files of st with those of the rule set rs.
func changesFrom(rs *classifier.RuleSet, st *folderState) *FileChanges {
	ch := &FileChanges{Added: []string{}, Changed: []string{}, Removed: []string{}}
	for _, name := range st.names {
		switch sum, ok := rs.Sums[name]; {
		case !ok:
			ch.Added = append(ch.Added, name)
		case sum != st.files[name].sum:
			ch.Changed = append(ch.Changed, name)
		}
	}
	if st.err != nil {
		return ch // an unreadable folder says nothing of what was removed
	}
	for _, name := range rs.Files {
		if _, ok := st.files[name]; !ok {
			ch.Removed = append(ch.Removed, name)
		}
	}
	slices.Sort(ch.Removed)
	return ch
}

// empty reports whether no file was added, changed or removed.
func (ch *FileChanges) empty() bool {
	return len(ch.Added) == 0 && len(ch.Changed) == 0 && len(ch.Removed) == 0
}

// logAttrs are the changed files as log attributes: added=a.yaml,b.yaml and so on, each
// only when there are some.
func (ch *FileChanges) logAttrs() []any {
	var out []any
	for _, kv := range []struct {
		key   string
		files []string
	}{{"added", ch.Added}, {"changed", ch.Changed}, {"removed", ch.Removed}} {
		if len(kv.files) > 0 {
			out = append(out, kv.key, strings.Join(kv.files, ","))
		}
	}
	return out
}
