package web

import (
	"strings"
	"sync"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
)

// rulesState is the rule set in force, swapped whole on a reload: everything derived from
// the rules (the query interpreter, the example results) lives here and goes with it.
type rulesState struct {
	c        *classifier.Classifier
	interp   *index.Interpreter // reads queries with c's rules
	loadedAt time.Time
	changes  *FileChanges // the files the reload that put c in force added, changed, removed
	// perc is the percolator of the saved searches, read with c's rules (nil without
	// saved searches), or percErr why they cannot be read with them.
	perc    *index.Percolator
	percErr error

	once     sync.Once
	examples map[string][]classifier.ExampleResult // by rule id, computed on first use
	passed   int
	failed   int
}

// newRulesState puts c in force with its query interpreter, and the saved searches read
// with it.
func (s *Server) newRulesState(c *classifier.Classifier) *rulesState {
	st := &rulesState{c: c, interp: index.NewInterpreter(c), loadedAt: time.Now()}
	if s.searches != nil {
		st.perc, st.percErr = s.searches.Percolator(st.interp, s.limits)
	}
	return st
}

// exampleResults runs the examples of the rules once per rule set.
func (st *rulesState) exampleResults() (map[string][]classifier.ExampleResult, int, int) {
	st.once.Do(func() {
		st.examples = map[string][]classifier.ExampleResult{}
		for _, r := range st.c.RunExamples() {
			st.examples[r.Rule] = append(st.examples[r.Rule], r)
			if r.Passed {
				st.passed++
			} else {
				st.failed++
			}
		}
	})
	return st.examples, st.passed, st.failed
}

// reloadError is the last failed reload of the rules.
type reloadError struct {
	err     error
	at      time.Time
	changes *FileChanges // the files the reload would have added, changed, removed
}

// RulesStatus describes the rules in force and the last failed reload, for /healthz and
// /api/rules.
type RulesStatus struct {
	// Source is where the rules come from: "built-in" or a folder.
	Source      string    `json:"source"`
	Fingerprint string    `json:"fingerprint"`
	Files       []string  `json:"files"`
	LoadedAt    time.Time `json:"loaded_at"`
	// Changes are the rule files that the reload which put these rules in force added,
	// changed and removed; absent for the rules the server started with.
	Changes *FileChanges `json:"changes,omitempty"`
	// Error is the last reload that failed or was refused since the rules in force were
	// loaded, one line per problem (file:line:col: message, or the examples that fail
	// without a removed file); the rules in force stay in force.
	Error    []string   `json:"error,omitempty"`
	FailedAt *time.Time `json:"failed_at,omitempty"`
	// Refused are the rule files that failed reload would have added, changed and removed.
	Refused *FileChanges `json:"refused,omitempty"`
}

// FileChanges are the rule files a reload adds, changes (in content) and removes, compared
// with the rules in force before it, by path inside the rules folder, sorted.
type FileChanges struct {
	Added   []string `json:"added"`
	Changed []string `json:"changed"`
	Removed []string `json:"removed"`
}

// RulesResponse is the JSON of GET /api/rules.
type RulesResponse struct {
	RulesStatus
	// Examples counts the examples inside the rules that pass and fail.
	Examples ExampleCounts `json:"examples"`
	Rules    []RuleInfo    `json:"rules"`
}

// ExampleCounts counts examples.
type ExampleCounts struct {
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// RuleInfo is one rule, its description and its examples with their outcome.
type RuleInfo struct {
	ID string `json:"id"`
	// Kind is vocabulary, pattern, cue, section, signal, document or incidence (Category
	// then says event or population).
	Kind        string `json:"kind"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Facet       string `json:"facet,omitempty"`
	Class       string `json:"class,omitempty"`
	Category    string `json:"category,omitempty"`
	Description string `json:"description"`
	// Pattern and Value are a pattern rule's pattern and the value it gives.
	Pattern string `json:"pattern,omitempty"`
	Value   string `json:"value,omitempty"`
	// Terms are a vocabulary's values with their surface forms; Phrases a cue group's.
	Terms   []classifier.TermGroup `json:"terms,omitempty"`
	Phrases []string               `json:"phrases,omitempty"`
	// Direction and Scope are a cue group's.
	Direction string `json:"direction,omitempty"`
	Scope     int    `json:"scope,omitempty"`
	// Sections and Facets are a section rule's.
	Sections []string      `json:"sections,omitempty"`
	Facets   []string      `json:"facets,omitempty"`
	Examples []ExampleInfo `json:"examples"`
	// Passed and Failed count the rule's examples.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// ExampleInfo is an example of a rule and whether the rule does what it says.
type ExampleInfo struct {
	Text   string   `json:"text"`
	Line   int      `json:"line"`
	Match  bool     `json:"match"`
	Values []string `json:"values,omitempty"`
	Status string   `json:"status,omitempty"`
	// Incidence is what an incidence rule's example must give ("crs_grade=2 3/11").
	Incidence string `json:"incidence,omitempty"`
	Passed    bool   `json:"passed"`
	// Got is what the rule produced on the text ("value (status)"); Msg what was expected
	// when the example failed.
	Got []string `json:"got"`
	Msg string   `json:"msg,omitempty"`
}

// errorLines splits an error into its lines, one problem per line.
func errorLines(err error) []string {
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rulesResponse describes the rule set of st.
func rulesResponse(status RulesStatus, st *rulesState) RulesResponse {
	byRule, passed, failed := st.exampleResults()
	out := RulesResponse{RulesStatus: status, Examples: ExampleCounts{passed, failed}, Rules: []RuleInfo{}}
	add := func(ri RuleInfo, examples []classifier.Example) {
		results := byRule[ri.ID]
		ri.Examples = make([]ExampleInfo, 0, len(examples))
		for i, ex := range examples {
			ei := ExampleInfo{Text: ex.Text, Line: ex.Line, Match: ex.Match, Values: ex.Values, Status: ex.Status, Incidence: ex.Incidence, Got: []string{}}
			// RunExamples reports a rule's examples in their order.
			if i < len(results) && results[i].Example.Text == ex.Text && results[i].Example.Line == ex.Line {
				r := results[i]
				ei.Passed, ei.Msg = r.Passed, r.Msg
				if r.Got != nil {
					ei.Got = r.Got
				}
			}
			if ei.Passed {
				ri.Passed++
			} else {
				ri.Failed++
			}
			ri.Examples = append(ri.Examples, ei)
		}
		out.Rules = append(out.Rules, ri)
	}
	rs := st.c.RuleSet()
	for _, v := range rs.Vocabularies {
		add(RuleInfo{ID: v.ID, Kind: "vocabulary", File: v.File, Line: v.Line, Facet: v.Facet, Class: v.Class,
			Description: v.Description, Terms: v.Terms}, v.Examples)
	}
	for _, p := range rs.Patterns {
		add(RuleInfo{ID: p.ID, Kind: "pattern", File: p.File, Line: p.Line, Facet: p.Facet,
			Description: p.Description, Pattern: p.Source, Value: p.Value}, p.Examples)
	}
	for _, cg := range rs.Cues {
		add(RuleInfo{ID: cg.ID, Kind: "cue", File: cg.File, Line: cg.Line, Category: cg.Category,
			Description: cg.Description, Phrases: cg.Phrases, Direction: cg.Direction, Scope: cg.Scope}, cg.Examples)
	}
	for _, sr := range rs.Sections {
		add(RuleInfo{ID: sr.ID, Kind: "section", File: sr.File, Line: sr.Line, Category: sr.Category,
			Description: sr.Description, Sections: sr.Sections, Facets: sr.Facets}, nil)
	}
	for _, sg := range rs.Signals {
		add(RuleInfo{ID: sg.ID, Kind: "signal", File: sg.File, Line: sg.Line, Category: sg.Category,
			Description: sg.Description, Pattern: sg.Source}, sg.Examples)
	}
	for _, d := range rs.Documents {
		add(RuleInfo{ID: d.ID, Kind: "document", File: d.File, Line: d.Line, Category: d.Category,
			Description: d.Description, Phrases: d.Phrases, Facets: d.Facets}, d.Examples)
	}
	for _, r := range rs.Incidence {
		add(RuleInfo{ID: r.ID, Kind: "incidence", File: r.File, Line: r.Line, Category: r.Kind,
			Description: r.Description, Pattern: r.Source}, r.Examples)
	}
	return out
}
