package index

import (
	"runtime"
	"slices"
	"testing"
	"weak"

	"github.com/trialtag/trialtag/internal/testrules"
)

func TestInterpret(t *testing.T) {
	f := func(facet, value string) Filter { return Filter{Facet: facet, Value: value} }
	tests := []struct {
		query   string
		filters []Filter
		text    string
		syntax  bool
	}{
		{"grade 2 CRS tocilizumab", []Filter{f("crs_grade", "2"), f("toxicity_treatment", "tocilizumab")}, "", false},
		{"no ICANS", []Filter{f("icans", "absent")}, "", false},
		{"DORIS remission BCMA", []Filter{f("remission", "DORIS"), f("antigen", "BCMA")}, "", false},
		{"no ICANS lupus nephritis", []Filter{f("icans", "absent"), f("disease", "lupus nephritis")}, "", false},
		// The treatment rule needs a toxicity nearby: a bare name comes from the vocabulary.
		{"tocilizumab", []Filter{f("toxicity_treatment", "tocilizumab")}, "", false},
		{"steroids", []Filter{f("toxicity_treatment", "corticosteroids")}, "", false},
		{"without neutropenia", []Filter{f("adverse_event", "neutropenia: absent")}, "", false},
		{"no high-grade CRS", []Filter{f("crs_grade", "3+/negated")}, "", false},
		// An event denied at some grades is no "infection: absent": the denial itself.
		{"no grade ≥3 infections", []Filter{f("adverse_event", "infection/negated")}, "", false},
		{"no fatal infections", []Filter{f("adverse_event", "infection/negated")}, "", false},
		{"no infections of grade 3 or higher", []Filter{f("adverse_event", "infection/negated")}, "", false},
		{"no life-threatening neutropenia", []Filter{f("adverse_event", "neutropenia/negated")}, "", false},
		{"no severe infections", []Filter{f("adverse_event", "infection/negated")}, "", false},
		{"no infections of CTCAE grade 3 or higher", []Filter{f("adverse_event", "infection/negated")}, "", false},
		{"no neutropenia grade 3-4", []Filter{f("adverse_event", "neutropenia/negated")}, "", false},
		{"no pediatric grade 3 infections", []Filter{f("adverse_event", "infection/negated")}, "pediatric", false},
		{"no neutropenia severe CRS", []Filter{f("crs_grade", "3+/negated"), f("adverse_event", "neutropenia: absent")}, "", false},
		{"no neutropenia was grade 3 or higher", []Filter{f("adverse_event", "neutropenia/negated")}, "", false},
		{"no neutropenia ≥ grade 3", []Filter{f("adverse_event", "neutropenia/negated")}, "", false},
		{"no neutropenia higher than grade 2", []Filter{f("adverse_event", "neutropenia/negated")}, "", false},
		{"grade ≥2 CRS", []Filter{f("crs_grade", "≥2")}, "", false},
		{"CAR-T outcomes in lupus", []Filter{f("disease", "SLE")}, "CAR-T outcomes", false},
		{"relapse", nil, "relapse", false},
		{"CD19 +", []Filter{f("antigen", "CD19")}, "", false},
		{"relapse - CD19", []Filter{f("antigen", "CD19")}, "relapse", false},
		{"the", nil, "the", false},
		{"", nil, "", false},
		{"+antigen:CD19 relapse", nil, "+antigen:CD19 relapse", true},
		{"-disease:lupus relapse", nil, "-disease:SLE relapse", true},
		{`+disease:"multiple myeloma" -toxicity_treatment:steroids`, nil, `+disease:"multiple myeloma" -toxicity_treatment:corticosteroids`, true},
		{"+disease:unknownthing text:lupus", nil, "+disease:unknownthing text:lupus", true},
		{`"complete response"`, nil, `"complete response"`, true},
	}
	interp := NewInterpreter(testrules.Default(t))
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, in := interp.Interpret(tt.query)
			if !slices.Equal(q.Filters, tt.filters) {
				t.Errorf("filters = %v, want %v", q.Filters, tt.filters)
			}
			if q.Text != tt.text || in.Text != tt.text {
				t.Errorf("text = %q (interpretation %q), want %q", q.Text, in.Text, tt.text)
			}
			if in.Syntax != tt.syntax {
				t.Errorf("syntax = %v, want %v", in.Syntax, tt.syntax)
			}
			if len(in.Filters) != len(q.Filters) {
				t.Fatalf("interpretation lists %d filters, query has %d", len(in.Filters), len(q.Filters))
			}
			for i, item := range in.Filters {
				if item.Filter != q.Filters[i] || item.Text == "" || item.Rule == "" {
					t.Errorf("interpretation item %d = %+v", i, item)
				}
			}
		})
	}
}

func TestInterpretShowsWhatItRead(t *testing.T) {
	_, in := Interpret(testrules.Default(t), "no ICANS after tocilizumab")
	var texts []string
	for _, f := range in.Filters {
		texts = append(texts, f.Text)
	}
	if !slices.Contains(texts, "no ICANS") {
		t.Errorf("interpretation texts = %q, want one to be %q", texts, "no ICANS")
	}
}

func TestIsQuerySyntax(t *testing.T) {
	for s, want := range map[string]bool{
		"grade 2 CRS":     false,
		"CD19+ B cells":   false,
		"phase 1/2":       false,
		"anti-CD19":       false,
		"+crs_grade:2":    true,
		"antigen:CD19":    true,
		`"no ICANS"`:      true,
		"CRS -ICANS":      true,
		"tocili*":         true,
		"tocilizumab~1":   true,
		"is it CRS?":      false,
		"grade ≥2 (n=12)": false,
	} {
		if got := IsQuerySyntax(s); got != want {
			t.Errorf("IsQuerySyntax(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParseFilter(t *testing.T) {
	for s, want := range map[string]Filter{
		"antigen=CD19":                      {Facet: "antigen", Value: "CD19"},
		"adverse_event=neutropenia: absent": {Facet: "adverse_event", Value: "neutropenia: absent"},
		"crs_grade=≥2":                      {Facet: "crs_grade", Value: "≥2"},
		"antigen!=BCMA":                     {Facet: "antigen", Value: "BCMA", Exclude: true},
		" disease = lupus nephritis ":       {Facet: "disease", Value: "lupus nephritis"},
		"year>= 2023":                       {Facet: "year", Value: ">=2023"},
		"crs_grade=< 2":                     {Facet: "crs_grade", Value: "<2"},
		"crs_grade=>=2":                     {Facet: "crs_grade", Value: ">=2"},
		"journal=A!=B":                      {Facet: "journal", Value: "A!=B"},
		"antigen!=>3":                       {Facet: "antigen", Value: ">3", Exclude: true},
	} {
		got, err := ParseFilter(s)
		if err != nil || got != want {
			t.Errorf("ParseFilter(%q) = %+v, %v; want %+v", s, got, err, want)
		}
	}
	// Each of these was read before as a filter whose String reads back otherwise, or with
	// an empty facet or value (found by FuzzParseFilter).
	for _, s := range []string{"antigen", "=CD19", "antigen=", "antigen!=", "!=CD19", " !=CD19", "antigen! =CD19", "year> =2023", "year>=", "a!b=c"} {
		if _, err := ParseFilter(s); err == nil {
			t.Errorf("ParseFilter(%q) succeeded", s)
		}
	}
}

// TestReloadedRulesLeaveNoCache reloads the rules many times, as `serve --rules` does after
// each edit, and checks that nothing built from a rule set outlives its Interpreter: no
// cache, global or not, keeps the vocabulary of rule sets no longer in force.
func TestReloadedRulesLeaveNoCache(t *testing.T) {
	const reloads = 30
	var vocabs []weak.Pointer[vocabulary]
	for n := range reloads {
		interp := NewInterpreter(testrules.Variant(t, n))
		q, _ := interp.Interpret("tocilizumab")
		if want := []Filter{{Facet: "toxicity_treatment", Value: "tocilizumab"}}; !slices.Equal(q.Filters, want) {
			t.Fatalf("rule set %d: filters %v, want %v", n, q.Filters, want)
		}
		vocabs = append(vocabs, weak.Make(interp.vocab))
	}
	runtime.GC()
	kept := 0
	for _, v := range vocabs {
		if v.Value() != nil {
			kept++
		}
	}
	if kept > 0 {
		t.Errorf("%d of %d vocabularies outlived their rule sets' interpreters", kept, reloads)
	}
}

func TestSuggest(t *testing.T) {
	interp := NewInterpreter(testrules.Default(t))
	tests := []struct{ q, want string }{
		{"tocilizumb cytokin relase", "tocilizumab cytokine release"},
		{"lymfoma", "lymphoma"},
		{"tocilizumab", ""},     // a term: nothing to suggest
		{"qwertyuiop", ""},      // nothing near
		{"CD19 2023 lupus", ""}, // short words and numbers stay
		{"myeloma neutropneia", "myeloma neutropenia"},
	}
	for _, tt := range tests {
		if got := interp.Suggest(tt.q); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "abd", 1}, {"abc", "ab", 1}, {"ab", "abc", 1},
		{"neutropneia", "neutropenia", 1}, {"kitten", "sitting", 3}, {"abcdef", "x", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 3); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
