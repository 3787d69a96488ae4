package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
	"github.com/trialtag/trialtag/rules"
)

// seedsDir holds the project's five seed documents.
const seedsDir = "../../corpus/seeds"

const (
	seed000 = "000_7842d42057d300b0"
	seed001 = "001_7c1521d75b74a78c"
	seed003 = "003_712c9c4fc3fafea0"
	seed004 = "004_53fd14e8ab82a8c2"
)

// testMaxBody is the body limit of the test servers, small enough to exceed cheaply.
const testMaxBody = 8 << 10

// newClassifier compiles the built-in rules.
func newClassifier(tb testing.TB) *classifier.Classifier {
	tb.Helper()
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// seedIndex indexes the seeds with c into a new index on disk (scorch, as users run it).
func seedIndex(tb testing.TB, c *classifier.Classifier) *index.Index {
	tb.Helper()
	ix, err := index.Create(tb.TempDir()+"/index", index.Meta{RulesFingerprint: c.RuleSet().Fingerprint})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	docs := func(yield func(*corpus.Document) bool) {
		for d, err := range corpus.Load(context.Background(), []string{seedsDir}, corpus.Options{}) {
			if err != nil {
				tb.Errorf("loading the seeds: %v", err)
				return
			}
			if !yield(d) {
				return
			}
		}
	}
	st, err := ix.TagAndUpdate(context.Background(), c, docs, 0)
	if err != nil {
		tb.Fatal(err)
	}
	if st.Added != 5 {
		tb.Fatalf("indexed %+v, want the 5 seeds added", st)
	}
	return ix
}

// testServer is a Server on the seeds behind a real loopback listener.
type testServer struct {
	*web.Server
	url string
	c   *classifier.Classifier
	ix  *index.Index
}

func newTestServer(tb testing.TB, edit func(*web.Options)) *testServer {
	tb.Helper()
	c := newClassifier(tb)
	ix := seedIndex(tb, c)
	opts := web.Options{Index: ix, Classifier: c, MaxBody: testMaxBody}
	if edit != nil {
		edit(&opts)
	}
	s, err := web.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(s)
	tb.Cleanup(hs.Close)
	return &testServer{Server: s, url: hs.URL, c: c, ix: ix}
}

// response is what one request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (ts *testServer) do(tb testing.TB, method, path, contentType string, body io.Reader) response {
	tb.Helper()
	var header http.Header
	if contentType != "" {
		header = http.Header{"Content-Type": {contentType}}
	}
	return ts.doHeader(tb, method, path, header, body)
}

// doHeader sends a request with the given headers ("Host" sets the Host header).
func (ts *testServer) doHeader(tb testing.TB, method, path string, header http.Header, body io.Reader) response {
	tb.Helper()
	req, err := http.NewRequest(method, ts.url+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v[0]
			continue
		}
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

func (ts *testServer) get(tb testing.TB, path string) response {
	tb.Helper()
	return ts.do(tb, http.MethodGet, path, "", nil)
}

func decode[T any](tb testing.TB, r response) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		tb.Fatalf("decoding %s: %v", r.body, err)
	}
	return v
}

func searchPath(params ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		v.Add(params[i], params[i+1])
	}
	return "/api/search?" + v.Encode()
}

func hitIDs(r *index.Response) []string {
	ids := []string{}
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// check is one request and what its response must be.
type check struct {
	name        string
	method      string
	path        string
	contentType string
	body        string
	status      int
	errContains string // for error responses: a part of the JSON error
	check       func(t *testing.T, r response)
}

func TestEndpoints(t *testing.T) {
	ts := newTestServer(t, nil)
	search := func(want func(t *testing.T, r *index.Response)) func(*testing.T, response) {
		return func(t *testing.T, r response) {
			t.Helper()
			sr := decode[*index.Response](t, r)
			want(t, sr)
		}
	}
	tests := []check{
		{name: "healthz", path: "/healthz", status: 200, check: func(t *testing.T, r response) {
			h := decode[web.Health](t, r)
			if h.Status != "ok" || h.Index.Documents != 5 || h.Index.RulesStale || h.Index.MappingStale || len(h.Rules.Error) > 0 {
				t.Errorf("health %+v, want ok with 5 documents", h)
			}
			if h.Rules.Source != "built-in" || h.Rules.Fingerprint != ts.c.RuleSet().Fingerprint {
				t.Errorf("rules %+v", h.Rules)
			}
		}},
		{name: "grade 2 CRS tocilizumab ranks 004 first", path: searchPath("q", "grade 2 CRS tocilizumab"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				if ids := hitIDs(r); len(ids) == 0 || ids[0] != seed004 {
					t.Errorf("hits %q, want %s first", ids, seed004)
				}
				var got []string
				for _, f := range r.Interpretation.Filters {
					got = append(got, f.Filter.String())
				}
				if want := []string{"crs_grade=2", "toxicity_treatment=tocilizumab"}; !slices.Equal(got, want) {
					t.Errorf("interpretation %q, want %q", got, want)
				}
				if r.Interpretation.Text != "" || r.Interpretation.Literal {
					t.Errorf("interpretation %+v: want no free text, not literal", r.Interpretation)
				}
				h := r.Hits[0]
				if len(h.Sentences) == 0 || len(h.Sentences[0].Tags) == 0 || h.Facets["crs_grade"] == nil || h.Score <= 0 {
					t.Errorf("hit %+v lacks sentences with tags, facets or a score", h)
				}
			})},
		{name: "crs_grade facet over the seeds", path: searchPath("q", "*", "facets", "crs_grade"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				want := []index.FacetCount{{Value: "1", Count: 4}, {Value: "2", Count: 2}}
				if r.Total != 5 || !slices.Equal(r.Facets["crs_grade"], want) {
					t.Errorf("total %d, crs_grade %v; want 5 and %v", r.Total, r.Facets["crs_grade"], want)
				}
				if len(r.Facets) != 1 {
					t.Errorf("facets %v, want only crs_grade", r.Facets)
				}
			})},
		{name: "filter antigen=CD20 returns only 000", path: searchPath("q", "*", "filter", "antigen=CD20"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				if ids := hitIDs(r); !slices.Equal(ids, []string{seed000}) {
					t.Errorf("hits %q, want [%s]", ids, seed000)
				}
				if len(r.Filters) != 1 || r.Filters[0].String() != "antigen=CD20" {
					t.Errorf("filters %v", r.Filters)
				}
			})},
		{name: "no ICANS returns the four documents whose icans is absent", path: searchPath("q", "no ICANS", "limit", "10"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				ids := hitIDs(r)
				slices.Sort(ids)
				if want := []string{seed000, seed001, seed003, seed004}; !slices.Equal(ids, want) {
					t.Errorf("hits %q, want %q", ids, want)
				}
			})},
		{name: "literal", path: searchPath("q", "tocilizumab", "literal", "true", "facets", "none"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				in := r.Interpretation
				if !in.Literal || in.Text != "tocilizumab" || len(in.Filters) != 0 {
					t.Errorf("interpretation %+v, want literal free text only", in)
				}
				if ids := hitIDs(r); !slices.Contains(ids, seed004) {
					t.Errorf("hits %q lack %s", ids, seed004)
				}
				if len(r.Facets) != 0 {
					t.Errorf("facets=none gave %v", r.Facets)
				}
			})},
		{name: "paging", path: searchPath("q", "*", "limit", "2", "offset", "4", "facets", "none"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				if r.Total != 5 || len(r.Hits) != 1 {
					t.Errorf("total %d with %d hits, want 5 with 1", r.Total, len(r.Hits))
				}
			})},
		{name: "query-string syntax passes through", path: searchPath("q", "+crs_grade:2 +antigen:CD19"), status: 200,
			check: search(func(t *testing.T, r *index.Response) {
				if !r.Interpretation.Syntax || !slices.Equal(hitIDs(r), []string{seed004}) {
					t.Errorf("syntax %v, hits %q; want syntax and [%s]", r.Interpretation.Syntax, hitIDs(r), seed004)
				}
			})},
		{name: "missing query", path: "/api/search", status: 400, errContains: "missing query"},
		{name: "blank query", path: searchPath("q", "  "), status: 400, errContains: "missing query"},
		{name: "unknown facet in a filter", path: searchPath("q", "CRS", "filter", "colour=red"), status: 400, errContains: `unknown facet \"colour\"`},
		{name: "filter without a value", path: searchPath("q", "CRS", "filter", "antigen"), status: 400, errContains: "want facet=value"},
		{name: "unknown facet to count", path: searchPath("q", "CRS", "facets", "crs,colour"), status: 400, errContains: `unknown facet \"colour\"`},
		{name: "limit not a number", path: searchPath("q", "CRS", "limit", "ten"), status: 400, errContains: "limit"},
		{name: "limit over the maximum", path: searchPath("q", "CRS", "limit", "1000"), status: 400, errContains: "limit 1000"},
		{name: "bad boolean", path: searchPath("q", "CRS", "literal", "maybe"), status: 400, errContains: "literal"},
		{name: "bad query syntax", path: searchPath("q", `title:"unclosed`), status: 400, errContains: "unterminated quote"},
		{name: "document", path: "/api/documents/" + seed004, status: 200, check: func(t *testing.T, r response) {
			d := decode[index.StoredDocument](t, r)
			if d.ID != seed004 || d.Text == "" || len(d.Sentences) < 10 || d.RulesFingerprint != ts.c.RuleSet().Fingerprint {
				t.Fatalf("document %s with %d sentences, text %d bytes", d.ID, len(d.Sentences), len(d.Text))
			}
			tags := 0
			for _, s := range d.Sentences {
				if s.Text != d.Text[s.Start:s.End] {
					t.Errorf("sentence %d: text does not match its offsets", s.Index)
				}
				tags += len(s.Tags)
			}
			if tags == 0 || !slices.Equal(d.Facets["icans"], []string{"absent"}) {
				t.Errorf("%d tags, icans %q", tags, d.Facets["icans"])
			}
		}},
		{name: "unknown document", path: "/api/documents/nope", status: 404, errContains: "not found"},
		{name: "tag JSON", method: "POST", path: "/api/tag", contentType: "application/json",
			body: `{"text": "No ICANS occurred. Grade 2 CRS was treated with tocilizumab.", "id": "q1"}`, status: 200,
			check: func(t *testing.T, r response) {
				d := decode[classifier.DocumentJSON](t, r)
				if d.ID != "q1" || !slices.Equal(d.Facets["icans"], []string{"absent"}) || !slices.Equal(d.Facets["crs_grade"], []string{"2"}) {
					t.Errorf("document %s facets %v", d.ID, d.Facets)
				}
			}},
		{name: "tag plain text", method: "POST", path: "/api/tag", contentType: "text/plain; charset=utf-8",
			body: "Grade 1 CRS occurred in 4 patients.", status: 200,
			check: func(t *testing.T, r response) {
				d := decode[classifier.DocumentJSON](t, r)
				if !slices.Equal(d.Facets["crs_grade"], []string{"1"}) || len(d.Sentences) != 1 || len(d.Sentences[0].Tags) == 0 {
					t.Errorf("document %+v", d)
				}
			}},
		{name: "tag bad JSON", method: "POST", path: "/api/tag", contentType: "application/json", body: `{"text": `, status: 400, errContains: "bad request body"},
		{name: "tag unknown field", method: "POST", path: "/api/tag", contentType: "application/json", body: `{"txt": "CRS"}`, status: 400, errContains: "unknown field"},
		{name: "tag two values", method: "POST", path: "/api/tag", contentType: "application/json", body: `{"text": "CRS"} {}`, status: 400, errContains: "more than one"},
		{name: "tag without text", method: "POST", path: "/api/tag", contentType: "application/json", body: `{}`, status: 400, errContains: "missing"},
		{name: "tag oversized body", method: "POST", path: "/api/tag", contentType: "application/json",
			body: `{"text": "` + strings.Repeat("Grade 2 CRS. ", testMaxBody/10) + `"}`, status: 413, errContains: "larger than"},
		{name: "tag oversized plain body", method: "POST", path: "/api/tag", contentType: "text/plain",
			body: strings.Repeat("x", testMaxBody+1), status: 413, errContains: "larger than"},
		{name: "tag wrong content type", method: "POST", path: "/api/tag", contentType: "application/x-www-form-urlencoded", body: "text=CRS", status: 415, errContains: "Content-Type"},
		{name: "tag binary", method: "POST", path: "/api/tag", contentType: "application/json", body: `{"text": "a\u0000b"}`, status: 400, errContains: "binary"},
		{name: "explain", method: "POST", path: "/api/explain", contentType: "application/json",
			body: `{"text": "Grade ≥3 CRS was not observed. No ICANS occurred."}`, status: 200,
			check: func(t *testing.T, r response) {
				exps := decode[[]classifier.Explanation](t, r)
				if len(exps) != 2 || len(exps[1].Tags) == 0 || exps[1].Tags[0].Status != classifier.Negated {
					t.Errorf("explanations %+v", exps)
				}
			}},
		{name: "export csv", path: "/api/export?q=*&format=csv", status: 200, check: func(t *testing.T, r response) {
			rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := r.header.Get("X-Total-Count"); got != strconv.Itoa(len(rows)-1) || len(rows) < 2 {
				t.Fatalf("%d rows for X-Total-Count %s", len(rows)-1, got)
			}
			if rows[0][0] != "id" || rows[0][len(rows[0])-1] != "evidence" || !slices.Contains(rows[0], "crs_grade") {
				t.Errorf("header %v", rows[0])
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
				t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
			}
		}},
		{name: "export jsonl of a search", path: "/api/export?q=tocilizumab&format=jsonl", status: 200, check: func(t *testing.T, r response) {
			lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
			if r.header.Get("X-Export-Count") != strconv.Itoa(len(lines)) {
				t.Fatalf("%d lines for X-Export-Count %s", len(lines), r.header.Get("X-Export-Count"))
			}
			for _, l := range lines {
				var h index.Hit
				if err := json.Unmarshal([]byte(l), &h); err != nil || h.ID == "" || len(h.Facets["toxicity_treatment"]) == 0 {
					t.Errorf("line %q: %v", l, err)
				}
			}
		}},
		{name: "export in an unknown format", path: "/api/export?q=*&format=xml", status: 400},
		{name: "facet size over the most", path: "/api/search?q=*&facet_size=501", status: 400},
		{name: "facet size", path: "/api/search?q=*&facet_size=1&facets=disease", status: 200, check: func(t *testing.T, r response) {
			sr := decode[index.Response](t, r)
			if len(sr.Facets["disease"]) != 1 {
				t.Errorf("facet_size=1 gave %d disease values", len(sr.Facets["disease"]))
			}
		}},
		{name: "explain with the document", method: "POST", path: "/api/explain?document", contentType: "application/json", body: `{"text": "Grade 2 CRS occurred. No ICANS was seen."}`, status: 200, check: func(t *testing.T, r response) {
			er := decode[web.ExplainResponse](t, r)
			if len(er.Explanations) != 2 || len(er.Document.Sentences) != 2 || er.Document.Facets["crs_grade"][0] != "2" {
				t.Fatalf("explain?document: %d explanations, document %+v", len(er.Explanations), er.Document)
			}
		}},
		{name: "explain plain text", method: "POST", path: "/api/explain", contentType: "text/plain", body: "CRS", status: 415},
		{name: "rules", path: "/api/rules", status: 200, check: func(t *testing.T, r response) {
			rr := decode[web.RulesResponse](t, r)
			if rr.Examples.Passed == 0 || rr.Examples.Failed != 0 || len(rr.Rules) == 0 || len(rr.Files) == 0 {
				t.Fatalf("rules: %d rules, examples %+v", len(rr.Rules), rr.Examples)
			}
			kinds := map[string]int{}
			examples := 0
			for _, ri := range rr.Rules {
				kinds[ri.Kind]++
				examples += len(ri.Examples)
				if ri.ID == "" || ri.File == "" || ri.Line == 0 {
					t.Errorf("rule %+v lacks its id or position", ri)
				}
				for _, ex := range ri.Examples {
					if !ex.Passed {
						t.Errorf("%s: example %q failed: %s", ri.ID, ex.Text, ex.Msg)
					}
				}
			}
			if examples != rr.Examples.Passed+rr.Examples.Failed {
				t.Errorf("%d examples listed, %d counted", examples, rr.Examples.Passed+rr.Examples.Failed)
			}
			for _, k := range []string{"vocabulary", "pattern", "cue"} {
				if kinds[k] == 0 {
					t.Errorf("no %s rules in %v", k, kinds)
				}
			}
		}},
		{name: "search with POST", method: "POST", path: "/api/search", status: 405, errContains: "not allowed"},
		{name: "tag with GET", path: "/api/tag", status: 405, errContains: "not allowed"},
		{name: "healthz with POST", method: "POST", path: "/healthz", status: 405, errContains: "not allowed"},
		{name: "unknown endpoint", path: "/api/nothing", status: 404, errContains: "no such endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			r := ts.do(t, method, tt.path, tt.contentType, body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %.500s", r.status, tt.status, r.body)
			}
			export := strings.HasPrefix(tt.path, "/api/export") && tt.status == http.StatusOK // CSV or JSON Lines
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" && !export {
				t.Errorf("Content-Type %q", ct)
			}
			if tt.status >= 400 {
				var e struct{ Error string }
				if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" {
					t.Fatalf("error body %s is not {\"error\": ...}", r.body)
				}
				if tt.errContains != "" && !strings.Contains(string(r.body), tt.errContains) {
					t.Errorf("error %s does not contain %q", r.body, tt.errContains)
				}
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestSearchJSONShape checks the keys of the search JSON, the contract of the CLI and API.
func TestSearchJSONShape(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	r := ts.get(t, searchPath("q", "grade 2 CRS tocilizumab", "facets", "crs_grade"))
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "interpretation", "total", "hits", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q in %s", k, r.body)
		}
	}
	var hits []map[string]json.RawMessage
	if err := json.Unmarshal(raw["hits"], &hits); err != nil || len(hits) == 0 {
		t.Fatalf("hits: %v", err)
	}
	for _, k := range []string{"id", "title", "score", "facets", "sentences"} {
		if _, ok := hits[0][k]; !ok {
			t.Errorf("no %q in a hit", k)
		}
	}
	var facets map[string][]map[string]json.RawMessage
	if err := json.Unmarshal(raw["facets"], &facets); err != nil || len(facets["crs_grade"]) == 0 {
		t.Fatalf("facets: %v %s", err, raw["facets"])
	}
	for _, k := range []string{"value", "count"} {
		if _, ok := facets["crs_grade"][0][k]; !ok {
			t.Errorf("no %q in a facet count", k)
		}
	}
}

func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	queries := []string{"grade 2 CRS tocilizumab", "no ICANS", "*", "CD19 lupus nephritis", "remission"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				q := queries[(g+i)%len(queries)]
				r := ts.get(t, searchPath("q", q))
				if r.status != 200 {
					t.Errorf("%q: status %d: %s", q, r.status, r.body)
					return
				}
				if i%5 == 0 {
					r = ts.do(t, "POST", "/api/tag", "application/json", strings.NewReader(`{"text":"No ICANS occurred."}`))
					if r.status != 200 {
						t.Errorf("tag: status %d: %s", r.status, r.body)
					}
				}
			}
		}()
	}
	// Rule reloads happen while requests run.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 5 {
			ts.SetRules(newClassifier(t))
			ts.SetRulesError(errors.New("x.yaml:1:1: broken"))
			time.Sleep(2 * time.Millisecond)
		}
		ts.SetRulesError(nil)
	}()
	wg.Wait()
}

func TestRulesState(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(o *web.Options) { o.RulesSource = "my-rules" })
	health := func() web.Health {
		t.Helper()
		r := ts.get(t, "/healthz")
		if r.status != 200 {
			t.Fatalf("healthz: %d %s", r.status, r.body)
		}
		return decode[web.Health](t, r)
	}
	old := ts.Classifier()
	broken := errors.Join(
		&classifier.RuleError{Pos: classifier.Pos{File: "my-rules/crs.yaml", Line: 12, Col: 7}, RuleID: "crs.term", Msg: "unknown key"},
		&classifier.RuleError{Pos: classifier.Pos{File: "my-rules/icans.yaml", Line: 3, Col: 1}, Msg: "invalid YAML"})
	ts.SetRulesError(broken)
	h := health()
	want := []string{"my-rules/crs.yaml:12:7: crs.term: unknown key", "my-rules/icans.yaml:3:1: invalid YAML"}
	if h.Status != "degraded" || !slices.Equal(h.Rules.Error, want) || h.Rules.FailedAt == nil || h.Rules.Source != "my-rules" {
		t.Errorf("after a failed reload: %+v, want degraded with errors %q", h, want)
	}
	rr := decode[web.RulesResponse](t, ts.get(t, "/api/rules"))
	if !slices.Equal(rr.Error, want) {
		t.Errorf("/api/rules error %q, want %q", rr.Error, want)
	}
	if ts.Classifier() != old {
		t.Error("a failed reload replaced the rules")
	}
	// Searches still work with the rules in force.
	sr := decode[*index.Response](t, ts.get(t, searchPath("q", "grade 2 CRS tocilizumab")))
	if ids := hitIDs(sr); len(ids) == 0 || ids[0] != seed004 {
		t.Errorf("search during a failed reload: %q", ids)
	}
	ts.SetRules(newClassifier(t))
	if h := health(); h.Status != "ok" || len(h.Rules.Error) != 0 || h.Rules.FailedAt != nil {
		t.Errorf("after a good reload: %+v, want ok without error", h)
	}
	if ts.Classifier() == old {
		t.Error("SetRules did not replace the rules")
	}
}

func TestStaleIndexInHealth(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	if err := ts.ix.SetMeta(index.Meta{RulesFingerprint: "other"}); err != nil {
		t.Fatal(err)
	}
	h := decode[web.Health](t, ts.get(t, "/healthz"))
	if h.Status != "degraded" || !h.Index.RulesStale || h.Index.RulesFingerprint != "other" {
		t.Errorf("health %+v, want degraded with rules_stale", h)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(o *web.Options) { o.Timeout = time.Nanosecond })
	r := ts.get(t, searchPath("q", "CRS"))
	if r.status != http.StatusServiceUnavailable || !bytes.Contains(r.body, []byte("took longer")) {
		t.Errorf("status %d %s, want 503 saying it took too long", r.status, r.body)
	}
}

func TestStatic(t *testing.T) {
	t.Parallel()
	page := "<!doctype html><title>trialtag</title>"
	ts := newTestServer(t, func(o *web.Options) {
		o.Static = fstest.MapFS{"index.html": {Data: []byte(page)}, "app.js": {Data: []byte("1")}}
	})
	r := ts.get(t, "/")
	if r.status != 200 || string(r.body) != page || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := ts.get(t, "/app.js"); r.status != 200 {
		t.Errorf("GET /app.js: %d", r.status)
	}
	if r := ts.do(t, "POST", "/", "", nil); r.status != 405 || !bytes.Contains(r.body, []byte(`"error"`)) {
		t.Errorf("POST /: %d %s", r.status, r.body)
	}
	// The API still answers beside the files.
	if r := ts.get(t, "/api/nothing"); r.status != 404 || !bytes.Contains(r.body, []byte(`"error"`)) {
		t.Errorf("GET /api/nothing: %d %s", r.status, r.body)
	}
	if r := ts.get(t, "/healthz"); r.status != 200 {
		t.Errorf("GET /healthz: %d", r.status)
	}
}

func TestStaticFS(t *testing.T) {
	t.Parallel()
	entries, err := fs.ReadDir(web.StaticFS, ".")
	if err != nil || len(entries) == 0 {
		t.Fatalf("StaticFS: %v, %d entries", err, len(entries))
	}
}

// TestPagesShareOneHeader: every page is served with the one shared header (header.html) in
// place of its marker, with a length that matches.
func TestPagesShareOneHeader(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(o *web.Options) { o.Static = web.StaticFS })
	pages, err := fs.Glob(web.StaticFS, "*.html")
	if err != nil || len(pages) < 4 {
		t.Fatalf("pages: %v %q", err, pages)
	}
	for _, name := range pages {
		url := "/" + name
		if name == "index.html" {
			url = "/"
		}
		r := ts.doHeader(t, http.MethodGet, url, http.Header{"Accept-Encoding": {"identity"}}, nil)
		body := string(r.body)
		if r.status != 200 || r.header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
			t.Errorf("GET %s: %d, Content-Length %s for %d bytes", url, r.status, r.header.Get("Content-Length"), len(r.body))
		}
		if strings.Count(body, `<header class="top">`) != 1 || strings.Count(body, `<nav aria-label="Pages">`) != 1 || strings.Contains(body, "#header") {
			t.Errorf("GET %s: the page does not hold the shared header once:\n%s", url, body)
		}
		if i, j := strings.Index(body, `<a class="skip"`), strings.Index(body, "<header"); i < 0 || j < i || j > strings.Index(body, "<main") {
			t.Errorf("GET %s: the header is not between the skip link and main", url)
		}
	}
}

func TestNewNeedsIndexAndClassifier(t *testing.T) {
	t.Parallel()
	if _, err := web.New(web.Options{}); err == nil {
		t.Error("New without an index: no error")
	}
	c := newClassifier(t)
	if _, err := web.New(web.Options{Index: seedIndex(t, c)}); err == nil {
		t.Error("New without a classifier: no error")
	}
}

// TestSearchFunction checks Search directly, as the CLI calls it.
func TestSearchFunction(t *testing.T) {
	t.Parallel()
	c := newClassifier(t)
	ix := seedIndex(t, c)
	interp := index.NewInterpreter(c)
	ctx := context.Background()
	tests := []struct {
		name    string
		req     index.Request
		wantErr string
		want    []string
	}{
		{"explicit and interpreted filters merge", index.Request{Query: "CRS", Filters: []string{"antigen=CD20"}}, "", []string{seed000}},
		{"an explicit filter equal to an interpreted one", index.Request{Query: "CD20", Filters: []string{"antigen=CD20"}}, "", []string{seed000}},
		{"excluding filter", index.Request{Query: "*", Filters: []string{"antigen!=CD19"}}, "", []string{seed000}},
		{"filters only", index.Request{Filters: []string{"antigen=CD20"}}, "", []string{seed000}},
		{"same sentence", index.Request{Query: "grade 2 CRS tocilizumab", SameSentence: true}, "", []string{}},
		{"nothing", index.Request{}, "missing query", nil},
		{"negative offset", index.Request{Query: "CRS", Offset: -1}, "offset", nil},
		{"negative limit", index.Request{Query: "CRS", Limit: -1}, "limit", nil},
		{"range facet", index.Request{Query: "*", Facets: []string{"crs_grade_range"}}, "", nil},
		{"range of a facet without grades", index.Request{Query: "*", Facets: []string{"antigen_range"}}, "unknown facet", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := ix.Answer(ctx, interp, tt.req)
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, index.ErrBadQuery) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want a bad query naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil && !slices.Equal(hitIDs(r), tt.want) {
				t.Errorf("hits %q, want %q", hitIDs(r), tt.want)
			}
		})
	}
}

// TestFacetsEndpoint: the page learns the tag vocabulary from the classifier through
// GET /api/facets, negated-only forms included.
func TestFacetsEndpoint(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, nil)
	r := ts.get(t, "/api/facets")
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	type info struct {
		Name, Label, Kind, AbsentForm string
		Graded                        bool
		Values                        []string
	}
	var got []struct {
		Name       string   `json:"name"`
		Label      string   `json:"label"`
		Kind       string   `json:"kind"`
		Graded     bool     `json:"graded"`
		Values     []string `json:"values"`
		AbsentForm string   `json:"absent_form"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	byName := map[string]info{}
	for _, f := range got {
		byName[f.Name] = info{f.Name, f.Label, f.Kind, f.AbsentForm, f.Graded, f.Values}
	}
	if len(got) != len(classifier.Facets())+len(index.MetaFacets) {
		t.Errorf("%d facets, want %d", len(got), len(classifier.Facets())+len(index.MetaFacets))
	}
	for name, want := range map[string]info{
		"crs":                {"crs", "CRS", "outcome", "absent", false, []string{"present"}},
		"crs_grade":          {"crs_grade", "CRS grade", "outcome", "", true, nil},
		"toxicity_treatment": {"toxicity_treatment", "Toxicity treatment", "outcome", "{value}: absent", false, nil},
		"antigen":            {"antigen", "Antigen", "mention", "", false, nil},
		"publication_type":   {"publication_type", "Publication type", "mention", "", false, nil},
	} {
		g := byName[name]
		if g.Label != want.Label || g.Kind != want.Kind || g.AbsentForm != want.AbsentForm || g.Graded != want.Graded ||
			(want.Values != nil && !slices.Equal(g.Values, want.Values)) {
			t.Errorf("%s: got %+v, want %+v", name, g, want)
		}
	}
}

// TestServerChecks: the Host header names a host served (DNS rebinding), another site's
// page cannot POST, OPTIONS says what is allowed, and every answer carries a strict
// Content-Security-Policy (issue 13, point 6).
func TestServerChecks(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(o *web.Options) { o.Static = web.StaticFS })
	tag := `{"text":"No ICANS occurred."}`
	tests := []struct {
		name, method, path string
		header             http.Header
		body               string
		status             int
		want               string // in the body or the Allow header
	}{
		{"loopback host", "GET", "/healthz", http.Header{"Host": {"localhost:8080"}}, "", 200, `"status"`},
		{"IPv6 loopback", "GET", "/healthz", http.Header{"Host": {"[::1]:8080"}}, "", 200, `"status"`},
		{"rebound host", "GET", "/api/search?q=CRS", http.Header{"Host": {"attacker.example:8080"}}, "", 421, "is not served here"},
		{"rebound host, page", "GET", "/", http.Header{"Host": {"attacker.example"}}, "", 421, "is not served here"},
		{"cross-site text/plain POST", "POST", "/api/tag", http.Header{"Content-Type": {"text/plain"}, "Origin": {"http://attacker.example"}, "Sec-Fetch-Site": {"cross-site"}}, "No ICANS.", 403, "another site"},
		{"cross-origin POST, Origin only", "POST", "/api/tag", http.Header{"Content-Type": {"text/plain"}, "Origin": {"http://attacker.example"}}, "No ICANS.", 403, "another site"},
		{"same-origin POST", "POST", "/api/tag", http.Header{"Content-Type": {"application/json"}, "Sec-Fetch-Site": {"same-origin"}}, tag, 200, `"facets"`},
		{"POST without a browser", "POST", "/api/tag", http.Header{"Content-Type": {"text/plain"}}, "No ICANS occurred.", 200, `"facets"`},
		{"OPTIONS on the API", "OPTIONS", "/api/tag", nil, "", 204, "POST, OPTIONS"},
		{"OPTIONS on a page", "OPTIONS", "/", nil, "", 204, "GET, HEAD, OPTIONS"},
		{"PUT on a page", "PUT", "/", nil, "", 405, `"error"`},
		{"query with no words", "GET", searchPath("q", "(((("), nil, "", 400, "no words to search for"},
		{"query too long", "GET", searchPath("q", strings.Repeat("tocilizumab ", 5000)), nil, "", 400, "max_query_bytes"},
		{"costly wildcard", "GET", searchPath("q", "*e* *a* *i*"), nil, "", 400, "max_query_expensive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.doHeader(t, tt.method, tt.path, tt.header, strings.NewReader(tt.body))
			if r.status != tt.status || !(bytes.Contains(r.body, []byte(tt.want)) || strings.Contains(r.header.Get("Allow"), tt.want)) {
				t.Errorf("%s %s: %d %s (Allow %q), want %d with %q", tt.method, tt.path, r.status, r.body, r.header.Get("Allow"), tt.status, tt.want)
			}
			if len(r.body) > 500 {
				t.Errorf("the answer is %d bytes; errors quote only an excerpt", len(r.body))
			}
			if tt.status == 204 && r.header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("OPTIONS grants CORS: %v", r.header)
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
		})
	}
	t.Run("configured hosts", func(t *testing.T) {
		ts := newTestServer(t, func(o *web.Options) { o.Hosts = []string{"trialtag.lan", "127.0.0.1"} })
		if r := ts.doHeader(t, "GET", "/healthz", http.Header{"Host": {"TrialTag.lan:80"}}, nil); r.status != 200 {
			t.Errorf("configured host: %d %s", r.status, r.body)
		}
		if r := ts.doHeader(t, "GET", "/healthz", http.Header{"Host": {"localhost"}}, nil); r.status != 421 {
			t.Errorf("localhost when not configured: %d %s", r.status, r.body)
		}
	})
}

// TestStaticCaching: static files are gzipped when the client accepts it, carry an ETag and
// a short max-age, and answer 304 to a matching If-None-Match; API answers are never stored.
func TestStaticCaching(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(o *web.Options) { o.Static = web.StaticFS })
	plain := ts.doHeader(t, "GET", "/js/common.js", http.Header{"Accept-Encoding": {"identity"}}, nil)
	if plain.status != 200 || plain.header.Get("Content-Encoding") != "" || plain.header.Get("ETag") == "" ||
		plain.header.Get("Cache-Control") != "public, max-age=300" || !strings.Contains(plain.header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("GET /js/common.js: %d %v", plain.status, plain.header)
	}
	gz := ts.doHeader(t, "GET", "/js/common.js", http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}}, nil)
	if gz.status != 200 || gz.header.Get("Content-Encoding") != "gzip" || gz.header.Get("ETag") == plain.header.Get("ETag") {
		t.Fatalf("GET /js/common.js with gzip: %d %v", gz.status, gz.header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.body))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if !bytes.Equal(unzipped, plain.body) || len(gz.body) >= len(plain.body) {
		t.Errorf("gzip body: %d bytes for %d, unzips to the file: %v", len(gz.body), len(plain.body), bytes.Equal(unzipped, plain.body))
	}
	if r := ts.doHeader(t, "GET", "/js/common.js", http.Header{"Accept-Encoding": {"gzip;q=0"}}, nil); r.header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 got %q", r.header.Get("Content-Encoding"))
	}
	for _, r := range []response{plain, gz} {
		etag := r.header.Get("ETag")
		again := ts.doHeader(t, "GET", "/js/common.js", http.Header{"If-None-Match": {etag}, "Accept-Encoding": {r.header.Get("Content-Encoding") + ",identity"}}, nil)
		if again.status != http.StatusNotModified || len(again.body) != 0 {
			t.Errorf("If-None-Match %s: %d, %d bytes", etag, again.status, len(again.body))
		}
	}
	if r := ts.get(t, "/nothing.html"); r.status != 404 || !bytes.Contains(r.body, []byte(`"error"`)) {
		t.Errorf("GET /nothing.html: %d %s", r.status, r.body)
	}
	for _, p := range []string{"/api/facets", searchPath("q", "CRS"), "/healthz"} {
		if r := ts.get(t, p); r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", p, r.header.Get("Cache-Control"))
		}
	}
}
