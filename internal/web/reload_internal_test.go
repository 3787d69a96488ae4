package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"weak"

	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/testrules"
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
