// Package testrules gives tests the classifier of the built-in rules, compiled once per test
// binary. It is for _test.go files only: the classifier is shared by every test of a
// package, which is safe because a Classifier is immutable and safe for concurrent use.
package testrules

import (
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
