package classifier_test

import (
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// tagText tags text as a document of its own.
func tagText(tb testing.TB, text string) *classifier.Result {
	tb.Helper()
	return testrules.Default(tb).Tag(&corpus.Document{ID: "t", Text: text, Source: "test"})
}

// allTags lists every tag of a result.
func allTags(r *classifier.Result) []classifier.Tag {
	var out []classifier.Tag
	for _, s := range r.Sentences {
		out = append(out, s.Tags...)
	}
	return out
}
