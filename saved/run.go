package saved

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
)

// Saved returns the searches of f as the index takes them, in file order.
func (f *File) Saved() []index.SavedSearch {
	out := make([]index.SavedSearch, len(f.Searches))
	for i, s := range f.Searches {
		out[i] = s.SavedSearch
	}
	return out
}

// Lookup returns the search of f with this name.
func (f *File) Lookup(name string) (*Search, bool) {
	for _, s := range f.Searches {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// Percolator reads every search of f with interp, within lim (nil: index.DefaultLimits),
// and returns the [index.Percolator] that runs them. A search that cannot run (an unknown
// facet, a bad filter, a query over a limit) is an *[Error] at the position of its query or
// filter; every one is reported, joined.
func (f *File) Percolator(interp *index.Interpreter, lim *index.Limits) (*index.Percolator, error) {
	p, err := index.NewPercolator(interp, f.Saved(), lim)
	if err == nil {
		return p, nil
	}
	var list []error
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	} else {
		list = []error{err}
	}
	out := make([]error, 0, len(list))
	for _, e := range list {
		var se *index.SearchError
		if !errors.As(e, &se) {
			out = append(out, e)
			continue
		}
		s, ok := f.Lookup(se.Search)
		if !ok {
			out = append(out, e)
			continue
		}
		pos := s.queryPos
		if se.Part == index.PartFilter && se.Item < len(s.filterPos) {
			pos = s.filterPos[se.Item]
		} else if se.Part == index.PartName {
			pos = s.Pos
		}
		out = append(out, &Error{Pos: pos, Search: s.Name, Err: cleanQueryError(se.Err)})
	}
	sortErrors(out)
	return nil, errors.Join(out...)
}

// cleanQueryError drops the sentinel's words from an index error: in a file, "bad query: "
// says nothing the position does not.
func cleanQueryError(err error) error {
	msg := strings.Replace(err.Error(), index.ErrBadQuery.Error()+": ", "", 1)
	return &queryError{msg: msg, err: err}
}

type queryError struct {
	msg string
	err error
}

func (e *queryError) Error() string { return e.msg }
func (e *queryError) Unwrap() error { return e.err }

// ExampleResult is the outcome of one example of a saved search.
type ExampleResult struct {
	Search string `json:"search"`
	Example
	Passed bool `json:"passed"`
	// Match is what the search matched in the example, when it matched.
	Match *index.Match `json:"match,omitempty"`
}

// Problem says why a failed example failed, or "" when it passed.
func (r ExampleResult) Problem() string {
	switch {
	case r.Passed:
		return ""
	case r.Example.Match:
		return "must match, but does not"
	}
	var parts []string
	if r.Match != nil {
		for _, f := range r.Match.Filters {
			parts = append(parts, f.Filter)
		}
		if r.Match.Text != nil && len(r.Match.Text.Terms) > 0 {
			parts = append(parts, "words "+strings.Join(r.Match.Text.Terms, ", "))
		}
	}
	if len(parts) == 0 {
		return "must not match, but does"
	}
	return "must not match, but does (" + strings.Join(parts, "; ") + ")"
}

// Test runs every example of f: it tags the example as a document of its own with c (its
// title, date, journal and publication types as a JSON Lines record gives them) and
// percolates it against its search alone with p, which must have been built from f. It
// returns one result per example, in file order.
func (f *File) Test(ctx context.Context, p *index.Percolator, c *classifier.Classifier) ([]ExampleResult, error) {
	var out []ExampleResult
	for _, s := range f.Searches {
		one := p.Only(s.Name)
		if one == nil {
			return nil, fmt.Errorf("testing saved search %s: the percolator does not run it", s.Name)
		}
		for _, ex := range s.Examples {
			doc, err := exampleDocument(ctx, s.Name, ex)
			if err != nil {
				return nil, err
			}
			ms, err := one.Percolate(ctx, []*classifier.Result{c.Tag(doc)})
			if err != nil {
				return nil, fmt.Errorf("testing saved search %s at %s: %w", s.Name, ex.Pos, err)
			}
			r := ExampleResult{Search: s.Name, Example: ex}
			if len(ms) > 0 {
				r.Match = &ms[0]
			}
			r.Passed = (r.Match != nil) == ex.Match
			out = append(out, r)
		}
	}
	return out, nil
}

// exampleDocument reads an example as a JSON Lines record of `trialtag tag`, so that its
// title and metadata are placed and normalised as a real record's are.
func exampleDocument(ctx context.Context, search string, ex Example) (*corpus.Document, error) {
	rec := map[string]any{"id": search, "text": ex.Text}
	for k, v := range map[string]string{"title": ex.Title, "date": ex.Date, "journal": ex.Journal} {
		if v != "" {
			rec[k] = v
		}
	}
	if len(ex.PublicationTypes) > 0 {
		rec["publication_types"] = ex.PublicationTypes
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("example at %s: %w", ex.Pos, err)
	}
	var doc *corpus.Document
	opts := corpus.Options{Stdin: strings.NewReader(string(line) + "\n")}
	for d, err := range corpus.Load(ctx, []string{"-"}, opts) {
		if err != nil {
			return nil, fmt.Errorf("example at %s: %w", ex.Pos, err)
		}
		doc = d
	}
	if doc == nil {
		return nil, fmt.Errorf("example at %s: no document", ex.Pos)
	}
	doc.Source = ex.Pos.String()
	return doc, nil
}
