package classifier_test

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestSeedIncidence checks the safety table of the seeds: each row's count, denominator
// (stated or inferred from the population the seed states) and percent.
func TestSeedIncidence(t *testing.T) {
	tests := []struct {
		seed, facet, value, want string // want: n/of percent% as Incidence.String writes it
		source                   string
	}{
		{"000_7842d42057d300b0", "crs_grade", "1", "11/16", classifier.IncidenceInferred},
		{"000_7842d42057d300b0", "icans", "absent", "0/16", classifier.IncidenceInferred},
		{"000_7842d42057d300b0", "toxicity_treatment", "supportive care", "11/16", classifier.IncidenceInferred}, // "… that resolved with supportive care alone"
		{"001_7c1521d75b74a78c", "crs_grade", "1", "-/15 86.7%", classifier.IncidenceInferred},
		{"001_7c1521d75b74a78c", "adverse_event", "neutropenia", "-/15 100%", classifier.IncidenceInferred},
		{"001_7c1521d75b74a78c", "adverse_event", "anemia", "-/15 13.3%", classifier.IncidenceInferred},
		{"002_05720a88e771276d", "crs_grade", "3+", "0/12", classifier.IncidenceInferred},
		{"003_712c9c4fc3fafea0", "crs_grade", "1", "4/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "crs_grade", "2", "2/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "crs_grade", "1", "2/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "crs", "absent", "2/6", classifier.IncidenceInferred}, // "two patients showed no CRS"
		{"004_53fd14e8ab82a8c2", "toxicity_treatment", "tocilizumab", "4/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "toxicity_treatment", "corticosteroids", "1/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "adverse_event", "neutropenia", "2/6", classifier.IncidenceInferred},
		{"004_53fd14e8ab82a8c2", "toxicity_treatment", "supportive care", "2/6", classifier.IncidenceInferred}, // "… and was managed supportively"
	}
	rows := map[string][]classifier.SafetyRow{}
	for _, tt := range tests {
		if rows[tt.seed] == nil {
			rows[tt.seed] = tagSeed(t, tt.seed).Safety()
		}
		found := false
		for _, r := range rows[tt.seed] {
			if r.Facet != tt.facet || r.Value != tt.value {
				continue
			}
			found = true
			if r.Incidence == nil {
				t.Errorf("%s %s=%s: no incidence, want %s", tt.seed, tt.facet, tt.value, tt.want)
				continue
			}
			if got := r.Incidence.String(); got != tt.want || r.Incidence.Source != tt.source || len(r.Incidence.Problems) > 0 {
				t.Errorf("%s %s=%s: incidence %s (%s, problems %v), want %s (%s)", tt.seed, tt.facet, tt.value, got, r.Incidence.Source, r.Incidence.Problems, tt.want, tt.source)
			}
		}
		if !found {
			t.Errorf("%s: no safety row %s=%s", tt.seed, tt.facet, tt.value)
		}
	}
}

// TestIncidenceChecks checks that inconsistent numbers are reported on the incidence, not
// corrected.
func TestIncidenceChecks(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text, facet, problem string
	}{
		{"n over its denominator", "After CAR-T, grade 1 CRS occurred in 12 of 10 patients.", "crs_grade", "over its denominator"},
		{"percent not n/of", "After CAR-T, ICANS occurred in 3 of 10 patients (50%).", "icans", "is not 3/10"},
		{"grades past the event", "After CAR-T, CRS occurred in 3 patients; grade 1 CRS was seen in 4 patients and grade 2 CRS in 2 patients.", "crs", "more than its 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			var problems []string
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if tg.Facet == tt.facet && tg.Incidence != nil {
						problems = append(problems, tg.Incidence.Problems...)
					}
				}
			}
			if !strings.Contains(strings.Join(problems, "; "), tt.problem) {
				t.Errorf("problems %q, want one with %q", problems, tt.problem)
			}
		})
	}
}

func TestParseIncidenceNotation(t *testing.T) {
	tests := []struct {
		in      string
		wantErr bool
		facet   string
	}{
		{"crs_grade=2 3/11 27%", false, "crs_grade"},
		{"icans=present - 12.5%", false, "icans"},
		{"15", false, ""},
		{"crs=present x/2", true, ""},
		{"crs=present 2 27", true, ""},
		{"", true, ""},
	}
	for _, tt := range tests {
		n, err := classifier.ParseIncidenceNotation(tt.in)
		if (err != nil) != tt.wantErr || err == nil && n.Facet != tt.facet {
			t.Errorf("ParseIncidenceNotation(%q) = %+v, %v", tt.in, n, err)
		}
	}
}

// TestIncidenceBinding checks how counts bind to the outcomes they count: each grade of a
// list its own count, a bracket that breaks a count down adds no count of the same value,
// and a count after a negated outcome is no count of patients with it.
func TestIncidenceBinding(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text string
		want       map[string]string // facet=value → incidence as Incidence.String writes it
	}{
		{"grade list", "After CAR-T, CRS occurred in 17 patients (grade 1, n = 12; grade 2, n = 5).",
			map[string]string{"crs=present": "17", "crs_grade=1": "12", "crs_grade=2": "5"}},
		{"grade list in words", "After CAR-T, CRS developed in 13 patients (grade 1 in 10, grade 2 in 3).",
			map[string]string{"crs=present": "13", "crs_grade=1": "10", "crs_grade=2": "3"}},
		{"breakdown", "After CAR-T, infections occurred in 4 patients (sepsis n = 1, bacteremia n = 3).",
			map[string]string{"adverse_event=infection": "4"}},
		{"breakdown before its total", "After CAR-T, severe infections (sepsis in 3, bacteremia in 1) occurred in four patients.",
			map[string]string{"adverse_event=infection": "4"}},
		{"a lone percent", "After CAR-T, CRS with an IL-6 rise of 30% occurred in 5 patients.",
			map[string]string{"crs=present": "5"}},
		{"negated before", "After CAR-T, no ICANS was seen within the cohort of 12 patients.",
			map[string]string{"icans=present": "0"}},
		{"shared count", "After CAR-T, neutropenia occurred in two patients and was managed supportively.",
			map[string]string{"adverse_event=neutropenia": "2", "toxicity_treatment=supportive care": "2"}},
		{"no shared count past a breakdown", "After CAR-T, ICANS occurred in 5 patients (grade 1, n = 3; grade 3, n = 2) and resolved with steroids.",
			map[string]string{"icans=present": "5", "icans_grade=1": "3", "icans_grade=3": "2"}},
		{"either or", "After CAR-T, bacteremia or a drug rash occurred in 4 patients.",
			map[string]string{}}, // a count of either is no count of one
		{"list with no outcome before it", "After CAR-T, 80% and 20% of patients had ICANS.",
			map[string]string{}}, // no panic, and nothing the words do not say
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			got := map[string][]string{}
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if tg.Incidence != nil {
						k := tg.Facet + "=" + tg.Value
						got[k] = append(got[k], tg.Incidence.String())
					}
				}
			}
			for k, w := range tt.want {
				if len(got[k]) == 0 || got[k][0] != w {
					t.Errorf("%s: incidence %v, want %s (all: %v)", k, got[k], w, got)
				}
			}
			for k, g := range got {
				if _, ok := tt.want[k]; !ok {
					t.Errorf("%s: unexpected incidence %v", k, g)
				}
			}
		})
	}
}
