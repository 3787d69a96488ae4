package evaluate

import (
	"slices"
	"sort"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// DiffTag is a tag gained, lost or changed in status between two rule sets.
type DiffTag struct {
	Doc      string         `json:"doc"`
	Sentence int            `json:"sentence"`
	Section  corpus.Section `json:"section"`
	Facet    string         `json:"facet"`
	Value    string         `json:"value"`
	Status   string         `json:"status"`
	// OldStatus is the status with the base rules, for a changed status.
	OldStatus string `json:"old_status,omitempty"`
	Cue       string `json:"cue,omitempty"`
	// Rule made the tag: with the base rules for a lost tag, with the new rules otherwise.
	Rule    string `json:"rule"`
	OldRule string `json:"old_rule,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// Snippet is the sentence, trimmed, with the tag's span [marked].
	Snippet string `json:"snippet"`
}

// DiffFacet is a document facet whose values changed.
type DiffFacet struct {
	Doc     string   `json:"doc"`
	Facet   string   `json:"facet"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// DocDiff is what changed in one document between two rule sets.
type DocDiff struct {
	// Gained and Lost are tags only the new or only the base rules made; Changed are tags both
	// made with another status. Each is in sentence order.
	Gained  []DiffTag `json:"gained"`
	Lost    []DiffTag `json:"lost"`
	Changed []DiffTag `json:"changed"`
	// Facets lists the facets whose values changed, in display order (see [classifier.SortFacetNames]).
	Facets []DiffFacet `json:"facets"`
}

// diffTagKey identifies a tag within a document apart from its status: the classifier keeps one
// tag per sentence, facet, value and span.
type diffTagKey struct {
	sentence   int
	facet      string
	value      string
	start, end int
}

// Diff compares one document tagged with the base rules (oldRes) and the new rules (newRes);
// both must be tagged from the same sentences (as [classifier.Classifier.TagSentences] does
// with one split). Tags are matched by sentence, facet, value and span.
func Diff(oldRes, newRes *classifier.Result) DocDiff {
	var d DocDiff
	doc := newRes.Document.ID
	type located struct {
		s classifier.Sentence
		t classifier.Tag
	}
	index := func(r *classifier.Result) (map[diffTagKey]located, []diffTagKey) {
		m := map[diffTagKey]located{}
		var order []diffTagKey
		for _, s := range r.Sentences {
			for _, t := range s.Tags {
				k := diffTagKey{s.Index, t.Facet, t.Value, t.Start, t.End}
				if _, dup := m[k]; !dup {
					order = append(order, k)
				}
				m[k] = located{s, t}
			}
		}
		return m, order
	}
	change := func(l located) DiffTag {
		return DiffTag{Doc: doc, Sentence: l.s.Index, Section: l.s.Section, Facet: l.t.Facet, Value: l.t.Value,
			Status: l.t.Status, Cue: l.t.Cue, Rule: l.t.Rule, Start: l.t.Start, End: l.t.End, Text: l.t.Text,
			Snippet: MarkedSnippet(l.s.Sentence, l.t.Start, l.t.End)}
	}
	oldTags, oldOrder := index(oldRes)
	newTags, newOrder := index(newRes)
	for _, k := range oldOrder {
		if _, ok := newTags[k]; !ok {
			d.Lost = append(d.Lost, change(oldTags[k]))
		}
	}
	for _, k := range newOrder {
		n := newTags[k]
		o, ok := oldTags[k]
		switch {
		case !ok:
			d.Gained = append(d.Gained, change(n))
		case o.t.Status != n.t.Status:
			c := change(n)
			c.OldStatus = o.t.Status
			if o.t.Rule != n.t.Rule {
				c.OldRule = o.t.Rule
			}
			d.Changed = append(d.Changed, c)
		}
	}
	facets := map[string]bool{}
	for f := range oldRes.Facets {
		facets[f] = true
	}
	for f := range newRes.Facets {
		facets[f] = true
	}
	names := make([]string, 0, len(facets))
	for f := range facets {
		names = append(names, f)
	}
	classifier.SortFacetNames(names)
	for _, f := range names {
		added := valuesNotIn(newRes.Facets[f], oldRes.Facets[f])
		removed := valuesNotIn(oldRes.Facets[f], newRes.Facets[f])
		if len(added)+len(removed) > 0 {
			d.Facets = append(d.Facets, DiffFacet{Doc: doc, Facet: f, Added: added, Removed: removed})
		}
	}
	return d
}

// valuesNotIn returns the values of a that are not in b, in a's order (never nil).
func valuesNotIn(a, b []string) []string {
	out := []string{}
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// SortChangesByRule orders changes by rule id, then facet, keeping input order within each.
func SortChangesByRule(l []DiffTag) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Rule != l[j].Rule {
			return l[i].Rule < l[j].Rule
		}
		return l[i].Facet < l[j].Facet
	})
}
