package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/saved"
)

// testSearches are saved searches over the seeds, written for these tests.
const testSearches = `searches:
  - name: cd19
    description: CD19-directed products.
    query: CD19
    examples:
      must_match: [Six patients received CD19 CAR-T cells.]
      must_not_match: [Six patients received BCMA CAR-T cells.]
  - name: lupus-2024
    query: lupus
    filters: [year>=2024]
    examples:
      must_match: [{text: Five patients with lupus were treated., date: 2024-02}]
      must_not_match: [{text: Five patients with lupus were treated., date: "2020"}]
`

// searchesConfig writes a configuration with searches.yaml (holding src) beside it and
// returns the configuration's path.
func searchesConfig(tb testing.TB, src string) string {
	tb.Helper()
	cfg := writeConfig(tb, "")
	writeFile(tb, filepath.Dir(cfg), "searches.yaml", src)
	return cfg
}

func TestSearchesListAndTest(t *testing.T) {
	t.Parallel()
	cfg := searchesConfig(t, testSearches)

	r := runCLI(t, "", "--config", cfg, "searches", "list")
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "cd19  ", "searches.yaml:2:11", "CD19-directed products.", `antigen=CD19`, `from "CD19"`,
		"lupus-2024", "filter year>=2024", "examples: 1 must match, 1 must not")

	r = runCLI(t, "", "--config", cfg, "searches", "list", "--json")
	wantCode(t, r, exitOK)
	var list saved.List
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatal(err)
	}
	if !list.Exists || len(list.Items) != 2 || list.Items[0].Name != "cd19" || len(list.Items[0].Interpretation.Filters) != 1 {
		t.Errorf("searches list --json: %+v", list)
	}

	r = runCLI(t, "", "--config", cfg, "searches", "test")
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "4 passed, 0 failed")

	// A failing example: exit 1, named where it is written.
	failing := strings.Replace(testSearches, "must_not_match: [Six patients received BCMA CAR-T cells.]", "must_not_match: [Six patients received CD19 CAR-T cells.]", 1)
	r = runCLI(t, "", "--config", searchesConfig(t, failing), "searches", "test")
	wantCode(t, r, exitSkipped)
	wantContains(t, "stdout", r.stdout, "searches.yaml:7:24: cd19: must not match, but does (antigen=CD19)", "3 passed, 1 failed")

	r = runCLI(t, "", "--config", cfg, "searches", "test", "--json")
	wantCode(t, r, exitOK)
	var rep searchesTestReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Passed != 4 || len(rep.Examples) != 4 {
		t.Errorf("searches test --json: %+v, %v", rep, err)
	}
}

func TestSearchesFileErrors(t *testing.T) {
	t.Parallel()
	broken := "searches:\n  - name: a\n    query: CRS\n    filters: [colour=blue]\n  - name: a\n    query: ICANS\n"
	for _, cmd := range [][]string{{"searches", "list"}, {"searches", "test"}, {"index", "--index", filepath.Join(t.TempDir(), "ix"), seedsDir}} {
		r := runCLI(t, "", append([]string{"--config", searchesConfig(t, broken)}, cmd...)...)
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "searches.yaml:5:11: a: another saved search has this name (first at ")
	}
	// The structure is right, the filter is not: blamed on the filter.
	r := runCLI(t, "", "--config", searchesConfig(t, "searches:\n  - name: a\n    query: CRS\n    filters: [colour=blue]\n"), "searches", "list")
	wantCode(t, r, exitUsage)
	wantContains(t, "stderr", r.stderr, `searches.yaml:4:15: a: unknown facet "colour"`)

	// No searches.yaml beside the configuration: no saved searches, no error.
	r = runCLI(t, "", cfgArgs(t, "searches", "list")...)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "no saved searches (", "searches.yaml does not exist)")
	// A file named that does not exist is an error.
	r = runCLI(t, "", cfgArgs(t, "searches", "test", "--searches", filepath.Join(t.TempDir(), "none.yaml"))...)
	wantCode(t, r, exitUsage)
	wantContains(t, "stderr", r.stderr, "none.yaml")
}

// alertsIn runs "trialtag alerts --index DIR ARGS...".
func alertsIn(tb testing.TB, dir string, args ...string) cliResult {
	tb.Helper()
	return runCLI(tb, "", cfgArgs(tb, append([]string{"alerts", "--index", dir}, args...)...)...)
}

func TestIndexRecordsAlerts(t *testing.T) {
	t.Parallel()
	cfg := searchesConfig(t, testSearches)
	dir := filepath.Join(t.TempDir(), "index")
	r := runCLI(t, "", "--config", cfg, "index", "--index", dir, seedsDir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "5 added", "2 saved searches (", "ran on 5 documents: ")

	r = alertsIn(t, dir, "--format", "jsonl")
	wantCode(t, r, exitOK)
	var alerts []index.Alert
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var a index.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		alerts = append(alerts, a)
	}
	var cd19 []string
	for _, a := range alerts {
		if a.Change != index.ChangeAdded || a.Hash == "" || len(a.Filters) == 0 || len(a.Sentences) == 0 {
			t.Errorf("alert %+v", a)
		}
		if a.Search == "cd19" {
			cd19 = append(cd19, a.Document)
		}
	}
	// The same documents as a search finds.
	resp, _ := searchJSON(t, dir, "CD19", "--limit", "100", "--facets", "none")
	want := responseIDs(resp)
	slices.Sort(want)
	slices.Sort(cd19)
	if len(want) == 0 || !slices.Equal(cd19, want) {
		t.Errorf("cd19 alerted %q; search finds %q", cd19, want)
	}

	r = alertsIn(t, dir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "cd19", "antigen=CD19 from \"CD19\" in #", "alerts\n")

	r = alertsIn(t, dir, "--format", "csv")
	wantCode(t, r, exitOK)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != len(alerts)+1 || rows[0][0] != "time" {
		t.Errorf("csv: %v, %d rows for %d alerts", err, len(rows), len(alerts))
	}

	r = alertsIn(t, dir, "--search", "lupus-2024", "--format", "jsonl")
	wantCode(t, r, exitOK)
	if strings.Contains(r.stdout, `"search":"cd19"`) {
		t.Errorf("--search lupus-2024 lists cd19 alerts")
	}
	r = alertsIn(t, dir, "--since", time.Now().Add(time.Hour).Format(time.RFC3339))
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "no alerts")

	// Indexed again: nothing new. Rebuilt: the alerts are kept, and none is repeated.
	r = runCLI(t, "", "--config", cfg, "index", "--index", dir, seedsDir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "5 unchanged", "ran on 0 documents: 0 new alerts")
	r = runCLI(t, "", "--config", cfg, "index", "--index", dir, "--reindex", seedsDir)
	wantCode(t, r, exitOK)
	wantContains(t, "stderr", r.stderr, "kept its ", " alerts (alerts.jsonl)")
	wantContains(t, "stdout", r.stdout, "5 added", "ran on 5 documents: 0 new alerts")
	r = alertsIn(t, dir, "--format", "jsonl")
	if n := strings.Count(r.stdout, "\n"); n != len(alerts) {
		t.Errorf("after the rebuild, %d alerts, want %d", n, len(alerts))
	}
}

func TestIndexWithoutSearches(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	if _, err := os.Stat(filepath.Join(dir, index.AlertsFile)); !os.IsNotExist(err) {
		t.Errorf("an alert log without saved searches: %v", err)
	}
	r := alertsIn(t, dir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "no alerts")
	r = alertsIn(t, filepath.Join(t.TempDir(), "none"))
	wantCode(t, r, exitOK)
	r = alertsIn(t, dir, "--format", "xml")
	wantCode(t, r, exitUsage)
	r = alertsIn(t, dir, "--since", "yesterday")
	wantCode(t, r, exitUsage)
	wantContains(t, "stderr", r.stderr, `--since: "yesterday" is not a time`)
}

// TestServeSearchesAndAlerts checks that serve lists the saved searches with their alerts,
// and that GET /api/alerts serves the alerts of "trialtag alerts" (newest first).
func TestServeSearchesAndAlerts(t *testing.T) {
	t.Parallel()
	cfg := searchesConfig(t, testSearches)
	dir := filepath.Join(t.TempDir(), "index")
	wantCode(t, runCLI(t, "", "--config", cfg, "index", "--index", dir, seedsDir), exitOK)
	cli := alertsIn(t, dir, "--format", "jsonl")
	wantCode(t, cli, exitOK)
	lines := strings.Split(strings.TrimSpace(cli.stdout), "\n")

	s := startServe(t, "--index", dir, "--searches", filepath.Join(filepath.Dir(cfg), "searches.yaml"))
	var list saved.List
	if code := s.getJSON(t, "/api/searches", &list); code != 200 || len(list.Items) != 2 || list.Items[0].Alerts == nil {
		t.Fatalf("GET /api/searches: %d %+v", code, list)
	}
	if n := list.Items[0].Alerts.Alerts + list.Items[1].Alerts.Alerts; n != len(lines) {
		t.Errorf("the searches count %d alerts, trialtag alerts lists %d", n, len(lines))
	}
	code, body := s.request(t, "GET", "/api/alerts?limit=100", "", "")
	if code != 200 {
		t.Fatalf("GET /api/alerts: %d %s", code, body)
	}
	var resp struct {
		Total  int               `json:"total"`
		Alerts []json.RawMessage `json:"alerts"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Total != len(lines) || len(resp.Alerts) != len(lines) {
		t.Fatalf("the API has %d alerts, the CLI %d", resp.Total, len(lines))
	}
	for i, a := range resp.Alerts {
		if string(a) != lines[len(lines)-1-i] {
			t.Errorf("alert %d: API %s\nCLI %s", i, a, lines[len(lines)-1-i])
		}
	}
}
