// Package testrules gives tests the classifier of the built-in rules, compiled once per test
// binary. It is for _test.go files only: the classifier is shared by every test of a
// package, which is safe because a Classifier is immutable and safe for concurrent use.
package testrules

import (
	"fmt"
	"io/fs"
	"sync"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

var (
	once sync.Once
	def  *classifier.Classifier
	err  error
)

// Default returns the classifier of the built-in rules (rules.FS) with the default
// splitter, compiling it on first use; a rule set that does not load fails tb.
func Default(tb testing.TB) *classifier.Classifier {
	tb.Helper()
	once.Do(func() {
		var rs *classifier.RuleSet
		rs, err = classifier.Load(rules.FS)
		if err != nil {
			return
		}
		var sp *corpus.Splitter
		sp, err = corpus.NewSplitter()
		if err != nil {
			return
		}
		def, err = classifier.New(rs, sp)
	})
	if err != nil {
		tb.Fatalf("default rules: %v", err)
	}
	return def
}

// Variant compiles the built-in rules anew as variant n: the rule files with a comment added,
// so that each n has its own fingerprint but tags exactly like [Default]. Tests use it for a
// rule set that was edited and reloaded. It shares Default's splitter, as a reload does.
func Variant(tb testing.TB, n int) *classifier.Classifier {
	tb.Helper()
	names, err := fs.Glob(rules.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		tb.Fatalf("built-in rule files: %v (%d files)", err, len(names))
	}
	srcs := make(map[string][]byte, len(names))
	for _, name := range names {
		if srcs[name], err = fs.ReadFile(rules.FS, name); err != nil {
			tb.Fatal(err)
		}
	}
	srcs[names[0]] = fmt.Appendf(srcs[names[0]], "\n# variant %d\n", n)
	rs, err := classifier.Parse(names, srcs)
	if err != nil {
		tb.Fatalf("rules variant %d: %v", n, err)
	}
	c, err := classifier.New(rs, Default(tb).Splitter())
	if err != nil {
		tb.Fatalf("rules variant %d: %v", n, err)
	}
	return c
}
