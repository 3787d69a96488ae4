package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyData writes a data folder of two made-up registry records.
func tinyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "ctgov"), 0o755); err != nil {
		t.Fatal(err)
	}
	records := `{"id": "NCT09990001", "title": "Made-up trial one", "text": "A made-up phase 2 study of drug Q in adults with lymphoma."}
{"id": "NCT09990002", "title": "Made-up trial two", "text": "This invented study asks whether exercise helps patients with asthma."}
`
	if err := os.WriteFile(filepath.Join(dir, "ctgov", "records.jsonl"), []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut strings.Builder
	code = run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	t.Setenv("TRIALTAG_DATA", "")
	data := tinyData(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"--help"}, exitOK, "usage: scalebench"},
		{"no data folder", nil, exitUsage, "TRIALTAG_DATA"},
		{"unknown flag", []string{"--data", data, "--bogus"}, exitUsage, "bogus"},
		{"argument", []string{"--data", data, "extra"}, exitUsage, "unexpected arguments"},
		{"no documents", []string{"--data", data, "--n", "0"}, exitUsage, "--n 0"},
		{"no runs", []string{"--data", data, "--repeat", "0"}, exitUsage, "--repeat 0"},
		{"no clients", []string{"--data", data, "--clients", "0"}, exitUsage, "--clients 0"},
		{"negative shards", []string{"--data", data, "--shards", "-2"}, exitUsage, "--shards -2"},
		{"keep with dir", []string{"--data", data, "--dir", t.TempDir(), "--keep"}, exitUsage, "--keep"},
		{"unknown source", []string{"--data", data, "--source", "pubmed"}, exitUsage, "pubmed"},
		{"source missing", []string{"--data", data, "--source", "pmc-rct"}, exitUsage, "pmc-rct"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestRunReports(t *testing.T) {
	data := tinyData(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the temporary index goes, so that its removal shows

	code, stdout, stderr := runCmd(t, "--data", data, "--n", "5", "--repeat", "1", "--shards", "3")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"corpus    ctgov (ctgov): 5 documents", "class", `"narcolepsy"`, "3 shard(s)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the temporary index was left in %s: %v", tmp, left)
	}

	code, stdout, stderr = runCmd(t, "--data", data, "--n", "3", "--repeat", "1", "--clients", "2", "--json", "--keep")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var rep struct {
		Corpus  struct{ Documents int }
		Queries struct{ Clients, Runs int }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if rep.Corpus.Documents != 3 || rep.Queries.Clients != 2 || rep.Queries.Runs == 0 {
		t.Errorf("--json: %+v", rep)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 1 || !strings.Contains(stderr, "kept the index in") {
		t.Errorf("--keep: left %v, stderr:\n%s", left, stderr)
	}

	dir := filepath.Join(t.TempDir(), "ix")
	if code, _, stderr := runCmd(t, "--data", data, "--n", "2", "--repeat", "1", "--dir", dir); code != exitOK {
		t.Fatalf("--dir: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("--dir: the index is not left in place: %v", err)
	}
	if code, _, stderr := runCmd(t, "--data", data, "--n", "2", "--repeat", "1", "--dir", dir); code != exitFail || !strings.Contains(stderr, "not empty") {
		t.Errorf("--dir again: exit %d, stderr:\n%s; want a failure naming the full folder", code, stderr)
	}
}
