package evaluate

import (
	"sync"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

var (
	defaultOnce sync.Once
	defaultC    *classifier.Classifier
	defaultErr  error
)

// defaultClassifier returns a classifier with the built-in rules, built once.
func defaultClassifier(tb testing.TB) *classifier.Classifier {
	tb.Helper()
	defaultOnce.Do(func() {
		rs, err := classifier.Load(rules.FS)
		if err != nil {
			defaultErr = err
			return
		}
		sp, err := corpus.NewSplitter()
		if err != nil {
			defaultErr = err
			return
		}
		defaultC, defaultErr = classifier.New(rs, sp)
	})
	if defaultErr != nil {
		tb.Fatalf("default rules: %v", defaultErr)
	}
	return defaultC
}

// tag tags text as the document id with the built-in rules.
func tag(tb testing.TB, id, text string) *classifier.Result {
	tb.Helper()
	return defaultClassifier(tb).Tag(&corpus.Document{ID: id, Text: text})
}
