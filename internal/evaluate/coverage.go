package evaluate

import (
	"regexp"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// coverageTopics are the keyword groups of near misses, each with the facets whose tags
// cover it.
var coverageTopics = []struct {
	name   string
	re     *regexp.Regexp
	facets []string
}{
	{"crs", regexp.MustCompile(`(?i)cytokine[- ]release|\bCRS\b`), []string{"crs", "crs_grade"}},
	{"icans", regexp.MustCompile(`(?i)\bICANS\b|neurotox|\bCRES\b`), []string{"icans", "icans_grade"}},
	{"remission", regexp.MustCompile(`(?i)remission|\bDORIS\b|\bLLDAS\b|\bSRI-?4\b|\bBICLA\b|renal response|complete response|partial response|\bMRD\b`),
		[]string{"remission"}},
}

// NearMiss is a sentence that names a topic (crs, icans, remission) by keyword and has no tag
// of its facets.
type NearMiss struct {
	Doc      string         `json:"doc"`
	Sentence int            `json:"sentence"`
	Section  corpus.Section `json:"section"`
	Topic    string         `json:"topic"`
	Keyword  string         `json:"keyword"`
	Text     string         `json:"text"`
	// Snippet is the sentence, trimmed, with the keyword [marked].
	Snippet string `json:"snippet"`
}

// DocCoverage is what one tagged document says about the rules' coverage.
type DocCoverage struct {
	// Fired counts the tags each rule (by id) made.
	Fired map[string]int `json:"fired"`
	// Sentences is how many sentences the document has.
	Sentences int `json:"sentences"`
	// NearMisses are in sentence order, topics in the order crs, icans, remission.
	NearMisses []NearMiss `json:"near_misses"`
}

// Cover counts the tags each rule made in res and finds its near misses: sentences outside
// page furniture and reference lists that mention CRS (facets crs, crs_grade), ICANS or
// neurotoxicity (icans, icans_grade) or a remission criterion (remission) by keyword and got
// no tag of those facets.
func Cover(res *classifier.Result) DocCoverage {
	dc := DocCoverage{Fired: map[string]int{}, Sentences: len(res.Sentences)}
	for _, s := range res.Sentences {
		facets := map[string]bool{}
		for _, t := range s.Tags {
			dc.Fired[t.Rule]++
			facets[t.Facet] = true
		}
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, topic := range coverageTopics {
			loc := topic.re.FindStringIndex(s.Text)
			if loc == nil {
				continue
			}
			covered := false
			for _, f := range topic.facets {
				covered = covered || facets[f]
			}
			if covered {
				continue
			}
			start, end := s.Start+loc[0], s.Start+loc[1]
			dc.NearMisses = append(dc.NearMisses, NearMiss{Doc: res.Document.ID, Sentence: s.Index, Section: s.Section,
				Topic: topic.name, Keyword: s.Text[loc[0]:loc[1]], Text: s.Text, Snippet: MarkedSnippet(s.Sentence, start, end)})
		}
	}
	return dc
}
