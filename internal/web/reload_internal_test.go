package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/testrules"
	"github.com/trialtag/trialtag/rules"
)

// TestReloadsLeaveNoOldRules puts many rule sets in force one after another, as `serve
// --rules` does after each edit, with a search and the rules page using each, and checks that
// the server keeps nothing of the rule sets it replaced: their classifiers, query
// interpreters and example results are all freed.
func TestReloadsLeaveNoOldRules(t *testing.T) {
	const reloads = 30
	ix, err := index.Create(t.TempDir()+"/index", index.Meta{MappingVersion: index.MappingVersion})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	s, err := New(Options{Index: ix, Classifier: testrules.Variant(t, 0), Hosts: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	type replaced struct {
		state  weak.Pointer[rulesState]
		interp weak.Pointer[index.Interpreter]
	}
	var old []replaced
	for n := 1; n <= reloads; n++ {
		for _, path := range []string{"/api/search?q=grade+2+CRS+tocilizumab", "/api/rules"} {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("%s with rule set %d: %d %s", path, n-1, rec.Code, rec.Body)
			}
			if path == "/api/rules" {
				continue
			}
			var resp index.Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || len(resp.Interpretation.Filters) != 2 {
				t.Fatalf("search with rule set %d: %v, interpretation %+v", n-1, err, resp.Interpretation)
			}
		}
		st := s.rules.Load()
		old = append(old, replaced{weak.Make(st), weak.Make(st.interp)})
		s.SetRules(testrules.Variant(t, n))
	}
	runtime.GC()
	kept := 0
	for _, r := range old {
		if r.state.Value() != nil || r.interp.Value() != nil {
			kept++
		}
	}
	if kept > 0 {
		t.Errorf("%d of %d replaced rule sets are still held after the reloads", kept, reloads)
	}
	if got, want := s.Classifier().RuleSet().Fingerprint, testrules.Variant(t, reloads).RuleSet().Fingerprint; got != want {
		t.Errorf("rules in force %s, want the last reloaded %s", got, want)
	}
}

// ---- the Reloader, on a clock the test drives ----

// syncBuffer is a bytes.Buffer that the Reloader's goroutine writes while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// reloadHarness runs a Reloader over a copy of the built-in rule files. Its clock is the
// test's: each window the Reloader opens arrives on timers, and the test ends the window by
// sending on it; checked tells that a window with stable files was dealt with.
type reloadHarness struct {
	t       testing.TB
	dir     string
	srv     *Server
	rl      *Reloader
	log     *syncBuffer
	timers  chan chan<- time.Time
	checked chan struct{}
	orig    map[string][]byte // the rule files at the start
	origFP  string
}

// hangGuard only keeps a broken Reloader from hanging the test; no test measures time. A
// reload refused for a removed file runs every example of the other rules, tens of seconds
// under -race on a busy machine.
const hangGuard = 60 * time.Second

func newReloadHarness(t testing.TB) *reloadHarness {
	t.Helper()
	h := &reloadHarness{t: t, dir: filepath.Join(t.TempDir(), "rules"), log: &syncBuffer{},
		timers: make(chan chan<- time.Time), checked: make(chan struct{}), orig: map[string][]byte{}}
	names, err := fs.Glob(rules.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("built-in rule files: %v (%d)", err, len(names))
	}
	if err := os.Mkdir(h.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		h.orig[name] = b
		h.write(name, string(b))
	}
	rs, err := classifier.Load(os.DirFS(h.dir))
	if err != nil {
		t.Fatal(err)
	}
	c, err := classifier.New(rs, testrules.Default(t).Splitter())
	if err != nil {
		t.Fatal(err)
	}
	h.origFP = rs.Fingerprint
	ix, err := index.Create(filepath.Join(t.TempDir(), "index"), index.Meta{MappingVersion: index.MappingVersion, RulesFingerprint: rs.Fingerprint})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	h.srv, err = New(Options{Index: ix, Classifier: c, RulesSource: h.dir, Hosts: []string{"example.com"},
		Logger: slog.New(slog.NewTextHandler(h.log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.rl = NewReloader(h.srv, h.dir, time.Second)
	h.rl.after = func(time.Duration) <-chan time.Time {
		timer := make(chan time.Time, 1)
		select {
		case h.timers <- timer:
		case <-ctx.Done():
		}
		return timer
	}
	h.rl.checked = func() {
		select {
		case h.checked <- struct{}{}:
		case <-ctx.Done():
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.rl.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return h
}

func (h *reloadHarness) write(name, content string) {
	h.t.Helper()
	p := filepath.Join(h.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *reloadHarness) remove(name string) {
	h.t.Helper()
	if err := os.Remove(filepath.Join(h.dir, name)); err != nil {
		h.t.Fatal(err)
	}
}

// restore puts the folder back as it was at the start.
func (h *reloadHarness) restore() {
	h.t.Helper()
	err := filepath.WalkDir(h.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(h.dir, p)
		if err != nil {
			return err
		}
		if _, ok := h.orig[filepath.ToSlash(rel)]; !ok {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	for name, b := range h.orig {
		if got, err := os.ReadFile(filepath.Join(h.dir, name)); err != nil || !bytes.Equal(got, b) {
			h.write(name, string(b))
		}
	}
}

// wantWindow waits until the Reloader opens a window and returns the channel that ends it.
func (h *reloadHarness) wantWindow(when string) chan<- time.Time {
	h.t.Helper()
	select {
	case timer := <-h.timers:
		return timer
	case <-h.checked:
		h.t.Fatalf("%s: the Reloader loaded the folder instead of opening a new window (rules in force: %s)", when, h.describeRules())
	case <-time.After(hangGuard):
		h.t.Fatalf("%s: the Reloader opened no window", when)
	}
	return nil
}

// wantReload waits until the Reloader has dealt with a window whose files were stable.
func (h *reloadHarness) wantReload(when string) {
	h.t.Helper()
	select {
	case <-h.checked:
	case <-h.timers:
		h.t.Fatalf("%s: the Reloader opened another window instead of loading the folder", when)
	case <-time.After(hangGuard):
		h.t.Fatalf("%s: the Reloader did not load the folder", when)
	}
}

// settle opens a window and ends it, as the watcher does after an event.
func (h *reloadHarness) settle(when string) {
	h.t.Helper()
	h.rl.Changed()
	h.wantWindow(when) <- time.Time{}
	h.wantReload(when)
}

// facet tags text with the rules in force and returns the values of a facet.
func (h *reloadHarness) facet(text, facet string) []string {
	return h.srv.Classifier().Tag(&corpus.Document{ID: "t", Text: text}).Facets[facet]
}

const gradedCRS = "Grade 2 CRS occurred in 3 patients."

func (h *reloadHarness) describeRules() string {
	return "fingerprint " + h.srv.Classifier().RuleSet().Fingerprint + ", crs_grade of \"" + gradedCRS + "\": " + strings.Join(h.facet(gradedCRS, "crs_grade"), ",")
}

func (h *reloadHarness) health() Health {
	h.t.Helper()
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var out Health
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		h.t.Fatalf("healthz: %d %s: %v", rec.Code, rec.Body, err)
	}
	return out
}

// TestReloadWaitsForStableFiles: a rule file written in two steps (a first part that
// parses, then the rest) is put in force only once whole, even when the events of the
// writes come late: a window whose files changed is followed by another, and the content
// loaded is the content checked. The first part of crs.yaml alone parses but has no grade
// patterns, which is how crs_grade stopped tagging during a save (issue 13, point 7).
func TestReloadWaitsForStableFiles(t *testing.T) {
	h := newReloadHarness(t)
	if got := h.facet(gradedCRS, "crs_grade"); !slices.Equal(got, []string{"2"}) {
		t.Fatalf("crs_grade of %q with the built-in rules: %q, want [2]", gradedCRS, got)
	}
	full := string(h.orig["crs.yaml"]) + "\n# edited\n"
	cut := strings.Index(full, "\npatterns:")
	if cut < 0 {
		t.Fatal("crs.yaml has no patterns: section; update this test to the rule files")
	}
	half := full[:cut+1]
	if _, err := classifier.Parse([]string{"crs.yaml"}, map[string][]byte{"crs.yaml": []byte(half)}); err != nil {
		t.Fatalf("the first part of crs.yaml does not parse on its own, so it tests nothing: %v", err)
	}

	// The writer opens crs.yaml, truncating it: its event opens a window.
	h.write("crs.yaml", "")
	h.rl.Changed()
	first := h.wantWindow("after the truncation")
	// It writes the first part; the event of that write has not come when the window ends.
	h.write("crs.yaml", half)
	first <- time.Time{}
	second := h.wantWindow("the file changed within the window")
	// It writes the rest within the new window; the window ends with the file changed again.
	h.write("crs.yaml", full)
	second <- time.Time{}
	third := h.wantWindow("the file changed within the second window")
	third <- time.Time{}
	h.wantReload("the file stayed the same for a whole window")

	if got := h.facet(gradedCRS, "crs_grade"); !slices.Equal(got, []string{"2"}) {
		t.Errorf("crs_grade of %q after the save: %q, want [2] (the whole file)", gradedCRS, got)
	}
	hl := h.health()
	if hl.Rules.Fingerprint == h.origFP || hl.Rules.Changes == nil || !slices.Equal(hl.Rules.Changes.Changed, []string{"crs.yaml"}) || len(hl.Rules.Error) > 0 {
		t.Errorf("healthz after the save: %+v; want the edited crs.yaml in force, reported changed", hl.Rules)
	}
	if n := strings.Count(h.log.String(), "msg=\"rules reloaded\""); n != 1 {
		t.Errorf("%d reloads logged, want 1 (the whole file only):\n%s", n, h.log)
	}
}

// TestReloadRestartsWindowOnEvent: an event within a window starts a new one, from the
// files as they are then.
func TestReloadRestartsWindowOnEvent(t *testing.T) {
	h := newReloadHarness(t)
	h.write("crs.yaml", string(h.orig["crs.yaml"])+"\n# one\n")
	h.rl.Changed()
	h.wantWindow("after the first write")
	h.write("crs.yaml", string(h.orig["crs.yaml"])+"\n# two\n")
	h.rl.Changed()
	h.wantWindow("after the second write") <- time.Time{}
	h.wantReload("the files stayed the same since the second write")
	two := sha256.Sum256([]byte(string(h.orig["crs.yaml"]) + "\n# two\n"))
	if got := h.srv.Classifier().RuleSet().Sums["crs.yaml"]; got != hex.EncodeToString(two[:]) {
		t.Errorf("crs.yaml in force has the sum %s, want that of the second write", got)
	}
	if n := strings.Count(h.log.String(), "msg=\"rules reloaded\""); n != 1 {
		t.Errorf("%d reloads logged, want 1:\n%s", n, h.log)
	}
}

// TestReloadReportsFiles: each reload, put in force or refused, names in /healthz and in the
// log the files it added, changed and removed; a removed file's rules stay in force when the
// rules without it fail their own examples; a broken edit keeps the rules in force. Undoing
// the edit brings the starting rules back with no error.
func TestReloadReportsFiles(t *testing.T) {
	const extra = `description: A product for this test.
vocabularies:
  - id: product.test_extra
    facet: product
    description: A product name only this test knows.
    terms:
      zetacabtagene: [zetacabtagene, zeta-cel]
    examples:
      match: ["Zeta-cel was infused."]
      nomatch: ["Zeta was infused."]
`
	tests := []struct {
		name string
		edit func(h *reloadHarness)
		// applied: the edit is put in force; otherwise the rules in force stay.
		applied bool
		want    FileChanges
		// wantErr must match the first line of the error, and wantLines the others.
		wantErr   string
		wantLines string
		// text, facet and values: what the rules in force give after the edit.
		text, facet string
		values      []string
	}{{
		name: "changed",
		edit: func(h *reloadHarness) {
			h.write("icans.yaml", strings.Replace(string(h.orig["icans.yaml"]), "\n        - neurotoxicity\n", "\n", 1))
		},
		applied: true,
		want:    FileChanges{Changed: []string{"icans.yaml"}},
		text:    "No neurotoxicity was observed.", facet: "icans", values: nil,
	}, {
		name:    "added in a subfolder",
		edit:    func(h *reloadHarness) { h.write("more/extra.yaml", extra) },
		applied: true,
		want:    FileChanges{Added: []string{"more/extra.yaml"}},
		text:    "Zeta-cel was infused.", facet: "product", values: []string{"zetacabtagene"},
	}, {
		// (products.yaml is no longer one: rules of other files read its class product.)
		name:    "removed, the rest passes its examples",
		edit:    func(h *reloadHarness) { h.remove("trials.yaml") },
		applied: true,
		want:    FileChanges{Removed: []string{"trials.yaml"}},
		text:    "A phase 2 trial enrolled 20 adults.", facet: "trial_phase", values: nil,
	}, {
		name:    "removed, the rest no longer loads",
		edit:    func(h *reloadHarness) { h.remove("products.yaml") },
		want:    FileChanges{Removed: []string{"products.yaml"}},
		wantErr: `names the class "product", which no vocabulary defines`,
		text:    "Axi-cel was infused.", facet: "product", values: []string{"axicabtagene ciloleucel"},
	}, {
		name:      "removed, the rest fails its examples",
		edit:      func(h *reloadHarness) { h.remove("treatment.yaml") },
		want:      FileChanges{Removed: []string{"treatment.yaml"}},
		wantErr:   `^removed treatment\.yaml, but \d+ of the \d+ examples of the rules without it fail, so its rules stay in force`,
		wantLines: `^.+/rules/[a-z_]+\.yaml:\d+: [a-z_.]+: .+`,
		text:      "Tocilizumab was given for CRS.", facet: "toxicity_treatment", values: []string{"tocilizumab"},
	}, {
		name:    "removed with another edit, the rest fails its examples",
		edit:    func(h *reloadHarness) { h.remove("treatment.yaml"); h.write("more/extra.yaml", extra) },
		want:    FileChanges{Added: []string{"more/extra.yaml"}, Removed: []string{"treatment.yaml"}},
		wantErr: `^removed treatment\.yaml, but`,
		text:    "Zeta-cel was infused.", facet: "product", values: nil,
	}, {
		name:    "broken edit",
		edit:    func(h *reloadHarness) { h.write("crs.yaml", string(h.orig["crs.yaml"])+"\n  - id: [broken\n") },
		want:    FileChanges{Changed: []string{"crs.yaml"}},
		wantErr: `^.+/rules/crs\.yaml:\d+:\d+: `,
		text:    gradedCRS, facet: "crs_grade", values: []string{"2"},
	}, {
		name: "everything removed",
		edit: func(h *reloadHarness) {
			for name := range h.orig {
				h.remove(name)
			}
		},
		want:    FileChanges{Removed: []string{"adverse_events.yaml", "antigens.yaml", "context.yaml", "crs.yaml", "diseases.yaml", "icans.yaml", "incidence.yaml", "products.yaml", "remission.yaml", "treatment.yaml", "trials.yaml"}},
		wantErr: `no rule files`,
		text:    gradedCRS, facet: "crs_grade", values: []string{"2"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newReloadHarness(t)
			if names := slices.Sorted(maps.Keys(h.orig)); tt.name == "everything removed" && !slices.Equal(names, tt.want.Removed) {
				t.Fatalf("the built-in rule files are %q: update this test", names)
			}
			tt.edit(h)
			h.settle("after the edit")

			hl := h.health()
			want := tt.want
			for _, l := range []*[]string{&want.Added, &want.Changed, &want.Removed} {
				if *l == nil {
					*l = []string{}
				}
			}
			var got *FileChanges
			if tt.applied {
				got = hl.Rules.Changes
				if hl.Rules.Fingerprint == h.origFP || len(hl.Rules.Error) > 0 || hl.Rules.Refused != nil {
					t.Errorf("healthz: %+v; want the edit in force and no error", hl.Rules)
				}
				wantLog(t, h.log.String(), `level=INFO msg="rules reloaded"`, changesLog(want))
			} else {
				got = hl.Rules.Refused
				if hl.Rules.Fingerprint != h.origFP || hl.Rules.Changes != nil || hl.Status != "degraded" || len(hl.Rules.Error) == 0 {
					t.Fatalf("healthz: %+v; want the starting rules in force, degraded, with an error", hl)
				}
				if !regexp.MustCompile(tt.wantErr).MatchString(hl.Rules.Error[0]) {
					t.Errorf("healthz error %q, want %s", hl.Rules.Error[0], tt.wantErr)
				}
				if tt.wantLines != "" {
					if len(hl.Rules.Error) < 2 {
						t.Errorf("healthz error names no failing example: %q", hl.Rules.Error)
					}
					for i, line := range hl.Rules.Error[1:] {
						if i == len(hl.Rules.Error)-2 && regexp.MustCompile(`^… and \d+ more$`).MatchString(line) {
							continue // the list is cut after maxExampleLines, and says so
						}
						if !regexp.MustCompile(tt.wantLines).MatchString(line) {
							t.Errorf("healthz error line %q, want %s", line, tt.wantLines)
						}
					}
				}
				wantLog(t, h.log.String(), `level=ERROR msg="rules not reloaded: the previous rules stay in force"`, changesLog(want))
			}
			if got == nil || !slices.Equal(got.Added, want.Added) || !slices.Equal(got.Changed, want.Changed) || !slices.Equal(got.Removed, want.Removed) {
				t.Errorf("healthz files: %+v, want %+v", got, want)
			}
			if v := h.facet(tt.text, tt.facet); !slices.Equal(v, tt.values) {
				t.Errorf("%s of %q with the rules in force: %q, want %q", tt.facet, tt.text, v, tt.values)
			}

			// Undone: the starting rules are in force again, with no error.
			h.restore()
			h.settle("after undoing the edit")
			hl = h.health()
			if hl.Rules.Fingerprint != h.origFP || len(hl.Rules.Error) > 0 || hl.Rules.Refused != nil || hl.Status != "ok" {
				t.Errorf("healthz after undoing the edit: %+v; want the starting rules, ok", hl)
			}
		})
	}
}

// TestReloadIgnoresTouch: a file saved unchanged (a new modification time) opens a window
// but reloads nothing.
func TestReloadIgnoresTouch(t *testing.T) {
	h := newReloadHarness(t)
	later := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(h.dir, "crs.yaml"), later, later); err != nil {
		t.Fatal(err)
	}
	h.settle("after a touch")
	if hl := h.health(); hl.Rules.Fingerprint != h.origFP || hl.Rules.Changes != nil || len(hl.Rules.Error) > 0 {
		t.Errorf("healthz after a touch: %+v", hl.Rules)
	}
	if strings.Contains(h.log.String(), "rules reloaded") || strings.Contains(h.log.String(), "not reloaded") {
		t.Errorf("a touch was logged as a reload:\n%s", h.log)
	}
}

// TestReloaderChecksAtStart: a folder edited after its rules were loaded but before the
// Reloader was made (while the index opened) is reloaded without waiting for an event.
func TestReloaderChecksAtStart(t *testing.T) {
	h := newReloadHarness(t)
	h.write("crs.yaml", string(h.orig["crs.yaml"])+"\n# edited\n")
	rl := NewReloader(h.srv, h.dir, time.Second)
	select {
	case <-rl.changed:
	default:
		t.Fatal("NewReloader found nothing to reload in a folder that differs from the rules in force")
	}
	rl = NewReloader(newReloadHarness(t).srv, h.dir+"-missing", time.Second)
	select {
	case <-rl.changed:
	default:
		t.Fatal("NewReloader found nothing to reload in a missing folder")
	}
}

// changesLog is what the log says of the files of a reload.
func changesLog(ch FileChanges) string {
	var parts []string
	for _, kv := range []struct {
		key   string
		files []string
	}{{"added", ch.Added}, {"changed", ch.Changed}, {"removed", ch.Removed}} {
		if len(kv.files) > 0 {
			parts = append(parts, kv.key+"="+strings.Join(kv.files, ","))
		}
	}
	return strings.Join(parts, " ")
}

// wantLog fails unless a line of log holds every one of parts.
func wantLog(t testing.TB, log string, parts ...string) {
	t.Helper()
	for _, line := range strings.Split(log, "\n") {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(line, p)
		}
		if ok {
			return
		}
	}
	t.Errorf("no log line holds %q:\n%s", parts, log)
}
