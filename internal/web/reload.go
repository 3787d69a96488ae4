package web

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/trialtag/trialtag/classifier"
)

// DefaultReloadWindow is how long a [Reloader] waits after a change before it loads the
// rules.
const DefaultReloadWindow = 300 * time.Millisecond

// Reloader puts the rules of a folder in force in a [Server] after they change. The
// caller watches the folder (with fsnotify, say) and calls [Reloader.Changed] on each event;
// [Reloader.Run] waits for a quiet window after the last one, then loads the whole folder
// again. A rule set that fails to load leaves the rules in force and is reported in the log
// and in /healthz.
type Reloader struct {
	srv     *Server
	dir     string
	window  time.Duration
	changed chan struct{}

	// after waits as [time.After] does; tests replace it with a clock they drive.
	after func(time.Duration) <-chan time.Time
	// checked, when set, is called after each window that ended in a reload attempt
	// (tests wait on it).
	checked func()
}

// NewReloader makes a Reloader of the rule files in dir for srv. window is the quiet time
// before a reload; 0 means [DefaultReloadWindow].
func NewReloader(srv *Server, dir string, window time.Duration) *Reloader {
	if window <= 0 {
		window = DefaultReloadWindow
	}
	return &Reloader{srv: srv, dir: dir, window: window, changed: make(chan struct{}, 1), after: time.After}
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
	var wait <-chan time.Time // nil while no window is open
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.changed:
			wait = r.after(r.window)
		case <-wait:
			wait = nil
			r.reload()
			if r.checked != nil {
				r.checked()
			}
		}
	}
}

// reload loads the folder's rules and puts them in force, or reports why it cannot.
func (r *Reloader) reload() {
	log := r.srv.log
	old := r.srv.Classifier()
	c, err := r.load(old)
	if err != nil {
		for _, line := range errorLines(err) {
			log.Error("rules not reloaded", "dir", r.dir, "problem", line)
		}
		log.Error("rules not reloaded: the previous rules stay in force", "dir", r.dir, "fingerprint", old.RuleSet().Fingerprint)
		r.srv.SetRulesError(err)
		return
	}
	fp := c.RuleSet().Fingerprint
	if fp == old.RuleSet().Fingerprint {
		r.srv.SetRulesError(nil)
		log.Info("rules unchanged", "dir", r.dir, "fingerprint", fp)
		return
	}
	r.srv.SetRules(c)
	log.Info("rules reloaded", "dir", r.dir, "fingerprint", fp, "files", len(c.RuleSet().Files))
	if fp != r.srv.ix.Meta().RulesFingerprint {
		log.Warn(`the index was tagged with other rules: documents keep their old tags until "trialtag index" runs (with the server stopped); queries are read with the new rules`)
	}
}

// load loads the rules in the folder into a classifier that shares old's splitter. Errors
// name each problem on a line of its own as dir/file:line:col: message.
func (r *Reloader) load(old *classifier.Classifier) (*classifier.Classifier, error) {
	rs, err := classifier.Load(os.DirFS(r.dir))
	if err != nil {
		return nil, classifier.InDir(err, r.dir)
	}
	c, err := classifier.New(rs, old.Splitter())
	if err != nil {
		return nil, fmt.Errorf("rules in %s: %w", r.dir, err)
	}
	return c, nil
}
