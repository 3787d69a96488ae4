package depcheck_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is this repository's module path; TestImportDirection checks it against go.mod.
const module = "github.com/trialtag/trialtag"

// The policy below names packages with these patterns:
//
//	std                       any package of the standard library
//	./corpus                  a package of this module, by its folder from the module root
//	./cmd/...                 that package and every package below it
//	net/http                  exactly that import path
//	github.com/spf13/cobra/...  that path and every path below it
//
// Only the packages' own (non-test) code is checked: _test.go files may import what they need.

// rule is the import policy of one package of the module.
type rule struct {
	pkg string
	// optional: the package need not exist (yet); the rule applies once it does.
	optional bool
	// mayImport lists everything the package may import itself; empty means no limit.
	mayImport []string
	// never lists what the package may not depend on, directly or through any other package.
	never []string
	// neverDirect lists what the package may not import itself, though a dependency may.
	neverDirect []string
}

const (
	viper = "github.com/spf13/viper/..."
	cobra = "github.com/spf13/cobra/..."
	bleve = "github.com/blevesearch/..."
	http  = "net/http/..."
)

// policy is the direction of imports: the corpus reads text, the classifier tags it with rules
// it is handed, rules is data, the index stores tagged documents, and only the command
// (cmd/trialtag) knows about configuration and the command line.
var policy = []rule{
	{
		pkg: "./corpus",
		mayImport: []string{
			"std",
			"github.com/jdkato/prose/v3/...", // sentence splitting and tokens
			"golang.org/x/net/html/...",      // text of HTML pages
			"gopkg.in/neurosnap/...",         // prose's own sentence models
			"golang.org/x/text/...",
		},
		never: []string{"./classifier/...", "./index/...", bleve, viper, cobra, http},
	},
	{
		pkg:       "./classifier",
		mayImport: []string{"std", "./corpus", "./internal/yamlpos", "go.yaml.in/yaml/v3"},
		never:     []string{"./index/...", "./rules/...", bleve, viper, cobra, http, "os/exec"},
	},
	{
		// yamlpos finds where a YAML problem is, for every YAML file trialtag reads.
		pkg:       "./internal/yamlpos",
		mayImport: []string{"std", "go.yaml.in/yaml/v3"},
	},
	{
		pkg:       "./rules",
		mayImport: []string{"embed"},
	},
	{
		pkg:      "./index",
		optional: true,
		// Roaring bitmaps are bleve's own postings format; the index counts facets with them.
		mayImport: []string{"std", "./corpus", "./classifier", "./internal/pipeline", bleve, "github.com/RoaringBitmap/roaring/v2"},
		never:     []string{"./cmd/...", viper, cobra},
		// bleve's own config.go imports expvar, which imports net/http: the index may not
		// serve HTTP itself, but cannot keep net/http out of its dependencies.
		neverDirect: []string{http},
	},
	{
		// export writes tagged documents in other tools' formats (and reads brat back):
		// from results, never from the index itself.
		pkg:       "./export",
		mayImport: []string{"std", "./corpus", "./classifier"},
		never:     []string{"./index/...", "./internal/web/...", "./internal/pipeline/...", "./internal/evaluate/...", "./cmd/...", "./rules/...", bleve, viper, cobra, http},
	},
	{
		// pipeline is the ordered worker pool: plain Go, no package of the module.
		pkg:       "./internal/pipeline",
		mayImport: []string{"std"},
	},
	{
		// watch decides when landing files are ready to read: plain Go, no package of the
		// module, no fsnotify (the command feeds it names).
		pkg:       "./internal/watch",
		mayImport: []string{"std"},
	},
	{
		// evaluate computes (scores, diffs, coverage) from tagged documents: no I/O, no index.
		pkg:       "./internal/evaluate",
		mayImport: []string{"std", "./corpus", "./classifier"},
		never:     []string{"./index/...", "./cmd/...", "./rules/...", bleve, viper, cobra, http, "os/exec"},
	},
	{
		// saved reads the saved-searches file and runs its examples through the index's
		// percolator: it knows YAML, not bleve, HTTP or configuration.
		pkg:       "./saved",
		mayImport: []string{"std", "./corpus", "./classifier", "./index", "./internal/yamlpos", "go.yaml.in/yaml/v3"},
		never:     []string{"./cmd/...", "./internal/web/...", viper, cobra},
		// bleve reaches it through index only.
		neverDirect: []string{bleve, http},
	},
	{
		pkg:       "./internal/web",
		optional:  true,
		mayImport: []string{"std", "./corpus", "./classifier", "./index", "./saved"},
		never:     []string{"./cmd/...", viper, cobra},
	},
	{
		// scalebench measures the index at scale through package index's public API, with
		// the built-in rules, as the command does; its own command uses the flag package.
		pkg:       "./internal/scalebench",
		optional:  true,
		mayImport: []string{"std", "./corpus", "./classifier", "./index", "./rules", "./internal/rusage"},
		never:     []string{"./cmd/...", "./internal/web/...", viper, cobra},
	},
	{
		// rusage reads the process's CPU time and peak memory, for benchmarks.
		pkg:       "./internal/rusage",
		optional:  true,
		mayImport: []string{"std"},
	},
	{
		pkg:       "./internal/scalebench/cmd",
		optional:  true,
		mayImport: []string{"std", "./internal/scalebench"},
		never:     []string{viper, cobra},
	},
	{
		// The built-in rules for tests (imported by _test.go files only).
		pkg:       "./internal/testrules",
		optional:  true,
		mayImport: []string{"std", "./corpus", "./classifier", "./rules"},
		never:     []string{"./index/...", "./internal/web/...", "./cmd/...", bleve, viper, cobra, http},
	},
}

// exclusive names a dependency that only some packages of the module may import.
type exclusive struct {
	dep       string
	importers []string
}

var exclusives = []exclusive{
	{viper, []string{"./cmd/trialtag"}},
	{cobra, []string{"./cmd/trialtag"}},
	{bleve, []string{"./index"}},
}

// ---- the checker ----

// graph is an import graph: each package's direct imports.
type graph struct {
	imports map[string][]string
	std     func(path string) bool
	own     []string // the module's packages, sorted
}

// expand turns a "./x" pattern into an import path pattern of the module.
func expand(pattern string) string {
	if rest, ok := strings.CutPrefix(pattern, "./"); ok {
		return module + "/" + rest
	}
	return pattern
}

// short writes a package of the module as "./x".
func short(path string) string {
	if rest, ok := strings.CutPrefix(path, module+"/"); ok {
		return "./" + rest
	}
	return path
}

func (g graph) matches(pattern, path string) bool {
	if pattern == "std" {
		return g.std(path)
	}
	pattern = expand(pattern)
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	return path == pattern
}

func (g graph) matchesAny(patterns []string, path string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool { return g.matches(p, path) })
}

// chains returns, for every package pkg depends on, the shortest import chain that leads
// there from pkg, and the dependencies in the order found (nearest first).
func (g graph) chains(pkg string) (map[string][]string, []string) {
	via := map[string][]string{pkg: {pkg}}
	var order []string
	queue := []string{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		imps := slices.Clone(g.imports[p])
		slices.Sort(imps)
		for _, imp := range imps {
			if _, seen := via[imp]; seen {
				continue
			}
			via[imp] = append(slices.Clone(via[p]), imp)
			order = append(order, imp)
			queue = append(queue, imp)
		}
	}
	return via, order
}

func chainString(chain []string) string {
	parts := make([]string, len(chain))
	for i, p := range chain {
		parts[i] = short(p)
	}
	return strings.Join(parts, " → ")
}

// checkRule returns every way the graph breaks r.
func checkRule(g graph, r rule) []string {
	pkg := expand(r.pkg)
	if !slices.Contains(g.own, pkg) {
		if r.optional {
			return nil
		}
		return []string{r.pkg + ": package not found (if it moved, update the policy)"}
	}
	var out []string
	for _, imp := range g.imports[pkg] {
		switch {
		case len(r.mayImport) > 0 && !g.matchesAny(r.mayImport, imp):
			out = append(out, r.pkg+" may not import "+short(imp)+" (it may import: "+strings.Join(r.mayImport, ", ")+")")
		case g.matchesAny(r.neverDirect, imp):
			out = append(out, r.pkg+" may not import "+short(imp)+" itself")
		}
	}
	via, order := g.chains(pkg)
	for _, pattern := range r.never {
		for _, dep := range order {
			if g.matches(pattern, dep) {
				out = append(out, r.pkg+" must never depend on "+pattern+", but does: "+chainString(via[dep]))
				break // the nearest one is enough
			}
		}
	}
	return out
}

// checkExclusive returns every package of the module that imports e.dep but is not allowed to.
func checkExclusive(g graph, e exclusive) []string {
	var out []string
	for _, pkg := range g.own {
		if g.matchesAny(e.importers, pkg) {
			continue
		}
		for _, imp := range g.imports[pkg] {
			if g.matches(e.dep, imp) {
				out = append(out, short(pkg)+" imports "+short(imp)+", which only "+strings.Join(e.importers, ", ")+" may import")
			}
		}
	}
	return out
}

// check returns every way the graph breaks the policy.
func check(g graph, policy []rule, exclusives []exclusive) []string {
	var out []string
	for _, r := range policy {
		out = append(out, checkRule(g, r)...)
	}
	for _, e := range exclusives {
		out = append(out, checkExclusive(g, e)...)
	}
	return out
}

// ---- the module's real graph ----

// moduleRoot walks up from the working folder to the folder that holds go.mod.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod in the working folder or above it")
		}
		dir = parent
	}
}

// modulePath reads the module path from go.mod.
func modulePath(tb testing.TB, root string) string {
	tb.Helper()
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	tb.Fatal("go.mod names no module")
	return ""
}

// goPackage is what the test reads of "go list -json".
type goPackage struct {
	ImportPath string
	Imports    []string
	Standard   bool
	DepOnly    bool
	Error      *struct{ Err string }
	Module     *struct{ Path string }
}

// loadGraph runs "go list -deps" over the module's packages.
func loadGraph(tb testing.TB, goTool, root string) graph {
	tb.Helper()
	cmd := exec.CommandContext(tb.Context(), goTool, "list", "-e", "-deps",
		"-json=ImportPath,Imports,Standard,DepOnly,Error,Module", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	g := graph{imports: map[string][]string{}}
	std := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			tb.Fatalf("reading go list output: %v", err)
		}
		g.imports[p.ImportPath] = p.Imports
		std[p.ImportPath] = p.Standard
		if p.Error != nil {
			tb.Errorf("go list: %s: %s (its imports cannot be checked)", p.ImportPath, p.Error.Err)
		}
		if !p.DepOnly && p.Module != nil && p.Module.Path == module {
			g.own = append(g.own, p.ImportPath)
		}
	}
	slices.Sort(g.own)
	g.std = func(path string) bool { return std[path] }
	if len(g.own) == 0 {
		tb.Fatalf("go list found no packages of %s", module)
	}
	return g
}

func TestImportDirection(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	root := moduleRoot(t)
	if got := modulePath(t, root); got != module {
		t.Fatalf("go.mod names module %q; this test's policy is written for %q", got, module)
	}
	g := loadGraph(t, goTool, root)
	t.Logf("checked packages: %v", g.own)
	for _, r := range policy {
		t.Run(strings.TrimPrefix(r.pkg, "./"), func(t *testing.T) {
			if r.optional && !slices.Contains(g.own, expand(r.pkg)) {
				t.Skipf("%s does not exist yet; its rule applies once it does", r.pkg)
			}
			for _, v := range checkRule(g, r) {
				t.Error(v)
			}
		})
	}
	for _, e := range exclusives {
		t.Run("only "+strings.Join(e.importers, ", ")+" imports "+e.dep, func(t *testing.T) {
			for _, v := range checkExclusive(g, e) {
				t.Error(v)
			}
		})
	}
}

// ---- the checker on made-up graphs ----

// fakeGraph builds a graph from imports written with "./x" for the module's packages. A path
// is standard when its first element has no dot.
func fakeGraph(imports map[string][]string) graph {
	g := graph{imports: map[string][]string{}, std: func(path string) bool {
		first, _, _ := strings.Cut(path, "/")
		return !strings.Contains(first, ".")
	}}
	for pkg, imps := range imports {
		full := expand(pkg)
		for _, imp := range imps {
			g.imports[full] = append(g.imports[full], expand(imp))
		}
		if strings.HasPrefix(pkg, "./") {
			g.own = append(g.own, full)
		}
	}
	slices.Sort(g.own)
	return g
}

// cleanImports is a made-up module that keeps the policy, shaped like the real one.
func cleanImports() map[string][]string {
	return map[string][]string{
		"./corpus":           {"fmt", "os", "github.com/jdkato/prose/v3/segment", "golang.org/x/net/html"},
		"./classifier":       {"fmt", "regexp", "./corpus", "./internal/yamlpos", "go.yaml.in/yaml/v3"},
		"./rules":            {"embed"},
		"./internal/yamlpos": {"bytes", "go.yaml.in/yaml/v3"},
		"./saved":            {"fmt", "./classifier", "./index", "./internal/yamlpos", "go.yaml.in/yaml/v3"},
		"./index":            {"fmt", "./corpus", "./classifier", "github.com/blevesearch/bleve/v2"},
		"./cmd/trialtag": {"fmt", "os", "./corpus", "./classifier", "./rules", "./index",
			"github.com/spf13/viper", "github.com/spf13/cobra"},
		"./internal/shareddata":              {"os", "testing"},
		"./internal/evaluate":                {"fmt", "regexp", "./corpus", "./classifier"},
		"./export":                           {"encoding/xml", "os", "./corpus", "./classifier"},
		"./internal/pipeline":                {"context", "iter", "runtime", "sync"},
		"./internal/watch":                   {"context", "os", "time"},
		"github.com/jdkato/prose/v3/segment": {"gopkg.in/neurosnap/sentences.v1"},
		"gopkg.in/neurosnap/sentences.v1":    {"encoding/json"},
		"golang.org/x/net/html":              {"golang.org/x/net/html/atom", "io"},
		"github.com/blevesearch/bleve/v2":    {"expvar", "github.com/blevesearch/bleve_index_api"},
		"expvar":                             {"net/http"},
		"github.com/spf13/viper":             {"github.com/spf13/pflag", "os"},
		"github.com/spf13/cobra":             {"github.com/spf13/pflag"},
	}
}

func TestCheckerCatchesViolations(t *testing.T) {
	tests := []struct {
		name string
		edit func(imports map[string][]string)
		// want are substrings that must each appear in some violation; none: no violations.
		want []string
	}{
		{name: "clean module", edit: func(map[string][]string) {}},
		{name: "no index yet", edit: func(m map[string][]string) { delete(m, "./index") }},
		{
			name: "corpus imports classifier",
			edit: func(m map[string][]string) { m["./corpus"] = append(m["./corpus"], "./classifier") },
			want: []string{"./corpus may not import ./classifier", "./corpus must never depend on ./classifier/..., but does: ./corpus → ./classifier"},
		},
		{
			name: "corpus imports an unlisted third-party package",
			edit: func(m map[string][]string) { m["./corpus"] = append(m["./corpus"], "github.com/other/lib") },
			want: []string{"./corpus may not import github.com/other/lib"},
		},
		{
			name: "corpus reaches net/http through a dependency",
			edit: func(m map[string][]string) {
				m["golang.org/x/net/html"] = append(m["golang.org/x/net/html"], "net/http")
			},
			want: []string{"./corpus must never depend on net/http/..., but does: ./corpus → golang.org/x/net/html → net/http"},
		},
		{
			name: "corpus reaches the index through a dependency",
			edit: func(m map[string][]string) {
				m["./corpus"] = append(m["./corpus"], "./internal/shareddata")
				m["./internal/shareddata"] = append(m["./internal/shareddata"], "./index")
			},
			want: []string{
				"./corpus may not import ./internal/shareddata",
				"./corpus must never depend on ./index/..., but does: ./corpus → ./internal/shareddata → ./index",
				"./corpus must never depend on ./classifier/...",
			},
		},
		{
			name: "classifier runs programs",
			edit: func(m map[string][]string) { m["./classifier"] = append(m["./classifier"], "os/exec") },
			want: []string{"./classifier must never depend on os/exec"},
		},
		{
			name: "classifier imports the built-in rules",
			edit: func(m map[string][]string) { m["./classifier"] = append(m["./classifier"], "./rules") },
			want: []string{"./classifier may not import ./rules", "./classifier must never depend on ./rules/..."},
		},
		{
			name: "classifier imports viper",
			edit: func(m map[string][]string) { m["./classifier"] = append(m["./classifier"], "github.com/spf13/viper") },
			want: []string{
				"./classifier may not import github.com/spf13/viper",
				"./classifier must never depend on github.com/spf13/viper/...",
				"./classifier imports github.com/spf13/viper, which only ./cmd/trialtag may import",
			},
		},
		{
			name: "rules imports more than embed",
			edit: func(m map[string][]string) { m["./rules"] = append(m["./rules"], "fmt") },
			want: []string{"./rules may not import fmt"},
		},
		{
			name: "index imports the command",
			edit: func(m map[string][]string) { m["./index"] = append(m["./index"], "./cmd/trialtag") },
			want: []string{"./index may not import ./cmd/trialtag", "./index must never depend on ./cmd/..."},
		},
		{
			name: "index serves HTTP itself",
			edit: func(m map[string][]string) { m["./index"] = append(m["./index"], "net/http") },
			want: []string{"./index may not import net/http itself"},
		},
		{
			name: "evaluate reads the index",
			edit: func(m map[string][]string) { m["./internal/evaluate"] = append(m["./internal/evaluate"], "./index") },
			want: []string{"./internal/evaluate may not import ./index", "./internal/evaluate must never depend on ./index/..."},
		},
		{
			name: "export reads the index",
			edit: func(m map[string][]string) { m["./export"] = append(m["./export"], "./index") },
			want: []string{"./export may not import ./index", "./export must never depend on ./index/..."},
		},
		{
			name: "another package imports cobra",
			edit: func(m map[string][]string) {
				m["./internal/cli"] = []string{"github.com/spf13/cobra/doc"}
			},
			want: []string{"./internal/cli imports github.com/spf13/cobra/doc, which only ./cmd/trialtag may import"},
		},
		{
			name: "corpus is gone",
			edit: func(m map[string][]string) { delete(m, "./corpus") },
			want: []string{"./corpus: package not found"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imports := cleanImports()
			tt.edit(imports)
			got := check(fakeGraph(imports), policy, exclusives)
			if len(tt.want) == 0 && len(got) > 0 {
				t.Errorf("violations in a module that keeps the policy:\n%s", strings.Join(got, "\n"))
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, w) }) {
					t.Errorf("no violation says %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

func TestPatterns(t *testing.T) {
	g := fakeGraph(nil)
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"std", "net/http", true},
		{"std", "golang.org/x/net/html", false},
		{"std", module + "/corpus", false},
		{"./corpus", module + "/corpus", true},
		{"./corpus", module + "/corpus/sub", false},
		{"./corpus", module + "/corpusx", false},
		{"./cmd/...", module + "/cmd", true},
		{"./cmd/...", module + "/cmd/trialtag", true},
		{"./cmd/...", module + "/cmdline", false},
		{"net/http/...", "net/http", true},
		{"net/http/...", "net/http/httptest", true},
		{"net/http/...", "net/httpx", false},
		{"net/http/...", "vendor/golang.org/x/net/http/httpguts", false},
		{"golang.org/x/net/html/...", "golang.org/x/net/html/atom", true},
		{"golang.org/x/net/html/...", "golang.org/x/net/http2", false},
		{"embed", "embed", true},
		{"embed", "embedx", false},
	}
	for _, tt := range tests {
		if got := g.matches(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matches(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
	// Every "./x" package of the policy is written without a trailing slash or "..." of its own.
	for _, r := range policy {
		if !strings.HasPrefix(r.pkg, "./") || strings.HasSuffix(r.pkg, "/") || strings.Contains(r.pkg, "...") {
			t.Errorf("policy package %q: write it as ./folder", r.pkg)
		}
	}
}
