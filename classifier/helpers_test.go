package classifier_test

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

// defaultClassifier compiles the built-in rules once for the package's tests.
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

// tagText tags text as a document of its own.
func tagText(tb testing.TB, text string) *classifier.Result {
	tb.Helper()
	return defaultClassifier(tb).Tag(&corpus.Document{ID: "t", Text: text, Source: "test"})
}

// allTags lists every tag of a result.
func allTags(r *classifier.Result) []classifier.Tag {
	var out []classifier.Tag
	for _, s := range r.Sentences {
		out = append(out, s.Tags...)
	}
	return out
}
