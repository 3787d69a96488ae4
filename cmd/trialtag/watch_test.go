package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var watchBatch = regexp.MustCompile(`(?m)^indexed \d+ files: (\d+) added, (\d+) updated`)

// TestIndexWatch runs "trialtag index --watch" on a folder and drops files into it: a
// burst of many at once, one renamed into place after being written under a hidden name,
// and one in a new subfolder. Each is indexed exactly once (added, never updated), is
// searchable afterwards and is run through the saved searches; cancelling stops the watch
// with the index closed.
func TestIndexWatch(t *testing.T) {
	t.Parallel()
	cfg := searchesConfig(t, testSearches)
	dir := filepath.Join(t.TempDir(), "index")
	inbox := t.TempDir()
	writeFile(t, inbox, "first.txt", goodText)

	started := make(chan struct{})
	batches := make(chan []string, 1024)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	a := &app{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr,
		watching: func() { close(started) },
		watched:  func(p []string) { batches <- p },
	}
	root := newRootCmd(a)
	root.SetArgs([]string{"--config", cfg, "index", "--index", dir, "--watch", inbox})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	select {
	case <-started:
	case err := <-done:
		t.Fatalf("index --watch ended before watching: %v\nstderr:\n%s", err, stderr)
	}

	// seen counts how often each file was indexed; wait collects batches until want is in.
	seen := map[string]int{}
	wait := func(want ...string) {
		t.Helper()
		for {
			missing := false
			for _, w := range want {
				if seen[w] == 0 {
					missing = true
				}
			}
			if !missing {
				return
			}
			for _, p := range <-batches {
				seen[p]++
			}
		}
	}

	const n = 200
	var burst []string
	for i := range n {
		text := fmt.Sprintf("Patient %d received BCMA CAR-T cells; grade 2 CRS occurred.\n", i)
		if i == 7 {
			text = "Six patients received CD19 CAR-T cells for myositis.\n"
		}
		burst = append(burst, writeFile(t, inbox, fmt.Sprintf("burst%03d.txt", i), text))
	}
	abs := func(p string) string {
		t.Helper()
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for i := range burst {
		burst[i] = abs(burst[i])
	}
	wait(burst...)

	// Written under a hidden name, in two parts, then renamed into place.
	part := filepath.Join(inbox, ".renamed.txt.part")
	if err := os.WriteFile(part, []byte("Grade 3 ICANS occurred "), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(part, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("after ide-cel.\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	renamed := abs(filepath.Join(inbox, "renamed.txt"))
	if err := os.Rename(part, renamed); err != nil {
		t.Fatal(err)
	}
	// A new folder with a file in it.
	sub := filepath.Join(inbox, "week2")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	nested := abs(writeFile(t, sub, "nested.txt", goodText))
	wait(renamed, nested)

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("index --watch: %v\nstderr:\n%s", err, stderr)
	}
	close(batches)
	for b := range batches {
		for _, p := range b {
			seen[p]++
		}
	}
	for p, k := range seen {
		if k != 1 {
			t.Errorf("%s indexed %d times, want once", p, k)
		}
		if strings.Contains(p, ".part") || strings.HasSuffix(p, "first.txt") {
			t.Errorf("%s was read by the watch", p)
		}
	}
	if len(seen) != n+2 {
		t.Errorf("%d files indexed by the watch, want %d", len(seen), n+2)
	}
	added, updated := 0, 0
	for _, m := range watchBatch.FindAllStringSubmatch(stdout.String(), -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		added, updated = added+x, updated+y
	}
	if added != n+2 || updated != 0 {
		t.Errorf("the watch added %d and updated %d documents, want %d and 0\n%s", added, updated, n+2, stdout)
	}
	wantContains(t, "stderr", stderr.String(), "stopped watching; the index "+dir+" is closed")

	// The index is closed (it opens again) and holds the renamed file whole.
	resp, _ := searchJSON(t, dir, `"ide-cel"`, "--facets", "none")
	if resp.Total != 1 {
		t.Errorf("searching the renamed file's text finds %d documents, want 1", resp.Total)
	}
	r := alertsIn(t, dir, "--search", "cd19", "--format", "jsonl")
	wantCode(t, r, exitOK)
	wantContains(t, "alerts", r.stdout, "burst007")
}
