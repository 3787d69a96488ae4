package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
	"github.com/trialtag/trialtag/saved"
)

// alertSearches are saved searches over the seeds, written for these tests.
const alertSearches = `searches:
  - name: cd19
    query: CD19
    examples:
      must_match: [Six patients received CD19 CAR-T cells.]
  - name: never
    query: xylophone
`

// alertServer indexes the seeds with alertSearches percolating, and serves them.
func alertServer(t *testing.T) *testServer {
	t.Helper()
	c := newClassifier(t)
	f, err := saved.Parse("searches.yaml", []byte(alertSearches))
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.Percolator(index.NewInterpreter(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Create(t.TempDir()+"/index", index.Meta{RulesFingerprint: c.RuleSet().Fingerprint})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ix.SetPercolator(p)
	var docs []*corpus.Document
	for d, err := range corpus.Load(context.Background(), []string{seedsDir}, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	st, err := ix.TagAndUpdate(context.Background(), c, slices.Values(docs), 0)
	if err != nil || st.Alerts == 0 {
		t.Fatalf("indexing the seeds: %+v, %v", st, err)
	}
	s, err := web.New(web.Options{Index: ix, Classifier: c, Searches: f, SearchesPath: "searches.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &testServer{Server: s, url: hs.URL, c: c, ix: ix}
}

func TestSearchesAndAlerts(t *testing.T) {
	ts := alertServer(t)
	all, err := index.ReadAlerts(ts.ix.Dir(), index.AlertQuery{})
	if err != nil {
		t.Fatal(err)
	}

	r := ts.get(t, "/api/searches")
	if r.status != http.StatusOK {
		t.Fatalf("GET /api/searches: %d %s", r.status, r.body)
	}
	list := decode[saved.List](t, r)
	if !list.Exists || list.File != "searches.yaml" || len(list.Items) != 2 {
		t.Fatalf("searches %+v", list)
	}
	cd19 := list.Items[0]
	if cd19.Name != "cd19" || cd19.Alerts == nil || cd19.Alerts.Alerts != len(all) || cd19.Examples.MustMatch != 1 ||
		len(cd19.Interpretation.Filters) != 1 || cd19.Interpretation.Filters[0].Value != "CD19" {
		t.Errorf("cd19 listed as %+v", cd19)
	}
	if n := list.Items[1].Alerts; n == nil || n.Alerts != 0 || !n.Last.IsZero() {
		t.Errorf("never listed with alerts %+v", n)
	}
	r = ts.get(t, "/api/searches?since="+all[0].Time.Add(time.Second).Format(time.RFC3339Nano))
	if l := decode[saved.List](t, r); l.Items[0].Alerts.Since != 0 || l.Items[0].Alerts.Alerts != len(all) {
		t.Errorf("since after the alerts: %+v", l.Items[0].Alerts)
	}

	r = ts.get(t, "/api/alerts")
	if r.status != http.StatusOK || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /api/alerts: %d %v %s", r.status, r.header, r.body)
	}
	got := decode[web.AlertsResponse](t, r)
	if got.Total != len(all) || len(got.Alerts) != len(all) || got.Alerts[0].Document != all[len(all)-1].Document {
		t.Errorf("alerts %d of %d, first %s; want all %d, newest first", len(got.Alerts), got.Total, got.Alerts[0].Document, len(all))
	}
	paged := decode[web.AlertsResponse](t, ts.get(t, "/api/alerts?limit=1&offset=1&search=cd19"))
	if paged.Total != len(all) || len(paged.Alerts) != 1 || paged.Alerts[0].Document != all[len(all)-2].Document {
		t.Errorf("paged %+v", paged)
	}
	doc := all[0].Document
	one := decode[web.AlertsResponse](t, ts.get(t, "/api/alerts?document="+doc))
	if one.Total != 1 || one.Alerts[0].Document != doc {
		t.Errorf("document %s: %+v", doc, one)
	}
	none := decode[web.AlertsResponse](t, ts.get(t, "/api/alerts?since=2h&search=never"))
	if none.Total != 0 || none.Alerts == nil {
		t.Errorf("no alerts: %+v (alerts must be [], not null)", none)
	}

	for _, bad := range []struct{ path, want string }{
		{"/api/alerts?since=yesterday", "since"},
		{"/api/alerts?limit=-1", "limit"},
		{"/api/alerts?limit=1000", "limit 1000 is over"},
		{"/api/searches?since=soon", "since"},
	} {
		r := ts.get(t, bad.path)
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", bad.path, r.status, r.body)
		}
		if e := decode[map[string]string](t, r)["error"]; !strings.Contains(e, bad.want) {
			t.Errorf("%s: error %q, want it to say %q", bad.path, e, bad.want)
		}
	}
	if r := ts.do(t, http.MethodPost, "/api/alerts", "", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/alerts: %d", r.status)
	}
}

func TestNoSavedSearches(t *testing.T) {
	ts := newTestServer(t, func(o *web.Options) { o.SearchesPath = "searches.yaml" })
	list := decode[saved.List](t, ts.get(t, "/api/searches"))
	if list.Exists || list.Items == nil || len(list.Items) != 0 {
		t.Errorf("without saved searches: %+v", list)
	}
	al := decode[web.AlertsResponse](t, ts.get(t, "/api/alerts"))
	if al.Total != 0 || al.Alerts == nil {
		t.Errorf("without saved searches: %+v", al)
	}
}
