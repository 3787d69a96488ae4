package classifier_test

import (
	"fmt"
	"slices"
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
		{"000_7842d42057d300b0", "crs_grade", "1-2", "11/16", classifier.IncidenceInferred}, // "grade 1 or 2": one count of the range
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
		{"a subject count before a grade breakdown written with colons is the event's", "After CAR-T cells, 12 adults had CRS (grade 1: 8; grade 2: 4).",
			map[string]string{"crs=present": "12", "crs_grade=1": "8", "crs_grade=2": "4"}},
		{"a subject count before a grade's count of patients after a colon is the event's", "After CAR-T cells, 12 adults had ICANS (grade 3: 2 patients).",
			map[string]string{"icans=present": "12", "icans_grade=3": "2"}},
		{"a subject count before a grade breakdown written with '=' is the event's", "After CAR-T cells, 12 adults had CRS (grade 1 = 8, grade 2 = 4).",
			map[string]string{"crs=present": "12", "crs_grade=1": "8", "crs_grade=2": "4"}},
		{"a whole after a verbless second clause of a bare grade is the first share's too", "After CAR-T cells, grade 1 CRS arose in 61% and grade ≥3 in 4% of the 150 adults.",
			map[string]string{"crs_grade=1": "-/150 61%", "crs_grade=3+": "-/150 4%"}},
		{"a second verb of one subject after a time phrase takes its treatment", "After CAR-T cells, three adults developed grade 3 CRS on day 2 and received tocilizumab within hours.",
			map[string]string{"crs_grade=3": "3", "toxicity_treatment=tocilizumab": "3"}},
		{"a count after 'and' that goes on from 'N of them' is of the same patients", "After CAR-T cells, of 27 children infused, 20 had CRS, 18 of them with grade 1 and 2 with grade 2.",
			map[string]string{"crs=present": "20/27", "crs_grade=1": "18/20", "crs_grade=2": "2/20"}},
		{"a bare subject after 'and' that goes on from 'of whom' is of that part, not of the population", "After CAR-T cells, CRS developed in 14 of 70 children, of whom 11 required tocilizumab and 9 needed vasopressors.",
			map[string]string{"crs=present": "14/70", "toxicity_treatment=tocilizumab": "11", "toxicity_treatment=vasopressors": "9"}},
		{"a relative clause between commas after a subject count has verbs of its own", "After CAR-T cells, all 14 adults, who had received four prior lines, developed CRS.",
			map[string]string{"crs=present": "14/14"}},
		{"a subject's grade with its sign is part of the subject's words", "After CAR-T cells, all six adults with grade ≥3 CRS received tocilizumab.",
			map[string]string{"crs_grade=3+": "6", "toxicity_treatment=tocilizumab": "6/6"}},
		{"a grade written before its sign is one word of the subject's too", "After CAR-T cells, all six adults with ≥ grade 3 CRS received tocilizumab.",
			map[string]string{"crs_grade=3+": "6", "toxicity_treatment=tocilizumab": "6/6"}},
		{"a comma before 'and' opens another clause, no second verb of the subject", "After CAR-T cells, three adults developed grade 3 CRS on day 2, and received tocilizumab.",
			map[string]string{"crs_grade=3": "3"}},
		{"a number word after a grade in digits counts that grade's patients, it is no further grade", "After CAR-T cells, ICANS by worst grade: grade 1, seven adults; grade 2, four.",
			map[string]string{"icans=present": "|", "icans_grade=1": "7", "icans_grade=2": "4"}},
		{"a second verb that is no receiving takes no outcome", "After CAR-T cells, three adults developed grade 3 CRS on day 2 and recovered after tocilizumab.",
			map[string]string{"crs_grade=3": "3"}},
		{"a list of grades whose last is an open bound hands out its counts in order", "After CAR-T cells, grade 1, grade 2 and grade ≥3 ICANS arose in 6 (15%), 3 (8%) and 2 (5%) adults, respectively.",
			map[string]string{"icans_grade=1": "6 15%", "icans_grade=2": "3 8%", "icans_grade=3+": "2 5%"}},
		{"a grade alone in a bracket after the count is said of all the event's cases", "After CAR-T cells, ICANS arose in 3 of 30 adults (grade 2) and lasted a day.",
			map[string]string{"icans=present": "3/30", "icans_grade=2": "3/30"}},
		{"a bracketed grade of one item of a list of graded counts is no grade of all the event's cases", "After CAR-T cells, CRS arose in 12 (grade 1) and 3 (grade 2) adults.",
			map[string]string{"crs=present": "|", "crs_grade=1": "12"}},
		{"a count after the bracketed grade that has no grade of its own ends no list of graded counts", "After CAR-T cells, CRS arose in 28 of 40 adults (grade 1–2), and 4 needed tocilizumab.",
			map[string]string{"crs=present": "28/40", "crs_grade=1": "28/40", "crs_grade=2": "28/40", "toxicity_treatment=tocilizumab": "4/40"}},
		{"a denied grade is no other grade of the event", "After CAR-T cells, CRS arose in 28 of 40 adults (grade 1–2), and no grade ≥3 CRS was seen.",
			map[string]string{"crs=present": "28/40", "crs_grade=1": "28/40", "crs_grade=2": "28/40", "crs_grade=3+": "0/40"}},
		{"a clause that opens with the state at entry counts nothing, not even a zero", "At baseline, no adult had neutropenia and 12 adults had grade 2 anaemia before the CAR-T cells.",
			map[string]string{}},
		{"the state at entry ends where a joining word opens what arose on study", "At baseline, 12 of 40 adults had grade 2 anaemia, and grade 3 anaemia arose in 8 of 40 after the CAR-T cells.",
			map[string]string{"adverse_event=anemia": "8/40|"}},
		{"a list of states at entry goes on past its last 'and', and lends no count to what follows", "At baseline, 12 had anaemia, 5 had neutropenia, and 3 of 40 had thrombocytopenia, but none had ICANS.",
			map[string]string{}},
		{"a list of states at entry goes on to its end even where a clause of what arose follows it", "At baseline, 12 of 40 adults had anaemia and 5 had neutropenia, and grade 3 CRS developed in 10 of 40 after the CAR-T cells.",
			map[string]string{"crs_grade=3": "10/40"}},
		{"a later time point ends the state at entry", "At baseline, 12 of 40 adults had grade 2 anaemia, whereas at day 28, 30 of 40 had grade 3 anaemia after the CAR-T cells.",
			map[string]string{"adverse_event=anemia": "30/40|"}},
		{"the state at entry ends at the joining word nearest to what arose on study, not earlier", "At baseline, 12 of 40 adults had anaemia, and 8 of 40 had neutropenia and 10 of 40 developed grade 3 CRS after the CAR-T cells.",
			map[string]string{"crs_grade=3": "10/40"}},
		{"a joining word between two events of one clause opens no clause of its own", "At baseline, 12 of 40 adults had anaemia, and 10 of 40 had grade 3 CRS and needed tocilizumab after the CAR-T cells.",
			map[string]string{"crs_grade=3": "10/40", "toxicity_treatment=tocilizumab": "10/40"}},
		{"a joining word before a subject and its verb opens a clause of its own", "At baseline, 12 of 40 adults had anaemia and 3 had neutropenia and grade 3 CRS arose in 10 of 40 after the CAR-T cells.",
			map[string]string{"crs_grade=3": "10/40"}},
		{"a bare time word may be one before entry", "At baseline, 12 of 40 adults had anaemia and 5 of 40 had neutropenia after the leukapheresis, before the CAR-T cells.",
			map[string]string{}},
		{"a time before entry ends no state at entry", "At baseline, 12 of 40 adults had anaemia and 3 had neutropenia after prior chemotherapy, before the CAR-T cells.",
			map[string]string{}},
		{"a denial on study after the state at entry keeps its zero", "At baseline, no adult had lymphoma in the brain and none developed ICANS after the CAR-T cells.",
			map[string]string{"icans=present": "0"}},
		{"parallel counts of 'them' are of the same whole, no part of the first", "Forty adults were infused with the CAR-T cells. CRS was observed in 30 of them and ICANS in 10 of them.",
			map[string]string{"crs=present": "30/40", "icans=present": "10/40"}},
		{"'of them' after a count of its event is a part of that count", "Forty adults were infused with the CAR-T cells. ICANS arose in 9, and it reached grade 3 in 2 of them.",
			map[string]string{"icans=present": "9/40", "icans_grade=3": "2"}},
		{"two grades counted of 'them' are parallel, no part of each other", "Forty adults were infused with the CAR-T cells. Grade 1 CRS occurred in 20 of them and grade 2 CRS in 10 of them.",
			map[string]string{"crs_grade=1": "20/40", "crs_grade=2": "10/40"}},
		{"parallel counts of 'them' with a verb each are still of the same whole", "Forty adults were infused with the CAR-T cells. CRS occurred in 30 of them and ICANS occurred in 10 of them.",
			map[string]string{"crs=present": "30/40", "icans=present": "10/40"}},
		{"'of them' with a verb of its own after a count of the same form is a part of it", "Thirty-six adults were infused with the CAR-T cells. ICANS arose in 9 of them, and it reached grade 3 in 2 of them.",
			map[string]string{"icans=present": "9/36", "icans_grade=3": "2"}},
		{"a kind's count in a breakdown after the event's own count keeps its whole", "After CAR-T cells, infections arose in 12 of 40 adults: bacterial 7/40, viral 5/40.",
			map[string]string{"adverse_event=infection": "12/40|7/40|5/40"}},
		{"a kind's whole that is only the event's own patients is no whole of the cohort", "After CAR-T cells, infections arose in 12 of 40 adults: bacterial 7/12, viral 5/12.",
			map[string]string{"adverse_event=infection": "12/40|7|5"}},
		{"a breakdown by kind under an event named as a heading gives each kind its count", "After CAR-T cells, infections by day 30, n/N (%): bacterial 6/40 (15), viral 9/40 (23), fungal 2/40 (5).",
			map[string]string{"adverse_event=infection": "6/40 15%|9/40 23%|2/40 5%"}},
		{"a list of grades whose open bound has no grade word of its own hands out its counts in order", "After CAR-T cells, grade 1, 2 and ≥3 ICANS arose in 6 (15%), 3 (8%) and 2 (5%) adults, respectively.",
			map[string]string{"icans_grade=1": "6 15%", "icans_grade=2": "3 8%", "icans_grade=3+": "2 5%"}},
		{"a list of grades that repeats its verb is one list", "After CAR-T cells, grade 1 CRS affected 30 adults (50%), grade 2 affected 12 (20%), and grade 3 affected 2 (3%).",
			map[string]string{"crs_grade=1": "30 50%", "crs_grade=2": "12 20%", "crs_grade=3": "2 3%"}},
		{"the same with a verb and 'in'", "After CAR-T cells, CRS arose in 20 adults: grade 1 developed in 12, grade 2 developed in 6 and grade 3 developed in 2.",
			map[string]string{"crs=present": "20", "crs_grade=1": "12", "crs_grade=2": "6", "crs_grade=3": "2"}},
		{"a share of a test's measure is no incidence of the outcome it predicts", "After CAR-T cells, the positive predictive value of day-3 ferritin for grade 3 CRS was 82%.",
			map[string]string{}},
		{"but the outcome's own rate after it is", "After CAR-T cells, the rate of grade 3 CRS was 8%.",
			map[string]string{"crs_grade=3": "- 8%"}},
		{"a measure with a verb of its own leaves a rate after it alone", "After CAR-T cells, agreement between graders was good and the rate of grade 3 CRS was 8%.",
			map[string]string{"crs_grade=3": "- 8%"}},
		{"a share written as a bound is no share: the count stays", "After CAR-T cells, grade 3 CRS arose in 1 adult (<1%) of the outpatient group.",
			map[string]string{"crs_grade=3": "1"}},
		{"'plus' joins two treatments one count received", "After CAR-T cells, nine adults received tocilizumab plus corticosteroids for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "9", "toxicity_treatment=corticosteroids": "9"}},
		{"a bound before an earlier item is not the next item's", "After CAR-T cells, grade 3 CRS (<2%) and ICANS (2%) were rare.",
			map[string]string{"icans_grade=3": "- 2%"}},
		{"a bound alone is no count at all", "After CAR-T cells, grade 3 CRS arose in less than 5% of the adults.",
			map[string]string{}},
		{"grade list", "After CAR-T, CRS occurred in 17 patients (grade 1, n = 12; grade 2, n = 5).",
			map[string]string{"crs=present": "17", "crs_grade=1": "12", "crs_grade=2": "5"}},
		{"the patients a denied outcome spared are counted, not a zero", "After CAR-T cells, ICANS was absent in 18 of 20 adults.",
			map[string]string{"icans=present": "18/20"}},
		{"the report's own count after ', and' of an event told as knowledge", "CRS is the most common toxicity of CAR-T cells, and in our cohort it occurred in 17 of 20 adults.",
			map[string]string{"crs=present": "17/20"}},
		{"the patients a denial spared are no zero for the clause's other denials", "After CAR-T cells, tocilizumab was not needed and CRS was absent in 18 of 20 adults.",
			map[string]string{"crs=present": "18/20", "toxicity_treatment=tocilizumab": "0/20"}},
		{"the patients free of an outcome are counted, not a zero", "After CAR-T cells, eighteen of 20 adults were free of ICANS.",
			map[string]string{"icans=present": "18/20"}},
		{"a count of all the patients keeps its share", "After CAR-T cells, ICANS arose in 19 patients overall (6.3%).",
			map[string]string{"icans=present": "19 6.3%"}},
		{"a group's size in its bracket is the whole its share is of", "After CAR-T cells, adults with a high tumour burden (n = 21) had ICANS in 4 (19.0%).",
			map[string]string{"icans=present": "4/21 19%"}},
		{"a count 'in total' keeps its share", "After CAR-T cells, ICANS arose in 19 patients in total (6.3%).",
			map[string]string{"icans=present": "19 6.3%"}},
		{"grade list in words", "After CAR-T, CRS developed in 13 patients (grade 1 in 10, grade 2 in 3).",
			map[string]string{"crs=present": "13", "crs_grade=1": "10", "crs_grade=2": "3"}},
		{"a group's size in a bracket after its name is the whole of its count", "After CAR-T cells, ICANS arose in 6 adults in group A (n = 45).",
			map[string]string{"icans=present": "6/45"}},
		{"a group's size after a semicolon is not the count's before it", "After CAR-T cells, ICANS arose in 6 adults; in group B (n = 45), none had it.",
			map[string]string{"icans=present": "6"}},
		{"a treatment after how much of it was received", "After CAR-T cells, two adults with refractory ICANS received pulses of methylprednisolone.",
			map[string]string{"icans=present": "2", "toxicity_treatment=corticosteroids": "2"}},
		{"a pronoun after the verb is the treatment, not the outcome after for", "After CAR-T cells, tocilizumab was kept at the bedside; 9 adults received it for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "9"}},
		{"a pronoun after a subject's modifier too", "After CAR-T cells, tocilizumab was kept at the bedside; 9 of 31 adults (29%) in the second cohort received it for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "9/31 29%"}},
		{"a pronoun after what the treatment was given for", "After CAR-T cells, tocilizumab was given for CRS; 9 adults received it within a day.",
			map[string]string{"toxicity_treatment=tocilizumab": "9"}},
		{"a pronoun after a verb of no receiving is no treatment", "After CAR-T cells, tocilizumab was not needed; ICANS arose in 5 adults and 3 had it for a week.",
			map[string]string{"toxicity_treatment=tocilizumab": "0", "icans=present": "5"}},
		{"a pronoun for a denied treatment binds nothing", "After CAR-T cells, no adult in the first cohort needed tocilizumab, whereas 9 of 31 (29%) in the second cohort received it for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "0"}}, // the first cohort's zero; CRS takes no count
		{"a grade row after respectively maps as the list before it", "After CAR-T cells, CRS and ICANS arose in 88% and 27% of adults, respectively; grade 3 or higher in 3% and 9%.",
			map[string]string{"crs=present": "- 88%", "icans=present": "- 27%", "crs_grade=3+": "- 3%", "icans_grade=3+": "- 9%"}},
		{"a grade row after a comma and respectively", "After CAR-T cells, CRS and ICANS arose in 88% and 27% of adults, and grade 3 or higher in 3% and 9%, respectively.",
			map[string]string{"crs=present": "- 88%", "icans=present": "- 27%", "crs_grade=3+": "- 3%", "icans_grade=3+": "- 9%"}},
		{"one in a small cohort's size is a count", "After CAR-T cells, at dose level 1, CRS arose in 1 in 3 adults (33%).",
			map[string]string{"crs=present": "1/3 33%"}},
		{"a grade row of events after 'with', each event's grade read after it", "After CAR-T cells, CRS arose in 40% of adults and neurological events in 25%, with grade 3 or higher events in 4% and 7%, respectively.",
			map[string]string{"crs=present": "- 40%", "icans=present": "- 25%", "crs_grade=3+": "- 4%", "icans_grade=3+": "- 7%"}},
		{"a clause's subject count after ', and' is out of the whole of the subject count before", "After CAR-T cells, five of these nine still had grade 4 neutropenia on day 30, and two had grade 3 anaemia.",
			map[string]string{"adverse_event=neutropenia": "5/9", "adverse_event=anemia": "2/9"}},
		{"a bare subject after a subject with a noun of its own is another group's", "After CAR-T cells, six of these eleven children had CRS, and 4 adults had grade 1 ICANS.",
			map[string]string{"crs=present": "6/11", "icans_grade=1": "4"}},
		{"bare subjects in a chain share the whole of the first", "After CAR-T cells, six of these eleven had grade 1 CRS, 2 had grade 2 CRS, and 1 had grade 3 CRS.",
			map[string]string{"crs_grade=1": "6/11", "crs_grade=2": "2/11", "crs_grade=3": "1/11"}},
		{"a subject with the same noun of patients shares the whole", "After CAR-T cells, six of these eleven patients had grade 1 CRS, and three patients had grade 2 CRS.",
			map[string]string{"crs_grade=1": "6/11", "crs_grade=2": "3/11"}},
		{"but not past a semicolon", "After CAR-T cells, five of these nine still had grade 4 neutropenia on day 30; two had grade 3 anaemia.",
			map[string]string{"adverse_event=neutropenia": "5/9", "adverse_event=anemia": "2"}},
		{"a relative clause after a count that 'in' takes names which patients, not what they are counted for", "After CAR-T cells, CRS arose in 20 of 40 adults (50%), and a bacterial pneumonia in 2 (5%) who had been taken off antibiotics.",
			map[string]string{"crs=present": "20/40 50%", "adverse_event=infection": "2/40 5%"}},
		// (the guidelines' rule 8 reads ICANS here as denied in 4, n 4; the denial's count is
		// still a bare zero, a known gap: this row is about the clause's grade)
		{"the relative clause's outcome when the outcome before the count is denied", "After CAR-T cells, ICANS was not seen in 4 (10%) who had grade 3 CRS.",
			map[string]string{"icans=present": "0", "crs_grade=3": "4 10%"}},
		{"the same after a bare count", "After CAR-T cells, ICANS was not seen in 3 who had grade 3 CRS.",
			map[string]string{"icans=present": "0", "crs_grade=3": "3"}},
		{"a relative clause after a count that 'to' takes", "After CAR-T cells, dexamethasone was given to 7 (14%) who had grade 2 ICANS.",
			map[string]string{"toxicity_treatment=corticosteroids": "7 14%"}},
		{"a subject count's verb past its relative clause", "After CAR-T cells, of the 40 adults, 6 (15%) who had grade 2 ICANS were given dexamethasone.",
			map[string]string{"toxicity_treatment=corticosteroids": "6/40 15%"}},
		{"the relative clause's outcome when the verb past it counts none", "After CAR-T cells, the 6 adults who had grade 3 ICANS were older than the rest.",
			map[string]string{"icans_grade=3": "6"}},
		{"a relative clause after an arm's participle holds no verb of the count", "After CAR-T cells, ICANS arose in 6 of 20 adults receiving the higher dose who had CRS.",
			map[string]string{"icans=present": "6/20"}},
		{"a grade in brackets after a column gap of a space-aligned header names a grade column", "After CAR-T cells, adverse events were as follows.\nAdverse event   n (%) (any grade)   n (%) (grade 3 or 4)\nCytokine release syndrome   28 (70.0)   4 (10.0)",
			map[string]string{"crs=present": "28 70%|", "crs_grade=3": "4 10%", "crs_grade=4": "4 10%"}},
		{"a space-aligned header's 'n (%) of N' is the whole of its column's cells", "After CAR-T cells, the treatments were as follows.\nTreatment of CRS or ICANS   n (%) of 40 treated adults\nTocilizumab   18 (45.0)\nDexamethasone   9 (22.5)",
			map[string]string{"toxicity_treatment=tocilizumab": "18/40 45%", "toxicity_treatment=corticosteroids": "9/40 22.5%"}},
		{"a header's 'n (%) of the N' too", "After CAR-T cells, the treatments were as follows.\nTreatment of CRS or ICANS   n (%) of the 40 treated adults\nTocilizumab   18 (45.0)\nDexamethasone   9 (22.5)",
			map[string]string{"toxicity_treatment=tocilizumab": "18/40 45%", "toxicity_treatment=corticosteroids": "9/40 22.5%"}},
		{"a header's whole of cycles is no whole of patients", "After CAR-T cells, the treatments were as follows.\nTreatment of CRS or ICANS   n (%) of 40 treatment cycles\nTocilizumab   18 (45.0)\nDexamethasone   9 (22.5)",
			map[string]string{"toxicity_treatment=tocilizumab": "18 45%", "toxicity_treatment=corticosteroids": "9 22.5%"}},
		{"a table caption's bracket is the table's whole, no count", "We treated 60 adults with CAR-T cells.\nTable 2. CRS and ICANS (N = 60)\n| Event | n | % |\n|---|---|---|\n| ICANS, any grade | 12 | 20.0 |",
			map[string]string{"icans=present": "12/60 20%"}},
		{"a markdown table's rule under its header, and a grade row counts its grade alone", "After CAR-T cells, grade 3 or 4 toxicities (N = 30) were these.\n| Event | n | % |\n|---|---|---|\n| Neutropenia | 21 | 70.0 |\n| CRS grade 1 | 9 | 30.0 |",
			map[string]string{"adverse_event=neutropenia": "21/30 70%", "crs_grade=1": "9/30 30%"}},
		{"a count and its share in columns of their own under a header ending 'n | %'", "After CAR-T cells, grade 3 or 4 toxicities (N = 30) were these.\nEvent | n | %\nNeutropenia | 21 | 70.0\nAnaemia | 9 | 30.0",
			map[string]string{"adverse_event=neutropenia": "21/30 70%", "adverse_event=anemia": "9/30 30%"}},
		{"the same columns aligned by spaces", "We treated 30 adults with CAR-T cells. Adverse events were as follows.\nToxicity      n     %\nNeutropenia   21    70.0\nAnaemia       9     30.0",
			map[string]string{"adverse_event=neutropenia": "21/30 70%", "adverse_event=anemia": "9/30 30%"}},
		{"no share column under another header", "We treated 30 adults with CAR-T cells. Adverse events were as follows.\nToxicity      Day 7     Day 28\nNeutropenia   21    14",
			map[string]string{}},
		{"the kind of most of an outcome counted inside its aside keeps its count", "After CAR-T cells, cytopenias, mainly neutropenia in 12 adults, were common.",
			map[string]string{"adverse_event=neutropenia": "12"}},
		{"a grade in brackets in a space-aligned header qualifies its rows, not its columns", "After CAR-T cells, adverse events were as follows.\nAdverse event (grade 3 or 4)   Weekly dosing (n = 150)   Three-weekly dosing (n = 148)\nNeutropenia   12 (8.0)   30 (20.3)\nDiarrhoea   9 (6.0)   4 (2.7)",
			map[string]string{"adverse_event=neutropenia": "12/150 8%|30/148 20.3%"}},
		{"cells of a space-aligned table that are fractions with their shares are columns", "After CAR-T cells, serious events were as follows.\nSerious event   Cohort A: 1 dose (N=10)   Cohort B: 2 doses (N=16)\nPneumonia   2/10 (20.00%)   5/16 (31.25%)\nNeutropenia   0/10 (0.00%)   3/16 (18.75%)",
			map[string]string{"adverse_event=infection": "2/10 20%|5/16 31.25%", "adverse_event=neutropenia": "0/10 0%|3/16 18.75%"}},
		{"counted grades before the event they all grade", "After CAR-T cells, 12 adults had grade 1, 5 had grade 2 and 2 had grade 3 ICANS.",
			map[string]string{"icans_grade=1": "12", "icans_grade=2": "5", "icans_grade=3": "2"}},
		{"a grade said of every case after a semicolon takes the event's count", "After CAR-T cells, ICANS arose in 4 of 30 adults; in every case it was grade 2.",
			map[string]string{"icans=present": "4/30", "icans_grade=2": "4/30"}},
		{"a subject count's clause ends at a comma and 'and' before a clause that counts its own outcome", "After the bispecific antibody, 9 adults (30%) needed a dose delay, and febrile neutropenia arose in 2.",
			map[string]string{"adverse_event=febrile neutropenia": "2"}},
		{"a subject count still reaches its outcome past a comma and 'and' when no count follows", "After the bispecific antibody, 9 adults had a dose delay, fever, and febrile neutropenia.",
			map[string]string{"adverse_event=febrile neutropenia": "9"}},
		{"the patients a denial sets apart are its count, out of the denial's whole", "After CAR-T cells, with the exception of two adults, none of the 40 required tocilizumab for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "2/40"}},
		{"the patients a denial sets apart are its count", "After the booster, except for 3 adults, no adult had an allergic reaction.",
			map[string]string{"adverse_event=hypersensitivity": "3"}},
		{"a count after a grade range, a comma and 'and' is the subject of its own verb, no grade", "After CAR-T cells, 16 adults developed CRS, all grade 1-2, and 4 had ICANS (grade 1 in 3, grade 2 in 1).",
			map[string]string{"crs=present": "16", "crs_grade=1": "16", "crs_grade=2": "16", "icans=present": "4", "icans_grade=1": "3", "icans_grade=2": "1"}},
		{"a count before a colon is its outcome's, the breakdown after it its grades'", "After CAR-T cells, CRS arose in 14: 10 had grade 1 and 4 had grade 2.",
			map[string]string{"crs=present": "14", "crs_grade=1": "10", "crs_grade=2": "4"}},
		{"a rate told after ', and the' is the outcome's before it", "After CAR-T cells, grade 3 or higher CRS occurred after infusion, and the rate was 12% (6 of 50).",
			map[string]string{"crs_grade=3+": "6/50 12%"}},
		{"a subject's list of what it had goes on past an Oxford comma", "After CAR-T cells, nine patients experienced fever, chills, and CRS, and 4 of the 9 received tocilizumab.",
			map[string]string{"crs=present": "9", "toxicity_treatment=tocilizumab": "4/9"}},
		{"elided grades after an event's own grade are that event's", "After CAR-T cells, twelve patients had grade 1 neutropenia, 5 had grade 2, and 2 had grade 3 CRS.",
			map[string]string{"adverse_event=neutropenia": "12", "crs_grade=3": "2"}},
		{"counted grades with their shares before the event they all grade", "After CAR-T cells, 17 patients (57%) had grade 1, 11 (37%) had grade 2 and 1 (3%) had grade 4 CRS.",
			map[string]string{"crs_grade=1": "17 57%", "crs_grade=2": "11 37%", "crs_grade=4": "1 3%"}},
		{"fraction cells under a header of grades", "After CAR-T cells, adverse events were as follows.\nAdverse event   Any grade   Grade 3 or higher\nCytokine release syndrome   8/20 (40%)   2/20 (10%)",
			map[string]string{"crs=present": "8/20 40%", "crs_grade=3+": "2/20 10%"}},
		{"patients set apart for another reason do not have the denied event", "After CAR-T cells, except for 2 patients who withdrew consent, none of the 40 patients developed ICANS.",
			map[string]string{"icans=present": "0/40"}},
		{"patients set apart in another clause do not have the denied event", "After CAR-T cells, except for 2 patients, all completed the planned infusion, and none of the 40 developed ICANS.",
			map[string]string{"icans=present": "0/40"}},
		{"part of the patients just counted takes no population", "Forty adults received CAR-T cells. CRS occurred in 12 patients (30%). Four of them required tocilizumab.",
			map[string]string{"crs=present": "12/40 30%", "toxicity_treatment=tocilizumab": "4"}},
		{"a dose of another drug names no cohort", "Twelve patients received at least one dose of filgrastim. After CAR-T cells, ICANS occurred in 5 patients.",
			map[string]string{"icans=present": "5", "toxicity_treatment=G-CSF": "12"}},
		{"a grade said of every case after a comma takes the event's count", "After CAR-T cells, CRS occurred in 10 of 15 patients; in every case, it was grade 1 or 2.",
			map[string]string{"crs=present": "10/15", "crs_grade=1": "10/15", "crs_grade=2": "10/15"}},
		{"a one-cohort table of grades on its own reports the cohort's events", "Table 2\nCytokine release syndrome, n (%)\nAny grade   20 (80.0)\nGrade 1   15 (60.0)\nGrade 2   5 (20.0)\nGrade 3   1 (4.0)\n",
			map[string]string{"crs=present": "20 80%", "crs_grade=1": "15 60%", "crs_grade=2": "5 20%", "crs_grade=3": "1 4%"}},
		{"outcomes listed after ', and' that open a clause with counts of their own", "After CAR-T cells, nine patients (30%) required ICU admission, and CRS, ICANS, and infections occurred in 5, 3, and 2 patients, respectively.",
			map[string]string{"crs=present": "5", "icans=present": "3", "adverse_event=infection": "2"}},
		{"an outcome after ', and' with words before its own count", "After CAR-T cells, twelve patients needed a dose delay, and CRS, which was mild, occurred in 3.",
			map[string]string{"crs=present": "3"}},
		{"the last item of a subject's list, the next clause's count right after it", "After CAR-T cells, nine patients had fever, hypotension, and CRS, and 4 of them needed tocilizumab.",
			map[string]string{"crs=present": "9", "toxicity_treatment=tocilizumab": "4"}},
		{"a count after ', and' that follows a grade said of all is its verb's subject", "After CAR-T cells, CRS occurred in 12 of 20 patients, all grade 1 or 2, and 3 required tocilizumab.",
			map[string]string{"crs=present": "12/20", "crs_grade=1": "12/20", "crs_grade=2": "12/20", "toxicity_treatment=tocilizumab": "3/20"}},
		{"counted grades after a subgroup's outcome still grade the event after them", "Among the 30 patients with prolonged cytopenia, 17 had grade 1, 11 had grade 2 and 1 had grade 4 CRS.",
			map[string]string{"adverse_event=cytopenia": "30", "crs_grade=1": "17/30", "crs_grade=2": "11/30", "crs_grade=4": "1/30"}},
		{"patients set apart before a denial of a group named with 'and'", "After CAR-T cells, apart from 3 patients, none of the children and adolescents developed ICANS.",
			map[string]string{"icans=present": "3"}},
		{"part of a population counted in the sentence before is out of it", "Thirty adults received CAR-T cells. Four of them developed grade 3 ICANS.",
			map[string]string{"icans_grade=3": "4/30"}},
		{"the last item of an Oxford list before a clause with a count of its own", "After CAR-T cells, 10 patients developed fever, hypotension, and CRS, and tocilizumab was required in 4.",
			map[string]string{"crs=present": "10", "toxicity_treatment=tocilizumab": "4"}},
		{"a treatment given to some of the patients just counted", "After CAR-T cells, ICANS developed in 21 adults. Dexamethasone was given to 19 of them.",
			map[string]string{"icans=present": "21", "toxicity_treatment=corticosteroids": "19"}},
		{"a count whose verb the count before took, its outcome after an article and words", "After the operation, 63 adults (6%) developed acute kidney injury and 38 (3.6%) a deep sternal wound infection.",
			map[string]string{"adverse_event=nephrotoxicity": "63 6%", "adverse_event=infection": "38 3.6%"}},
		{"a count after ', and' that follows grades joined by 'or' is its verb's subject", "After CAR-T cells, CRS occurred in 20 patients, mostly grade 1 or 2, and 3 required tocilizumab.",
			map[string]string{"crs=present": "20", "toxicity_treatment=tocilizumab": "3"}},
		{"one grade before ', and' and another event's grade keeps its own", "After the CAR-T cells, ICANS was grade 2, and grade 3 CRS occurred in 2 of 40 adults.",
			map[string]string{"crs_grade=3": "2/40"}},
		{"a count after one grade, ', and' and its verb is the verb's subject", "After CAR-T cells, CRS occurred in 20 patients, mostly grade 2, and 3 required tocilizumab.",
			map[string]string{"crs=present": "20", "toxicity_treatment=tocilizumab": "3"}},
		{"a count after a grade range, ', and' and its verb is the verb's subject", "After CAR-T cells, CRS occurred in 20 patients, mostly grade 1-2, and 3 required tocilizumab.",
			map[string]string{"crs=present": "20", "toxicity_treatment=tocilizumab": "3"}},
		{"a count after a grade and ', and' that is not the next grade", "After CAR-T cells, CRS occurred in 12 of 20 patients and was grade 1, and 4 required tocilizumab.",
			map[string]string{"crs=present": "12/20", "crs_grade=1": "12/20", "toxicity_treatment=tocilizumab": "4/20"}},
		{"elided grades after an event of its own grade written after it", "After CAR-T cells, 12 had neutropenia of grade 3, 5 had grade 2, and 2 had grade 4 CRS.",
			map[string]string{"adverse_event=neutropenia": "12", "crs_grade=4": "2"}},
		{"patients set apart before another clause do not have the denied event", "After CAR-T cells, except for 2 patients, all completed the planned infusion and none of the 40 developed ICANS.",
			map[string]string{"icans=present": "0/40"}},
		{"transplantation-related deaths are counted", "After the transplant, there were two transplantation-related deaths in the first year.",
			map[string]string{"adverse_event=treatment-related death": "2"}},
		{"the kind of most of an outcome, set off by commas, takes no count", "After CAR-T cells, cytopenias, mostly neutropenia, arose in 9 adults.",
			map[string]string{"adverse_event=cytopenia": "9"}},
		{"a count of the event that a copula then grades", "After CAR-T cells, all five cases of ICANS were grade 1.",
			map[string]string{"icans=present": "5", "icans_grade=1": "5"}},
		{"a count of part of the event's cases that a copula grades stays the grade's", "After CAR-T cells, CRS arose in 10 of 30 adults, and two cases of CRS were grade 3.",
			map[string]string{"crs=present": "10/30|", "crs_grade=3": "2/30"}},
		{"a count of the event graded by its own words stays the grade's", "After CAR-T cells, five adults had CRS of grade 3.",
			map[string]string{"crs_grade=3": "5"}},
		{"a pair of shares after a pair of another event's arms", "After CAR-T cells, CRS arose in 70% after the first product and 45% after the second, and ICANS in 20% and 8%.",
			map[string]string{"crs=present": "- 70%|- 45%", "icans=present": "- 20%|- 8%"}},
		{"a pair of shares after shares of two outcomes is no pair of arms", "After CAR-T cells, CRS arose in 62% and ICANS in 30%, and infection in 20% and 12%.",
			map[string]string{"crs=present": "- 62%", "icans=present": "- 30%", "adverse_event=infection": "- 20%|"}},
		{"a lone pair of shares of one event is no pair of arms", "After CAR-T cells, ICANS arose in 20% and 8%.",
			map[string]string{"icans=present": "- 20%"}},
		{"shares listed with a pronoun's share are more groups' counts", "After CAR-T cells, ICANS arose in 30% of adults at the first centre; at the second and third centres, they were 18% and 12%.",
			map[string]string{"icans=present": "- 30%|- 18%|- 12%"}},
		{"a bracket a few words on that repeats the count gives its whole", "After CAR-T cells, pneumonia arose in two adults during the first month at the higher dose (2/19, 10.5%).",
			map[string]string{"adverse_event=infection": "2/19 10.5%"}},
		{"counts that each name their group are the groups' counts", "After CAR-T cells, infections arose in 12 (40%) outpatient-cohort adults and 7 (23%) inpatient-cohort adults.",
			map[string]string{"adverse_event=infection": "12 40%|7 23%"}},
		{"bare counts in one bracket are the groups' counts", "After CAR-T cells, pneumonia was more frequent at the higher doses (1, 3 and 5 adults).",
			map[string]string{"adverse_event=infection": "1|3|5"}},
		{"respectively after a long list of arms", "After CAR-T cells, infections arose in 18%, 24% and 35% of adults on fludarabine alone, on bendamustine alone or on both of these agents together, respectively.",
			map[string]string{"adverse_event=infection": "- 18%|- 24%|- 35%"}},
		{"patients with an outcome who needed a treatment count both", "After CAR-T cells, two adults with grade 4 ICANS required anakinra.",
			map[string]string{"icans_grade=4": "2", "toxicity_treatment=anakinra": "2"}},
		{"slashed grades take slashed counts in order", "After CAR-T cells, the worst CRS per adult, G1/G2/G3/G4: 14/7/2/0.",
			map[string]string{"crs_grade=1": "14", "crs_grade=2": "7", "crs_grade=3": "2", "crs_grade=4": "0"}},
		{"slashed grade numbers of one span take slashed counts", "After CAR-T cells, ICANS grades 1/2/3 arose in 8/3/2 adults.",
			map[string]string{"icans_grade=1": "8", "icans_grade=2": "3", "icans_grade=3": "2"}},
		{"two slashed counts after a colon", "After CAR-T cells, CRS grade 1/2: 11/4.",
			map[string]string{"crs_grade=1": "11", "crs_grade=2": "4"}},
		{"a fraction after two slashed grades stays a fraction", "After CAR-T cells, grade 1/2 CRS arose in 5/16 adults.",
			map[string]string{"crs_grade=1": "5/16", "crs_grade=2": "5/16"}},
		{"breakdown", "After CAR-T, infections occurred in 4 patients (sepsis n = 1, bacteremia n = 3).",
			map[string]string{"adverse_event=infection": "4"}},
		{"breakdown before its total", "After CAR-T, severe infections (sepsis in 3, bacteremia in 1) occurred in four patients.",
			map[string]string{"adverse_event=infection": "4"}},
		{"a tie before another counted outcome", "After CAR-T cells, all 10 adults were treated with tocilizumab, and some of them were given steroids.",
			map[string]string{"toxicity_treatment=tocilizumab": "10/10"}}, // "some of them": no count of the steroids
		{"a whole after a verbless second clause is the first share's too", "After CAR-T cells, CRS occurred in 70% and ICANS in 15% of the 60 infused adults.",
			map[string]string{"crs=present": "-/60 70%", "icans=present": "-/60 15%"}},
		{"a second clause with a word of its own keeps its whole", "After CAR-T cells, CRS occurred in 70% and later ICANS in 15% of the 60 infused adults.",
			map[string]string{"crs=present": "- 70%", "icans=present": "-/60 15%"}},
		{"a share in the bracket after its grade", "After CAR-T cells, CRS was mostly grade 1 (45% of patients), with grade 2 in 20%.",
			map[string]string{"crs_grade=1": "- 45%", "crs_grade=2": "- 20%"}},
		{"a semicolon ends the share's clause", "After CAR-T cells, CRS arose in 30 adults, with grade 2 in 20%; a single adult had a grade 3 event.",
			map[string]string{"crs=present": "30", "crs_grade=2": "- 20%", "crs_grade=3": "1"}},
		{"a grade most events had is not the count's", "After CAR-T cells, 85% of the adults had CRS, predominantly of grade 1.",
			map[string]string{"crs=present": "- 85%"}},
		{"both makes the count each one's", "After CAR-T cells, both tocilizumab and dexamethasone were needed by 9 adults.",
			map[string]string{"toxicity_treatment=tocilizumab": "9", "toxicity_treatment=corticosteroids": "9"}},
		{"a whole named by its event counts the event", "Adults were given CAR-T cells. Of the 22 adults who developed ICANS, 9 were given dexamethasone.",
			map[string]string{"icans=present": "22", "toxicity_treatment=corticosteroids": "9/22"}},
		{"each untagged kind in a list after its outcome is counted", "After CAR-T cells, the commonest infections were sinusitis (n = 6) and otitis (n = 3).",
			map[string]string{"adverse_event=infection": "6|3"}},
		{"a list of kinds maps its groups too", "After CAR-T cells, the commonest infections were sinusitis (22%, 14% and 9% in arms A, B and C, respectively) and otitis (7%, 5% and 1%, respectively).",
			map[string]string{"adverse_event=infection": "- 22%|- 14%|- 9%|- 7%|- 5%|- 1%"}},
		{"a kind counted by patients", "After CAR-T cells, infections included sinusitis in 5 adults and otitis in 2.",
			map[string]string{"adverse_event=infection": "5|2"}},
		{"an item of another value is its own outcome", "After CAR-T cells, adverse events included infection (n = 5), fatigue (n = 4) and rash (n = 3).",
			map[string]string{"adverse_event=infection": "5"}},
		{"kinds in a bracket after their outcome, each with its count", "After CAR-T cells, serious infections (sinusitis, n = 4; otitis, n = 2; septic arthritis, n = 1) were seen.",
			map[string]string{"adverse_event=infection": "4|2|1"}},
		{"kinds in a bracket with no total after it keep their counts", "After CAR-T cells, serious infections (sepsis in 3, bacteremia in 1) were seen.",
			map[string]string{"adverse_event=infection": "3|1"}},
		{"a treatment the event subsided after shares its count", "After CAR-T cells, ICANS arose in 3 adults and subsided after dexamethasone.",
			map[string]string{"icans=present": "3", "toxicity_treatment=corticosteroids": "3"}},
		{"two arms' shares in one bracket, each named after its share", "After CAR-T cells, serious infections were rare (1.2% with the higher dose, 0.8% with the lower dose).",
			map[string]string{"adverse_event=infection": "- 1.2%|- 0.8%"}},
		{"every treatment a tie names shares the count", "After CAR-T cells, HLH arose in two adults and resolved with anakinra and dexamethasone.",
			map[string]string{"adverse_event=hemophagocytic lymphohistiocytosis": "2", "toxicity_treatment=anakinra": "2", "toxicity_treatment=corticosteroids": "2"}},
		{"a second 'for' outcome counts the treatment again", "After CAR-T cells, dexamethasone was given for ICANS in 6 adults and for CRS in 3.",
			map[string]string{"toxicity_treatment=corticosteroids": "6|3"}},
		{"a subject's verb takes the treatment before as 'it'", "After CAR-T cells, a median of two doses of tocilizumab was given; 11 adults (28%) received it.",
			map[string]string{"toxicity_treatment=tocilizumab": "11 28%"}},
		{"a grade's shares respectively in the arms of the event before", "After CAR-T cells, CRS arose in 55% and 70% of adults in the two cohorts, with grade 3 or higher in 2% and 6%, respectively.",
			map[string]string{"crs=present": "- 55%|- 70%", "crs_grade=3+": "- 2%|- 6%"}},
		{"two arms' counts before cases of each outcome", "After CAR-T cells, there were 8 and 3 cases of sepsis and 5 and 1 cases of HLH in the two arms, respectively.",
			map[string]string{"adverse_event=infection": "8|3", "adverse_event=hemophagocytic lymphohistiocytosis": "5|1"}},
		{"two kinds of one value denied are two zeros", "After CAR-T cells, no wound infection or line-related bloodstream infection was seen.",
			map[string]string{"adverse_event=infection": "0|0"}},
		{"two names of one event denied are one zero", "After CAR-T cells, no neurotoxicity or ICANS was seen.",
			map[string]string{"icans=present": "0"}},
		{"a subject in a bracket counts its own verb's object", "After CAR-T cells, ICANS was frequent (7 patients had a level over 10 mg/L).",
			map[string]string{}},
		{"a count the grade follows", "After CAR-T cells, CRS arose in 70% (n = 35) at grades 1-2 and in 8% (n = 4) at grade 3.",
			map[string]string{"crs_grade=1": "35 70%", "crs_grade=2": "35 70%", "crs_grade=3": "4 8%"}},
		{"a count of events in brackets, then the patients", "After CAR-T cells, infections (n = 30 events) arose in 18 adults (45%).",
			map[string]string{"adverse_event=infection": "18 45%"}},
		{"a share with its grade in the bracket after it", "After CAR-T cells, CRS arose in 90% (any grade) and 7% (grade ≥3).",
			map[string]string{"crs=present": "- 90%", "crs_grade=3+": "- 7%"}},
		{"a subject whose patients are named by what they have", "After CD19 CAR-T cells, all five adults with lupus had grade 1 CRS.",
			map[string]string{"crs_grade=1": "5/5"}},
		{"a relative clause after 'with' keeps its verb", "After CAR-T cells, ICANS of grade 3 or higher affected 30% of recipients with lymphoma who had received bendamustine.",
			map[string]string{"icans_grade=3+": "- 30%"}},
		{"a subject with a group's label number before its verb", "After CAR-T cells, 2 of 3 adults at dose level 2 developed grade 2 CRS.",
			map[string]string{"crs_grade=2": "2/3"}},
		{"both as the last item of a list names the two together", "After CAR-T cells, CRS was managed with tocilizumab alone (n = 10), steroids alone (n = 2) or both (n = 5).",
			map[string]string{"toxicity_treatment=tocilizumab": "10", "toxicity_treatment=corticosteroids": "2"}},
		{"a grade row that respectively maps to the events before", "After CAR-T cells, CRS and ICANS arose in 85% and 25%; grade ≥3 in 4% and 8%, respectively.",
			map[string]string{"crs=present": "- 85%", "icans=present": "- 25%", "crs_grade=3+": "- 4%", "icans_grade=3+": "- 8%"}},
		{"a respectively list after events with their grade shares in brackets", "After CAR-T cells, CRS (grade ≥3, 2%) and neurotoxicity (grade ≥3, 10%) were observed in 58% and 21% of adults, respectively.",
			map[string]string{"crs=present": "- 58%", "crs_grade=3+": "- 2%", "icans=present": "- 21%", "icans_grade=3+": "- 10%"}},
		{"an event after any grade and a grade slashed, with its shares slashed", "After CAR-T cells, any-grade/grade ≥3 ICANS occurred in 21%/10%.",
			map[string]string{"icans=present": "- 21%", "icans_grade=3+": "- 10%"}},
		{"the same after a colon", "After CAR-T cells, any-grade/grade ≥3 CRS: 93%/13%.",
			map[string]string{"crs=present": "- 93%", "crs_grade=3+": "- 13%"}},
		{"a 'with' grade row right after the 'respectively' of the events", "After CAR-T cells, CRS and ICANS arose in 85% and 25%, respectively, with grade ≥3 events in 4% and 8%.",
			map[string]string{"crs=present": "- 85%", "icans=present": "- 25%", "crs_grade=3+": "- 4%", "icans_grade=3+": "- 8%"}},
		{"the same row with the events the other way round", "After CAR-T cells, ICANS and CRS arose in 25% and 85%; grade ≥3 in 8% and 4%, respectively.",
			map[string]string{"crs=present": "- 85%", "icans=present": "- 25%", "crs_grade=3+": "- 4%", "icans_grade=3+": "- 8%"}},
		{"a grade row with more shares than events maps none", "After CAR-T cells, CRS and ICANS arose in 85% and 25%; grade ≥3 in 4%, 8% and 2%, respectively.",
			map[string]string{"crs=present": "- 85%", "icans=present": "- 25%"}},
		{"a grade that shares the verb of the grade before", "After CAR-T cells, CRS of grade 1 occurred in 80% (n = 16) and grade 3 in 10% (n = 2).",
			map[string]string{"crs_grade=1": "16 80%", "crs_grade=3": "2 10%"}},
		{"a grade with a clause of its own", "After CAR-T cells, CRS of grade 2 developed in 4 adults, and grade 3 neutropenia arose later.",
			map[string]string{"crs_grade=2": "4"}},
		{"a bare grade after 'and' with its own share", "After CAR-T cells, CRS was mostly grade 1 (45%) and 2 (30%).",
			map[string]string{"crs_grade=1": "- 45%", "crs_grade=2": "- 30%"}},
		{"a bare number after 'and' that counts patients", "After CAR-T cells, CRS was grade 1 (45%) and 2 patients had ICANS.",
			map[string]string{"crs_grade=1": "- 45%", "icans=present": "2"}},
		{"the share in the bracket after the outcome a count before counts", "After CAR-T cells, 12 patients developed CRS (60%).",
			map[string]string{"crs=present": "12 60%"}},
		{"the share after the abbreviation, merged into the count", "After CAR-T cells, nine adults developed cytokine release syndrome (CRS; 45%).",
			map[string]string{"crs=present": "9 45%"}},
		{"a count that closes its item", "After CAR-T cells, CRS arose in 9 adults: it was grade 1 in seven and grade 2 in two.",
			map[string]string{"crs=present": "9", "crs_grade=1": "7", "crs_grade=2": "2"}},
		{"a share after the abbreviation", "After CAR-T cells, the commonest events were cytokine release syndrome (CRS; 64%) and fatigue (30%).",
			map[string]string{"crs=present": "- 64%"}},
		{"a cohort that received therapy counts nothing", "Twenty adults received therapy, and 45% (n = 9) had CRS.",
			map[string]string{"crs=present": "9 45%"}},
		{"an open bound and its breakdown", "After CAR-T cells, 7 patients had CRS grade 3 or above (grade 3, n = 5; grade 4, n = 2).",
			map[string]string{"crs_grade=3+": "7", "crs_grade=3": "5", "crs_grade=4": "2"}},
		{"what the patients with an event received", "After CAR-T cells, patients with CRS received oxygen (24%) and dialysis (5%).",
			map[string]string{}},
		{"a group that did not have the event", "After CAR-T cells, ferritin was higher than in the group that did not experience CRS.",
			map[string]string{}},
		{"a grade shared over a list with counts", "After the CAR-T cells, grade 3 or 4 CRS (n = 2; 4%) and neurologic events (n = 3; 6%) were rare.",
			map[string]string{"crs_grade=3": "2 4%", "crs_grade=4": "2 4%", "icans_grade=3": "3 6%", "icans_grade=4": "3 6%"}},
		{"counts being grades", "After CAR-T cells, ICANS arose in 6 adults, with 5 cases being grade 1 and 1 being grade 3.",
			map[string]string{"icans=present": "6", "icans_grade=1": "5", "icans_grade=3": "1"}},
		{"a subject's verb takes a list", "After CAR-T cells, 4 patients had CRS, ICANS and a urinary tract infection.",
			map[string]string{"crs=present": "4", "icans=present": "4", "adverse_event=infection": "4"}},
		{"a subject's verb takes a list of grades", "After CAR-T cells, one man developed grade 2 ICANS and grade 3 CRS.",
			map[string]string{"icans_grade=2": "1", "crs_grade=3": "1"}},
		{"a list of grades each with its own count", "After CAR-T cells, one man developed grade 2 ICANS and grade 3 CRS in two.",
			map[string]string{"icans_grade=2": "1", "crs_grade=3": "2"}},
		{"a phrase between commas before the subject's verb", "After CAR-T cells, two adults, treated at the higher dose, developed grade 4 CRS.",
			map[string]string{"crs_grade=4": "2"}},
		{"a grade after the share with a share of its own", "After CAR-T cells, CRS: 75% (G≥3 5.5%); ICANS: 18% (grade ≥3 7%).",
			map[string]string{"crs=present": "- 75%", "crs_grade=3+": "- 5.5%", "icans=present": "- 18%", "icans_grade=3+": "- 7%"}},
		{"a subject's count before a breakdown by grade", "After CAR-T cells, 6 adults developed ICANS (grade 1, n = 3; grade 2, n = 2; grade 3, n = 1).",
			map[string]string{"icans=present": "6", "icans_grade=1": "3", "icans_grade=2": "2", "icans_grade=3": "1"}},
		{"a share, then a clause with a count of its own", "After CAR-T cells, eleven adults needed tocilizumab (55%) and six received dexamethasone (30%).",
			map[string]string{"toxicity_treatment=tocilizumab": "11 55%", "toxicity_treatment=corticosteroids": "6 30%"}},
		{"a treatment's uses for two events", "After CAR-T cells, steroids were used in 25% of adults for CRS and in 15% for ICANS.",
			map[string]string{"toxicity_treatment=corticosteroids": "- 25%|- 15%"}},
		{"a subgroup's label on a row that lost its bars", "Twenty adults received CAR-T cells.\n\nTable 2. Events, n (%)\nPatients with ICANS 13 (65)\n",
			map[string]string{"icans=present": "13/20 65%"}},
		{"a whole written with a thousands comma", "Among 1,250 adults given CAR-T cells, 54 patients developed HLH.",
			map[string]string{"adverse_event=hemophagocytic lymphohistiocytosis": "54/1250"}},
		{"a list with its own count after it", "After CAR-T cells, 2 patients had CRS and ICANS arose in 3.",
			map[string]string{"crs=present": "2", "icans=present": "3"}},
		{"a group's count takes no population", "Twenty adults were enrolled. After CAR-T cells, two adults in the low-dose group had ICANS.",
			map[string]string{"icans=present": "2"}},
		{"a share of the whole that opens the sentence", "Of the 20 patients infused with CAR-T cells, 30% had CRS.",
			map[string]string{"crs=present": "-/20 30%"}},
		{"respectively with an item that is no tag", "After CAR-T cells, we saw fever, low lymphocyte count and cytokine release syndrome (CRS) in 14, 11 and eight patients, respectively.",
			map[string]string{"adverse_event=lymphopenia": "11", "crs=present": "8"}},
		{"a time window of the outcome", "After CAR-T cells, late-onset CRS and ICANS were rare after week 2 (0% and 1.5%, respectively).",
			map[string]string{}},
		{"one kind without the other", "After CAR-T cells, 120 (40%) had CRS only, 30 (10%) had ICANS only, and 90 (30%) had both.",
			map[string]string{}},
		{"late-onset sepsis is a disease of its own", "Late-onset sepsis was more frequent in the control group (21% vs 13%).",
			map[string]string{"adverse_event=infection": "- 21%"}},
		{"shares of one stated whole", "After CAR-T cells, CRS and ICANS were seen in 40% and 10% of the 30 adults, respectively.",
			map[string]string{"crs=present": "-/30 40%", "icans=present": "-/30 10%"}},
		{"a treatment the outcome needed", "After CAR-T cells, ICANS requiring dexamethasone arose in 4 patients.",
			map[string]string{"icans=present": "4"}},
		{"a treatment after no outcome keeps its count", "After CAR-T cells, hypotension needing vasopressors arose in 4 patients.",
			map[string]string{"toxicity_treatment=vasopressors": "4"}},
		{"a share after each grade", "After CAR-T cells, CRS was grade 1 (40%) or grade 2 (20%).",
			map[string]string{"crs_grade=1": "- 40%", "crs_grade=2": "- 20%"}}, // the grade's number counts no patient
		{"a lone percent", "After CAR-T, CRS with an IL-6 rise of 30% occurred in 5 patients.",
			map[string]string{"crs=present": "5"}},
		{"negated before", "After CAR-T, no ICANS was seen within the cohort of 12 patients.",
			map[string]string{"icans=present": "0/12"}}, // none of the cohort of 12 the sentence names
		{"not a single", "After CAR-T, not a single adult developed ICANS.",
			map[string]string{"icans=present": "0"}},
		{"a negation of what it was", "After CAR-T cells, the rash was judged not a dose-limiting toxicity.",
			map[string]string{}}, // no_count: "not" denies the kind, not that any patient had one
		{"a subgroup", "After CAR-T, adults without ICANS left hospital sooner.",
			map[string]string{}},
		{"without it", "After CAR-T cells, 12 patients had CRS without neurotoxicity.",
			map[string]string{"crs=present": "12", "icans=present": "0"}},
		{"a share after a denial is the phrase's it qualifies", "After CAR-T cells, grade 3 events were fever (30%) and infection without neutropenia (10%).",
			map[string]string{"adverse_event=infection": "- 10%", "adverse_event=neutropenia": "0"}},
		{"a list of subjects before grades that stand after their event", "After CAR-T cells, CRS occurred in 12 patients; 9 and 3 patients had grade 1 and 2, respectively.",
			map[string]string{"crs=present": "12", "crs_grade=1": "9", "crs_grade=2": "3"}},
		{"a list of shares as subjects", "After CAR-T cells, CRS occurred in 60% of patients; 45% and 15% had grade 1 and 2, respectively.",
			map[string]string{"crs=present": "- 60%", "crs_grade=1": "- 45%", "crs_grade=2": "- 15%"}},
		{"what a treatment was given for is no item of a list of counts", "After CAR-T cells, tocilizumab for CRS was given in 12 (40%) versus 6 (20%) adults in the two cohorts.",
			map[string]string{"toxicity_treatment=tocilizumab": "12 40%|6 20%"}},
		{"a bare count after a comparison is the other group's", "After CAR-T cells, two adults in cohort A had pneumonia, compared with 5 in cohort B.",
			map[string]string{"adverse_event=infection": "2|5"}},
		{"the event's count after a bracket of its grades' counts", "After CAR-T cells, CRS (grade 1, n = 18; grade 2, n = 6) arose in 24 adults (60%).",
			map[string]string{"crs=present": "24 60%", "crs_grade=1": "18", "crs_grade=2": "6"}},
		{"groups named by a list of doses after the counts", "After CAR-T cells, neutropenia arose in 2, 6 and 13 adults in the 50 mg, 100 mg and 150 mg cohorts.",
			map[string]string{"adverse_event=neutropenia": "2|6|13"}},
		{"a grade and its count of patients after a comma", "After CAR-T cells, ICANS (grade 1, 3 adults; grade 2, 2 adults) resolved within a week.",
			map[string]string{"icans_grade=1": "3", "icans_grade=2": "2"}},
		{"groups named by a list of words after the counts", "After the bispecific antibody, grade 3 neutropenia arose in 3%, 8% and 14% in the observation, weekly and biweekly arms.",
			map[string]string{"adverse_event=neutropenia": "- 3%|- 8%|- 14%"}},
		{"groups named before the counts", "After CAR-T cells, the rates of infection in the inpatient and outpatient cohorts were 6% and 11%.",
			map[string]string{"adverse_event=infection": "- 6%|- 11%"}},
		{"a decimal is no count", "After CAR-T cells, neutropenia arose in 2, 3 and 8 adults given 0.5, 1.0 and 2.0 million cells/kg, respectively.",
			map[string]string{"adverse_event=neutropenia": "2|3|8"}},
		{"what a treatment was given for maps no list of groups", "After CAR-T cells, in the outpatient and inpatient cohorts, tocilizumab was given for CRS to 18% and 31% of adults.",
			map[string]string{"toxicity_treatment=tocilizumab": "- 18%|- 31%"}},
		{"a whole named by the treatment its patients received", "After CAR-T cells, of the 22 adults who received tocilizumab for CRS, 9 (41%) also received dexamethasone.",
			map[string]string{"toxicity_treatment=tocilizumab": "22", "toxicity_treatment=corticosteroids": "9/22 41%"}},
		{"a whole whose share a count's own share denies is none of its", "After CAR-T cells, among 120 adults, ICANS arose in 5 (8.3%) in cohort A and 2 (3.3%) in cohort B.",
			map[string]string{"icans=present": "5 8.3%|2 3.3%"}},
		{"no other", "After CAR-T, no other dose-limiting toxicities were seen.",
			map[string]string{}},
		{"no association", "After CAR-T, age was not associated with the risk of neutropenia.",
			map[string]string{}}, // negated, as PHEE reads it, but no patient count
		{"none of these attributed to it", "After CAR-T, three adults died; none of these were attributed to CRS.",
			map[string]string{}},
		{"no death from it", "After CAR-T, no patient died of an infection.",
			map[string]string{}},
		{"a subgroup with no", "After CAR-T, the 12 patients with no ICANS left hospital sooner.",
			map[string]string{"icans=present": "12"}}, // patients without it, as "two patients showed no CRS"
		{"an event's patients with no other", "After CAR-T cells, CRS occurred in 12 patients with no ICANS.",
			map[string]string{"crs=present": "12", "icans=present": "0"}},
		{"a list of outcomes whose other item is no tag", "Nausea and febrile neutropenia occurred in 12 and 5 CAR-T recipients, respectively.",
			map[string]string{"adverse_event=febrile neutropenia": "5"}},
		{"a serial list of outcomes, one a tag", "Nausea, febrile neutropenia and fatigue occurred in 30%, 24% and 11% of CAR-T recipients, respectively.",
			map[string]string{"adverse_event=febrile neutropenia": "- 24%|"}},
		{"a list of outcomes whose tag comes first", "Febrile neutropenia and nausea occurred in 12 and 5 CAR-T recipients, respectively.",
			map[string]string{"adverse_event=febrile neutropenia": "12|"}},
		{"a grade said of all before the count", "After CAR-T cells, CRS (all grade 1–2) developed in 14 of 16 adults (88%).",
			map[string]string{"crs=present": "14/16 88%", "crs_grade=1": "14/16 88%", "crs_grade=2": "14/16 88%"}},
		{"a grade said of all after a long count", "After the bispecific antibody, CRS arose in 31 of 58 adults given the CD20×CD3 antibody QX-17 at its full target dose with step-up dosing, all of grade 1 or 2.",
			map[string]string{"crs=present": "31/58", "crs_grade=1": "31/58", "crs_grade=2": "31/58"}},
		{"a grade of no 'all' after a long count shares nothing", "After the bispecific antibody, CRS arose in 31 of 58 adults given the CD20×CD3 antibody QX-17 at its full target dose with step-up dosing, mostly of grade 1 or 2.",
			map[string]string{"crs=present": "31/58"}},
		{"the items a count's verb takes, before a count of what follows", "After CAR-T cells, all 20 adults had grade 4 neutropenia and lymphopenia, and 6 of them developed bacteraemia.",
			map[string]string{"adverse_event=neutropenia": "20/20", "adverse_event=lymphopenia": "20/20", "adverse_event=infection": "6"}},
		{"an item its own count follows closely is that count's", "After CAR-T cells, 9 adults had neutropenia and anaemia in 3.",
			map[string]string{"adverse_event=neutropenia": "9", "adverse_event=anemia": "3"}},
		{"a denial after the cases it sets apart", "After CAR-T cells, apart from one adult with grade 2 ICANS, no neurotoxicity was observed.",
			map[string]string{"icans_grade=2": "1"}}, // no zero of ICANS: one had it
		{"the rest had none", "After CAR-T cells, grade 2 ICANS arose in 3 adults; the remaining 40 adults had no neurotoxicity.",
			map[string]string{"icans_grade=2": "3"}}, // the 40 are spared: no zero of ICANS
		{"none died of it", "After CAR-T, none of the patients died of CRS.",
			map[string]string{}},
		{"a table row", "After CAR-T cells, ferritin ICANS 812 (410) 790 (388) 0.61 No ICANS 402 (199) 415 (230) 0.72",
			map[string]string{}}, // "No ICANS" labels a row: no zero count
		{"not a table row", "After CAR-T cells, CRS occurred in 6 of 20 patients (grade 1 in 3, 15%; grade 2 in 2, 10%), and no ICANS occurred (95% CI 0-17).",
			map[string]string{"crs=present": "6/20", "crs_grade=1": "3/20 15%", "crs_grade=2": "2/20 10%", "icans=present": "0/20"}},
		{"respectively with an outcome missing", "After CAR-T cells, the rates of fever and pneumonia were 23% and 17%, respectively.",
			map[string]string{}}, // fever is no outcome tag: 23% is not pneumonia's
		{"respectively of groups", "After CAR-T cells, fevers occurred in 40% and 30% of patients and infections occurred in 12% and 9%, respectively.",
			map[string]string{"adverse_event=infection": "- 12%"}},
		{"respectively with the tag first", "After CAR-T cells, pneumonia and fever were seen in 8 (40%) and 3 (15%) adults, respectively.",
			map[string]string{"adverse_event=infection": "8 40%"}},
		{"respectively", "After CAR-T cells, the rates of neutropenia and pneumonia were 23% and 17%, respectively.",
			map[string]string{"adverse_event=neutropenia": "- 23%", "adverse_event=infection": "- 17%"}},
		{"a subject of its own clause", "After CAR-T cells, ICANS was frequent, and 1 patient was lost to follow-up.",
			map[string]string{}}, // a count with its verb counts what follows it, or nothing
		{"a count of a bracketed list", "After CAR-T cells, four patients had severe events (pneumonia, a fall and a stroke).",
			map[string]string{}}, // the four are the whole list's, not pneumonia's
		{"a fraction that repeats the count", "After CAR-T cells, 9 patients (18%, 9/50) developed pneumonia.",
			map[string]string{"adverse_event=infection": "9/50 18%"}},
		{"a subgroup's other outcome", "After CAR-T cells, among the patients who developed ICANS, six of 10 in the first cohort died.",
			map[string]string{}},
		{"a clause after a semicolon", "After CAR-T cells, pneumonia was rare (P = 0.4); fever occurred in 4 adults.",
			map[string]string{}},
		{"those given a treatment, with the event they had", "After CAR-T cells, anakinra was given to 3 adults with steroid-refractory ICANS.",
			map[string]string{"toxicity_treatment=anakinra": "3"}},
		{"a subject count over a group named by a grade", "After CAR-T cells, two of the three adults with grade 3 ICANS received anakinra.",
			map[string]string{"toxicity_treatment=anakinra": "2/3", "icans_grade=3": "3"}},
		{"a summary's share and its grade's after colons", "After CAR-T cells, ICANS: 20% (grade ≥3: 5%).",
			map[string]string{"icans=present": "- 20%", "icans_grade=3+": "- 5%"}},
		{"a time after the count", "After CAR-T cells, CRS arose in 17 adults (85%) at a median of 3 days.",
			map[string]string{"crs=present": "17 85%"}},
		{"a breakdown after a colon", "After CAR-T cells, we recorded three treatment-related deaths (4.1%): 2 due to sepsis and 1 due to HLH.",
			map[string]string{"adverse_event=treatment-related death": "3 4.1%", "adverse_event=infection": "2", "adverse_event=hemophagocytic lymphohistiocytosis": "1"}},
		// Common ways CAR-T reports write their toxicity (own sentences).
		{"respectively of two events", "After CAR-T cells, any-grade CRS and ICANS occurred in 84% and 23% of patients, respectively.",
			map[string]string{"crs=present": "- 84%", "icans=present": "- 23%"}},
		{"n of m with a grade part", "After CAR-T cells, ICANS of any grade was observed in 12 of 40 patients (30%), including grade 3 or higher in 4 (10%).",
			map[string]string{"icans=present": "12/40 30%", "icans_grade=3+": "4/40 10%"}},
		{"an event list with counts", "After CAR-T cells, grade 3 or higher neutropenia occurred in 30 patients (79%), thrombocytopenia in 18 (47%) and anemia in 15 (39%).",
			map[string]string{"adverse_event=neutropenia": "30 79%", "adverse_event=thrombocytopenia": "18 47%", "adverse_event=anemia": "15 39%"}},
		{"counted subjects of two events", "After CAR-T cells, among the 25 patients treated at the target dose, 22 (88%) had CRS and 6 (24%) had ICANS.",
			map[string]string{"crs=present": "22/25 88%", "icans=present": "6/25 24%"}}, // the whole each share is of
		{"treatments with their events", "After CAR-T cells, eleven patients (29%) required tocilizumab for CRS, and four (11%) received dexamethasone for ICANS.",
			map[string]string{"toxicity_treatment=tocilizumab": "11 29%", "toxicity_treatment=corticosteroids": "4 11%"}},
		{"wholes in the arms' order", "After CAR-T cells, grade 3 rash was more common with the higher dose (40 [20%] of 200 vs 12 [6%] of 190), and so was grade 3 neutropenia (31 [16%] vs 19 [10%]).",
			map[string]string{"adverse_event=neutropenia": "31/200 16%|19/190 10%"}}, // 31/190 would be 16% too: the first arm's whole
		{"a whole of a cut percentage", "After CAR-T cells, rash arose in three of 22 adults on the first schedule and four of 21 on the second, with infections in one (4.7%).",
			map[string]string{"adverse_event=infection": "1/21 4.7%"}}, // 1/21 is 4.76%, cut to 4.7; 1/22 is 4.5%
		{"no whole the percentage is not of", "After CAR-T cells, CRS developed in 20 of 40 patients (50%), and ICANS in 5 (25%).",
			map[string]string{"crs=present": "20/40 50%", "icans=present": "5 25%"}}, // 25% is not 5 of 40
		{"a number that ends a code is no count", "After CAR-T cells, infections with HHV-6 (12%) arose in the first month.",
			map[string]string{"adverse_event=infection": "- 12%"}}, // not 6 patients
		{"subjects of two groups before their verb", "After CAR-T cells, five adults in cohort A and three in cohort B developed CRS.",
			map[string]string{"crs=present": "5|3"}},
		{"a count whose verb opens its outcome's words", "After CAR-T cells, three adults died from toxicities judged related to the product.",
			map[string]string{"adverse_event=treatment-related death": "3"}},
		{"all after the whole the sentence opens with are all of that whole", "After CAR-T cells, of the 9 adults with myositis, all patients had grade 1 CRS.",
			map[string]string{"crs_grade=1": "9/9"}},
		{"all of those counted received a treatment", "After CAR-T cells, grade 3 CRS arose in 4 adults, and all received tocilizumab.",
			map[string]string{"crs_grade=3": "4", "toxicity_treatment=tocilizumab": "4"}},
		{"all of them", "After CAR-T cells, CRS developed in all 12 patients, and ICANS in 2 (17%).",
			map[string]string{"crs=present": "12/12", "icans=present": "2/12 17%"}}, // 17% is 2 of the 12
		{"a rate and its grade part", "After CAR-T cells, the incidence of CRS was 92%, with grade 3 or higher events in 7%.",
			map[string]string{"crs=present": "- 92%", "crs_grade=3+": "- 7%"}},
		{"a share of patients treated", "After CAR-T cells, tocilizumab was administered to 60% of patients for CRS.",
			map[string]string{"toxicity_treatment=tocilizumab": "- 60%"}},
		{"a summary before its grades", "After CAR-T cells, CRS was mostly low grade: grade 1 in 18 patients, grade 2 in 9 and grade 3 in 2.",
			map[string]string{"crs_grade=1": "18", "crs_grade=2": "9", "crs_grade=3": "2"}},
		{"a summary alone", "After CAR-T cells, CRS was low grade in 12 patients.",
			map[string]string{"crs_grade=1": "12", "crs_grade=2": "12"}},
		{"grades with colons", "After CAR-T cells, CRS grade 1: 8 (67%); grade 2: 3 (25%); grade 3: 1 (8%).",
			map[string]string{"crs_grade=1": "8 67%", "crs_grade=2": "3 25%", "crs_grade=3": "1 8%"}},
		{"no grade above a bound", "After CAR-T cells, CRS did not exceed grade 2 in any patient.",
			map[string]string{"crs_grade=3+": "0"}},
		{"shared count", "After CAR-T, neutropenia occurred in two patients and was managed supportively.",
			map[string]string{"adverse_event=neutropenia": "2", "toxicity_treatment=supportive care": "2"}},
		{"no shared count past a breakdown", "After CAR-T, ICANS occurred in 5 patients (grade 1, n = 3; grade 3, n = 2) and resolved with steroids.",
			map[string]string{"icans=present": "5", "icans_grade=1": "3", "icans_grade=3": "2"}},
		{"grade list of bare counts", "After CAR-T, ICANS occurred in 6 patients (grade 1, 4; grade 3, 2) and resolved with steroids.",
			map[string]string{"icans=present": "6", "icans_grade=1": "4", "icans_grade=3": "2"}}, // the bracket the ", 2)" closes ends the clause
		{"grade list in words and a treatment", "After CAR-T, CRS developed in 13 patients (grade 1 in 10, grade 2 in 3) and resolved with tocilizumab.",
			map[string]string{"crs=present": "13", "crs_grade=1": "10", "crs_grade=2": "3"}},
		{"a subgroup who did not", "After CAR-T cells, survival was alike in adults who had CRS and in those who did not develop CRS.",
			map[string]string{}}, // those who did not develop it are a group, not a zero
		{"and/or", "After CAR-T, severe CRS and/or ICANS occurred in 2 patients (4%).",
			map[string]string{}}, // which of them, the words do not say
		{"either or", "After CAR-T, bacteremia or a drug rash occurred in 4 patients.",
			map[string]string{}}, // a count of either is no count of one
		{"an event its grade's count was stated of takes the grade's inferred whole", "We treated 20 adults with CAR-T cells. A total of 12 adults (60%) developed CRS, all of which were grade 1 or 2.",
			map[string]string{"crs=present": "12/20 60%", "crs_grade=1": "12/20 60%", "crs_grade=2": "12/20 60%"}},
		{"a pronoun's count of an event denied before it", "After CAR-T cells, grade 3 ICANS was not seen in adults under 60; overall, it occurred in 4 adults (8%).",
			map[string]string{"icans_grade=3": "0|4 8%"}},
		{"a pronoun's count in the report's own clause of another study's event", "A previous meta-analysis put the risk of febrile neutropenia at 20%; in this study it occurred in 9 of 120 patients (7.5%).",
			map[string]string{"adverse_event=febrile neutropenia": "9/120 7.5%"}},
		{"the report's own count of another study's event takes the population", "We infused CAR-T cells into 30 adults with lymphoma. In ZUMA-1, grade 3 or higher ICANS arose in 28%, whereas in our cohort it occurred in 3 adults (10%).",
			map[string]string{"icans_grade=3+": "3/30 10%"}},
		{"a pronoun's count in another study's clause is no count of the report", "In the ELARA trial, neutropenia was frequent; it occurred in 30% of patients.",
			map[string]string{}},
		{"a count whose verb the count before took", "After CAR-T cells, CRS arose in 18 adults; 10 (50%) received tocilizumab and 3 (15%) dexamethasone.",
			map[string]string{"crs=present": "18", "toxicity_treatment=tocilizumab": "10 50%", "toxicity_treatment=corticosteroids": "3 15%"}},
		{"a chain of counts that left out the first count's verb, each with its grade first", "After the bispecific antibody, 30 (75%) had grade ≥3 neutropenia, 12 (30%) grade ≥3 lymphopenia and 8 (20%) grade ≥3 thrombocytopenia.",
			map[string]string{"adverse_event=neutropenia": "30 75%", "adverse_event=lymphopenia": "12 30%", "adverse_event=thrombocytopenia": "8 20%"}},
		{"an event's grade after it stops at the next mention of the event", "After CAR-T cells, 11 adults (36.7%) had ICANS of any grade, and severe ICANS (grade 3–4) arose in 4 (13.3%).",
			map[string]string{"icans=present": "11 36.7%", "icans_grade=3": "4 13.3%", "icans_grade=4": "4 13.3%"}},
		{"a count of those who recovered from an event is no count of the event", "After CAR-T cells, by day 21, 18 of 20 adults (90%) had recovered from ICANS.",
			map[string]string{}},
		{"a severity glossed with its grades in a bracket", "After CAR-T cells, low-grade (1–2) ICANS arose in 30% of adults and high-grade (≥3) ICANS in 10%.",
			map[string]string{"icans_grade=1": "- 30%", "icans_grade=2": "- 30%", "icans_grade=3+": "- 10%"}},
		{"an open bound after the term opens the grade before it", "After CAR-T cells, grade 2 CRS or higher arose in 5 adults.",
			map[string]string{"crs_grade=2+": "5"}},
		{"an open bound after the term from grade 1 is any grade", "After CAR-T cells, grade 1 ICANS and above arose in 7 adults.",
			map[string]string{"icans=present": "7"}},
		{"a bound of another term is not the grade's", "After CAR-T cells, grade 1 CRS or more severe ICANS arose in 2 adults.",
			map[string]string{"icans_grade=3+": "2"}},
		{"the event of any grade written before its grade takes the first count of a respectively list", "Forty adults received the CAR-T cells. CRS of any grade and of grade 3 or higher arose in 36 (90%) and 4 (10%) adults, respectively.",
			map[string]string{"crs=present": "36/40 90%", "crs_grade=3+": "4/40 10%"}},
		{"each grade of a range after 'any grade and' takes the second count", "Forty adults received the CAR-T cells. Any-grade and grade 3-4 ICANS arose in 12 and 2 adults, respectively.",
			map[string]string{"icans=present": "12/40", "icans_grade=3": "2/40", "icans_grade=4": "2/40"}},
		{"an adverse event's counts of any grade and of a grade are the population's, not arms'", "Forty adults received the CAR-T cells. Infections of any grade and of grade 3 or higher arose in 20 (50%) and 6 (15%) adults, respectively.",
			map[string]string{"adverse_event=infection": "20/40 50%|6/40 15%"}},
		{"an adverse event's grades listed before it are the population's too", "Forty adults received the CAR-T cells. Grade 1-2 and grade 3 neutropenia arose in 10 and 2 adults, respectively.",
			map[string]string{"adverse_event=neutropenia": "10/40|2/40"}},
		{"a share after a semicolon in the bracket that holds the count's fraction is the count's", "After CAR-T cells, low IgG developed in 15 adults (15/30; 50%) by month 3.",
			map[string]string{"adverse_event=hypogammaglobulinemia": "15/30 50%"}},
		{"a pronoun subject takes up the one uncounted event of the clause before", "Thirty adults received the CAR-T cells. The onset of CRS was at a median of day 2; it occurred in 21 adults (70%).",
			map[string]string{"crs=present": "21/30 70%"}},
		{"a pronoun after a clause of two events takes up neither", "Thirty adults received the CAR-T cells. Neutropenia and anaemia were common early; they occurred in 20 adults.",
			map[string]string{}},
		{"a share after a semicolon in the bracket that is not the fraction's is another whole's", "After CAR-T cells, ICANS arose in 12 adults (12/40; 50% of those with CRS).",
			map[string]string{"icans=present": "12/40"}},
		{"grade bands of a respectively list that also names groups stay the groups' counts", "Forty adults received the CAR-T cells. Neutropenia of any grade and of grade 3 or higher arose in 18 and 12 adults in cohort A and in 16 and 8 in cohort B, respectively.",
			map[string]string{"adverse_event=neutropenia": "18"}}, // (no whole of the cohort; the last count, 8, is still missed)
		{"a count written as a bound is a rule's threshold, no count", "After CAR-T cells, the cohort was expanded when at most 1 of 6 adults had a dose-limiting toxicity.",
			map[string]string{}},
		{"a pronoun after another study's words in its clause takes up no event of the report", "Thirty adults received the CAR-T cells. CRS was mild in our adults; in ZUMA-1 it occurred in 93% of patients.",
			map[string]string{}},
		{"a pronoun takes up the event, not a grade said after it", "Thirty adults received the CAR-T cells. CRS began at a median of day 2, with a maximum of grade 2; it occurred in 21 adults (70%).",
			map[string]string{"crs=present": "21/30 70%"}},
		{"a pronoun's count after a group's words echoes the event in that group", "After CAR-T cells, ICANS arose in 9 of 40 adults in arm A; in the control arm it occurred in 12 of 38.",
			map[string]string{"icans=present": "9/40|12/38"}},
		{"a pronoun's count after another trial's name is no group of ours", "After CAR-T cells, ICANS arose in 9 of 40 adults; in ZUMA-1 it occurred in 64% of patients.",
			map[string]string{"icans=present": "9/40|"}},
		{"a pronoun after an adverb of its clause still takes up the event", "Thirty adults received the CAR-T cells. CRS began at a median of day 2; overall, it occurred in 21 adults (70%).",
			map[string]string{"crs=present": "21/30 70%"}},
		{"a pronoun whose clause ends with another trial's name takes up nothing", "Thirty adults received the CAR-T cells. CRS was mild in our adults; it was reported in 93% of patients in ZUMA-1.",
			map[string]string{}},
		{"a pronoun takes up the grade written right after the event", "Thirty adults received the CAR-T cells. ICANS of grade 3 began on day 5; it occurred in 3 adults.",
			map[string]string{"icans_grade=3": "3/30"}},
		{"a pronoun's count in the whole cohort is no other group's", "After CAR-T cells, ICANS arose in 9 of 40 adults; in the whole cohort it occurred in 9 of 40 (23%).",
			map[string]string{"icans=present": "9/40"}},
		{"a pronoun's count in a subgroup is no incidence of all", "Thirty adults received the CAR-T cells. CRS began at a median of day 2; in patients older than 65 years it occurred in 8 of 10.",
			map[string]string{}},
		{"a pronoun in the report's own cohort takes up the event", "Forty adults received the CAR-T cells. CRS began at a median of day 2; in our cohort it occurred in 30 adults (75%).",
			map[string]string{"crs=present": "30/40 75%"}},
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
				if strings.Contains(w, "|") { // every incidence of the value, in any order ("12|": only 12)
					all := slices.Clone(got[k])
					slices.Sort(all)
					ws := slices.DeleteFunc(strings.Split(w, "|"), func(x string) bool { return x == "" })
					slices.Sort(ws)
					if !slices.Equal(all, ws) {
						t.Errorf("%s: incidences %v, want %v (all: %v)", k, got[k], ws, got)
					}
					continue
				}
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

// TestIncidenceArmsAndEpisodes checks the counts a tag holds more than one of: another arm's
// count of the same form after an arm rule's words (on a copy of the tag, with its place
// among the arms and no denominator from the population), and a count of episodes beside
// the count of patients; and the counts that must stay single.
func TestIncidenceArmsAndEpisodes(t *testing.T) {
	c := testrules.Default(t)
	type inc struct{ count, join string }
	tests := []struct {
		name, text string
		want       map[string][]inc // facet=value → each tag's incidence, in text order
	}{
		{"a second outcome's pair after ', and' that ends the first outcome's arms", "After the bispecific antibody, neutropenia arose in 46 adults (38%) in the weekly group and 29 (24%) in the monthly group, and febrile neutropenia in 11 (9%) and 3 (2%), respectively.",
			map[string][]inc{"adverse_event=neutropenia": {{"46 38%", ""}, {"29 24%", "arm.named"}}, "adverse_event=febrile neutropenia": {{"11 9%", ""}, {"3 2%", "list.respectively"}}}},
		{"the last item of a list whose first items are no tags, after a clause with a count", "After the CAR-T cells, CRS arose in 32 adults, and fever, hypoxia, and ICANS were seen in 30, 12, and 5, respectively.",
			map[string][]inc{"crs=present": {{"32", ""}}}},
		{"parts in the bracket after a share, each opening with its product", "After CAR-T cells, any-grade CRS occurred in 71% of adults (axi-cel 82%, liso-cel 54%).",
			map[string][]inc{"crs=present": {{"- 71%", ""}, {"- 82%", "list.breakdown"}, {"- 54%", "arm.label_before"}}}},
		{"parts in the bracket after a share, each opening with its cohort", "After CAR-T cells, ICANS occurred in 25% of adults (cohort A 30%, cohort B 20%).",
			map[string][]inc{"icans=present": {{"- 25%", ""}, {"- 30%", "list.breakdown"}, {"- 20%", "arm.label_before"}}}},
		{"versus in a bracket", "After CAR-T cells, urinary tract infection (4.0% versus 3.9%) was mild.",
			map[string][]inc{"adverse_event=infection": {{"- 4%", ""}, {"- 3.9%", "arm.versus"}}}},
		{"a share of the controls is the second arm's", "After the bispecific antibody, pneumonia arose in 9.5% of adults given the prophylaxis and 21.0% of controls.",
			map[string][]inc{"adverse_event=infection": {{"- 9.5%", ""}, {"- 21%", "arm.named"}}}},
		{"two shares of one outcome after in are two groups'", "After the new tablet, drug-induced liver injury was reported in 3.1% and 0.8% of participants.",
			map[string][]inc{"adverse_event=hepatotoxicity": {{"- 3.1%", ""}, {"- 0.8%", "list.respectively"}}}},
		{"two shares of two outcomes are one each", "After CAR-T cells, CRS and ICANS arose in 70% and 25% of adults.",
			map[string][]inc{"crs=present": {{"- 70%", ""}}, "icans=present": {{"- 25%", ""}}}},
		{"shares after was that end the clause are groups'", "After the bispecific antibody, the rate of grade 3 neutropenia was 22.5%, 17.0% and 9.1%.",
			map[string][]inc{"adverse_event=neutropenia": {{"- 22.5%", ""}, {"- 17%", "list.respectively"}, {"- 9.1%", "list.respectively"}}}},
		{"a share after was that words after it qualify is no group's", "After CAR-T cells, the rate of ICANS was 35% and 8% for grade 3 or higher.",
			map[string][]inc{"icans=present": {{"- 35%", ""}}}},
		{"a count with its share before \"did\" echoes the clause before", "After the bispecific antibody, 7 adults (11.7%) on the weekly dose had pneumonia; on the monthly dose, 3 (5.0%) did.",
			map[string][]inc{"adverse_event=infection": {{"7 11.7%", ""}, {"3 5%", "incidence.did_too"}}}},
		{"counts of arms a word of the arm qualifies", "After the booster, an allergic reaction arose in 4 vaccine recipients (2.0%) and 1 placebo recipient (0.5%).",
			map[string][]inc{"adverse_event=hypersensitivity": {{"4 2%", ""}, {"1 0.5%", "list.respectively"}}}},
		{"groups named before the counts with their sizes", "After the bispecific antibody, in the weekly (n = 60) and monthly (n = 58) groups, pneumonia arose in 8.3% and 3.4% of adults.",
			map[string][]inc{"adverse_event=infection": {{"- 8.3%", ""}, {"- 3.4%", "list.respectively"}}}},
		{"shares with their standard errors, two names sharing one group noun", "After CAR-T cells, the 1-year cumulative incidence of infection was 18.8 ± 6.9% and 9.9 ± 6.3% in the weekly and monthly group.",
			map[string][]inc{"adverse_event=infection": {{"- 18.8%", ""}, {"- 9.9%", "list.respectively"}}}},
		{"a list of shares each with its arm's label after \", with\"", "After the bispecific antibody, the rate of grade 3/4 infections was low in all three arms, with 7% (arm A), 3% (arm B) and 1% (arm C), respectively.",
			map[string][]inc{"adverse_event=infection": {{"- 7%", ""}, {"- 3%", "arm.label_bracket"}, {"- 1%", "arm.label_bracket"}}}},
		{"doses in scientific notation between the shares and respectively", "After the CAR-T cells, rates of CRS were 80%, 70% and 50% in the 2 × 10^6, 5 × 10^6 and 1 × 10^7 cells/kg cohorts, respectively.",
			map[string][]inc{"crs=present": {{"- 80%", ""}, {"- 70%", "list.respectively"}, {"- 50%", "list.respectively"}}}},
		{"what an outcome lacked is no slot of a respectively list", "After the bispecific antibody, infections without neutropenia were reported in 6 and 11 adults, respectively.",
			map[string][]inc{"adverse_event=infection": {{"6", ""}, {"11", "list.respectively"}}, "adverse_event=neutropenia": {{"0", ""}}}},
		{"a second arm named by what its patients were receiving", "After the bispecific antibody, pneumonia was diagnosed in 7 adults receiving it weekly and 2 receiving it monthly.",
			map[string][]inc{"adverse_event=infection": {{"7", ""}, {"2", "arm.named"}}}},
		{"a bracket of shares after the arms' counts", "After the bispecific antibody, pneumonia arose in 5/40 adults dosed weekly and 2/40 dosed monthly (12.5% vs 5.0%; P = 0.4).",
			map[string][]inc{"adverse_event=infection": {{"5/40 12.5%", ""}, {"2/40 5%", "arm.named"}}}},
		{"an opening whole and a share against a count out of its own whole", "Of 120 adults given the bispecific antibody weekly, 18 (15.0%) developed pneumonia, compared with 9 (7.6%) of 118 given it monthly.",
			map[string][]inc{"adverse_event=infection": {{"18/120 15%", ""}, {"9/118 7.6%", "arm.versus"}}}},
		{"three arms", "After CAR-T cells, infections were frequent (22% vs 13% vs 9%).",
			map[string][]inc{"adverse_event=infection": {{"- 22%", ""}, {"- 13%", "arm.versus"}, {"- 9%", "arm.versus"}}}},
		{"arms named", "After CAR-T cells, the rate of grade 3 neutropenia was 30% with the high dose and 12% with the low dose.",
			map[string][]inc{"adverse_event=neutropenia": {{"- 30%", ""}, {"- 12%", "arm.named"}}}},
		{"counts in one bracket", "Twenty adults were enrolled. After CAR-T cells, infections were frequent (n = 7 and n = 3 in the two cohorts).",
			map[string][]inc{"adverse_event=infection": {{"7", ""}, {"3", "arm.bracket"}}}}, // no population for an arm's count
		{"a grade's arms", "After CAR-T cells, grade 2 CRS arose in 9 (45%) vs 4 (20%) adults.",
			map[string][]inc{"crs_grade=2": {{"9 45%", ""}, {"4 20%", "arm.versus"}}}},
		{"respectively of dose levels", "After CAR-T cells, CRS arose in 1/3, 2/3 and 4/6 adults at the three dose levels, respectively.",
			map[string][]inc{"crs=present": {{"1/3", ""}, {"2/3", "list.respectively"}, {"4/6", "list.respectively"}}}},
		{"dose levels named after the list", "After CAR-T cells, ICANS arose in 1 of 3, 1 of 6 and 4 of 6 adults at dose levels 1, 2 and 3.",
			map[string][]inc{"icans=present": {{"1/3", ""}, {"1/6", "list.respectively"}, {"4/6", "list.respectively"}}}},
		{"an arm's count that opens with the join and names no outcome", "After CAR-T cells, pneumonia arose in one adult with the weekly dose and three with the monthly dose.",
			map[string][]inc{"adverse_event=infection": {{"1", ""}, {"3", "arm.named"}}}},
		{"counts out of their own wholes after a verb", "After CAR-T cells, ICANS affected 1 of 3, 2 of 6 and 5 of 9 adults by dose level.",
			map[string][]inc{"icans=present": {{"1/3", ""}, {"2/6", "list.respectively"}, {"5/9", "list.respectively"}}}},
		{"a bare count and a count of patients as subjects that respectively maps to arms", "After the operation, 12 and 7 adults, respectively, developed pneumonia.",
			map[string][]inc{"adverse_event=infection": {{"7", "list.subjects"}, {"12", "list.subjects"}}}}, // the tag holds the last subject's count, its copy the first's
		{"the same without respectively counts the last subject only", "After the operation, 12 and 7 adults developed pneumonia.",
			map[string][]inc{"adverse_event=infection": {{"7", ""}}}},
		{"three bare counts after a verb of affecting, the last with its noun", "After the three schedules, grade 2 anaemia affected 14, 19 and 8 women.",
			map[string][]inc{"adverse_event=anemia": {{"14", ""}, {"19", "list.respectively"}, {"8", "list.respectively"}}}},
		{"two bare counts after a verb of affecting may be two events' counts", "After the operation, pneumonia affected 14 and 8 adults.",
			map[string][]inc{"adverse_event=infection": {{"14", ""}}}},
		{"'both' before its own verb is no other arm's count", "After CAR-T cells, pneumonia arose in 2 adults after the second dose, and both stopped treatment.",
			map[string][]inc{"adverse_event=infection": {{"2", ""}}}},
		{"respectively of arms", "After CAR-T cells, grade 3 neutropenia arose in 10 (25%) and 6 (15%) adults in arms A and B, respectively.",
			map[string][]inc{"adverse_event=neutropenia": {{"10 25%", ""}, {"6 15%", "list.respectively"}}}},
		{"a row under the class name of the adverse-event dictionary", "Table 2. Adverse events by arm\nInfections and infestations 21 (14.0) 15 (10.1) Nervous system disorders 9 (6.0) 8 (5.4)",
			map[string][]inc{"adverse_event=infection": {{"21 14%", ""}, {"15 10.1%", "table.flattened_row"}}}},
		{"cells 'n p' without brackets whose shares fit the sizes of the header's columns", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) n % n % Neutropenia 6 15.0 2 5.3 Headache 3 7.5 3 7.9",
			map[string][]inc{"adverse_event=neutropenia": {{"6 15%", ""}, {"2 5.3%", "table.flattened_row"}}}},
		{"cells 'n p' under a header whose 'n %' cells the splitter cut into lines of their own", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38)\n n \n % \n n \n % Grade 3 neutropenia 6 15.0* 2 5.3 Headache 3 7.5 3 7.9",
			map[string][]inc{"adverse_event=neutropenia": {{"6 15%", ""}, {"2 5.3%", "table.flattened_row"}}}},
		{"a row of bare counts whose next row's label and cells follow at once", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) P Neutropenia 16 (40.0) 9 (23.7) 0.13 Febrile neutropenia 6 2 Headache 3 (7.5) 3 (7.9) 1.0 Pneumonia 4 (10.0) 1 (2.6) 0.36",
			map[string][]inc{"adverse_event=neutropenia": {{"16 40%", ""}, {"9 23.7%", "table.flattened_row"}}, "adverse_event=febrile neutropenia": {{"6", ""}, {"2", "table.flattened_row"}}, "adverse_event=infection": {{"4 10%", ""}, {"1 2.6%", "table.flattened_row"}}}},
		{"bare numbers before a label whose cells are no counts are no cells", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) P Neutropenia 16 (40.0) 9 (23.7) 0.13 Febrile neutropenia 6 2 Days in hospital, median 5 (3-9) 6 (4-10) 0.4",
			map[string][]inc{"adverse_event=neutropenia": {{"16 40%", ""}, {"9 23.7%", "table.flattened_row"}}}},
		{"a list of grades whose first share names its cohort", "After CAR-T cells, CRS was grade 1 in 47% of the cohort and grade 2 in 22%.",
			map[string][]inc{"crs_grade=1": {{"- 47%", ""}}, "crs_grade=2": {{"- 22%", ""}}}},
		{"a share of most of an outcome's events counts no patients", "After CAR-T cells, most CRS events (91%) occurred within 3 days of dosing.",
			map[string][]inc{}},
		{"a share right after the outcome counts its patients", "After CAR-T cells, CRS (91%) occurred within 3 days of dosing.",
			map[string][]inc{"crs=present": {{"- 91%", ""}}}},
		{"a bracket after a count that parts it by product", "After CAR-T cells, CRS developed in 71% of patients (82% with axi-cel and 54% with liso-cel).",
			map[string][]inc{"crs=present": {{"- 71%", ""}, {"- 82%", "list.breakdown"}, {"- 54%", "arm.named"}}}},
		{"a bracket after a count that parts it by product, respectively", "After CAR-T cells, CRS developed in 71% of patients (82% and 54% for axi-cel and liso-cel, respectively).",
			map[string][]inc{"crs=present": {{"- 71%", ""}, {"- 82%", "list.breakdown"}, {"- 54%", "arm.bracket"}}}},
		{"a bracket of shares after a count with no groups is no breakdown", "After CAR-T cells, CRS developed in 71% of patients (82% and 54% at the two sites).",
			map[string][]inc{"crs=present": {{"- 71%", ""}}}},
		{"a grade said of all of a count in its own bracket", "After CAR-T cells, ICANS was infrequent (3 patients, 3.2%), all grade 1, and resolved within 48 hours.",
			map[string][]inc{"icans=present": {{"3 3.2%", ""}}, "icans_grade=1": {{"3 3.2%", ""}}}},
		{"no grade said of all past a bracket of the count's breakdown", "After CAR-T cells, CRS arose in 20 adults (grade 1, 14; grade 2, 6), all within a week.",
			map[string][]inc{"crs=present": {{"20", ""}}, "crs_grade=1": {{"14", ""}}, "crs_grade=2": {{"6", ""}}}},
		{"a row label whose words go on past its term", "Safety of CD22 CAR-T cells\n\nTable 2. Toxicity by dose level\nDL1 (n = 3)   DL2 (n = 9)   DL3 (n = 9)   All (N = 21)\nCRS, any grade   1 (33)   7 (78)   9 (100)   17 (81)\nHLH-like syndrome   0   1 (11)   3 (33)   4 (19)\n",
			map[string][]inc{"crs=present": {{"1 33%", ""}, {"7 78%", "table.flattened_row"}, {"9 100%", "table.flattened_row"}, {"17 81%", "table.flattened_row"}}, "adverse_event=hemophagocytic lymphohistiocytosis": {{"0", ""}, {"1 11%", "table.flattened_row"}, {"3 33%", "table.flattened_row"}, {"4 19%", "table.flattened_row"}}}},
		{"a row label whose words after its term name another thing", "Safety of CD22 CAR-T cells\n\nTable 2. Toxicity by dose level\nDL1 (n = 3)   DL2 (n = 9)   DL3 (n = 9)   All (N = 21)\nCRS, any grade   1 (33)   7 (78)   9 (100)   17 (81)\nInfection prophylaxis   3 (100)   9 (100)   9 (100)   21 (100)\n",
			map[string][]inc{"crs=present": {{"1 33%", ""}, {"7 78%", "table.flattened_row"}, {"9 100%", "table.flattened_row"}, {"17 81%", "table.flattened_row"}}}},
		{"a dash is a cell of none", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) n % n % Neutropenia 6 15.0 – 0.0 Headache 3 7.5 3 7.9",
			map[string][]inc{"adverse_event=neutropenia": {{"6 15%", ""}, {"0", "table.flattened_row"}}}},
		{"a row of zeros proves no shares", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) n % n % Grade 3 neutropenia 0 0.0 0 0.0 Headache 3 7.5 3 7.9",
			map[string][]inc{}},
		{"two numbers whose second is no share of the column's size are no cells", "Table 2. Adverse events by arm Event Drug (n = 40) Placebo (n = 38) n % n % Neutropenia 6 2.1 5 1.9 Headache 3 7.5 3 7.9",
			map[string][]inc{}},
		{"a row of a first table that names what arose after the operation", "Table 1 Demographics of the women by arm Diabetes, n (%) 5 (4.2) 3 (5.0) 2 (3.3) Post-op wound infection, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{"adverse_event=infection": {{"9 7.5%", ""}, {"3 5%", "table.flattened_row"}, {"6 10%", "table.flattened_row"}}}},
		{"a row of a first table whose time after the operation follows the event", "Table 1 Demographics of the women by arm Diabetes, n (%) 5 (4.2) 3 (5.0) 2 (3.3) Wound infection after surgery, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{"adverse_event=infection": {{"9 7.5%", ""}, {"3 5%", "table.flattened_row"}, {"6 10%", "table.flattened_row"}}}},
		{"a row of a first table whose label opens with a history is a characteristic", "Table 1 Demographics of the women by arm Diabetes, n (%) 5 (4.2) 3 (5.0) 2 (3.3) Earlier post-op wound infection, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{}},
		{"a row of a first table whose label opens with a history before its later time is a characteristic", "Table 1 Demographics of the women by arm Diabetes, n (%) 5 (4.2) 3 (5.0) 2 (3.3) Prior wound infection after surgery, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{}},
		{"a row of a table of complications whose time after the operation follows the event", "Table 2 Complications by arm Wound infection after surgery, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{"adverse_event=infection": {{"9 7.5%", ""}, {"3 5%", "table.flattened_row"}, {"6 10%", "table.flattened_row"}}}},
		{"a row of a first table that names no later time is a characteristic", "Table 1 Demographics of the women by arm Diabetes, n (%) 5 (4.2) 3 (5.0) 2 (3.3) Wound infection, n (%) 9 (7.5) 3 (5.0) 6 (10.0) Stay, days 3 (3-4) 3 (3-4) 3 (3-4)",
			map[string][]inc{}},
		{"cells with a rate per person-time and lone zeros", "Table 2. Adverse events by arm\nPneumonia 0 4 (5.7)/18.1 2 (2.9)/8.8 Headache 3 (4.2)/13.0 0 1 (1.4)/4.4",
			map[string][]inc{"adverse_event=infection": {{"0", ""}, {"4 5.7%", "table.flattened_row"}, {"2 2.9%", "table.flattened_row"}}}},
		{"cells with their column's whole", "Table 2. Adverse events by arm, n/N (%)\nPneumonia 5/140 (3.6) 2/138 (1.4) 0/141 (0) Headache 9/140 (6.4) 8/138 (5.8) 7/141 (5.0)",
			map[string][]inc{"adverse_event=infection": {{"5/140 3.6%", ""}, {"2/138 1.4%", "table.flattened_row"}, {"0/141 0%", "table.flattened_row"}}}},
		{"a row labelled by a grade before its event counts the grade only", "Table 2. Adverse events by arm, n (%)\nGrade ≥3 ICANS 3 (8) 1 (3) Grade ≥3 neutropenia 20 (50) 12 (31)",
			map[string][]inc{"icans_grade=3+": {{"3 8%", ""}, {"1 3%", "table.flattened_row"}}, "adverse_event=neutropenia": {{"20 50%", ""}, {"12 31%", "table.flattened_row"}}}},
		{"a row label's comma before every grade", "Table 2. Adverse events by arm, n (%)\nPneumonia, all grades 6 (15) 2 (5) Headache 3 (8) 4 (10)",
			map[string][]inc{"adverse_event=infection": {{"6 15%", ""}, {"2 5%", "table.flattened_row"}}}},
		{"arms named by the group after each count's of", "After CAR-T cells, grade 3 neutropenia arose in 9 (30%) of the outpatients versus 4 (13%) of the inpatients after infusion.",
			map[string][]inc{"adverse_event=neutropenia": {{"9 30%", ""}, {"4 13%", "arm.compared_group"}}}},
		{"a zero arm before an arm that had it", "After CAR-T cells, grade 3 neutropenia arose in no patient in the outpatient group and in 5 patients (12%) in the inpatient group.",
			map[string][]inc{"adverse_event=neutropenia": {{"0", ""}, {"5 12%", "arm.named"}}}},
		{"a zero arm out of its own whole", "We treated 20 adults with CAR-T cells. ICANS arose in four adults at dose level 2 and in none of the 10 adults at dose level 1.",
			map[string][]inc{"icans=present": {{"4", ""}, {"0/10", "arm.named"}}}},
		{"a zero of its whole, its share unwritten, after a count with one", "After CAR-T cells, grade 3 neutropenia arose in 3 of 20 adults (15%), compared with 0 of 18 at the lower dose.",
			map[string][]inc{"adverse_event=neutropenia": {{"3/20 15%", ""}, {"0/18", "arm.versus"}}}},
		{"a denied event that arose in another arm", "After CAR-T cells, grade 3 neutropenia was not seen in the outpatients but arose in 4 of 12 inpatients.",
			map[string][]inc{"adverse_event=neutropenia": {{"0", ""}, {"4/12", "arm.contrast"}}}},
		{"a breakdown by kind after a colon", "After CAR-T cells, infections arose in 12 adults: bacterial in 7 (58%), viral in 4 (including 2 with influenza) and fungal in 1.",
			map[string][]inc{"adverse_event=infection": {{"12", ""}, {"7 58%", "breakdown.kind"}, {"4", "breakdown.kind"}, {"1", "breakdown.kind"}}}},
		{"a breakdown by kind whose counts name their patients", "After CAR-T cells, infections arose in 12 adults: bacterial in 7 adults and viral in 5 adults.",
			map[string][]inc{"adverse_event=infection": {{"12", ""}, {"7", "breakdown.kind"}, {"5", "breakdown.kind"}}}},
		{"a breakdown by kind in brackets after the event a subject had", "After CAR-T cells, 12 adults had an infection: bacterial (n = 7), viral (4, 33%) and fungal (n = 1).",
			map[string][]inc{"adverse_event=infection": {{"12", ""}, {"7", "breakdown.kind"}, {"4 33%", "breakdown.kind"}, {"1", "breakdown.kind"}}}},
		{"a bracket that lists as many causes as the count before it, one each", "After CAR-T cells, three adults died of adverse events (HLH, cardiac arrest and sepsis).",
			map[string][]inc{"adverse_event=hemophagocytic lymphohistiocytosis": {{"1", ""}}, "adverse_event=infection": {{"1", ""}}}},
		{"a breakdown by kind after 'including'", "After CAR-T cells, infections arose in 12 adults (40%), including bacterial (n = 7), viral (n = 4) and fungal (n = 1).",
			map[string][]inc{"adverse_event=infection": {{"12 40%", ""}, {"7", "breakdown.kind"}, {"4", "breakdown.kind"}, {"1", "breakdown.kind"}}}},
		{"a bracket of two bare numbers is no part's count and share", "After CAR-T cells, 12 adults had an infection: bacterial (7, 95) and viral (5, 80).",
			map[string][]inc{"adverse_event=infection": {{"12", ""}}}},
		{"a colon with no list of kinds after it", "After CAR-T cells, infections arose in 12 adults: most were bacterial.",
			map[string][]inc{"adverse_event=infection": {{"12", ""}}}},
		{"a pair after the pair a respectively maps", "We treated 100 adults with CAR-T cells. Line infections arose in 12 and 8 adults, respectively, and herpes zoster in 3 (6%) and 5 (9%).",
			map[string][]inc{"adverse_event=infection": {{"12", ""}, {"8", "list.respectively"}, {"3 6%", ""}, {"5 9%", "list.respectively"}}}},
		{"a denied event compared with another group's count", "After CAR-T cells, no ICANS arose in the outpatient group, compared with 4 (11%) in the inpatient group.",
			map[string][]inc{"icans=present": {{"0", ""}, {"4 11%", "arm.contrast"}}}},
		{"a denied event compared with another group's bare count", "After CAR-T cells, no ICANS arose in the outpatient group, compared with 4 in the inpatient group.",
			map[string][]inc{"icans=present": {{"0", ""}, {"4", "arm.contrast"}}}},
		{"arms named as recipients of their drug", "After CAR-T cells, grade 2 CRS arose in 12 (30%) recipients of product A and 18 (45%) recipients of product B.",
			map[string][]inc{"crs_grade=2": {{"12 30%", ""}, {"18 45%", "arm.named"}}}},
		{"a case of an untagged event is no arm", "After CAR-T cells, two serious events followed: 1 case of pneumonia (arm A) and 1 case of pharyngitis (arm B).",
			map[string][]inc{"adverse_event=infection": {{"1", ""}}}},
		{"a resolution counts no incidence", "Twenty adults were treated. After CAR-T cells, ICANS resolved in all patients within a week.",
			map[string][]inc{"icans=present": nil}},
		{"a count before the resolution is the event's", "Twenty adults were treated. After CAR-T cells, CRS arose in 14 adults (70%) and resolved in all patients within a week.",
			map[string][]inc{"crs=present": {{"14/20 70%", ""}}}},
		{"a row of lone zeros is no row of counts", "Table 2. Adverse events by arm\nPneumonia 0 0 Headache 0 0",
			map[string][]inc{"adverse_event=infection": nil}},
		{"bare counts under columns the header sizes", "Table 4 Adverse events Event Drug A (n = 20) Drug B (n = 21) P Fever a 16 15 1 Pneumonia b 0 3 0.31",
			map[string][]inc{"adverse_event=infection": {{"0", ""}, {"3", "table.flattened_row"}}}},
		{"a footnote's definition after the rows leaves the rows counted", "Table 4 Adverse events Event Drug A (n = 20) Drug B (n = 21) P Fever a 16 15 1 Pneumonia b 4 1 0.37 Score c 7 (4 to 9) 8 (5 to 9) 0.52 a Pneumonia is defined as new infiltrates with fever.",
			map[string][]inc{"adverse_event=infection": {{"4", ""}, {"1", "table.flattened_row"}}}},
		{"bare numbers larger than a column are no counts", "Table 4 Adverse events Event Drug A (n = 20) Drug B (n = 21) P Fever a 16 15 1 Pneumonia b 30 31 0.31",
			map[string][]inc{"adverse_event=infection": nil}},
		{"bare numbers without column sizes are no counts", "Table 4 Adverse events Event Drug A Drug B P Fever a 16 15 1 Pneumonia b 0 3 0.31",
			map[string][]inc{"adverse_event=infection": nil}},
		{"a row label with its own n (%)", "Table 3. Outcomes by arm\nPhlebitis, n (%) 9 (6%) 14 (9%) Wound infection, n (%) 4 (3%) 2 (1%)",
			map[string][]inc{"adverse_event=infection": {{"4 3%", ""}, {"2 1%", "table.flattened_row"}}}},
		{"a row label ending in what its cells count", "Table 3. Outcomes by arm\nPhlebitis 9 (6) 14 (9) 0.4 Wound infection cases 4 (3) 2 (1) 0.7",
			map[string][]inc{"adverse_event=infection": {{"4 3%", ""}, {"2 1%", "table.flattened_row"}}}},
		{"a row of lone zeros in a table of n (p) rows", "Table 3. Outcomes by arm\nPhlebitis, n (%) 9 (6%) 14 (9%) Wound infection 0 0 - Occlusion 3 (2%) 1 (1%)",
			map[string][]inc{"adverse_event=infection": {{"0", ""}, {"0", "table.flattened_row"}}}},
		{"the second item of a pair whose first is no tag", "After CAR-T cells, the commonest events were headache and neutropenia (n = 6, 12% and n = 4, 8%).",
			map[string][]inc{"adverse_event=neutropenia": {{"4 8%", ""}}}},
		{"the second item of a pair with words before its tag", "After CAR-T cells, the commonest events were headache and upper airway infection (n = 6, 12% and n = 4, 8%).",
			map[string][]inc{"adverse_event=infection": {{"4 8%", ""}}}},
		{"two arms' shares of a pair stay arms", "After CAR-T cells, fever and neutropenia (12% vs 8%) were more common with the higher dose.",
			map[string][]inc{"adverse_event=febrile neutropenia": {{"- 12%", ""}, {"- 8%", "arm.versus"}}}},
		{"respectively at the end of a chain of arm pairs", "After CAR-T cells, infections arose in two (10%) adults and one (5%) adult, rashes in seven (35%) and four (19%), raised liver enzymes in one and two, in groups 1 and 2, respectively.",
			map[string][]inc{"adverse_event=infection": {{"2 10%", ""}, {"1 5%", "list.respectively"}}, "adverse_event=hepatotoxicity": {{"1", ""}, {"2", "list.respectively"}}}},
		{"a graded event in the chain is one item", "After CAR-T cells, infections arose in two (10%) adults and one (5%) adult, grade 3 CRS in seven (35%) and four (19%), in groups 1 and 2, respectively.",
			map[string][]inc{"adverse_event=infection": {{"2 10%", ""}, {"1 5%", "list.respectively"}}, "crs_grade=3": {{"7 35%", ""}, {"4 19%", "list.respectively"}}}},
		{"a chain broken by a semicolon maps no arms before it", "After CAR-T cells, infections arose in two (10%) adults and one (5%) adult; rashes arose in seven (35%) and four (19%) in groups 1 and 2, respectively.",
			map[string][]inc{"adverse_event=infection": {{"2 10%", ""}}}},
		{"each before the count counts every item of one value", "After CAR-T cells, sepsis, a line infection and bacteremia arose in one adult each.",
			map[string][]inc{"adverse_event=infection": {{"1", ""}, {"1", ""}, {"1", ""}}}},
		{"a time after a count is no group of a list of subjects", "After CAR-T cells, prophylactic dexamethasone was given to all 30 adults on days 0-2, and 11 (37%) later received more corticosteroids for ICANS.",
			map[string][]inc{"toxicity_treatment=corticosteroids": {{"11/30 37%", ""}}}},
		{"a time in words or 'the day of' after a count is no group either", "After CAR-T cells, prophylactic tocilizumab was given to all 30 adults on the day of infusion, and 11 (37%) later received dexamethasone for ICANS.",
			map[string][]inc{"toxicity_treatment=corticosteroids": {{"11/30 37%", ""}}}},
		{"a group named by a schedule's length in words is still a group", "After CAR-T cells, 4 adults on the two-day lymphodepletion schedule and 6 on the three-day schedule developed grade 2 CRS.",
			map[string][]inc{"crs_grade=2": {{"6", "list.subjects"}, {"4", "list.subjects"}}}},
		{"a group named with a time word is still a group of a list of subjects", "After CAR-T cells, 6 adults in the day unit and 4 on the inpatient ward developed grade 2 CRS.",
			map[string][]inc{"crs_grade=2": {{"4", "list.subjects"}, {"6", "list.subjects"}}}},
		{"subjects with relative clauses before one verb", "After CAR-T cells, 4 of the 15 adults who died in cohort 1 and 2 of the 11 adults who died in cohort 2 had sepsis.",
			map[string][]inc{"adverse_event=infection": {{"2/11", "list.subjects"}, {"4/15", "list.subjects"}}}},
		{"a subject count broken down by group after its outcome", "After CAR-T cells, 7 (14%) adults developed sepsis: 4 in cohort A and 3 in cohort B.",
			map[string][]inc{"adverse_event=infection": {{"7 14%", ""}, {"4", "arm.breakdown"}, {"3", "arm.named"}}}},
		{"a bare count of another group set against a subject count", "After CAR-T cells, 6 adults had pneumonia versus 2 in the control cohort.",
			map[string][]inc{"adverse_event=infection": {{"6", ""}, {"2", "arm.versus"}}}},
		{"a bare number that names no group is no count", "After CAR-T cells, 6 adults had pneumonia versus 2 days of fever in the control cohort.",
			map[string][]inc{"adverse_event=infection": {{"6", ""}}}},
		{"a treatment compared is the arm, not what is counted", "After CAR-T cells, infections were more frequent with tocilizumab (12%) than with placebo (6%).",
			map[string][]inc{"adverse_event=infection": {{"- 12%", ""}, {"- 6%", "arm.brackets"}}}},
		{"an arm named by a treatment", "After CAR-T cells, febrile neutropenia arose in 8% with pegfilgrastim and 21% without it.",
			map[string][]inc{"adverse_event=febrile neutropenia": {{"- 8%", ""}, {"- 21%", "arm.named"}}}},
		{"arms with and without a treatment, respectively", "After the bispecific antibody, infections at one year with and without IVIG prophylaxis were 48% and 61%, respectively.",
			map[string][]inc{"adverse_event=infection": {{"- 48%", ""}, {"- 61%", "list.respectively"}}}},
		{"an arm without a treatment is no denial of it", "After the bispecific antibody, infections by month 6 arose in 7.2% with IVIG vs 49.5% without IVIG.",
			map[string][]inc{"adverse_event=infection": {{"- 7.2%", ""}, {"- 49.5%", "arm.named"}}}},
		{"arms with confidence intervals", "After CAR-T cells, the cumulative incidence of infections by one year was 47% (95% CI 36%-58%) with IVIG and 69% (95% CI 57%-79%) without.",
			map[string][]inc{"adverse_event=infection": {{"- 47%", ""}, {"- 69%", "arm.named"}}}},
		{"a subject count's other arm after its outcome", "After CAR-T cells, 12 adults (30%) had grade 3 CRS, compared with 5 (12%) in the later cohort.",
			map[string][]inc{"crs_grade=3": {{"12 30%", ""}, {"5 12%", "arm.versus"}}}},
		{"arms named after the list, no respectively", "After CAR-T cells, CRS arose in 60% and 75% of adults in the two cohorts.",
			map[string][]inc{"crs=present": {{"- 60%", ""}, {"- 75%", "list.respectively"}}}},
		{"a median with its range is no second count", "After CAR-T cells, tocilizumab doses per treated adult (n = 40) 2 (1-3).",
			map[string][]inc{"toxicity_treatment=tocilizumab": {{"40/40", ""}}}},
		{"subjects listed with their groups", "After CAR-T cells, 6 adults (30%) in the low-dose group and 2 adults (10%) in the high-dose group had grade 2 ICANS.",
			map[string][]inc{"icans_grade=2": {{"2 10%", "list.subjects"}, {"6 30%", "list.subjects"}}}},
		{"subjects without groups are no list", "Twenty adults were enrolled. After CAR-T cells, 5 adults were observed and 3 adults had ICANS.",
			map[string][]inc{"icans=present": {{"3/20", ""}}}},
		{"a subgroup's share is not of the population", "Twenty adults were enrolled. After CAR-T cells, ICANS was the main cause of readmission, in 3 patients (60%).",
			map[string][]inc{"icans=present": {{"3 60%", ""}}}},
		{"columns of any grade and a grade", "After CAR-T cells, adverse events (any grade; grade 3-4) included infections (60%, 30%) and CRS (50%, 0%).",
			map[string][]inc{"adverse_event=infection": {{"- 60%", ""}, {"- 30%", ""}}, "crs=present": {{"- 50%", ""}},
				"crs_grade=3": {{"0 0%", ""}}, "crs_grade=4": {{"0 0%", ""}}}}, // a share of none is a count of none
		{"episodes and patients", "After CAR-T cells, one episode of febrile neutropenia occurred in one adult.",
			map[string][]inc{"adverse_event=febrile neutropenia": {{"1", ""}, {"1", ""}}}},
		{"patients, then their episodes", "After CAR-T cells, 6 adults developed 9 episodes of pneumonia.",
			map[string][]inc{"adverse_event=infection": {{"9", ""}, {"6", ""}}}},
		{"a state at entry", "After CAR-T cells, baseline neutropenia was more common in arm A (14.2% versus 5.1%).",
			map[string][]inc{}},
		{"episodes alone", "After CAR-T cells, two episodes of pneumonia were seen.",
			map[string][]inc{"adverse_event=infection": {{"2", ""}}}},
		{"rows of a flattened table", "Table 3 Adverse events by group Event Drug A (n = 120) Drug B (n = 118) Headache 20 (16.7) 18 (15.3) Pneumonia 9 (7.5) 4 (3.4) 2.21 (0.70-6.96) 0.18 Rash 12 (10.0) 3 (2.5) Febrile neutropenia a 6 (5.0) 2 (1.7)",
			map[string][]inc{"adverse_event=infection": {{"9 7.5%", ""}, {"4 3.4%", "table.flattened_row"}},
				"adverse_event=febrile neutropenia": {{"6 5%", ""}, {"2 1.7%", "table.flattened_row"}}}},
		{"a row label that ends in its definition", "Table 3 Toxicity by group Event Drug A (n = 120) Drug B (n = 118) Anaemia (Hb < 9 g/dL) 5/120 (4.2) 2/118 (1.7) Neutropenia (ANC < 1.0 × 10^9/L) 11/120 (9.2) 4/118 (3.4)",
			map[string][]inc{"adverse_event=anemia": {{"5/120 4.2%", ""}, {"2/118 1.7%", "table.flattened_row"}},
				"adverse_event=neutropenia": {{"11/120 9.2%", ""}, {"4/118 3.4%", "table.flattened_row"}}}},
		{"a row label's bracket that holds a share is no definition", "Table 3 Toxicity by group Event Drug A (n = 120) Drug B (n = 118) Anaemia (4%) 5/120 (4.2) 2/118 (1.7)",
			map[string][]inc{"adverse_event=anemia": {{"- 4%", ""}}}},
		{"a flattened table of the patients at entry", "Table 2 Demographics and disease characteristics by group Characteristic Drug A (n = 120) Drug B (n = 118) Age 61 (12) 60 (11) Neutropenia 10 (8.3) 9 (7.6) Diabetes 20 (16.7) 18 (15.3)",
			map[string][]inc{}},
		// Counts that are no other arm's.
		{"a list of counts", "After CAR-T cells, ICANS occurred in 14 (70%) and 5 (25%) adults.",
			map[string][]inc{"icans=present": {{"14 70%", ""}}}},
		{"times, not arms", "After CAR-T cells, anemia was present in 30% at week 2 and 10% at week 8.",
			map[string][]inc{"adverse_event=anemia": {{"- 30%", ""}}}},
		{"another form", "After CAR-T cells, grade 3 neutropenia arose in 12 (40%) versus 6 adults.",
			map[string][]inc{"adverse_event=neutropenia": {{"12 40%", ""}}}},
		{"another outcome between", "After CAR-T cells, neutropenia arose in 30% with fever and anemia in 10%.",
			map[string][]inc{"adverse_event=neutropenia": {{"- 30%", ""}}, "adverse_event=anemia": {{"- 10%", ""}}}},
		{"shares per arm, each arm after its share, with the past-tense verb", "After the operation, postoperative pneumonia occurred in 4.8% after the spinal block and 8.1% after general anaesthesia.",
			map[string][]inc{"adverse_event=infection": {{"- 4.8%", ""}, {"- 8.1%", "arm.named"}}}},
		{"two arms' shares a drug's name qualifies, the noun after the last", "After the tablets, liver injury occurred in 0.7% of rifapentine-treated and 1.1% of isoniazid-treated adults.",
			map[string][]inc{"adverse_event=hepatotoxicity": {{"- 0.7%", ""}, {"- 1.1%", "list.respectively"}}}},
		{"a bracket of shares set against each other after two counts", "After the operation, wound infection arose in 4 vs 9 patients (6.7% vs 15.0%; P = 0.1).",
			map[string][]inc{"adverse_event=infection": {{"4 6.7%", ""}, {"9 15%", "arm.versus"}}}},
		{"a clause of its own", "After CAR-T cells, pneumonia occurred in 10 adults (50%) versus 4 adults (20%) who died.",
			map[string][]inc{"adverse_event=infection": {{"10 50%", ""}, {"4 20%", "arm.versus"}}}},
		{"a subject", "After CAR-T cells, pneumonia occurred in 10 adults (50%), versus 4 adults (20%) had no fever.",
			map[string][]inc{"adverse_event=infection": {{"10 50%", ""}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			got := map[string][]inc{}
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if in := tg.Incidence; in != nil {
						k := tg.Facet + "=" + tg.Value
						got[k] = append(got[k], inc{in.String(), in.Join})
						if in.Arm > 1 && (in.Join == "" || in.Source != classifier.IncidenceStated) {
							t.Errorf("%s: arm %d %s joined by %q, source %s", k, in.Arm, in, in.Join, in.Source)
						}
						if len(in.Problems) > 0 {
							t.Errorf("%s: problems %v", k, in.Problems)
						}
					}
				}
			}
			for k, w := range tt.want {
				if fmt.Sprint(got[k]) != fmt.Sprint(w) {
					t.Errorf("%s: %v, want %v", k, got[k], w)
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

// TestZeroDenies: a zero right after its outcome in a summary line ("ICANS 0;") says no
// patient had it: the outcome is negated, and its facet value absent; a count that is no
// zero, or a zero of something else, leaves the outcome as it was.
func TestZeroDenies(t *testing.T) {
	tests := []struct {
		name, text, facet string
		want              []string // the facet's values
	}{
		{"a zero in a summary line", "After CAR-T cells (N = 20): CRS 15 (75%); ICANS 0; infections 4.", "icans", []string{"absent"}},
		{"a zero between commas", "After CAR-T cells (N = 20): CRS 15 (75%), ICANS 0, infections 4 (20%).", "icans", []string{"absent"}},
		{"a count that is no zero", "After CAR-T cells (N = 20): CRS 15 (75%); ICANS 3 (15%).", "icans", []string{"present"}},
		{"a day zero", "After CAR-T cells, ICANS began on day 0, and CRS on day 2.", "icans", []string{"present"}},
		{"a zero arm beside an arm that had it", "After CAR-T cells, three adults at dose level 2 and none at dose level 1 developed ICANS.", "icans", []string{"present"}},
		{"a zero arm that opens a list of arms", "After CAR-T cells, no adult at dose level 1 and three at dose level 2 developed ICANS.", "icans", []string{"present"}},
		{"a denied event that arose in another arm", "After CAR-T cells, ICANS was not seen at dose level 1 but arose in 3 of 6 adults at dose level 2.", "icans", []string{"present"}},
		{"a denied event that another arm developed", "After CAR-T cells, no ICANS occurred at dose level 1, whereas 3 adults at dose level 2 developed it.", "icans", []string{"present"}},
		{"a denied event compared with another group's count", "After CAR-T cells, no ICANS arose in cohort A, compared with 3 of 12 adults in cohort B.", "icans", []string{"present"}},
		{"a denied event compared with another study's share", "After CAR-T cells, no ICANS arose in our adults, compared with 12% in an earlier report [8].", "icans", []string{"absent"}},
		{"a contrast whose clause names another event", "After CAR-T cells, no ICANS occurred at dose level 1, whereas 3 adults at dose level 2 had a rash.", "icans", []string{"absent"}},
		{"a zero arm out of its own whole after an arm that had it", "We treated 20 adults with CAR-T cells. ICANS arose in four adults at dose level 2 and in none of the 10 adults at dose level 1.", "icans", []string{"present"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tagText(t, tc.text).Facets[tc.facet]; fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s facet %v, want %v", tc.facet, got, tc.want)
			}
		})
	}
}

// TestSafetyGradeRanges: grades that share one count are one row of their range, as eval
// scores them; a grade counted on its own keeps its row.
func TestSafetyGradeRanges(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // facet=value n/of percent%
	}{
		{"range with its count", "After CAR-T cells, grade 3-5 CRS arose in 7 of 50 patients.",
			[]string{"crs_grade=3-5 7/50"}},
		{"range and single grade", "After CAR-T cells, grade 1 or 2 ICANS arose in 9 of 40 patients and grade 4 ICANS in 2 of 40.",
			[]string{"icans_grade=1-2 9/40", "icans_grade=4 2/40"}},
		{"alternatives then a counted grade", "After CAR-T cells, CRS arose in 45 of 60 adults; most events were grade 1 or 2, and grade 3 CRS arose in 3 adults (5%).",
			[]string{"crs_grade=1 -", "crs_grade=2 -", "crs_grade=3 3/60 5%"}},
		{"grades without a count stay apart", "After CAR-T cells, CRS of grade 1 or 2 was frequent.",
			[]string{"crs_grade=1 -", "crs_grade=2 -"}},
		{"the grade of the list's heading", "After CAR-T cells, grade 3 or 4 adverse events of interest in the first two months included CRS (20%), cytopenias lasting beyond day 30 (30%), infections (18%), neurologic events (10%) and febrile neutropenia (12%).",
			[]string{"crs_grade=3-4 - 20%", "icans_grade=3-4 - 10%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkSafetyRows(t, tc.text, tc.want, func(r classifier.SafetyRow) string {
				if r.Facet != "crs_grade" && r.Facet != "icans_grade" {
					return ""
				}
				return r.Facet + "=" + r.Value + " " + incidenceText(r.Incidence)
			})
		})
	}
}

// TestZeroCountDenies: an outcome whose own count is none is denied, as a table's zero cell
// is, so the facets do not count it as having happened.
func TestZeroCountDenies(t *testing.T) {
	tests := []struct {
		text, facet string
		want        []string
	}{
		{"After CAR-T cells, grade 1 CRS was seen in 12 adults, grade 2 in 5 and grade 3 in none.", "crs_grade", []string{"1", "2"}},
		{"After CAR-T cells, ICANS arose in 0 of 14 adults (0%).", "icans", []string{"absent"}},
		{"After CAR-T cells, tocilizumab was needed in 0% of the adults.", "toxicity_treatment", []string{"tocilizumab: absent"}},
	}
	for _, tc := range tests {
		res := tagText(t, tc.text)
		if got := res.Facets[tc.facet]; !slices.Equal(got, tc.want) {
			t.Errorf("%q: %s = %v, want %v", tc.text, tc.facet, got, tc.want)
		}
	}
}

// TestAllButOfACount: "all but one" after another count leaves one out of that count, not of
// the study's population, so no tag takes the population less one.
func TestAllButOfACount(t *testing.T) {
	res := tagText(t, "We treated 64 adults with CAR-T cells. After the CAR-T cells, CRS arose in 45 adults (70%) and was grade 1 or 2 in all but one adult.")
	for _, s := range res.Sentences {
		for _, tg := range s.Tags {
			if in := tg.Incidence; in != nil && in.N != nil && *in.N > 45 {
				t.Errorf("%s=%s counts %d, more than the 45 with CRS", tg.Facet, tg.Value, *in.N)
			}
		}
	}
	res = tagText(t, "We treated 64 adults with CAR-T cells. After the CAR-T cells, CRS arose in all but one adult.")
	if got := res.Sentences[1].Tags; len(got) == 0 || got[0].Incidence == nil || got[0].Incidence.String() != "63/64" {
		t.Errorf("all but one of 64: tags %+v, want CRS 63/64", got)
	}
}

// TestGradeSetApart: a grade said of all of a count but for cases set apart ("all grade 1
// except one grade 2 event") takes no share of that count, nor does the grade set apart;
// the grade list reads on over "except", "apart from" or "with the exception of".
func TestGradeSetApart(t *testing.T) {
	for _, sentence := range []string{
		"After CAR-T cells, CRS arose in 14 of 21 adults, all grade 1 except one grade 2 event.",
		"After CAR-T cells, CRS arose in 14 of 21 adults, all grade 1 apart from one grade 2 event.",
		"After CAR-T cells, CRS arose in 14 of 21 adults, all of grade 1 with the exception of one grade 2 event.",
	} {
		t.Run(sentence, func(t *testing.T) {
			grades := map[string]bool{}
			for _, s := range tagText(t, sentence).Sentences {
				for _, tg := range s.Tags {
					if tg.Facet != "crs_grade" {
						continue
					}
					grades[tg.Value] = true
					if in := tg.Incidence; in != nil && in.N != nil && *in.N == 14 {
						t.Errorf("crs_grade=%s takes the count of all, %s", tg.Value, in)
					}
				}
			}
			if !grades["1"] || !grades["2"] {
				t.Errorf("grades %v, want 1 and 2", grades)
			}
		})
	}
}

// TestSafetyDenialsBesideEvents: a denial that counts nobody is no row beside the same
// event affirmed ("none died of CRS" after CRS in 30), but is the row where the document
// only denies; a denial with a count of its own (a cohort's "0 of 12") keeps its row.
func TestSafetyDenialsBesideEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // facet=value status incidence
	}{
		{"a death denied beside the event", "After CAR-T cells, CRS arose in 30 of 40 adults, and none died of CRS.",
			[]string{"crs=present affirmed 30/40"}},
		{"only denied", "After CAR-T cells, no adult had CRS.",
			[]string{"crs=absent negated 0"}},
		{"a cohort's counted zero beside the other's count", "After CAR-T cells, CRS arose in 30 of 40 adults at the high dose; no CRS was seen at the low dose (0 of 12).",
			[]string{"crs=present affirmed 30/40", "crs=absent negated 0/12"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkSafetyRows(t, tc.text, tc.want, func(r classifier.SafetyRow) string {
				if r.Facet != "crs" && r.Facet != "icans" {
					return ""
				}
				return r.Facet + "=" + r.Value + " " + r.Status + " " + incidenceText(r.Incidence)
			})
		})
	}
}

// TestSafetyAdverseEventGrades checks that an adverse event counted at one grade is a row of
// its own with that grade, beside the event's any-grade row, wherever the grade is written.
func TestSafetyAdverseEventGrades(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // value [grade] incidence
	}{
		{"grade before the event", "After CAR-T cells, grade 3 or 4 neutropenia arose in 12 of 40 patients.",
			[]string{"neutropenia [3-4] 12/40"}},
		{"grade after the event", "After CAR-T cells, neutropenia of grade 3 or higher arose in 5 patients.",
			[]string{"neutropenia [3+] 5"}},
		{"a grade's share takes the population as the event's does", "We treated 40 adults with CAR-T cells. Events included infections (40%; grade 3/4: 15%).",
			[]string{"infection [] -/40 40%", "infection [3-4] -/40 15%"}},
		{"shares in the event's bracket", "After CAR-T cells, events of interest were infections (40%; grade 3/4: 15%) and cytopenias (35%; grade ≥3, 30%).",
			[]string{"infection [] - 40%", "infection [3-4] - 15%", "cytopenia [] - 35%", "cytopenia [3+] - 30%"}},
		{"shares written before their grades in the event's bracket", "After CAR-T cells, infections arose in 32% of adults (5% grade ≥3) and neutropenia in 40% (12%, grade 3-4; 2% grade 5).",
			[]string{"infection [] - 32%", "infection [3+] - 5%", "neutropenia [] - 40%", "neutropenia [3-4] - 12%", "neutropenia [5] - 2%"}},
		{"a share before a grade of another event", "After CAR-T cells, infections arose in 30% of adults (5% with grade 3 fever).",
			[]string{"infection [] - 30%"}},
		{"any grade is the event's own share", "After CAR-T cells, neutropenia (any grade, 60%; grade 3-4, 45%) was common.",
			[]string{"neutropenia [] - 60%", "neutropenia [3-4] - 45%"}},
		{"a bound after the event, a list word after it", "After CAR-T cells, two cases of neutropenia exceeding grade 2 were seen.",
			[]string{"neutropenia [3+] 2"}},
		{"a grade in a bracket after a severity word", "After CAR-T cells, severe neutropenia (grade 4) arose in 5 patients.",
			[]string{"neutropenia [4] 5"}},
		{"a severity word in a bracket after the grade", "After CAR-T cells, grade 3-4 (severe) anaemia arose in 6 patients.",
			[]string{"anemia [3-4] 6"}},
		{"a bracket of the grade alone before the event", "After CAR-T cells, serious (grade 3) infections arose in 4 patients.",
			[]string{"infection [3] 4"}},
		{"a scale's name between 'of' and the grade", "After CAR-T cells, infections of CTCAE grade 3 or higher arose in 14 patients.",
			[]string{"infection [3+] 14"}},
		{"at least a grade", "After CAR-T cells, neutropenia of at least grade 3 arose in 14 patients.",
			[]string{"neutropenia [3+] 14"}},
		{"a grade the list shares after its last item", "After CAR-T cells, anaemia, neutropenia and thrombocytopenia of grade ≥3 arose in 7 (35%), 18 (90%) and 9 (45%) of 20 patients, respectively.",
			[]string{"anemia [3+] 7/20 35%", "neutropenia [3+] 18/20 90%", "thrombocytopenia [3+] 9/20 45%"}},
		{"a count broken down by grade after a colon", "After CAR-T cells, neutropenia arose in 30 of 60 patients: grade 3 in 18 and grade 4 in 12.",
			[]string{"neutropenia [] 30/60", "neutropenia [3] 18/60", "neutropenia [4] 12/60"}},
		{"a count broken down by grade in a bracket", "After CAR-T cells, neutropenia arose in 30 of 60 patients (grade 3, n = 18; grade 4, n = 12).",
			[]string{"neutropenia [] 30/60", "neutropenia [3] 18/60", "neutropenia [4] 12/60"}},
		{"a grade's part of them", "After CAR-T cells, grade 3 or 4 neutropenia arose in 25 of 60 patients, grade 4 in 10 of them.",
			[]string{"neutropenia [3-4] 25/60", "neutropenia [4] 10/60"}},
		{"a grade's count in the event's bracket before its count of patients", "After CAR-T cells, thirty-one infections (grade ≥3 in 9) arose in 22 of 40 patients.",
			[]string{"infection [] 22/40", "infection [3+] 9/40"}},
		{"the grade of a table's caption", "After CAR-T cells:\nTable 2. Grade 3-4 adverse events, n (%)\n| Event | Arm A | Arm B |\n| Neutropenia | 12 (30.0) | 6 (15.0) |",
			[]string{"neutropenia [3-4] 12 30%"}},
		{"the grade of a row's label after a comma", "After CAR-T cells:\nTable 2. Adverse events\n| Event | Arm A | Arm B |\n| Neutropenia, grade ≥3 | 12/40 (30.0) | 6/40 (15.0) |",
			[]string{"neutropenia [3+] 12/40 30%"}},
		{"a count broken down by grade after a semicolon and a pronoun", "After CAR-T cells, infections arose in 20 of 40 patients; they were grade 1 in 6, grade 2 in 9 and grade 3 in 5.",
			[]string{"infection [] 20/40", "infection [1] 6/40", "infection [2] 9/40", "infection [3] 5/40"}},
		{"the grade of a list's head with a qualifying word between", "After the bispecific antibody, grade ≥3 treatment-emergent events included neutropenia (60%) and anaemia (25%).",
			[]string{"neutropenia [3+] - 60%", "anemia [3+] - 25%"}},
		{"the grade of a label that opens the sentence", "Grade 3–4 after the bispecific antibody: neutropenia 22 (55%), anaemia 9 (22.5%).",
			[]string{"neutropenia [3-4] 22 55%", "anemia [3-4] 9 22.5%"}},
		{"the grade of a label past its semicolons", "Grade ≥3 events, n (%): neutropenia 14 (35.0); infection 5 (12.5).",
			[]string{"neutropenia [3+] 14 35%", "infection [3+] 5 12.5%"}},
		{"a label that names an outcome gives its grade to none", "Grade 3 CRS: tocilizumab was given; neutropenia 4 (10%) after the CAR-T cells.",
			[]string{"neutropenia [] 4 10%"}},
		{"no grade written", "After CAR-T cells, neutropenia arose in 9 of 40 patients.",
			[]string{"neutropenia [] 9/40"}},
		{"the grade of the list's heading", "After CAR-T cells, the commonest grade 3 or higher adverse events were neutropenia (90%) and anemia (20%).",
			[]string{"neutropenia [3+] - 90%", "anemia [3+] - 20%"}},
		{"a heading with words before its list", "After CAR-T cells, grade 3 or 4 adverse events of interest within the first month included infections (20%), febrile neutropenia (15%) and neurologic events (12%).",
			[]string{"infection [3-4] - 20%", "febrile neutropenia [3-4] - 15%"}},
		{"a heading that opens no list", "After CAR-T cells, grade 3 adverse events occurred in 40% of patients, and neutropenia arose in 9 of 40.",
			[]string{"neutropenia [] 9/40"}},
		{"a grade before a list of events governs each", "After CAR-T cells, grade 3-4 neutropenia and anemia arose in 70% and 25%, respectively.",
			[]string{"neutropenia [3-4] - 70%", "anemia [3-4] - 25%"}},
		{"each count with its grade after it", "After CAR-T cells, anemia arose in 20% (n = 4) at grades 1-2 and 55% (n = 11) at grades 3-4.",
			[]string{"anemia [1-2] 4 20%", "anemia [3-4] 11 55%"}},
		{"a grade's share in the bracket after the count", "After CAR-T cells, infections arose in 45% of adults (grade ≥3 in 12%).",
			[]string{"infection [] - 45%", "infection [3+] - 12%"}},
		{"a share in the event's bracket after a grade is the grade's only", "After CAR-T cells, the main toxicities were anemia (grade 3 in 14%) and leukopenia (grade 3 in 6%).",
			[]string{"anemia [] -", "anemia [3] - 14%", "leukopenia [] -", "leukopenia [3] - 6%"}},
		{"a grade and its count after a comma, the verb left out", "After CAR-T cells, infections of any grade arose in 26 adults (65%), grade 3-4 in 12 (30%).",
			[]string{"infection [] 26 65%", "infection [3-4] 12 30%"}},
		{"a grade and its count after 'including'", "After CAR-T cells, neutropenia arose in 21 adults (30%), including grade 3 or higher in 6 (9%).",
			[]string{"neutropenia [] 21 30%", "neutropenia [3+] 6 9%"}},
		{"a grade's share after 'and'", "After CAR-T cells, infections arose in 45% of adults, and 12.5% were grade 3 or higher.",
			[]string{"infection [] - 45%", "infection [3+] - 12.5%"}},
		{"a grade's count after 'of which'", "After CAR-T cells, infections arose in 23 adults (38%), of which 8 (13%) were grade 3 or higher.",
			[]string{"infection [] 23 38%", "infection [3+] 8 13%"}},
		{"a grade's events and their count after 'including'", "After CAR-T cells, neutropenia arose in 21 adults (30%), including grade 3 or higher events in 6 (9%).",
			[]string{"neutropenia [] 21 30%", "neutropenia [3+] 6 9%"}},
		{"a grade after a comma whose count goes on is no count of it", "After CAR-T cells, neutropenia arose in 30 adults, grade 3 in 12 adults with lymphoma.",
			[]string{"neutropenia [] 30"}},
		{"a grade's share in a clause with 'with'", "After CAR-T cells, neutropenia arose in 45% of adults, with grade 3 or higher events in 30%.",
			[]string{"neutropenia [] - 45%", "neutropenia [3+] - 30%"}},
		{"a 'with' clause of a grade that gives no share", "After CAR-T cells, neutropenia arose in 45% of adults, with grade 3 events leading to delays in 30%.",
			[]string{"neutropenia [] - 45%"}},
		{"a count of the grade's events after 'including', no verb", "After CAR-T cells, infections of any grade arose in 15 adults (38%), including 3 (8%) grade 3-4 events.",
			[]string{"infection [] 15 38%", "infection [3-4] 3 8%"}},
		{"a count of the grade after ', with' and 'of'", "After CAR-T cells, infusion reactions arose in 17 adults (42%), with 2 (5%) of grade 3.",
			[]string{"hypersensitivity [] 17 42%", "hypersensitivity [3] 2 5%"}},
		{"a count 'of them' at a grade after a comma", "After CAR-T cells, infections arose in 17 adults (42%), 6 (15%) of them grade 3 or higher.",
			[]string{"infection [] 17 42%", "infection [3+] 6 15%"}},
		{"'of' a grade that reads on is no count of the grade", "After CAR-T cells, infections arose in 17 adults (42%), with 2 (5%) of grade 3 neutropenia.",
			[]string{"infection [] 17 42%", "neutropenia [3] 2 5%"}},
		{"a count of the grade after 'of whom'", "After CAR-T cells, infections of any grade arose in 30 adults (41%), of whom 9 had grade ≥3 events.",
			[]string{"infection [] 30 41%", "infection [3+] 9"}},
		{"'including' a count of named events counts those events, once", "After CAR-T cells, infections arose in 15 adults (38%), including 3 grade 3 pneumonias.",
			[]string{"infection [] 15 38%", "infection [3] 3"}},
		{"a grade's share in a second clause without a verb", "After CAR-T cells, infections of any grade arose in 45% and of grade 3 or higher in 12%.",
			[]string{"infection [] - 45%", "infection [3+] - 12%"}},
		{"grades listed after the event go to the respective counts", "After CAR-T cells, neutropenia of grade 3 and 4 arose in 30% and 20% of adults, respectively.",
			[]string{"neutropenia [3] - 30%", "neutropenia [4] - 20%"}},
		{"a grade right after the event", "After CAR-T cells, anemia grade 3-4 arose in 6 of 30 adults.",
			[]string{"anemia [3-4] 6/30"}},
		{"a grade's count said to be part of the event's", "After CAR-T cells, infections arose in 9 of 30 adults and were grade 3 in 4 of them.",
			[]string{"infection [] 9/30", "infection [3] 4/30"}},
		{"a count of whom a grade is said, after a comma", "After CAR-T cells, infections arose in 12 of 30 adults, 5 of whom had grade 3 events.",
			[]string{"infection [] 12/30", "infection [3] 5/30"}},
		{"a second grade and its count after 'and', the verb left out", "After CAR-T cells, grade 3 anemia arose in 12 of 40 adults (30%) and grade 4 in 5 (12.5%).",
			[]string{"anemia [3] 12/40 30%", "anemia [4] 5/40 12.5%"}},
		{"an event said to be at a grade in a count", "After CAR-T cells, anemia was grade 3 in 12 of 40 adults and grade 4 in 5.",
			[]string{"anemia [3] 12/40", "anemia [4] 5/40"}},
		{"grades listed before the event go to the respective counts", "After CAR-T cells, grade 3 and grade 4 anemia arose in 30% and 10% of adults, respectively.",
			[]string{"anemia [3] - 30%", "anemia [4] - 10%"}},
		{"a grade alone in a bracket after the event", "After CAR-T cells, anemia (grade 3-4) arose in 6 of 30 adults.",
			[]string{"anemia [3-4] 6/30"}},
		{"the most common event of a grade", "After CAR-T cells, febrile neutropenia was the most common grade ≥3 event (25%).",
			[]string{"febrile neutropenia [3+] - 25%"}},
		{"a bare noun of events heads a graded list", "After CAR-T cells, the commonest grade 3 or higher events were neutropenia (85%) and anemia (30%).",
			[]string{"neutropenia [3+] - 85%", "anemia [3+] - 30%"}},
		{"a bare noun without a grade heads nothing", "After CAR-T cells, the commonest events were neutropenia (85%) and anemia (30%).",
			[]string{"neutropenia [] - 85%", "anemia [] - 30%"}},
		{"a grade before an event does not reach one after other words", "After CAR-T cells, grade 3 neutropenia arose in 10 of 40, and anemia in 12 of 40.",
			[]string{"neutropenia [3] 10/40", "anemia [] 12/40"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkSafetyRows(t, tc.text, tc.want, func(r classifier.SafetyRow) string {
				if r.Facet != "adverse_event" {
					return ""
				}
				return r.Value + " [" + r.Grade + "] " + incidenceText(r.Incidence)
			})
		})
	}
}

// TestCountedValuesEach: a count that "each" gives to every item of a list is one counted
// value per item, two items of one value being two; two mentions of one event that one count
// counts stay one.
func TestCountedValuesEach(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text string
		want       []string // facet=value incidence, in text order
	}{
		{"one each of two items of one value", "After CAR-T cells, two adults died of toxicity: one each of sepsis and pneumonia.",
			[]string{"adverse_event=treatment-related death 2", "adverse_event=infection 1", "adverse_event=infection 1"}},
		{"each after a list", "After CAR-T cells, sepsis and a line infection arose in two adults each.",
			[]string{"adverse_event=infection 2", "adverse_event=infection 2"}},
		{"one event named twice is one count", "After CAR-T cells, cytokine release syndrome (CRS) arose in 5 adults.",
			[]string{"crs=present 5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			var got []string
			for _, cv := range classifier.CountedValues(res.Sentences, 0, -1) {
				got = append(got, cv.Facet+"="+cv.Value+" "+cv.Incidence.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%v, want %v", got, tt.want)
			}
		})
	}
}

// TestAdverseEventGradeBands checks the grade that a respectively list gives each count of an
// adverse event: every grade (""), a range, or a bound, by its place.
func TestAdverseEventGradeBands(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name, text string
		want       []string // "n grade" of each incidence, in order
	}{
		{"any grade, then a range after the event", "Forty adults received the CAR-T cells. Neutropenia of any grade and of grade 3-4 arose in 30 and 24 adults, respectively.",
			[]string{"30 ", "24 3-4"}},
		{"a range, then a grade before the event", "Forty adults received the CAR-T cells. Grade 1-2 and grade 3 infections arose in 10 and 2 adults, respectively.",
			[]string{"10 1-2", "2 3"}},
		{"any grade, then a bound before the event", "Forty adults received the CAR-T cells. Any-grade and grade ≥3 anaemia arose in 30 and 12 adults, respectively.",
			[]string{"30 ", "12 3+"}},
		{"single grades by place", "Forty adults received the CAR-T cells. Grade 1, 2 and 3 neutropenia arose in 8, 6 and 4 adults, respectively.",
			[]string{"8 1", "6 2", "4 3"}},
		{"a list of single grades closed by 'or'", "Forty adults received the CAR-T cells. Neutropenia of grade 1, 2 or 3 arose in 12, 5 and 2 adults, respectively.",
			[]string{"12 1", "5 2", "2 3"}},
		{"a bracket of listed grades", "Forty adults received the CAR-T cells. Neutropenia (grades 3 and 4) arose in 12 and 5 adults, respectively.",
			[]string{"12 3", "5 4"}},
		{"listed grades of counts that groups take are the whole band", "Forty adults received the CAR-T cells. Neutropenia (grades 3 and 4) arose in 8 and 6 adults in the low and high dose cohorts, respectively.",
			[]string{"8 3-4", "6 3-4"}},
		{"'grade 3 or 4' is one band of groups' counts", "Forty adults received the CAR-T cells. Infections (grade 3 or 4) arose in 6 and 2 adults at dose level 1 and dose level 2, respectively.",
			[]string{"6 3-4", "2 3-4"}},
		{"any grade, then two bands after the event", "Forty adults received the CAR-T cells. Neutropenia of any grade, grade 3-4 and grade 5 arose in 30, 20 and 1 adults, respectively.",
			[]string{"30 ", "20 3-4", "1 5"}},
		{"a range, then a grade after the event", "Forty adults received the CAR-T cells. Neutropenia of grade 1-2 and grade 3 arose in 10 and 2 adults, respectively.",
			[]string{"10 1-2", "2 3"}},
		{"two ranges before the event, longer than one grade", "Forty adults received the CAR-T cells. Grade 1-2 and grade 3-4 infections arose in 20 and 12 adults, respectively.",
			[]string{"20 1-2", "12 3-4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "t", Text: tt.text, Source: "t"})
			var got []string
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if tg.Facet == "adverse_event" && tg.Incidence != nil && tg.Incidence.N != nil {
						got = append(got, fmt.Sprintf("%d %s", *tg.Incidence.N, tg.Incidence.Grade))
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("grades %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLiverThresholdGrades: a liver enzyme written as a multiple of its upper limit of normal
// is hepatotoxicity of the CTCAE grades that multiple reaches (3 times: 2 or higher; 5: 3 or
// higher; 20: 4 or higher), unless a grade is written, so a count is at that grade and a
// denial denies only those grades: "no patient had ALT above 5 × ULN" leaves milder rises
// possible, and the document gets no "hepatotoxicity: absent".
func TestLiverThresholdGrades(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	tests := []struct {
		sentence, status, grade string
	}{
		{"ALT above 3 × ULN arose in 4 patients on the higher dose.", classifier.Affirmed, "2+"},
		{"Aminotransferases > 5x ULN were seen in 2 patients on the higher dose.", classifier.Affirmed, "3+"},
		{"AST above 20 times the upper limit of normal arose in 1 patient on the higher dose.", classifier.Affirmed, "4+"},
		{"No patient had ALT above 5 × ULN on the higher dose.", classifier.Negated, "3+"},
		{"None of the 48 men had AST ≥ 3 × ULN on the higher dose.", classifier.Negated, "2+"},
		{"None of the 48 men had AST ≥ 2.5 × ULN on the higher dose.", classifier.Negated, "2+"},
		{"ALT elevations ≥ 1.5 × ULN arose in 12 of 80 patients on the higher dose.", classifier.Affirmed, ""},
		{"No patient had an ALT increase above three times the upper limit of normal on the higher dose.", classifier.Negated, "2+"},
		{"Grade 4 ALT elevation above 5 × ULN arose in 2 patients on the higher dose.", classifier.Affirmed, "4"},
		{"Hepatotoxicity (ALT or AST > 5 × ULN) arose in 4 of 60 patients on the higher dose.", classifier.Affirmed, "3+"},
		{"Hepatotoxicity (ALT > 5 × ULN in 2 of the 9) arose in 9 of 45 patients on the higher dose.", classifier.Affirmed, ""},
		{"None of the 48 men had hepatotoxicity (AST ≥ 5 × ULN) on the higher dose.", classifier.Negated, "3+"},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			res := c.Tag(corpus.TextDocument("d", "A randomised trial of drug X\n\nResults\n\n"+tt.sentence+"\n"))
			found := false
			for _, s := range res.Sentences {
				for _, tag := range s.Tags {
					if tag.Facet != "adverse_event" || tag.Value != "hepatotoxicity" {
						continue
					}
					got := ""
					switch {
					case tag.Incidence != nil:
						got = tag.Incidence.Grade
					case tag.Status == classifier.Negated:
						got = tag.DeniedGrade // the bracket's own bound, denied with the name
					default:
						continue // the name's own tag beside the threshold's, with no count
					}
					found = true
					if tag.Status != tt.status || got != tt.grade {
						t.Errorf("hepatotoxicity %s at grade %q, want %s at %q", tag.Status, got, tt.status, tt.grade)
					}
					if tag.Status == classifier.Negated && tag.DeniedGrade != tt.grade {
						t.Errorf("denied grade %q, want %q", tag.DeniedGrade, tt.grade)
					}
				}
			}
			if !found {
				t.Fatal("no hepatotoxicity tag")
			}
			for _, v := range res.JSON().Facets["adverse_event"] {
				if strings.Contains(v, "absent") {
					t.Errorf("facet %q: a bound denies only some grades", v)
				}
			}
		})
	}
}
