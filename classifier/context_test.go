package classifier_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// want is one expected tag of a sentence, written "facet=value/status" ("/status" optional),
// or "!facet=value" for a tag that must be absent ("!facet" for any value).
func checkTags(tb testing.TB, text string, wants []string) {
	tb.Helper()
	tags := allTags(tagText(tb, text))
	for _, w := range wants {
		neg := strings.HasPrefix(w, "!")
		w = strings.TrimPrefix(w, "!")
		fv, status, _ := strings.Cut(w, "/")
		facet, value, _ := strings.Cut(fv, "=")
		found := false
		for _, t := range tags {
			if t.Facet == facet && (value == "" || t.Value == value) && (status == "" || t.Status == status) {
				found = true
			}
		}
		if found == neg {
			var got []string
			for _, t := range tags {
				got = append(got, t.Facet+"="+t.Value+"/"+t.Status)
			}
			tb.Errorf("%q: want %s%s; got %v", text, map[bool]string{true: "no ", false: ""}[neg], w, got)
		}
	}
}

func TestContext(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"threshold negation", "Grade ≥3 CRS was not observed; two patients had grade 1 CRS.",
			[]string{"crs_grade=3+/negated", "crs_grade=1/affirmed", "crs=present/affirmed", "!crs=present/negated"}},
		{"high-grade governs both", "No high-grade cytokine release syndrome or neurotoxicity was reported after CAR-T.",
			[]string{"crs_grade=3+/negated", "icans_grade=3+/negated", "!crs", "!icans"}},
		{"abbreviation shares its long form's status", "Engagers harm the brain, a harm also known as T-cell engager encephalopathy or, most recently, immune effector cell-associated neurotoxicity syndrome [ICANS].",
			[]string{"icans=present/generic", "!icans=present/affirmed"}},
		{"plain negation", "No ICANS occurred in the study.", []string{"icans=present/negated"}},
		{"a heading's denied subject of people named by their treatment denies only what follows its verb", "Safety after the CAR-T cells: none of the 9 given tocilizumab developed ICANS.",
			[]string{"toxicity_treatment=tocilizumab/affirmed", "icans=present/negated"}},
		{"a heading's denied subject of events is itself denied", "Safety after the CAR-T cells: none of the CRS events was grade 3 or higher.",
			[]string{"crs_grade=3+/negated", "!crs_grade=3+/affirmed"}},
		{"'so far' is a time, not the 'so' that opens a clause: a denied subject reaches past it", "After the CAR-T cells, none of the 12 adults treated so far has developed ICANS.",
			[]string{"icans=present/negated", "!icans=present/affirmed"}},
		{"general knowledge's list runs through an item of other words to the outcome terms after it", "After stem-cell transplants, harms are frequent and include lasting injury to the liver or kidneys caused by the conditioning regimen, infection, bleeding and graft-versus-host disease.",
			[]string{"adverse_event=infection/generic", "adverse_event=graft-versus-host disease/generic", "!adverse_event=infection/affirmed"}},
		{"a trial named after a comma and 'while' frames its own clause, not ours before it", "After CAR-T cells, we gave tocilizumab for CRS to 38% of patients, while the JULIET report described tocilizumab use in only 14%.",
			[]string{"toxicity_treatment=tocilizumab/affirmed", "toxicity_treatment=tocilizumab/generic", "crs=present/affirmed"}},
		{"a trial named inside a clause that ', whereas' opens makes that clause other work", "After the CAR-T cells, none of our 30 adults had ICANS, whereas neurotoxicity arose in a fifth of the CARTITUDE-1 participants.",
			[]string{"icans=present/negated", "icans=present/generic", "!icans=present/affirmed"}},
		{"a count of cases 'also recorded' is a result, as 'were recorded' is", "After the CAR-T cells, two cases of grade 3 ICANS were also recorded.",
			[]string{"icans_grade=3/affirmed", "!icans_grade=3/hypothetical"}},
		{"a reference marker after a comparison cites what the finding is compared with", "After the CAR-T cells, CRS arose in 20% of patients, comparable to that of the pivotal trial [12].",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"a reference marker with no comparison before it cites the finding", "After the CAR-T cells, CRS arose in 20% of patients, with grade 3 in 5% [12].",
			[]string{"crs=present/generic", "!crs=present/affirmed"}},
		{"'all but' inside a clause keeps our patients in the reported cue's clause", "After the CAR-T cells, CRS has been observed in all but 2 of our 40 patients.",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"', with' goes on with the reported cue's clause, which names our patients", "After the CAR-T cells, late infections have been observed, with pneumonia in 3 of our 40 adults.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/generic"}},
		{"a literature frame in a contrast clause that is ours keeps its own reach", "After the CAR-T cells, no adult had ICANS, but CRS arose in 20 of our 40 adults and previous studies have reported grade 3 infections in 30%.",
			[]string{"crs=present/affirmed", "adverse_event=infection/generic", "!adverse_event=infection/affirmed"}},
		{"our patients after the trial's name, with no outcome of their own, make the contrast clause ours", "After the CAR-T cells, CRS was mild, whereas neurotoxicity arose in 18% of KarMMa participants and in none of our 40 adults.",
			[]string{"icans=present/negated", "!icans=present/generic"}},
		{"a contrast clause ends before an 'and' from which on words name our patients", "After the CAR-T cells, no adult had ICANS, whereas neurotoxicity arose in 18% of KarMMa participants and grade 2 CRS arose in 5 of our 40 adults.",
			[]string{"icans=present/generic", "crs_grade=2/affirmed", "!crs_grade=2/generic"}},
		{"a contrast clause ends before ', with' words that name our patients", "After the CAR-T cells, no adult had ICANS, whereas CRS arose in 84% of KarMMa participants, with infections in 3 of our 40 adults.",
			[]string{"crs=present/generic", "adverse_event=infection/affirmed", "!adverse_event=infection/generic"}},
		{"a trial and its figure in a bracket compare: the contrast clause is ours", "After the CAR-T cells, no adult had ICANS, whereas grade 3 CRS arose in 4 of 40 adults (ZUMA-1, 13%).",
			[]string{"crs_grade=3/affirmed", "!crs_grade=3/generic"}},
		{"'as in' before a trial in a contrast clause compares", "After the CAR-T cells, no adult had ICANS, but CRS arose in most adults as in KarMMa.",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"a literature frame in a contrast clause reaches that clause only", "After the CAR-T cells, no adult had ICANS, whereas neurotoxicity developed in 18% of patients in previous studies and grade 2 CRS arose in 5 of our 40 adults.",
			[]string{"icans=present/generic", "crs_grade=2/affirmed", "!crs_grade=2/generic"}},
		{"a list of graded outcomes in a contrast clause is that clause's", "After the CAR-T cells, none of our 40 adults had ICANS, whereas most KarMMa participants had CRS (84%), grade 3 neutropenia (60%) and infections (69%).",
			[]string{"adverse_event=infection/generic", "!adverse_event=infection/affirmed"}},
		{"a trial named in a contrast clause frames that clause's list of outcomes", "After the CAR-T cells, none of our 40 adults had ICANS, whereas most KarMMa participants had CRS (84%), neurotoxicity (18%) and infections (69%).",
			[]string{"icans=present/negated", "icans=present/generic", "adverse_event=infection/generic", "!adverse_event=infection/affirmed"}},
		{"a literature frame in a contrast clause frames that clause", "After the CAR-T cells, no adult had ICANS, whereas neurotoxicity developed in 18% of patients in previous studies.",
			[]string{"icans=present/negated", "icans=present/generic", "!icans=present/affirmed"}},
		{"a trial named in a bracket at the end of a contrast clause frames it", "After the CAR-T cells, no adult had ICANS, whereas neurotoxicity arose in 18% of participants (KarMMa).",
			[]string{"icans=present/negated", "icans=present/generic", "!icans=present/affirmed"}},
		{"a contrast clause that names our patients is ours, whatever trial it compares with", "After the CAR-T cells, no adult had ICANS, but CRS arose in 12 of our 40 adults less often than in ZUMA-1.",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"a contrast clause whose trial stands after a comparison is ours", "After the CAR-T cells, no adult had ICANS, but CRS arose less often than in ZUMA-1.",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"a trial named in a contrast clause frames that clause only", "After the CAR-T cells, no adult had ICANS, whereas neurotoxicity arose in 18% of KarMMa participants, and grade 2 CRS arose in 5 of our 40 adults.",
			[]string{"icans=present/negated", "icans=present/generic", "crs_grade=2/affirmed", "!crs_grade=2/generic"}},
		{"a trial named after a comma and 'whereas' leaves the clause before it ours", "After the CAR-T cells, CRS arose in 12 of 40 adults, whereas ELIANA reported CRS in 77%.",
			[]string{"crs=present/affirmed", "crs=present/generic"}},
		{"a protocol amended after events, and no more, tells what happened", "After two cases of grade 4 ICANS after the CAR-T cells, the protocol was amended.",
			[]string{"icans_grade=4/affirmed"}},
		{"an aim met tells a result", "Our objective was met: no grade 3 ICANS occurred after the CAR-T cells.",
			[]string{"icans_grade=3/negated"}},
		{"a hypothesis borne out tells a result", "As hypothesised, grade 3 CRS arose in only 2 of 20 adults after the CAR-T cells.",
			[]string{"crs_grade=3/affirmed"}},
		{"'causes' as a noun ends a list of causes and states nothing known", "After CAR-T cells, of the 9 deaths, 4 were due to sepsis, 3 to cardiac causes and 2 to relapse.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/generic"}},
		{"a 'could' that tells when, after 'before', is no hedge", "After the CAR-T cells were made, one man was replaced because of an infection before they could be infused.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/hypothetical"}},
		{"an algorithm's lower-case steps after a colon command, through their ', and'", "Grade 3 CRS after CAR-T cells: transfer to intensive care, continue tocilizumab, and give dexamethasone every 6 hours.",
			[]string{"crs_grade=3/hypothetical", "toxicity_treatment=tocilizumab/hypothetical", "toxicity_treatment=corticosteroids/hypothetical", "!toxicity_treatment=corticosteroids/affirmed"}},
		{"a vaccination against an infection prevents it", "Before the CAR-T cells, ask about vaccinations against flu and pneumonia.",
			[]string{"adverse_event=infection/hypothetical", "!adverse_event=infection/affirmed"}},
		{"no recurrence of an event denies its coming back, not the event", "After the CAR-T cells, there was no recurrence of CRS after the second dose.",
			[]string{"!crs=present/negated"}},
		{"people who have had the cells are a count, not the many who get an event", "Of the 40 people who have received the CAR-T cells at our centre, 12 developed CRS.",
			[]string{"crs=present/affirmed", "!crs=present/generic"}},
		{"an event that did not recur happened once", "After the CAR-T cells, the ICANS of two adults did not recur after the second dose.",
			[]string{"icans=present/affirmed", "!icans=present/negated"}},
		{"a clause after a semicolon with a verb of its own commands nothing", "CRS arose in 30 of 40 adults after the CAR-T cells; repeat doses of tocilizumab were needed in 4.",
			[]string{"toxicity_treatment=tocilizumab/affirmed", "!toxicity_treatment=tocilizumab/hypothetical"}},
		{"a reference marker cites its whole clause, across 'treated with'", "Grade 3 CRS developed in 9% of adults treated with the product in the pivotal trial [12]; in our cohort it occurred in 2 of 40 after the CAR-T cells.",
			[]string{"crs_grade=3/generic", "crs=present/generic"}},
		{"a contrast's denial after its verb ends at the main clause", "Whereas the pivotal trial reported no grade 5 CRS, grade 4 CRS occurred in one of our adults after the CAR-T cells.",
			[]string{"crs_grade=4/affirmed", "!crs_grade=4/negated"}},
		{"a named trial that reports is another study", "Whereas TRANSFORM reported no grade 5 CRS, one of our adults died of multiorgan failure.",
			[]string{"crs_grade=5/generic", "!crs_grade=5/negated"}},
		{"an instruction after a semicolon commands, and leaves the clause before it alone", "Grade 2 CRS occurred in three adults after the CAR-T cells; give tocilizumab and dexamethasone early in the next cohort.",
			[]string{"crs_grade=2/affirmed", "toxicity_treatment=tocilizumab/hypothetical", "toxicity_treatment=corticosteroids/hypothetical", "!toxicity_treatment=corticosteroids/affirmed"}},
		{"a guess at what an event led to leaves the event stated", "After the CAR-T cells, the early grade 3 CRS of one adult may have predisposed him to the ICANS that followed.",
			[]string{"crs_grade=3/affirmed", "icans=present/affirmed", "!crs=present/hypothetical"}},
		{"a denial after a list of subjects denies each", "After the CAR-T cells, siltuximab and anakinra were never needed.",
			[]string{"toxicity_treatment=siltuximab/negated", "toxicity_treatment=anakinra/negated", "!toxicity_treatment=anakinra/affirmed"}},
		{"an earlier treatment's complications run on past what treated each", "Her first CAR-T product had been complicated by grade 2 CRS, for which tocilizumab was given twice, and by grade 3 ICANS.",
			[]string{"icans_grade=3/generic", "icans=present/generic", "!icans=present/affirmed", "crs=present/generic"}},
		{"a treatment that was unnecessary was not given", "After the CAR-T cells, tocilizumab was unnecessary in every adult with CRS.",
			[]string{"toxicity_treatment=tocilizumab/negated"}},
		{"an event that occurred in neither arm", "After the bispecific antibody, ICANS occurred in neither the weekly nor the monthly arm.",
			[]string{"icans=present/negated"}},
		{"unlikely to be related speaks of the cause, not the event", "After the CAR-T cells, two adults had grade 3 anaemia that was judged unlikely to be related to the cells.",
			[]string{"adverse_event=anemia/affirmed"}},
		{"what doctors call an event names it", "After the CAR-T cells, some people become confused, and doctors call this ICANS.",
			[]string{"icans=present/generic", "!icans=present/affirmed"}},
		{"a definition's exception is part of the definition", "After the CAR-T cells, a DLT was defined as any grade 3 or higher toxicity, except CRS that resolved within three days.",
			[]string{"crs=present/hypothetical", "!crs=present/affirmed"}},
		{"each grade of a list is judged on its own item", "After CAR-T cells, CRS: grade 1, n = 8; grade 2, n = 3; grade 3, n = 0.",
			[]string{"crs_grade=1/affirmed", "crs_grade=2/affirmed", "crs_grade=3/negated"}},
		{"a fronted negation ends where a personal subject opens the main clause", "Although there were no deaths, we report two adults with grade 3 ICANS after the CAR-T cells.",
			[]string{"icans_grade=3/affirmed", "!icans_grade=3/negated"}},
		{"a clause of cause that opens the sentence keeps its own status", "Because two of the first four adults had grade 3 CRS after the CAR-T cells, the protocol was changed to a lower dose.",
			[]string{"crs_grade=3/affirmed", "!crs_grade=3/hypothetical"}},
		{"a terminator pattern drops no status phrase it holds", "After the CAR-T cells, two adults had grade 4 CRS, so the protocol mandated tocilizumab for any grade 2 CRS thereafter.",
			[]string{"crs_grade=4/affirmed", "crs_grade=2/hypothetical", "toxicity_treatment=tocilizumab/hypothetical"}},
		{"a cause with no count and no past verb stays in the main clause's reach", "Since its approval for CRS in 2017, tocilizumab has been used for CRS after CAR-T cells in most centres.",
			[]string{"crs=present/generic", "!crs=present/affirmed"}},
		{"a clause of cause that counts in digits keeps its own status", "Because of grade 3 CRS in 2 of the first 4 adults after the CAR-T cells, the protocol was amended to require tocilizumab for grade 2 CRS.",
			[]string{"crs_grade=3/affirmed", "crs_grade=2/hypothetical"}},
		{"a clause of cause with its own generic cue keeps it", "Because grade 3 CRS has been reported after CAR-T cells, all patients were monitored for CRS.",
			[]string{"crs_grade=3/generic", "!crs_grade=3/hypothetical"}},
		{"a relative clause of a contrasted trial is that trial's", "Unlike in ZUMA-1, where neurotoxicity peaked on day 5 after the CAR-T cells, ICANS in our patients peaked on day 8.",
			[]string{"icans=present/generic", "icans=present/affirmed"}},
		{"a denial ends at a colon that opens a counted clause", "After the CAR-T cells, three adults were not discharged on time: two had sepsis and one had ICANS.",
			[]string{"adverse_event=infection/affirmed", "icans=present/affirmed", "!icans=present/negated"}},
		{"a cause set aside denies only its own subject", "After the CAR-T cells, in the man with grade 2 CRS, sepsis was excluded as the cause of his low blood pressure.",
			[]string{"crs_grade=2/affirmed", "adverse_event=infection/negated", "!crs_grade=2/negated"}},
		{"a denial ends at a colon that opens deaths by cause", "After the CAR-T cells, four adults died without relapse: three of sepsis and one of a stroke.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/negated"}},
		{"a denial reaches a numbered list after a colon", "After the CAR-T cells, none of the adults had: 1) late CRS, 2) late ICANS, or 3) sepsis.",
			[]string{"crs=present/negated", "icans=present/negated", "!crs=present/affirmed"}},
		{"a denial reaches a counted kind with its own clause after a colon", "After the CAR-T cells, no adult had any of these: 2 episodes of CRS that required tocilizumab.",
			[]string{"crs=present/negated", "!crs=present/affirmed"}},
		{"a denial reaches a counted kind after a colon", "After the CAR-T cells, none of the adults had these: 3 kinds of infection or ICANS.",
			[]string{"adverse_event=infection/negated", "icans=present/negated"}},
		{"a plan ends at a colon that opens a counted clause", "After the CAR-T cells, the protocol allowed tocilizumab for suspected CRS: 12 adults received it for grade 2 CRS.",
			[]string{"crs_grade=2/affirmed", "!crs_grade=2/hypothetical"}},
		{"a denial ends at a colon before a count with its share", "After the CAR-T cells, no adult had grade 3 ICANS: 3 (10%) had grade 2 ICANS.",
			[]string{"icans_grade=3/negated", "icans_grade=2/affirmed", "!icans_grade=2/negated"}},
		{"a denial ends at a colon before a count given a treatment", "After the CAR-T cells, no adult had severe CRS: 3 were given tocilizumab for grade 2 CRS.",
			[]string{"crs_grade=2/affirmed", "toxicity_treatment=tocilizumab/affirmed", "!toxicity_treatment=tocilizumab/negated"}},
		{"a denial reaches a list after a colon", "After the CAR-T cells, no adult had any of these: CRS, ICANS or sepsis.",
			[]string{"crs=present/negated", "icans=present/negated", "adverse_event=infection/negated"}},
		{"the report's own earlier reports are no literature", "Updated results of this trial, first published in two reports, show grade 3 CRS in 4 of 40 adults after CAR-T cells.",
			[]string{"crs_grade=3/affirmed", "!crs_grade=3/generic"}},
		{"a test that excluded an event denies it", "After the CAR-T cells, blood cultures excluded bacteraemia in all four febrile adults.",
			[]string{"adverse_event=infection/negated"}},
		{"an event considered but not confirmed did not happen", "After the CAR-T cells, HLH was suspected in one man but not confirmed.",
			[]string{"adverse_event=hemophagocytic lymphohistiocytosis/negated"}},
		{"a history line's treatment is history too", "Past medical history: an earlier bispecific antibody complicated by grade 2 ICANS treated with dexamethasone.",
			[]string{"toxicity_treatment=corticosteroids/generic", "icans_grade=2/generic"}},
		{"patients classified as having an event had it", "After the bispecific antibody, eleven adults were classified as having grade 2 CRS.",
			[]string{"crs_grade=2/affirmed", "!crs_grade=2/hypothetical"}},
		{"a record of all but some patients is of this study's", "After the CAR-T cells, fever with grade 1 CRS was recorded in all but three patients.",
			[]string{"crs_grade=1/affirmed", "!crs_grade=1/hypothetical"}},
		{"a denied treatment's reason is neither denied nor said to have happened", "After CAR-T cells, no patient required corticosteroids for CRS.",
			[]string{"toxicity_treatment=corticosteroids/negated", "crs=present/hypothetical", "!crs=present/negated", "!crs=present/affirmed"}},
		{"a denied treatment that opens a short list leaves its reason unsaid too", "After CAR-T cells, no patient required vasopressors or high-flow oxygen for CRS.",
			[]string{"toxicity_treatment=vasopressors/negated", "crs=present/hypothetical", "!crs=present/negated"}},
		{"denied deaths that an event would have caused leave the event unsaid", "After CAR-T cells, no CRS-related deaths occurred.",
			[]string{"crs=present/hypothetical", "!crs=present/negated"}},
		{"a denied discontinuation leaves its reason unsaid", "After CAR-T cells, no patient discontinued therapy because of ICANS.",
			[]string{"icans=present/hypothetical", "!icans=present/negated"}},
		{"denied deaths related to a list of events leave each unsaid", "After CAR-T cells, no CRS or ICANS related deaths occurred.",
			[]string{"crs=present/hypothetical", "icans=present/hypothetical", "!crs=present/negated", "!icans=present/negated"}},
		{"deaths denied as attributed to an event leave the event unsaid", "After CAR-T cells, no deaths were attributed to CRS.",
			[]string{"crs=present/hypothetical", "!crs=present/negated"}},
		{"a denied stop for a graded event leaves the event unsaid", "After CAR-T cells, no patient discontinued therapy because of grade 3 CRS or ICANS.",
			[]string{"crs=present/hypothetical", "icans=present/hypothetical", "!crs=present/negated", "!icans=present/negated"}},
		{"a denied quality of events says they happened", "After CAR-T cells, none of the infections were fatal.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/negated"}},
		{"a denied quality of events with words of their own says they happened", "After CAR-T cells, none of the grade 3 bacterial infections were fatal.",
			[]string{"adverse_event=infection/affirmed", "!adverse_event=infection/negated"}},
		{"a denied lower number of doses says the treatment was given", "After CAR-T cells, no patient received fewer than two doses of tocilizumab.",
			[]string{"toxicity_treatment=tocilizumab/affirmed", "!toxicity_treatment=tocilizumab/negated"}},
		{"a denied number of doses after the treatment's name leaves it unsaid", "After CAR-T cells, no patient needed more than two tocilizumab doses.",
			[]string{"toxicity_treatment=tocilizumab/hypothetical", "!toxicity_treatment=tocilizumab/negated"}},
		{"a denied number of doses leaves the treatment unsaid", "After CAR-T cells, no patient received more than two doses of tocilizumab.",
			[]string{"toxicity_treatment=tocilizumab/hypothetical", "!toxicity_treatment=tocilizumab/negated"}},
		{"a tally of none denies its own item of a grade list only", "After CAR-T cells, ICANS grade: 1 (n = 4), 2 (n = 3), 3 (n = 0).",
			[]string{"icans_grade=2/affirmed", "!icans_grade=2/negated", "icans_grade=3/negated"}},
		{"a denied grade of events of a pair grades both", "After CAR-T cells, there were no grade 5 events related to CRS or ICANS.",
			[]string{"crs_grade=5/negated", "icans_grade=5/negated", "!icans=present/negated", "!crs=present/negated"}},
		{"a denial that sets some patients apart says they had it", "After the booster, apart from 3 adults, none of the 1,200 had an allergic reaction.",
			[]string{"adverse_event=hypersensitivity/affirmed", "!adverse_event=hypersensitivity/negated"}},
		{"patients set apart for another reason head no list of subjects", "After CAR-T cells, except for 2 patients who withdrew consent, none of the 40 patients developed ICANS.",
			[]string{"icans=present/negated", "!icans=present/affirmed"}},
		{"a trial earlier than this one named by its phase is other work", "The starting dose was halved because the full dose had caused grade 4 ICANS in the previous phase 1 safety study.",
			[]string{"icans_grade=4/generic", "!icans_grade=4/affirmed"}},
		{"an earlier phase of this study is its own", "The starting dose was halved because the full dose had caused grade 4 ICANS in the earlier phase 1 of this study.",
			[]string{"icans_grade=4/affirmed", "!icans_grade=4/generic"}},
		{"an earlier cohort of this study is its own", "The starting dose was halved because the full dose had caused grade 4 ICANS in the earlier phase 2 cohort of this study.",
			[]string{"icans_grade=4/affirmed", "!icans_grade=4/generic"}},
		{"a treatment some patients were set apart as needing, and what it was for, happened", "After CAR-T cells, with the exception of two adults, none of the 40 required tocilizumab for CRS.",
			[]string{"toxicity_treatment=tocilizumab/affirmed", "crs=present/affirmed", "!crs=present/hypothetical"}},
		{"a denied consequence's reason is neither denied nor said to have happened", "After CAR-T cells, no patient required ICU admission for CRS.",
			[]string{"crs=present/hypothetical", "!crs=present/negated", "!crs=present/affirmed"}},
		{"an appositive definition leaves the term it defines reported", "After CAR-T cells, prolonged cytopenias, defined as low blood counts after day 30, arose in 6 of 25 adults.",
			[]string{"adverse_event=cytopenia/affirmed", "!adverse_event=cytopenia/hypothetical"}},
		{"patients with a prior event are a group by their history", "After CAR-T cells, the benefit was largest in patients with prior fungal infection (n = 6), compared with the rest.",
			[]string{"adverse_event=infection/generic", "!adverse_event=infection/affirmed"}},
		{"a prior therapy's group ends at its comma", "Among the 42 patients with prior CAR-T therapy, 25 had CRS.",
			[]string{"crs=present/affirmed"}},
		{"causes listed in the past are this study's", "After CAR-T cells, 7 adults died; the causes were relapse (n = 4), sepsis (n = 2) and ICANS (n = 1).",
			[]string{"adverse_event=infection/affirmed", "icans=present/affirmed", "!icans=present/generic"}},
		{"what the enrolled had before is history", "Thirty adults were enrolled, including 4 with grade 3 CRS from a previous bispecific.",
			[]string{"crs_grade=3/generic", "crs=present/generic"}},
		{"a present-tense summary is general knowledge", "After CAR-T cells, most cases of CRS are mild and resolve with supportive care.",
			[]string{"crs=present/generic", "!crs=present/affirmed"}},
		{"no higher grade than the one named", "After CAR-T cells, grade 1 CRS arose in five adults, and no higher grade was seen.",
			[]string{"crs_grade=1/affirmed", "crs_grade=2+/negated", "!crs_grade=3+"}},
		{"a group's denied treatment ends at the group's verb", "After CAR-T cells, 9 adults who had not received anakinra developed grade 2 ICANS.",
			[]string{"toxicity_treatment=anakinra/negated", "icans_grade=2/affirmed", "!icans_grade=2/negated"}},
		{"events counted in words are observed where a recording cue stands", "After CAR-T cells, three infections were recorded during follow-up.",
			[]string{"adverse_event=infection/affirmed"}},
		{"what we recorded with its number is observed", "After CAR-T cells, we recorded two deaths from sepsis.",
			[]string{"adverse_event=infection/affirmed"}},
		{"a recording cue without a count is a method", "After CAR-T cells, infections were recorded during follow-up.",
			[]string{"adverse_event=infection/hypothetical"}},
		{"a rate's ceiling is no count", "Neurotoxicity follows CD19 CAR-T cells in up to one in three patients.",
			[]string{"icans=present/generic", "!icans=present/affirmed"}},
		{"a rough share as a past subject is a result", "After the CAR-T cells, approximately one third of patients had ICANS.",
			[]string{"icans=present/affirmed"}},
		{"a rough share in the present is knowledge", "After CAR-T cells, approximately one third of patients have ICANS.",
			[]string{"icans=present/generic"}},
		{"a grading with a count is a result", "After the CAR-T cells, CRS was graded 1 in 10 patients and 2 in 4.",
			[]string{"crs=present/affirmed", "crs_grade=1/affirmed"}},
		{"a grading without one is an assessment", "After the CAR-T cells, ICANS was graded twice a day with the ICE score.",
			[]string{"icans=present/hypothetical"}},
		{"negation stops at but", "No ICANS occurred, but grade 1 CRS developed in 3 patients.",
			[]string{"icans=present/negated", "crs=present/affirmed", "crs_grade=1/affirmed"}},
		{"backward stops at other clause", "Grade 1 CRS occurred and ICANS was not observed.",
			[]string{"crs=present/affirmed", "icans=present/negated"}},
		{"backward covers coordination", "CRS and ICANS were not observed.",
			[]string{"crs=present/negated", "icans=present/negated"}},
		{"pseudo negation", "There was no increase in CRS with the higher dose level.", []string{"crs=present/affirmed"}},
		{"endpoint hypothetical", "The primary endpoint was the incidence of grade ≥3 CRS.",
			[]string{"crs_grade=3+/hypothetical", "!crs_grade=3+/affirmed"}},
		{"plan hypothetical", "Patients will be monitored for CRS and ICANS after CAR-T infusion.",
			[]string{"crs=present/hypothetical", "icans=present/hypothetical"}},
		{"methods section", "Methods: CRS was graded according to ASTCT criteria.", []string{"crs=present/hypothetical"}},
		{"treatment negated", "Grade 2 CRS occurred in one patient; no tocilizumab was required.",
			[]string{"toxicity_treatment=tocilizumab/negated", "crs_grade=2/affirmed"}},
		{"disease steroids", "Patients were refractory to steroids and mycophenolate.", []string{"!toxicity_treatment"}},
		{"roman numerals", "Grade II CRS developed in two patients.", []string{"crs_grade=2/affirmed"}},
		{"range with dash", "CRS grade 1–2 occurred in 5 patients.", []string{"crs_grade=1", "crs_grade=2"}},
		{"neutropenia grade is not CRS", "CRS occurred in 5 patients and grade 3 neutropenia in 2.",
			[]string{"!crs_grade", "adverse_event=neutropenia/affirmed"}},
		{"without", "Responses were achieved without CRS.", []string{"crs=present/negated"}},
		{"contraction", "Patients didn't develop CRS after CAR-T.", []string{"crs=present/negated"}},
		{"none of", "None of the patients developed ICANS.", []string{"icans=present/negated"}},
		{"citation speaks for its clause", "Whereas earlier series described frequent ICANS after CAR-T cells [8], ICANS occurred in 1 of 20 patients in our cohort.",
			[]string{"icans=present/generic", "icans=present/affirmed"}},
		{"a denial covers its whole list of outcomes", "No grade 3 or higher CRS or neurotoxicity, serious infections, prolonged neutropenia, treatment-related deaths or dose-limiting toxicities occurred after CAR-T.",
			[]string{"crs_grade=3+/negated", "adverse_event=treatment-related death/negated", "adverse_event=dose-limiting toxicity/negated", "!adverse_event=dose-limiting toxicity/affirmed"}},
		{"a citation's clause goes on past , including", "After CAR-T cells, ICANS was reported in 6%, including one fatal case [16].",
			[]string{"icans=present/generic", "!icans=present/affirmed"}},
		{"a citation is the source of the condition's rule, not knowledge", "After CAR-T cells, tocilizumab is given if CRS reaches grade 2, as the ASTCT recommends [5].",
			[]string{"toxicity_treatment=tocilizumab/hypothetical", "!toxicity_treatment=tocilizumab/generic"}},
		{"a listing's reach ends where ', and we' opens the report's own clause", "Known complications of CAR-T cells include CRS and ICANS, and we observed grade 2 CRS in 6 of 25 adults.",
			[]string{"crs_grade=2/affirmed", "!crs_grade=2/generic"}},
		{"a condition reaches the last outcome of its long clause", "After CAR-T cells, dosing would stop if more than 2 of the first 6 adults had grade 4 CRS or a treatment-related death.",
			[]string{"adverse_event=treatment-related death/hypothetical", "!adverse_event=treatment-related death/affirmed"}},
		{"a condition beside a cited possibility is knowledge", "CRS can progress to grade 4 if tocilizumab is delayed after CAR-T cells [12].",
			[]string{"crs_grade=4/generic", "!crs_grade=4/hypothetical"}},
		{"', and we' inside a condition does not end its reach", "If fever persisted beyond a day after the CAR-T cells, and we saw no other cause, tocilizumab was given.",
			[]string{"toxicity_treatment=tocilizumab/hypothetical", "!toxicity_treatment=tocilizumab/negated"}},
		{"a condition whose own words are knowledge stays a condition", "If neutropenia occurs after the CAR-T cells, the dose of the next drug is lowered.",
			[]string{"adverse_event=neutropenia/hypothetical", "!adverse_event=neutropenia/generic"}},
		{"other work's frame ends where ', and we' opens the report's own clause", "Prior CAR-T trials described CRS in most recipients, and we recorded grade 2 CRS in 6 of 25 adults.",
			[]string{"crs=present/generic", "crs_grade=2/affirmed", "!crs_grade=2/generic"}},
		{"other work's frame goes on over a plain ', and'", "Prior CAR-T trials described CRS in most recipients, and grade 3 ICANS in a fifth.",
			[]string{"crs=present/generic", "icans_grade=3/generic", "!icans_grade=3/affirmed"}},
		{"citation in another clause", "ICANS occurred in 3 of 20 patients after CAR-T cells (15%), as in earlier series [8].",
			[]string{"icans=present/affirmed", "!icans=present/generic"}},
		{"a list crosses , and", "CRS, grade 3 neutropenia, and ICANS were compared between the two arms after CAR-T.",
			[]string{"crs=present/hypothetical", "icans=present/hypothetical", "!crs=present/affirmed"}},
		{"a clause stops at , and", "No ICANS occurred, and grade 1 CRS developed in 3 patients.",
			[]string{"icans=present/negated", "crs=present/affirmed"}},
		{"chemo neurotoxicity", "Oxaliplatin caused peripheral neurotoxicity in 30% of patients.", []string{"!icans"}},
		{"a cited count is the literature's", "Grade 3 ICANS occurred in 3 of 12 recipients of the CAR-T cells [4].",
			[]string{"icans_grade=3/generic", "!icans_grade=3/affirmed"}},
		{"a cited denial is the literature's", "There was no ICANS with the earlier CAR-T product [23].",
			[]string{"icans=present/generic", "!icans=present/negated"}},
		{"a citation in a clause that names the study", "In our cohort ICANS occurred in 3 of 12 recipients of the CAR-T cells [4].",
			[]string{"icans=present/affirmed"}},
		{"an instruction after a leading clause holds the lead", "For grade 2 CRS after CAR-T cells, give tocilizumab 8 mg/kg.",
			[]string{"crs_grade=2/hypothetical", "toxicity_treatment=tocilizumab/hypothetical"}},
		{"a past-tense main clause after a lead is no instruction", "For grade 2 CRS after CAR-T cells, four adults were given tocilizumab.",
			[]string{"crs_grade=2/affirmed", "toxicity_treatment=tocilizumab/affirmed"}},
		{"a named trial's second clause", "In the JULIET trial, fever followed the CAR-T cells in most adults, and 20% had grade 3 or higher CRS.",
			[]string{"crs_grade=3+/generic", "!crs_grade=3+/affirmed"}},
		{"each event with its grade after it", "After CAR-T cells, CRS grade ≥3 and ICANS grade ≥3 arose in 2.5% and 7.5% of adults, respectively.",
			[]string{"crs_grade=3+/affirmed", "icans_grade=3+/affirmed"}},
		{"knowledge reaches the end of its list of outcomes", "CAR-T cell therapy, which changed the care of relapsed lymphoma, is associated with toxicities that include cytokine release syndrome, neurotoxicity, long cytopenias, low immunoglobulins and infections.",
			[]string{"crs=present/generic", "adverse_event=infection/generic", "!adverse_event=infection/affirmed"}},
		{"a modifier's short reach stays on its noun", "Both preexisting infection and infection after the CAR-T cells were common in our 40 adults.",
			[]string{"adverse_event=infection/affirmed"}},
		{"a flattened superscript reference", "ICANS followed CAR-T cells in a third of recipients.12-14",
			[]string{"icans=present/generic"}},
		{"what is usually given is knowledge too", "After CAR-T cells, grade 3 ICANS is usually treated with high-dose methylprednisolone.",
			[]string{"icans_grade=3/generic", "toxicity_treatment=corticosteroids/generic"}},
		{"deaths recorded are the report's own", "After the CAR-T cells, two deaths from sepsis were recorded in the first year.",
			[]string{"adverse_event=infection/affirmed"}},
		{"an event counted in words with a phrase before its verb", "After the CAR-T cells, one treatment-related death, from sepsis on day 12, was recorded.",
			[]string{"adverse_event=treatment-related death/affirmed"}},
		{"a history's label reaches the whole sentence", "Past medical history: a first CAR-T product in 2021, which was complicated by grade 3 CRS needing two doses of tocilizumab and vasopressors, and by grade 2 ICANS treated with dexamethasone.",
			[]string{"icans_grade=2/generic", "toxicity_treatment=corticosteroids/generic", "!icans=present/affirmed"}},
		{"a history's list reaches its last item", "Her history included a splenectomy in 2015, zoster in 2020 and a grade 2 infusion reaction to rituximab, then CAR-T cells.",
			[]string{"adverse_event=hypersensitivity/generic"}},
		{"a treatment that did not reduce an event does not deny it", "In the trial, the new dressing did not reduce surgical site infection compared with gauze (9% vs 10%).",
			[]string{"!adverse_event=infection/negated"}},
		{"an event never observed is denied", "After the second cycle, grade 4 neutropenia was never observed.",
			[]string{"adverse_event=neutropenia/negated"}},
		{"no fewer than is a count, no denial", "After the operation, no fewer than 12% of the adults developed a wound infection.",
			[]string{"!adverse_event=infection/negated"}},
		{"what side effects may include is a possibility", "Side effects of the tablets may include nausea and, rarely, an allergic reaction.",
			[]string{"adverse_event=hypersensitivity/hypothetical"}},
		{"what some people have is knowledge", "Some people have an allergic reaction to penicillin within minutes of a dose.",
			[]string{"adverse_event=hypersensitivity/generic"}},
		{"a registration trial is another study", "In the registration trial, febrile neutropenia affected a fifth of the patients.",
			[]string{"adverse_event=febrile neutropenia/generic"}},
		{"earlier pilot work is another study", "Earlier pilot work at the unit found wound infection in 14 of 100 women after caesarean section.",
			[]string{"adverse_event=infection/generic"}},
		{"an event denied in the past tense in a trial of any kind", "Thrombocytopenia did not occur on the weekly schedule.",
			[]string{"adverse_event=thrombocytopenia/negated"}},
		{"an event absent in a group of the trial", "Febrile neutropenia was absent in the dose-adjusted cohort.",
			[]string{"adverse_event=febrile neutropenia/negated"}},
		{"what monitoring found and counted is a result", "Clozapine-induced neutropenia was detected in 4 of 210 patients on routine monitoring.",
			[]string{"adverse_event=neutropenia/affirmed"}},
		{"no excess of an event denies no event", "In the trial, there was no excess of wound infections or other adverse events with the longer course (8% vs 9%).",
			[]string{"!adverse_event=infection/negated"}},
		{"a definition set off by commas is an aside a denial reaches over", "After the CAR-T cells, late neutropenia, defined as a neutrophil count below 1000 per microlitre after day 30 of the infusion, was not observed.",
			[]string{"adverse_event=neutropenia/negated"}},
		{"a pseudo-cue's aside after a list is no aside", "After the CAR-T cells, CRS in 3 adults and infections, most commonly in the first month after the infusion, were not observed.",
			[]string{"crs=present/affirmed", "adverse_event=infection/negated"}},
		{"an event whose cause the report denies is the disease is a harm", "After the CAR-T cells, anaemia not related to the underlying disease occurred in 9 of 40 adults.",
			[]string{"adverse_event=anemia/affirmed"}},
		{"an event put down to the disease itself is no harm of the treatment", "Cytopenia due to the lymphoma itself was seen in 6 of 40 adults, and neutropenia in 30 of 40 after the CAR-T cells.",
			[]string{"!adverse_event=cytopenia/affirmed", "adverse_event=neutropenia/affirmed"}},
		{"a patient excluded from an analysis still had the event", "After the CAR-T cells, one adult developed grade 3 CRS but was excluded from the efficacy analysis.",
			[]string{"crs_grade=3/affirmed"}},
		{"a knowledge list runs on through an item whose own words lead to its term", "After CAR-T cells, harms are common and include cytokine release syndrome of high grade and neurotoxicity, B-cell aplasia-associated hypogammaglobulinemia and agammaglobulinemia.",
			[]string{"crs=present/generic", "adverse_event=hypogammaglobulinemia/generic"}},
		{"an item's words lead to a term a clause after 'and' follows", "After CAR-T cells, harms are common and include cytokine release syndrome of high grade and neurotoxicity, B-cell aplasia-associated hypogammaglobulinemia and infection arose in 6 of our 20 adults.",
			[]string{"crs=present/generic", "adverse_event=infection/affirmed"}},
		{"an item's words lead to a term a relative clause follows", "After CAR-T cells, harms are common and include cytokine release syndrome of high grade and neurotoxicity, B-cell aplasia-associated hypogammaglobulinemia, which arose in 6 of our 20 adults.",
			[]string{"crs=present/generic", "adverse_event=hypogammaglobulinemia/affirmed"}},
		{"an assessment stops at a clause a comma and \"and\" join", "After the CAR-T cells, ICANS arose in 4 adults, and blood counts were recorded twice a day.",
			[]string{"icans=present/affirmed"}},
		{"a treatment withheld was not given", "After the CAR-T cells, tocilizumab was withheld because the fever stayed grade 1 CRS.",
			[]string{"toxicity_treatment=tocilizumab/negated", "crs_grade=1/affirmed"}},
		{"what is set aside for another cause did not happen", "After the CAR-T cells, her fever was put down to a line infection rather than CRS.",
			[]string{"crs=present/negated", "adverse_event=infection/affirmed"}},
		{"a picture suspicious for an event is a possibility", "After the CAR-T cells, the scan was suspicious for ICANS, yet her ICE score stayed at 10.",
			[]string{"icans=present/hypothetical"}},
		{"an event considered is a possibility", "After the CAR-T cells, bacterial sepsis was considered, and blood cultures were drawn.",
			[]string{"adverse_event=infection/hypothetical"}},
		{"a diagnosis we considered is a possibility", "After the CAR-T cells we considered COVID-19 and drug-induced pneumonitis.",
			[]string{"adverse_event=infection/hypothetical"}},
		{"another report's patients are theirs", "After CAR-T cells, ICANS arose in 38% of their patients, twice the rate in ours.",
			[]string{"icans=present/generic"}},
		{"a hedged 'fatal' is a risk, no grade 5", "After CAR-T cells, cytokine release syndrome, sometimes fatal, has followed the infusion.",
			[]string{"!crs_grade=5/affirmed", "crs=present/hypothetical"}},
		{"a fatal event is grade 5", "After CAR-T cells, fatal cytokine release syndrome followed the infusion in one adult.",
			[]string{"crs_grade=5/affirmed"}},
		{"a label of absent events denies them", "Absent: ICANS and grade 3 infection in the month after the CAR-T cells.",
			[]string{"icans=present/negated", "adverse_event=infection/negated"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkTags(t, c.text, c.want) })
	}
}

func TestParseGrade(t *testing.T) {
	cases := []struct {
		in   string
		want string // values joined by ","; "-" when no grade
	}{
		{"grade 2", "2"}, {"Grade II", "2"}, {"G2", "2"}, {"grade 1–2", "1,2"}, {"grade 1-2", "1,2"},
		{"grade 1 or 2", "1,2"}, {"grades 1 and 2", "1,2"}, {"grade 1 to 3", "1,2,3"}, {"grade 3/4", "3,4"},
		{"grade ≥3", "3+"}, {"grade >=3", "3+"}, {"grade ⩾ 3", "3+"}, {"grade >2", "3+"}, {"≥ grade 3", "3+"},
		{"grade ≤2", "1,2"}, {"grade <3", "1,2"}, {"grade 3+", "3+"}, {"grade 3 or higher", "3+"},
		{"grade 3 or greater", "3+"}, {"grade 2 and above", "2+"}, {"high-grade", "3+"}, {"low-grade", "1,2"},
		{"severe", "3+"}, {"grade I-II", "1,2"}, {"grade 3-5", "3,4,5"}, {"grade ≥1", ""}, {"grade 5", "5"},
		{"grade 1, 2, or 3", "1,2,3"}, {"grade III–IV", "3,4"}, {"at least grade 3", "3+"}, {"grade at least 3", "3+"}, {"at least 3", "-"},
		{"3 patients", "-"}, {"grade", "-"}, {"gradient", "-"}, {"grade 7", "-"},
		{"greater than grade 1", "2+"}, {"higher than grade 2", "3+"}, {"more than grade 3", "4+"},
		{"greater than or equal to grade 3", "3+"}, {"greater than 2", "-"}, {"more than one grade", "-"},
		{"grade higher than 2", "3+"}, {"grade greater than or equal to 3", "3+"}, {"grade above 1", "2+"}, {"grade higher", "-"},
		{"grade 2, 5 (25%)", "2"}, {"grade 2, 5; grade 3, 1", "2"}, {"grades 1, 2 (n = 4)", "1,2"},
		{"grade 1, 2 (10%)", "1"}, {"grade 1 and 2 were grade 2", "1"}, {"grade 1 and 2 being grade 3", "1"},
		{"grade 1 and 2 were seen", "1,2"}, {"grade 2 or lower", "1,2"}, {"grade 3 or less", "1,2,3"}, {"grade 1 or lower", "1"},
		{"grade 1 or 2 or lower", "1,2"}, {"mildest grade", "1"}, {"lowest grade 2", "-"},
		{"grade 1 or 2, and grade 3", "1,2"}, {"grade 1, grade 2, and grade 3", "1,2,3"}, {"grade 1/2, and grade 3", "1,2"},
		{"severe (grade 3 or 4)", "3,4"}, {"severe (grade 3 in 2)", "3+"},
		{"low-grade (1–2)", "1,2"}, {"high-grade (≥3)", "3+"}, {"high grade (grade 3-4)", "3,4"}, {"severe (≥3)", "3+"},
		{"high-grade (3)", "3+"}, {"low-grade (n = 12)", "1,2"},
		{"grade 2, four needed oxygen", "2"}, {"grade 2, 3 had fever", "2"}, {"grade 1, 2 or 3 were seen", "1,2,3"},
		{"grade 1 or 2, and 3 required", "1,2"}, {"grade 1, 2, and 3 required", "1,2,3"}, {"grade 1/2, and 3 required", "1,2"},
		{"grade 2, and 3 required", "2"}, {"grade 2, and grade 3", "2,3"}, {"grade 1, grade 2, and grade 3 CRS", "1,2,3"}, {"grade 1-2, and 3 required", "1,2"}, {"grade 1/2, and 3 was seen", "1,2,3"}, {"grade 1 or 2, and 3 or 4", "1,2,3,4"},
		{"grade 1, grade 2 and grade ≥3 ICANS", "1,2,3+"}, {"grade 1, grade 2, and grade ≥3 ICANS", "1,2,3+"}, {"grade 1, grade 2 or grade >3", "1,2,4+"},
		{"grade 1, 2 and ≥3 ICANS", "1,2,3+"}, {"grade 1,", "1"}, {"grade 1, 2 and >3 days' duration", "1,2"}, {"grade 1, 2 or ≥3% of adults", "1,2"}, {"grade 1, 2 or >2 lines of therapy", "1,2"}, {"grade 1, 2 and >2 cycles", "1,2"}, {"grade 1, 2 and grade >3 ICANS", "1,2,4+"}, {"grades 1, 2, and >2", "1,2,3+"}, {"grade 1 and ≥3 CRS", "1"}, {"grade 1, 3 and ≥2", "1,3"},
		{"grade 1 and grade ≥3 CRS", "1"}, {"grade 2 or grade ≥3 ICANS developed", "2"}, {"grade 1-2 and grade ≥3 ICANS", "1,2"}, {"grade 1, grade 3 and grade ≥2", "1,3"},
		{"grade 2, three.", "2"}, {"grade II, four", "2"}, {"grade one, two or three", "1,2,3"}, {"grade 1, 2, or three", "1,2"}, {"grade 1 to three", "1"}, {"grade one to three", "1,2,3"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			vals, ok := classifier.ParseGrade(c.in)
			got := strings.Join(vals, ",")
			if !ok {
				got = "-"
			}
			if got != c.want {
				t.Errorf("ParseGrade(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"CD19⁻BCMA⁺", "cd19 bcma +"},
		{"grade ≥3", "grade ≥ 3"},
		{"grade >= 3", "grade ≥ 3"},
		{"Grade 1–2", "grade 1 - 2"},
		{"CAR-T", "car t"},
		{"SRI-4", "sri 4"},
		{"1.5 × 10⁶", "1.5 × 106"},
		{"5 µL", "5 μl"},
		{"anti-CD19/anti-BCMA", "anti cd19 / anti bcma"},
		{"CLDN18.2", "cldn18.2"},
		{"drug‐free", "drug free"},
		{"Infections12(0.9)7(0.5)", "infections 12 ( 0.9 ) 7 ( 0.5 )"},
		{"incidence41 (12.5%)", "incidence 41 ( 12.5 % )"},
		{"HHV6 (12%)", "hhv6 ( 12 % )"},
		{"CD19 (n = 4)", "cd19 ( n = 4 )"},
		{"day28 of", "day28 of"},
		{"0.62Pneumonia 4 (2)", "0.62 pneumonia 4 ( 2 )"},
		{"<0.001Wound infection", "< 0.001 wound infection"},
		{"5Fluorouracil 2Gy 10mg 3.Fever", "5 fluorouracil 2gy 10mg 3 . fever"},
	}
	for _, c := range cases {
		if got := classifier.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// contextCase is a target in a sentence and the status Classifier.Context should give it.
type contextCase struct{ sentence, target, want string }

// checkContextCases runs Classifier.Context on each case.
func checkContextCases(t *testing.T, c *classifier.Classifier, cases []contextCase) {
	t.Helper()
	for _, tc := range cases {
		res, err := c.Context(tc.sentence, tc.target)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != tc.want {
			t.Errorf("%q in %q: %s, want %s (%s %s)", tc.target, tc.sentence, res.Status, tc.want, res.Rule, res.Cue)
		}
	}
}

// TestContextTargetInPseudo: a pseudo-cue says nothing of what follows it ("no change in the
// mass" leaves the mass as it is), but a target that starts inside it is what it denies.
func TestContextTargetInPseudo(t *testing.T) {
	c := testrules.Default(t)
	cases := []contextCase{
		{"There was no change in appetite after the infusion.", "change in appetite", classifier.Negated},
		{"There was no change in the size of the mass.", "mass", classifier.Affirmed},
		{"There was no increase in CRS with the higher dose.", "CRS", classifier.Affirmed},
		{"Of 40 adults given the cells as outpatients, 22 (55%) were admitted, most often for CRS.", "CRS", classifier.Affirmed},
	}
	checkContextCases(t, c, cases)
}

// TestContextPatternCues: a sentence on its own reads the cues its cue groups' patterns find
// as a document does ("In the GiACTA trial, …" is another study's).
func TestContextPatternCues(t *testing.T) {
	c := testrules.Default(t)
	cases := []contextCase{
		{"In the SolarIS trial, serious infections were rarer with the CAR-T product.", "serious infections", classifier.Generic},
		{"In COHORT 2, serious infections were rarer with the CAR-T product.", "serious infections", classifier.Affirmed},
	}
	checkContextCases(t, c, cases)
}

// TestContextTargetCase: where a target occurs twice, the occurrence written as the target
// is (case too) is judged, as NegEx-style sets mark theirs in upper case; else the first.
func TestContextTargetCase(t *testing.T) {
	c := testrules.Default(t)
	cases := []contextCase{
		{"Rash: the skin shows no RASH today.", "RASH", classifier.Negated},
		{"Rash: the skin shows no RASH today.", "rash", classifier.Affirmed},
		{"Rash: the skin shows no rash today.", "Rash", classifier.Affirmed},
	}
	checkContextCases(t, c, cases)
}

// TestExceptSections: a signal or cue with except_sections is none in those sections, and
// the section decides there. A reference marker in a Methods section cites an instrument or
// a definition; in a Discussion it makes the finding the literature's. A data cut-off in a
// Methods section ends the time events were recorded in, no report of the study's own data.
func TestExceptSections(t *testing.T) {
	c := testrules.Default(t)
	cases := []struct {
		name, sentence, facet string
		want                  map[corpus.Section]string
	}{
		{"a reference marker", "After CAR-T cells, CRS occurred in most patients [12].", "crs",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical, corpus.SectionDiscussion: classifier.Generic}},
		{"a data cut-off", "After CAR-T cells, patients were monitored for ICANS by the data cut-off date of 1 March 2023.", "icans",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical}},
		{"an arm named in a rule of care", "After CAR-T cells, patients who developed ICANS in the weekly arm received dexamethasone.", "icans",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical, corpus.SectionResults: classifier.Affirmed}},
		{"advice in a Conclusions section", "After CAR-T cells, clinicians should be alert to ICANS that starts late.", "icans",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical, corpus.SectionConclusions: classifier.Generic}},
		{"a possibility in a Conclusions section", "After CAR-T cells, ICANS can arise weeks after the infusion.", "icans",
			map[corpus.Section]string{corpus.SectionResults: classifier.Hypothetical, corpus.SectionConclusions: classifier.Generic}},
		{"a result in a Conclusions section", "After the CAR-T cells, ICANS was mild and brief.", "icans",
			map[corpus.Section]string{corpus.SectionResults: classifier.Affirmed, corpus.SectionConclusions: classifier.Affirmed}},
		{"advice about patients who had an event in a Conclusions section", "After CAR-T cells, patients who had CRS should be monitored for ICANS.", "icans",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical, corpus.SectionConclusions: classifier.Generic}},
		{"advice in our view in a Conclusions section", "In our view, tocilizumab should be given for grade 2 CRS after CAR-T cells.", "crs",
			map[corpus.Section]string{corpus.SectionConclusions: classifier.Generic}},
		{"the study's own protocol in a Conclusions section", "Our protocol, in which tocilizumab is given at the first sign of grade 2 CRS after CAR-T cells, was feasible.", "crs",
			map[corpus.Section]string{corpus.SectionMethods: classifier.Hypothetical, corpus.SectionConclusions: classifier.Hypothetical}},
		{"a plan in a Conclusions section", "After CAR-T cells, in the planned phase 3 trial adults will be randomised to anakinra, and ICANS may be reduced.", "icans",
			map[corpus.Section]string{corpus.SectionConclusions: classifier.Hypothetical}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := "CAR-T cells in lymphoma\n"
			for _, sec := range slices.Sorted(maps.Keys(tc.want)) {
				text += "\n" + strings.ToUpper(string(sec[:1])) + string(sec[1:]) + "\n" + tc.sentence + "\n"
			}
			res := c.Tag(&corpus.Document{ID: "t", Text: text, Source: "t"})
			seen := 0
			for _, s := range res.Sentences {
				for _, tg := range s.Tags {
					if w, ok := tc.want[s.Section]; ok && tg.Facet == tc.facet {
						seen++
						if tg.Status != w {
							t.Errorf("%s: %s %s (%s %s), want %s", s.Section, tg.Facet, tg.Status, tg.Rule, tg.Cue, w)
						}
					}
				}
			}
			if seen != len(tc.want) {
				t.Errorf("%d %s tags in %d sections, want one in each", seen, tc.facet, len(tc.want))
			}
		})
	}
}

// TestMeasureTitle: a verbless line that opens with what is measured is an outcome the study
// will measure (cue.hypothetical.measure_title), but not as a heading, where it names a
// topic, nor with a verb or a count, where it is a result.
func TestMeasureTitle(t *testing.T) {
	c := testrules.Default(t)
	text := "A trial of CAR-T cells in lymphoma\n\nBrief Summary\nAdults with lymphoma receive CD19 CAR-T cells.\n\n" +
		"Outcome\nIncidence of grade 2 or higher CRS within 28 days of the CAR-T infusion\n\n" +
		"Results\n\nIncidence of CRS\n\nIncidence of CRS after the CAR-T cells was 40%.\n"
	res := c.Tag(&corpus.Document{ID: "t", Text: text, Source: "t"})
	var got []string
	for _, s := range res.Sentences {
		for _, tg := range s.Tags {
			if tg.Facet == "crs" {
				got = append(got, string(s.Section)+" "+tg.Status)
			}
		}
	}
	want := []string{"body " + classifier.Hypothetical, "heading " + classifier.Generic, "results " + classifier.Affirmed}
	if !slices.Equal(got, want) {
		t.Errorf("CRS statuses %v, want %v", got, want)
	}
}

// TestDiscussionOwnShare: in a Discussion, the share "of ours" set against another study's
// is the report's own result (signal.observed.of_ours), the other study's stays generic.
func TestDiscussionOwnShare(t *testing.T) {
	c := testrules.Default(t)
	text := "CAR-T cells in lymphoma\n\nDiscussion\nThe pivotal trial reported CRS in 93% of patients, whereas CRS developed in 70% of ours.\n"
	res := c.Tag(&corpus.Document{ID: "t", Text: text, Source: "t"})
	var got []string
	for _, s := range res.Sentences {
		for _, tg := range s.Tags {
			if tg.Facet == "crs" {
				got = append(got, tg.Status)
			}
		}
	}
	if want := []string{classifier.Generic, classifier.Affirmed}; !slices.Equal(got, want) {
		t.Errorf("CRS statuses %v, want %v", got, want)
	}
}

// TestDiscussionOwnWords: in a Discussion, words that name the report's own patients, rate or
// cases keep a sentence's status, and a cause given as possible or an agreement with the
// literature leaves the event the report's own; history told of other data stays generic.
func TestDiscussionOwnWords(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct{ text, facet, want string }{
		{"Our rate of grade 3 infection (8%) was half that of the pivotal trial.", "adverse_event", classifier.Affirmed},
		{"Earlier series saw ICANS only after CRS; likewise, both of our ICANS cases came after CRS.", "icans", classifier.Affirmed},
		{"Unlike earlier series, we did not observe febrile neutropenia after the CAR-T cells.", "adverse_event", classifier.Negated},
		{"Infections were commoner in our outpatients than in the pivotal trial, possibly because of earlier bendamustine.", "adverse_event", classifier.Affirmed},
		{"In keeping with the literature, CRS in our adults settled within two days.", "crs", classifier.Affirmed},
		{"Historical data show grade 3 CRS in a fifth of adults with leukaemia.", "crs", classifier.Generic},
		{"Pneumonia, a frequent complication in earlier trials of the operation, occurred in three of our adults.", "adverse_event", classifier.Affirmed},
		{"Febrile neutropenia, common in other studies of the regimen, was not seen in our cohort.", "adverse_event", classifier.Negated},
		{"Bleeding, infection, the need to stay overnight as earlier studies describe, and pain are the known risks.", "adverse_event", classifier.Generic},
		{"Anaemia was grade 1 in every adult and never needed a transfusion.", "adverse_event", classifier.Affirmed},
		{"Our cohort saw ICANS in 20%, half the rate reported by Osei et al.", "icans", classifier.Affirmed},
		{"ICANS was frequent in the pivotal trial, as in the series of Osei et al.", "icans", classifier.Generic},
		{"The rise in febrile neutropenia among our adults probably reflects the higher dose in our protocol.", "adverse_event", classifier.Affirmed},
		{"So far we have had two readmissions for CRS after discharge.", "crs", classifier.Affirmed},
		{"The lower rate of wound infection in the oral group is in line with a previous meta-analysis [12].", "adverse_event", classifier.Affirmed},
		{"Unlike the pivotal trial, where grade 3 ICANS was common, ICANS was rare here.", "icans", classifier.Affirmed},
		{"We saw ICANS in 10% of our adults, whereas ZUMA-1 reported ICANS in 64%.", "icans", classifier.Generic},
		{"We saw ICANS in 10% of our adults, whereas ZUMA-1 reported it in 64%.", "icans", classifier.Generic},
		{"Grade 3 CRS was reported in a third of adults [8], and ICANS in a fifth.", "icans", classifier.Generic},
		{"Grade 3 CRS arose in 2 of our 40 adults, but in the ZUMA-1 trial grade 3 CRS was seen in 13%.", "crs_grade", classifier.Generic},
		{"In the registry, rates of grade 3 CRS did not differ between the two products.", "crs_grade", classifier.Generic},
		{"Grade 3 CRS rates were 13% vs 22% with the two approved products.", "crs_grade", classifier.Generic},
		{"Unlike our product, axicabtagene ciloleucel caused grade 3 or higher ICANS in 31% of patients in ZUMA-1.", "icans_grade", classifier.Generic},
		{"In the ongoing phase 3 trial of the product, no grade 5 CRS has been reported among the patients treated to date.", "crs_grade", classifier.Generic},
		{"Compared with our product, axicabtagene ciloleucel caused grade 3 or higher ICANS in 31% of patients.", "icans_grade", classifier.Generic},
		{"In contrast to our construct, CD28-based products led to ICANS in up to 64% of patients.", "icans", classifier.Generic},
		{"If grade 2 CRS develops after the first step-up dose, most centres give tocilizumab at once.", "toxicity_treatment", classifier.Generic},
		{"If fever lasted beyond a day, tocilizumab was given.", "toxicity_treatment", classifier.Hypothetical},
		{"We gave tocilizumab only if CRS reached grade 2.", "toxicity_treatment", classifier.Hypothetical},
		{"We recommend tocilizumab if CRS reaches grade 2 after the first dose.", "toxicity_treatment", classifier.Generic},
		{"If dose-limiting toxicities are seen at the first level, the dose will be lowered for later adults.", "adverse_event", classifier.Hypothetical},
	}
	for _, tt := range tests {
		text := "CAR-T cells in lymphoma\n\nDiscussion\n" + tt.text + "\n"
		res := c.Tag(&corpus.Document{ID: "t", Text: text, Source: "t"})
		var got []string
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if tg.Facet == tt.facet {
					got = append(got, tg.Status)
				}
			}
		}
		if len(got) == 0 || got[len(got)-1] != tt.want {
			t.Errorf("%q: %s statuses %v, want the last %s", tt.text, tt.facet, got, tt.want)
		}
	}
}

// A text that never speaks of a study of its own is background throughout (section.opening,
// whole_text); one that reports its own patients anywhere, or is too short to tell, is not.
func TestWholeTextOpening(t *testing.T) {
	c := testrules.Default(t)
	guide := "Fever is the first sign of cytokine release syndrome after CAR-T cells. " +
		"Hypotension and hypoxia decide its grade. " +
		"Tocilizumab is the usual first treatment for CRS. " +
		"Steroids are added when fever and hypotension persist.\n"
	tests := []struct {
		name, text, want string
	}{
		{"guideline", guide, classifier.Generic},
		{"guideline with a count", guide + "In our centre, CRS arose in 7 of 20 patients.\n", classifier.Affirmed},
		{"guideline with its own study", "We gave CAR-T cells to adults with lymphoma. " + guide, classifier.Affirmed},
		{"guideline citing a trial's count", "Fever is the first sign of cytokine release syndrome after CAR-T cells. " +
			"In an early trial, CRS arose in 9 of 12 patients [4]. " +
			"Tocilizumab is the usual first treatment for CRS. " +
			"Steroids are added when fever and hypotension persist.\n", classifier.Generic},
		{"guideline with a pivotal trial's share mid-sentence", "Fever is the first sign of cytokine release syndrome after CAR-T cells. " +
			"Late cytopenias were reported in about a third of KarMMa participants. " +
			"Tocilizumab is the usual first treatment for CRS. " +
			"Steroids are added when fever and hypotension persist.\n", classifier.Generic},
		{"guideline with advice to assess", "Consider an echocardiogram to assess the heart before CAR-T cells. " + guide, classifier.Generic},
		{"a case told without counts", "A man with myeloma received BCMA CAR-T cells. Fever began on day 3, and CRS resolved after tocilizumab. " +
			"His platelets fell in the second week. A deep response followed by day 28.\n", classifier.Affirmed},
		{"three sentences", "Fever came first after the CAR-T cells. Hypotension followed. Tocilizumab was given for CRS.\n", classifier.Affirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantTocilizumab(t, c, tt.text, tt.want) })
	}
}

// TestUnheadedMethods: in an abstract without headings, the sentences from the one that
// turns to its own study to the one before its first result tell its design
// (section.unheaded_methods): a treatment named there was planned or given by protocol, not
// a result. A text with neither an opening nor an aim where it turns to its study, no result
// after its design, or a result's shape in the sentence or before it (a share, a test, an
// event told in the past, patients counted with what they received, the patients' flow)
// leaves the sentence to its own cues.
func TestUnheadedMethods(t *testing.T) {
	c := testrules.Default(t)
	const opening = "Cytokine release syndrome limits CAR-T therapy in older adults. "
	tests := []struct {
		name, text, want string
	}{
		{"design before the results", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Grade 2 CRS was treated with tocilizumab. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Hypothetical},
		{"an aim instead of an opening", "This study compared two doses of a CD19 CAR-T product in adults with lymphoma. " +
			"Grade 2 CRS was treated with tocilizumab. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Hypothetical},
		{"an aim opening its sentence", "To compare two doses of a CD19 CAR-T product in adults with lymphoma, we studied adults in one centre. " +
			"Grade 2 CRS was treated with tocilizumab. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Hypothetical},
		{"the patients' flow ends the methods", "This study compared two doses of a CD19 CAR-T product in adults with lymphoma. " +
			"Thirty adults were enrolled. " +
			"Grade 2 CRS was treated with tocilizumab. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Affirmed},
		{"a list whose later item reports a result", opening + "We studied adults given a CD19 CAR-T product in one centre. After the cells, the adults had:\n" +
			"• fever and low blood pressure from CRS, treated with tocilizumab\n" +
			"• ICANS in 5 of the 30 adults, treated with dexamethasone\n", classifier.Affirmed},
		{"a design's list of endpoints", opening + "We studied adults given a CD19 CAR-T product in one centre. The endpoints were:\n" +
			"• CRS of any grade and its treatment with tocilizumab within 28 days\n" +
			"• ICANS of any grade in the adults who developed CRS after the infusion\n\n" +
			"CRS arose in 18 of the 30 adults.\n", classifier.Hypothetical},
		{"a result deep in a long list comes too late", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Grade 2 CRS was treated with tocilizumab. The adults we studied had:\n" +
			"• design point 1 of the protocol, written out in full\n" +
			"• design point 2 of the protocol, written out in full\n" +
			"• design point 3 of the protocol, written out in full\n" +
			"• design point 4 of the protocol, written out in full\n" +
			"• design point 5 of the protocol, written out in full\n" +
			"• design point 6 of the protocol, written out in full\n" +
			"• design point 7 of the protocol, written out in full\n" +
			"• design point 8 of the protocol, written out in full\n" +
			"• design point 9 of the protocol, written out in full\n" +
			"• ICANS in 5 of the 30 adults\n", classifier.Affirmed},
		{"a median is a result", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"The median time to onset of CRS was 2 days, and tocilizumab was needed by most of them. " +
			"ICANS arose in 5 of the 30 adults.\n", classifier.Affirmed},
		{"'we examined' is no aim", "We examined toxicity after a CD19 CAR-T product in adults with lymphoma. " +
			"CRS was mostly low grade and settled with tocilizumab. " +
			"ICANS arose in 5 of the 30 adults.\n", classifier.Affirmed},
		{"a topic heading ends the methods", opening + "This study examined a CD19 CAR-T product in adults over 75 at ten centres.\n\n## Safety\n\n" +
			"Grade 2 CRS was treated with tocilizumab.\n\nICANS arose in 5 of the 30 adults.\n", classifier.Affirmed},
		{"no result within eight sentences", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Grade 2 CRS was treated with tocilizumab. Cells were made from blood drawn at entry. Each product was checked for purity. " +
			"Fludarabine and cyclophosphamide came first. The cells were given on day 0. Adults stayed in hospital for a week. " +
			"Blood counts were checked twice a week. Scans were read centrally. " +
			"ICANS arose in 5 of the 30 adults.\n", classifier.Affirmed},
		{"no opening: a results paragraph", "We studied adults given a CD19 CAR-T product in one centre. " +
			"Grade 2 CRS was treated with tocilizumab. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Affirmed},
		{"no result after the design", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Grade 2 CRS was treated with tocilizumab.\n", classifier.Affirmed},
		{"a share in the sentence", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Tocilizumab was given for CRS to 40% of them. " +
			"CRS arose in 18 of the 30 adults, and none had grade 4.\n", classifier.Affirmed},
		{"patients counted with what they received", opening + "We studied adults given a CD19 CAR-T product in one centre. " +
			"Nine adults received tocilizumab for grade 2 CRS. " +
			"ICANS arose in 5 of the 30 adults.\n", classifier.Affirmed},
		{"a list that leads results", opening + "We studied adults given a CD19 CAR-T product in one centre; after the cells, the adults had:\n" +
			"• tocilizumab for grade 2 CRS in 9 of the 30 adults\n", classifier.Affirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantTocilizumab(t, c, tt.text, tt.want) })
	}
}

// wantTocilizumab tags text and checks that it has a tocilizumab tag and that every one has
// the status want.
func wantTocilizumab(t *testing.T, c *classifier.Classifier, text, want string) {
	t.Helper()
	res := c.Tag(&corpus.Document{ID: "t", Text: text, Source: "t"})
	seen := false
	for _, s := range res.Sentences {
		for _, tg := range s.Tags {
			if tg.Facet != "toxicity_treatment" || tg.Value != "tocilizumab" {
				continue
			}
			seen = true
			if tg.Status != want {
				t.Errorf("tocilizumab %s (%s %s), want %s", tg.Status, tg.Rule, tg.Cue, want)
			}
		}
	}
	if !seen {
		t.Error("no tocilizumab tag")
	}
}

// TestListItems: an item of a list, a line that opens with a bullet, is said under the cue
// that reaches the colon of the sentence that leads the list; a lead without one, or with
// its cue short of the colon, leaves the items as they are.
func TestListItems(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // facet=value → status
	}{
		{"a plan's list", "After CAR-T cells your team will be watching each day for:\n• low blood counts and signs of infection\n• signs of cytokine release syndrome or ICANS, such as fever\n",
			map[string]string{"crs=present": "hypothetical", "icans=present": "hypothetical"}},
		{"an instruction's list", "Monitor every recipient of the CAR-T cells for:\n- fever and hypotension\n- cytokine release syndrome of any grade\n",
			map[string]string{"crs=present": "hypothetical"}},
		{"a list of what happened", "Adverse events after the CAR-T cells in our 20 adults included:\n• cytokine release syndrome in 14 of the 20 adults\n• ICANS of grade 1 or 2 in 3 of the 20 adults\n",
			map[string]string{"crs=present": "affirmed", "icans=present": "affirmed"}},
		{"a cue short of the colon", "We will report late effects later; after the CAR-T cells, the adults had:\n• cytokine release syndrome in 14 of the 20 adults\n",
			map[string]string{"crs=present": "affirmed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, tg := range allTags(tagText(t, tc.text)) {
				got[tg.Facet+"="+tg.Value] = tg.Status
			}
			for k, w := range tc.want {
				if got[k] != w {
					t.Errorf("%s: %q, want %q (all: %v)", k, got[k], w, got)
				}
			}
		})
	}
}

// TestCitationOwnClause: a reference marker speaks for its own clause; a later clause with the
// report's own words keeps its status, one without them goes on with the citation.
func TestCitationOwnClause(t *testing.T) {
	for _, tc := range []struct{ text, facet, want string }{
		{"Whereas earlier reports described frequent CRS after the product [18], our CAR-T recipients remained free of CRS.", "crs", classifier.Negated},
		{"Grade 3 CRS was reported in a third of adults [8], and ICANS in a fifth.", "icans", classifier.Generic},
		{"Grade 3 CRS was reported in a third of adults [8], and ICANS in a fifth, as we also noted in 2019.", "icans", classifier.Generic},
	} {
		res := tagText(t, "CAR-T cells in lymphoma\n\n"+tc.text)
		var got []string
		for _, tg := range allTags(res) {
			if tg.Facet == tc.facet {
				got = append(got, tg.Status)
			}
		}
		if len(got) == 0 || got[len(got)-1] != tc.want {
			t.Errorf("%q: %s statuses %v, want the last %s", tc.text, tc.facet, got, tc.want)
		}
	}
}
