package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// alertSearches are the saved searches of the alert tests.
var alertSearches = []SavedSearch{
	{Name: "crs", Query: "CRS"},
	{Name: "cd19", Query: "CD19"},
	{Name: "never", Query: "xylophone"},
}

// alertDocs are the alert tests' documents, written for them.
func alertDocs() []*corpus.Document {
	return []*corpus.Document{
		{ID: "a", Source: "a.txt", Title: "CRS after CD19 CAR-T cells", Text: "CRS after CD19 CAR-T cells\n\nGrade 2 CRS occurred in 3 of 10 patients given CD19 CAR-T cells."},
		{ID: "b", Source: "b.txt", Text: "Grade 1 CRS occurred in one patient with myeloma."},
		{ID: "c", Source: "c.txt", Text: "No toxicity was reported."},
	}
}

// percolatingIndex creates an index in dir that percolates alertSearches.
func percolatingIndex(t *testing.T, dir string) *Index {
	t.Helper()
	ix, err := OpenOrCreate(dir, defaultMeta(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	p, err := NewPercolator(NewInterpreter(testrules.Default(t)), alertSearches, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.SetPercolator(p)
	return ix
}

// keys returns "search doc change" for each alert, sorted.
func keys(alerts []Alert) []string {
	var out []string
	for _, a := range alerts {
		out = append(out, a.Search+" "+a.Document+" "+a.Change)
	}
	slices.Sort(out)
	return out
}

func readAll(t *testing.T, dir string) []Alert {
	t.Helper()
	alerts, err := ReadAlerts(dir, AlertQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return alerts
}

// TestUpdateRecordsAlerts follows a document's life: added (alerted), indexed again
// unchanged (not alerted), changed (alerted again), after a restart and a rebuild (alerts
// kept, nothing repeated).
func TestUpdateRecordsAlerts(t *testing.T) {
	ctx := context.Background()
	c := testrules.Default(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix := percolatingIndex(t, dir)
	before := time.Now().UTC()
	st, err := ix.TagAndUpdate(ctx, c, slices.Values(alertDocs()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Percolated != 3 || st.Alerts != 3 {
		t.Errorf("first update: %+v, want 3 added, percolated and alerts", st)
	}
	alerts := readAll(t, dir)
	if want := []string{"cd19 a added", "crs a added", "crs b added"}; !slices.Equal(keys(alerts), want) {
		t.Fatalf("alerts %q, want %q", keys(alerts), want)
	}
	for _, a := range alerts {
		if a.Time.Before(before) || a.Time.Location() != time.UTC || a.Hash == "" || a.Source == "" || a.Query == "" {
			t.Errorf("alert %+v lacks its time, hash, source or query", a)
		}
		if len(a.Filters) == 0 || len(a.Filters[0].Sentences) == 0 || len(a.Sentences) == 0 {
			t.Errorf("alert %s %s says nothing of what matched: %+v", a.Search, a.Document, a)
		}
	}
	if a := alerts[0]; a.Document == "a" && a.Title != "CRS after CD19 CAR-T cells" {
		t.Errorf("alert title %q", a.Title)
	}

	// Unchanged: nothing percolated.
	st, err = ix.TagAndUpdate(ctx, c, slices.Values(alertDocs()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 3 || st.Percolated != 0 || st.Alerts != 0 {
		t.Errorf("unchanged update: %+v", st)
	}

	// Changed: b now names CD19.
	docs := alertDocs()
	docs[1].Text = "Grade 1 CRS occurred in one patient after CD19 CAR-T cells."
	st, err = ix.TagAndUpdate(ctx, c, slices.Values(docs[1:2]), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 || st.Alerts != 2 {
		t.Errorf("changed update: %+v, want 1 updated with 2 alerts", st)
	}
	want := []string{"cd19 a added", "cd19 b updated", "crs a added", "crs b added", "crs b updated"}
	if got := keys(readAll(t, dir)); !slices.Equal(got, want) {
		t.Errorf("alerts %q, want %q", got, want)
	}

	// A restart, then a rebuild that reads every document again: the log is kept and
	// nothing is alerted twice.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	n, err := Clear(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("Clear kept %d alerts, want %d", n, len(want))
	}
	if empty, err := IsEmpty(dir); err != nil || !empty {
		t.Errorf("IsEmpty after Clear = %v, %v", empty, err)
	}
	ix = percolatingIndex(t, dir)
	st, err = ix.TagAndUpdate(ctx, c, slices.Values(docs), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Percolated != 3 || st.Alerts != 0 {
		t.Errorf("rebuild: %+v, want 3 added and percolated, no new alerts", st)
	}
	if got := keys(readAll(t, dir)); !slices.Equal(got, want) {
		t.Errorf("after the rebuild, alerts %q, want %q", got, want)
	}
}

// TestNoSearchesNoAlerts checks that an index without saved searches percolates nothing
// and writes no alert log.
func TestNoSearchesNoAlerts(t *testing.T) {
	for _, p := range []*Percolator{nil, {}} {
		dir := filepath.Join(t.TempDir(), "index")
		ix, err := Create(dir, defaultMeta(t))
		if err != nil {
			t.Fatal(err)
		}
		ix.SetPercolator(p)
		st, err := ix.TagAndUpdate(context.Background(), testrules.Default(t), slices.Values(alertDocs()), 0)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if st.Percolated != 0 || st.Alerts != 0 {
			t.Errorf("%+v", st)
		}
		if _, err := os.Stat(filepath.Join(dir, AlertsFile)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an alert log without saved searches: %v", err)
		}
	}
}

// TestAlertsBeforeDocuments stands for a crash after a batch's alerts were recorded but
// before bleve wrote the batch: the next update reads the documents again and finds the
// same matches, which are not recorded twice.
func TestAlertsBeforeDocuments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := percolatingIndex(t, dir)
	c := testrules.Default(t)
	var docs []*evalDoc
	for _, d := range alertDocs() {
		res := c.Tag(d)
		doc, sents, err := docFields(res, ContentHash(d), ix.Meta().RulesFingerprint)
		if err != nil {
			t.Fatal(err)
		}
		ed := newEvalDoc(res, doc, sents)
		ed.change, ed.hash = ChangeAdded, ContentHash(d)
		docs = append(docs, ed)
	}
	// What the writer does first; then "the crash": the batch is never written.
	if n, err := ix.percolateBatch(context.Background(), ix.percolator(), docs); err != nil || n != 3 {
		t.Fatalf("percolateBatch = %d, %v", n, err)
	}
	st, err := ix.TagAndUpdate(context.Background(), c, slices.Values(alertDocs()), 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Alerts != 0 {
		t.Errorf("%+v, want 3 added and no new alerts", st)
	}
	if n := len(readAll(t, dir)); n != 3 {
		t.Errorf("%d alerts, want 3", n)
	}
}

// TestAlertLogTornLine checks the log after a crash in the middle of a write: the torn
// line is not read, and the next append cuts it off before writing.
func TestAlertLogTornLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := percolatingIndex(t, dir)
	ctx, c := context.Background(), testrules.Default(t)
	if _, err := ix.TagAndUpdate(ctx, c, slices.Values(alertDocs()[:1]), 0); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, AlertsFile)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(`{"time":"2026-12-01T00:00:00Z","search":"crs","docu`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := keys(readAll(t, dir)); !slices.Equal(got, []string{"cd19 a added", "crs a added"}) {
		t.Errorf("with a torn last line: %q", got)
	}
	if _, err := ix.TagAndUpdate(ctx, c, slices.Values(alertDocs()[1:]), 0); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"docu{`) || strings.Count(string(b), "\n") != 3 {
		t.Errorf("the torn line is still there:\n%s", b)
	}
	if got := keys(readAll(t, dir)); !slices.Equal(got, []string{"cd19 a added", "crs a added", "crs b added"}) {
		t.Errorf("after the next append: %q", got)
	}
}

// TestReadAlerts checks the choices of AlertQuery, the counts per search, and a damaged
// line, which is named while the others are read.
func TestReadAlerts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := percolatingIndex(t, dir)
	if _, err := ix.TagAndUpdate(context.Background(), testrules.Default(t), slices.Values(alertDocs()), 0); err != nil {
		t.Fatal(err)
	}
	all := readAll(t, dir)
	tests := []struct {
		name string
		q    AlertQuery
		want []string
	}{
		{"all", AlertQuery{}, []string{"cd19 a added", "crs a added", "crs b added"}},
		{"search", AlertQuery{Search: "crs"}, []string{"crs a added", "crs b added"}},
		{"document", AlertQuery{Document: "a"}, []string{"cd19 a added", "crs a added"}},
		{"since then", AlertQuery{Since: all[0].Time}, []string{"cd19 a added", "crs a added", "crs b added"}},
		{"since later", AlertQuery{Since: all[0].Time.Add(time.Second)}, nil},
		{"unknown search", AlertQuery{Search: "never"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadAlerts(dir, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(keys(got), tt.want) {
				t.Errorf("%q, want %q", keys(got), tt.want)
			}
		})
	}
	counts, err := CountAlerts(dir, all[0].Time)
	if err != nil {
		t.Fatal(err)
	}
	if c := counts["crs"]; c.Alerts != 2 || c.Since != 2 || !c.Last.Equal(all[0].Time) {
		t.Errorf("crs counts %+v", c)
	}
	if _, ok := counts["never"]; ok {
		t.Error("a search without alerts is counted")
	}

	f, err := os.OpenFile(filepath.Join(dir, AlertsFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("not json\n")
	f.Close()
	got, err := ReadAlerts(dir, AlertQuery{})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("a damaged line: %v, want ErrCorrupt naming line 4", err)
	}
	if len(got) != 3 {
		t.Errorf("with a damaged line, %d alerts read, want 3", len(got))
	}
	if got, err := ReadAlerts(t.TempDir(), AlertQuery{}); err != nil || got != nil {
		t.Errorf("a folder without a log: %v, %v", got, err)
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"36h", now.Add(-36 * time.Hour)},
		{"7d", now.AddDate(0, 0, -7)},
		{"0d", now},
		{"2026-11-30T08:00:00Z", time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)},
		{"2026-11-30T08:00:00+02:00", time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)},
		{"2026-11-30", time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local)},
		{"2026-11-30T09:30", time.Date(2026, 11, 30, 9, 30, 0, 0, time.Local)},
	}
	for _, tt := range tests {
		got, err := ParseSince(tt.in, now)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseSince(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-3h", "2026-13-01", "7w"} {
		if _, err := ParseSince(bad, now); err == nil {
			t.Errorf("ParseSince(%q): no error", bad)
		}
	}
}
