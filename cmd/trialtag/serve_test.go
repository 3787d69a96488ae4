package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
	"github.com/trialtag/trialtag/rules"
)

// syncBuffer is a bytes.Buffer that goroutines may write to while a test reads it.
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

// server is a "trialtag serve" running in the test.
type server struct {
	url    string
	stderr *syncBuffer
	stop   context.CancelFunc
	done   chan int // the exit code, once run returns
}

var servingURL = regexp.MustCompile(`msg=serving url=(http://127\.0\.0\.1:\d+)`)

// startServe runs "trialtag serve --addr 127.0.0.1:0 ARGS..." until the test ends, and
// waits until it listens.
func startServe(tb testing.TB, args ...string) *server {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{stderr: &syncBuffer{}, stop: cancel, done: make(chan int, 1)}
	full := cfgArgs(tb, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	go func() {
		var stdout bytes.Buffer
		s.done <- run(ctx, full, strings.NewReader(""), &stdout, s.stderr)
	}()
	tb.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			tb.Error("serve did not stop")
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingURL.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case code := <-s.done:
			s.done <- code
			tb.Fatalf("serve exited with %d:\n%s", code, s.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	tb.Fatalf("serve does not listen:\n%s", s.stderr)
	return nil
}

func (s *server) request(tb testing.TB, method, path, contentType, body string) (int, []byte) {
	tb.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
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
	return res.StatusCode, b
}

func (s *server) getJSON(tb testing.TB, path string, v any) int {
	tb.Helper()
	code, b := s.request(tb, http.MethodGet, path, "", "")
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("GET %s: %d %s: %v", path, code, b, err)
	}
	return code
}

func (s *server) search(tb testing.TB, q string) *index.Response {
	tb.Helper()
	var r index.Response
	if code := s.getJSON(tb, "/api/search?"+url.Values{"q": {q}}.Encode(), &r); code != 200 {
		tb.Fatalf("search %q: status %d", q, code)
	}
	return &r
}

// waitFor polls cond until it holds, for up to 90 s.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	// a guard against a hang, no timing assertion: a reload that a removed file refuses runs
	// every example of the other rules, which takes tens of seconds under -race on a busy
	// machine
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ---- tests ----

func TestServeListensAndShutsDown(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	s := startServe(t, "--index", dir)

	var h web.Health
	if code := s.getJSON(t, "/healthz", &h); code != 200 || h.Status != "ok" || h.Index.Documents != 5 {
		t.Errorf("healthz: %d %+v", code, h)
	}
	if r := s.search(t, "grade 2 CRS tocilizumab"); len(r.Hits) == 0 || r.Hits[0].ID != seed004 {
		t.Errorf("hits %q, want %s first", responseIDs(r), seed004)
	}
	code, body := s.request(t, http.MethodPost, "/api/tag", "application/json", `{"text":"No ICANS occurred."}`)
	if code != 200 || !strings.Contains(string(body), `"icans":["absent"]`) {
		t.Errorf("tag: %d %s", code, body)
	}
	code, body = s.request(t, http.MethodGet, "/api/search", "", "")
	if code != 400 || !strings.Contains(string(body), `"error":`) {
		t.Errorf("search without q: %d %s", code, body)
	}
	code, body = s.request(t, http.MethodPost, "/api/tag", "text/plain", strings.Repeat("CRS ", 300_000))
	if code != 413 || !strings.Contains(string(body), `"error":`) {
		t.Errorf("a body over 1MiB: %d %s", code, body)
	}
	// The JSON of the API is the JSON of the CLI.
	q := url.Values{"q": {"no ICANS"}, "facets": {"icans,crs_grade"}}
	code, body = s.request(t, http.MethodGet, "/api/search?"+q.Encode(), "", "")
	if code != 200 {
		t.Fatalf("search: %d %s", code, body)
	}
	var api bytes.Buffer
	if err := json.Indent(&api, body, "", "  "); err != nil { // keeps the final newline
		t.Fatal(err)
	}

	s.stop()
	select {
	case code := <-s.done:
		s.done <- code
		if code != exitOK {
			t.Fatalf("serve exited with %d after a cancel:\n%s", code, s.stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
	wantContains(t, "stderr", s.stderr.String(), "msg=\"shutting down\"", "msg=stopped", "path=/api/search status=400")
	if _, err := http.Get(s.url + "/healthz"); err == nil {
		t.Error("the server still answers after it stopped")
	}
	// The index was closed: the CLI can open it, and prints what the API printed.
	r := searchIn(t, dir, "no ICANS", "--facets", "icans,crs_grade", "--format", "json")
	wantCode(t, r, exitOK)
	if r.stdout != api.String() {
		t.Errorf("CLI JSON differs from API JSON:\nCLI:\n%.1500s\nAPI:\n%.1500s", r.stdout, api.String())
	}
}

func TestServeReloadsRules(t *testing.T) {
	t.Parallel()
	rulesDir := copyRuleFolder(t)
	dir := filepath.Join(t.TempDir(), "index")
	wantCode(t, indexInto(t, dir, "--rules", rulesDir, seedsDir), exitOK)
	s := startServe(t, "--index", dir, "--rules", rulesDir)
	health := func() web.Health {
		t.Helper()
		var h web.Health
		if code := s.getJSON(t, "/healthz", &h); code != 200 {
			t.Fatalf("healthz: %d", code)
		}
		return h
	}
	first := health()
	if first.Status != "ok" || first.Rules.Source != rulesDir {
		t.Fatalf("healthz %+v", first)
	}

	// A broken edit: reported with file:line:col, the old rules stay in force.
	crs := filepath.Join(rulesDir, "crs.yaml")
	good := readFile(t, crs)
	if err := os.WriteFile(crs, append(slices.Clone(good), "\n  - id: [broken\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "/healthz to report the broken rule file", func() bool { return len(health().Rules.Error) > 0 })
	h := health()
	pos := regexp.MustCompile(`^` + regexp.QuoteMeta(crs) + `:\d+:\d+: `)
	if h.Status != "degraded" || len(h.Rules.Error) == 0 || !pos.MatchString(h.Rules.Error[0]) {
		t.Errorf("healthz after a broken edit: %+v; want degraded with %s:line:col", h, crs)
	}
	if h.Rules.Fingerprint != first.Rules.Fingerprint {
		t.Error("a broken edit replaced the rules")
	}
	wantContains(t, "stderr", s.stderr.String(), "level=ERROR", "rules not reloaded", crs+":")
	if r := s.search(t, "grade 2 CRS tocilizumab"); len(r.Hits) == 0 || r.Hits[0].ID != seed004 || len(r.Interpretation.Filters) != 2 {
		t.Errorf("search with the old rules: hits %q, interpretation %+v", responseIDs(r), r.Interpretation)
	}
	var rr web.RulesResponse
	if s.getJSON(t, "/api/rules", &rr); len(rr.Error) == 0 || len(rr.Rules) == 0 {
		t.Errorf("/api/rules: error %q, %d rules", rr.Error, len(rr.Rules))
	}

	// Fixed: the error clears.
	if err := os.WriteFile(crs, good, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "/healthz to clear the error", func() bool { return len(health().Rules.Error) == 0 })
	if h := health(); h.Status != "ok" || h.Rules.Fingerprint != first.Rules.Fingerprint {
		t.Errorf("healthz after the fix: %+v", h)
	}

	// A good edit is put in force: without "neurotoxicity", "No neurotoxicity was observed."
	// says nothing of ICANS. The index keeps its tags and says it is stale.
	icans := filepath.Join(rulesDir, "icans.yaml")
	src := string(readFile(t, icans))
	if strings.Count(src, "\n        - neurotoxicity\n") != 1 {
		t.Fatalf("%s: update this test to the rule files", icans)
	}
	writeFile(t, rulesDir, "icans.yaml", strings.Replace(src, "\n        - neurotoxicity\n", "\n", 1))
	waitFor(t, "the new rules", func() bool { return health().Rules.Fingerprint != first.Rules.Fingerprint })
	h = health()
	if h.Status != "degraded" || !h.Index.RulesStale || len(h.Rules.Error) > 0 {
		t.Errorf("healthz after a rule change: %+v; want degraded by stale rules only", h)
	}
	if ch := h.Rules.Changes; ch == nil || !slices.Equal(ch.Changed, []string{"icans.yaml"}) || len(ch.Added)+len(ch.Removed) > 0 {
		t.Errorf("healthz changes after editing icans.yaml: %+v", ch)
	}
	code, body := s.request(t, http.MethodPost, "/api/tag", "application/json", `{"text":"No neurotoxicity was observed."}`)
	if code != 200 || strings.Contains(string(body), `"icans"`) {
		t.Errorf("tag with the new rules: %d %s", code, body)
	}
	wantContains(t, "stderr", s.stderr.String(), "msg=\"rules reloaded\"", "changed=icans.yaml", "the index was tagged with other rules")

	// A removed file whose rules the others' examples need: reported, and its rules stay.
	edited := h.Rules.Fingerprint
	treatment := filepath.Join(rulesDir, "treatment.yaml")
	saved := readFile(t, treatment)
	if err := os.Remove(treatment); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "/healthz to report the removed file", func() bool { return health().Rules.Refused != nil })
	h = health()
	if h.Rules.Fingerprint != edited || !slices.Equal(h.Rules.Refused.Removed, []string{"treatment.yaml"}) ||
		len(h.Rules.Error) == 0 || !strings.HasPrefix(h.Rules.Error[0], "removed treatment.yaml, but ") {
		t.Errorf("healthz after removing treatment.yaml: %+v", h.Rules)
	}
	code, body = s.request(t, http.MethodPost, "/api/tag", "application/json", `{"text":"Tocilizumab was given for CRS."}`)
	if code != 200 || !strings.Contains(string(body), `"toxicity_treatment":["tocilizumab"]`) {
		t.Errorf("tag after removing treatment.yaml: %d %s", code, body)
	}
	wantContains(t, "stderr", s.stderr.String(), "removed=treatment.yaml")
	if err := os.WriteFile(treatment, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "/healthz to clear the refusal", func() bool { return len(health().Rules.Error) == 0 })
	if h := health(); h.Rules.Fingerprint != edited || h.Rules.Refused != nil {
		t.Errorf("healthz after putting treatment.yaml back: %+v", h.Rules)
	}
}

func TestServeErrors(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad --addr", []string{"--addr", "nowhere"}, "addr: \"nowhere\" is not host:port"},
		{"bad --max-body", []string{"--max-body", "lots"}, "--max-body"},
		{"bad --timeout", []string{"--timeout", "-1s"}, "--timeout"},
		{"arguments", []string{"extra"}, "serve takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", cfgArgs(t, append([]string{"serve", "--index", dir}, tt.args...)...)...)
			wantCode(t, r, exitUsage)
			wantContains(t, "stderr", r.stderr, tt.want)
		})
	}
}

// TestTagJSONIsOneShape holds internal/web's Document (POST /api/tag) to the JSON of
// "trialtag tag --format jsonl".
func TestTagJSONIsOneShape(t *testing.T) {
	t.Parallel()
	r := runTag(t, "--format", "jsonl", seedPath(seed004))
	wantCode(t, r, exitOK)
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		t.Fatal(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		t.Fatal(err)
	}
	for d, err := range corpus.Load(t.Context(), []string{seedPath(seed004)}, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(c.Tag(d).JSON())
		if err != nil {
			t.Fatal(err)
		}
		if string(b)+"\n" != r.stdout {
			t.Errorf("Result.JSON differs from trialtag tag:\nweb: %.800s\ntag: %.800s", b, r.stdout)
		}
	}
}

// TestSearchConfigKeys covers the keys index, addr and search_limit.
func TestSearchConfigKeys(t *testing.T) {
	t.Parallel()
	def := DefaultConfig()
	if def.Index != ".trialtag/index" || def.Addr != "127.0.0.1:8080" || def.SearchLimit != 10 {
		t.Errorf("defaults %+v", def)
	}
	for _, k := range []string{"index", "addr", "search_limit"} {
		if !slices.Contains(configKeys, k) {
			t.Errorf("configKeys lacks %q", k)
		}
	}
	valid := []func(*Config){
		func(c *Config) { c.Addr = ":9000" },
		func(c *Config) { c.Addr = "[::1]:0" },
		func(c *Config) { c.SearchLimit = 1 },
	}
	for _, edit := range valid {
		if err := with(def, edit).Validate(); err != nil {
			t.Errorf("Validate: %v", err)
		}
	}
	invalid := []struct {
		edit func(*Config)
		want string
	}{
		{func(c *Config) { c.Index = " " }, "index: empty"},
		{func(c *Config) { c.Addr = "localhost" }, `addr: "localhost" is not host:port`},
		{func(c *Config) { c.Addr = "127.0.0.1:http" }, `port "http"`},
		{func(c *Config) { c.Addr = "127.0.0.1:70000" }, `port "70000"`},
		{func(c *Config) { c.SearchLimit = 0 }, "search_limit: 0"},
		{func(c *Config) { c.SearchLimit = maxSearchLimit + 1 }, "search_limit"},
	}
	for _, tt := range invalid {
		err := with(def, tt.edit).Validate()
		if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate = %v, want an ErrConfig naming %q", err, tt.want)
		}
	}
	env := func(vars map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	}
	got, err := LoadConfig(writeConfig(t, "index: ix\naddr: 127.0.0.1:9\nsearch_limit: 3\n"), env(map[string]string{"TRIALTAG_ADDR": ":7"}))
	if err != nil {
		t.Fatal(err)
	}
	if got.Index != "ix" || got.Addr != ":7" || got.SearchLimit != 3 {
		t.Errorf("LoadConfig = %+v", got)
	}
	if _, err := LoadConfig(writeConfig(t, ""), env(map[string]string{"TRIALTAG_SEARCH_LIMIT": "many"})); err == nil || !strings.Contains(err.Error(), "search_limit") {
		t.Errorf("TRIALTAG_SEARCH_LIMIT=many: %v", err)
	}

	// The configuration's index and search_limit reach search; flags win.
	dir := indexSeeds(t)
	cfg := writeConfig(t, "index: "+strconv.Quote(dir)+"\nsearch_limit: 2\n")
	r := runCLI(t, "", "--config", cfg, "search", "*", "--format", "json", "--facets", "none")
	wantCode(t, r, exitOK)
	var resp index.Response
	if err := json.Unmarshal([]byte(r.stdout), &resp); err != nil || len(resp.Hits) != 2 || resp.Total != 5 {
		t.Errorf("search_limit 2: %d of %d hits (%v)", len(resp.Hits), resp.Total, err)
	}
	r = runCLI(t, "", "--config", cfg, "search", "*", "--format", "json", "--facets", "none", "--limit", "4")
	wantCode(t, r, exitOK)
	if err := json.Unmarshal([]byte(r.stdout), &resp); err != nil || len(resp.Hits) != 4 {
		t.Errorf("--limit 4: %d hits (%v)", len(resp.Hits), err)
	}
	if ix, err := index.Open(dir); err != nil {
		t.Errorf("the index is not closed after search: %v", err)
	} else {
		ix.Close()
	}
}

func TestServeHosts(t *testing.T) {
	t.Parallel()
	loop := "localhost,127.0.0.1,::1"
	for _, tt := range []struct{ addr, hosts, want string }{
		{"127.0.0.1:8080", "", loop + ",127.0.0.1"},
		{"192.168.1.5:8080", "", loop + ",192.168.1.5"},
		{"0.0.0.0:8080", "", loop},
		{":8080", "", loop},
		{"0.0.0.0:8080", "trialtag.lan, 10.0.0.2", "trialtag.lan,10.0.0.2"},
	} {
		got := strings.Join(serveHosts(Config{Addr: tt.addr, Hosts: tt.hosts}), ",")
		if got != tt.want {
			t.Errorf("addr %q hosts %q: %s, want %s", tt.addr, tt.hosts, got, tt.want)
		}
	}
}
