package evaluate

import (
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// defaultClassifier returns the classifier of the built-in rules.
func defaultClassifier(tb testing.TB) *classifier.Classifier { return testrules.Default(tb) }

// tag tags text as the document id with the built-in rules.
func tag(tb testing.TB, id, text string) *classifier.Result {
	tb.Helper()
	return defaultClassifier(tb).Tag(&corpus.Document{ID: id, Text: text})
}
