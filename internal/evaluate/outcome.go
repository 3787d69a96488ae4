package evaluate

import (
	"sort"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// EvidenceTag is one tag shown as evidence for a false positive or negative, with where it
// stands.
type EvidenceTag struct {
	Sentence int            `json:"sentence"`
	Section  corpus.Section `json:"section"`
	Facet    string         `json:"facet"`
	Value    string         `json:"value"`
	Status   string         `json:"status"`
	Cue      string         `json:"cue,omitempty"`
	Rule     string         `json:"rule"`
	Start    int            `json:"start"`
	End      int            `json:"end"`
	Text     string         `json:"text"`
	// Snippet is the sentence, trimmed, with the tag's span [marked].
	Snippet string `json:"snippet"`
}

func newEvidenceTag(s classifier.Sentence, t classifier.Tag) EvidenceTag {
	return EvidenceTag{Sentence: s.Index, Section: s.Section, Facet: t.Facet, Value: t.Value, Status: t.Status,
		Cue: t.Cue, Rule: t.Rule, Start: t.Start, End: t.End, Text: t.Text, Snippet: MarkedSnippet(s.Sentence, t.Start, t.End)}
}

// facetProducers returns the tags of res that give its facet the value (classifier's
// Result.Producers) as evidence, never nil.
func facetProducers(res *classifier.Result, facet, value string) []EvidenceTag {
	out := []EvidenceTag{}
	if res == nil {
		return out
	}
	for _, ta := range res.Producers(facet, value) {
		out = append(out, newEvidenceTag(*ta.Sentence, ta.Tag))
	}
	return out
}

// tagsOfFacet returns every tag of facet in res, in any section and with any status, never nil.
func tagsOfFacet(res *classifier.Result, facet string) []EvidenceTag {
	out := []EvidenceTag{}
	if res == nil {
		return out
	}
	for _, s := range res.Sentences {
		for _, t := range s.Tags {
			if t.Facet == facet {
				out = append(out, newEvidenceTag(s, t))
			}
		}
	}
	return out
}

// FPEvidence is a false positive with the tags that produced the value.
type FPEvidence struct {
	Mismatch
	Tags []EvidenceTag `json:"tags"`
}

// FNEvidence is a false negative with every tag of its facet in that document.
type FNEvidence struct {
	Mismatch
	FacetTags []EvidenceTag `json:"facet_tags"`
}

// Outcome is an evaluation of tagged documents against a gold standard, with the evidence
// behind every error: what "trialtag eval --json" prints.
type Outcome struct {
	// Gold names the gold standard (the CLI's gold file); [Evaluate] leaves it empty.
	Gold   string `json:"gold"`
	Report Report `json:"report"`
	// Ignored lists the ids of documents that are not in the gold standard; [Evaluate] leaves
	// it empty (never nil): the caller knows which documents it did not tag.
	Ignored        []string     `json:"ignored"`
	FalsePositives []FPEvidence `json:"false_positives"`
	FalseNegatives []FNEvidence `json:"false_negatives"`
	MinF1          *float64     `json:"min_f1,omitempty"`
	// BelowMinF1 lists the checked facets whose F1 is below MinF1, in the order checked.
	BelowMinF1 []string `json:"below_min_f1"`
	// NotChecked lists the checked facets that the report does not score (not in the gold).
	NotChecked []string `json:"-"`
	// Incidence scores the incidence tuples of the documents whose gold record has an
	// "incidence" list; nil when none has ([ReadGoldIncidence], [ScoreIncidence]).
	Incidence *IncidenceReport `json:"incidence,omitempty"`
}

// Evaluate scores the facets of results (tagged documents by id) against gold over every
// gold id, with [Compare]. Only the facets the gold names ([GoldFacets]) are predicted; a
// gold id with no result counts as a document with no values. For every false positive it
// gives the tags that produced the value, for every false negative the facet's tags in that
// document. With minF1 set, each facet of checked whose F1 is below it is in BelowMinF1
// (and a checked facet the gold does not score in NotChecked).
func Evaluate(gold map[string]map[string][]string, results map[string]*classifier.Result, checked []string, minF1 *float64) Outcome {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	goldFacets := GoldFacets(gold)
	predicted := make(map[string]map[string][]string, len(results))
	for id, res := range results {
		if res == nil {
			continue
		}
		p := map[string][]string{}
		for _, f := range goldFacets {
			if vals, ok := res.Facets[f]; ok {
				p[f] = vals
			}
		}
		predicted[id] = p
	}
	rep := Compare(gold, predicted, ids)
	out := Outcome{Report: rep, Ignored: []string{}, FalsePositives: []FPEvidence{}, FalseNegatives: []FNEvidence{},
		BelowMinF1: []string{}}
	for _, m := range rep.FalsePositives {
		out.FalsePositives = append(out.FalsePositives, FPEvidence{m, facetProducers(results[m.Doc], m.Facet, m.Value)})
	}
	for _, m := range rep.FalseNegatives {
		out.FalseNegatives = append(out.FalseNegatives, FNEvidence{m, tagsOfFacet(results[m.Doc], m.Facet)})
	}
	if minF1 != nil {
		threshold := *minF1
		out.MinF1 = &threshold
		for _, name := range checked {
			fs, ok := rep.Facet(name)
			if !ok {
				out.NotChecked = append(out.NotChecked, name)
				continue
			}
			if fs.F1 < threshold {
				out.BelowMinF1 = append(out.BelowMinF1, name)
			}
		}
	}
	return out
}
