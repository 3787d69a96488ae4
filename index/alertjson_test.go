package index

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestAlertJSONIsEncodingJSON holds the alert log's encoder to encoding/json, byte for
// byte: on every alert the percolation tests produce, and on alerts with every kind of
// string, empty and missing part.
func TestAlertJSONIsEncodingJSON(t *testing.T) {
	c := testrules.Default(t)
	p, err := NewPercolator(NewInterpreter(c), percolationSearches, nil)
	if err != nil {
		t.Fatal(err)
	}
	var results []*classifier.Result
	for _, d := range percolationDocs(t) {
		results = append(results, c.Tag(d))
	}
	matches, err := p.Percolate(context.Background(), results)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 12, 1, 15, 4, 5, 123456789, time.UTC)
	var alerts []Alert
	for i, m := range matches {
		alerts = append(alerts, Alert{Time: when.Add(time.Duration(i) * time.Millisecond), Match: m, Query: "q", Title: "T", Source: "s", Hash: "h", Change: ChangeAdded})
	}
	if len(alerts) < 50 {
		t.Fatalf("only %d alerts to compare", len(alerts))
	}
	odd := "quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f nul \x00 esc \x1b <b>&amp;</b> \u2028 \u2029 bad \xff\xfe é ≥3 😀"
	alerts = append(alerts,
		Alert{},
		Alert{Time: when.In(time.FixedZone("X", 3600)), Match: Match{Search: odd, Document: odd, Filters: []FilterMatch{}, Sentences: []MatchSentence{}}},
		Alert{Time: when, Match: Match{Search: "s", Document: "d",
			Filters:   []FilterMatch{{Filter: odd, Text: odd, Sentences: []int{0, 7}}, {Filter: "x"}},
			Text:      &TextMatch{Query: odd, Terms: []string{odd, ""}, Sentences: []int{3}},
			Sentences: []MatchSentence{{Index: 1, Section: "results", Start: 5, End: 9, Text: odd}, {Text: ""}}},
			Query: odd, Title: odd, Source: odd, Hash: odd, Change: odd},
		Alert{Time: when, Match: Match{Text: &TextMatch{}}},
		Alert{Time: time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC)},
	)
	for i := range alerts {
		want, err := json.Marshal(&alerts[i])
		if err != nil {
			want = []byte("null")
		}
		if got := appendAlertJSON(nil, &alerts[i]); !bytes.Equal(got, want) {
			t.Errorf("alert %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// BenchmarkAlertJSON compares the alert log's encoder with encoding/json.
func BenchmarkAlertJSON(b *testing.B) {
	a := Alert{Time: time.Now().UTC(), Match: Match{Search: "severe-crs", Document: "NCT01234567",
		Filters:   []FilterMatch{{Filter: "crs_grade=≥3", Text: "grade ≥3 CRS", Sentences: []int{4, 9}}},
		Text:      &TextMatch{Query: "tocilizumab steroids", Terms: []string{"steroids"}, Sentences: []int{9}},
		Sentences: []MatchSentence{{Index: 4, Section: "results", Start: 400, End: 520, Text: "Grade 3 CRS occurred in two of twelve patients and resolved after tocilizumab and steroids."}}},
		Query: "grade ≥3 CRS tocilizumab steroids", Title: "A made-up phase 1 trial of CD19 CAR-T cells", Source: "trials.jsonl:12", Hash: "0123456789abcdef0123456789abcdef", Change: ChangeAdded}
	b.Run("append", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = appendAlertJSON(buf[:0], &a)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(&a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
