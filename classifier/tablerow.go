package classifier

import (
	"slices"
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

// TableRowRule is the Rule of a tag that a table row takes from the header above it: the
// rows "Grade 1   43 (37%)" and "Any grade   20 (17%)" under a line naming CRS are counts
// of CRS of grade 1 and of CRS.
const TableRowRule = "table.row"

// tableRowLook is how many sentences above a row its header may stand (other rows and a
// caption such as "Table 2." between).
const tableRowLook = 8

// anyGradeLabels open a row that counts the event of any grade ("Any   71 (84.5)" under
// "CRS, n (%)": any alone, after the longer labels, and only before numbers: tableRowLabel).
var anyGradeLabels = []string{"any grade", "all grades", "all grade", "any grades", "total", "overall", "any"}

// anyGradeLabelEnd returns where an any-grade label ("any grade", "all grades") that starts
// at unit from ends, no later than limit, or from when none does.
func anyGradeLabelEnd(us []unit, from, limit int) int {
	for _, l := range anyGradeLabels {
		if n := strings.Count(l, " ") + 1; from+n <= limit && joinNorms(us[from:from+n]) == l {
			return from + n
		}
	}
	return from
}

// tableRowLabel reads the label a table row opens with: a grade ("Grade 1", "Grade 3 or
// higher") or any grade ("Any grade", "Total"). It returns the grade values (none for any
// grade), where the label ends, and whether the sentence is such a row: a short line whose
// rest holds a number and at most two words ("Grade 2   12 (10%)", "Grade 1: 8 patients").
func tableRowLabel(us []unit) (values []string, end int, ok bool) {
	most := tableRowUnits
	if barred(us) {
		// a row of several columns, "Grade 3 | 12 (15.0) | 3 (10.0) |": a few units a cell
		most = max(tableBarredRowUnits, tableCellUnits*bars(us))
	}
	if len(us) == 0 || len(us) > most {
		return nil, 0, false
	}
	from := 0
	if us[0].norm == "|" {
		from = 1 // a Markdown row opens with its bar: "| Grade 1 | 4 (3) |"
	}
	if g, gok := parseGrade(us, from); gok && g.start == from {
		values, end = g.values, g.end
	} else {
		if end = anyGradeLabelEnd(us, from, len(us)-1); end == from {
			return nil, 0, false
		}
	}
	nums, words := 0, 0
	for _, u := range us[end:] {
		switch {
		case !u.word:
		case u.norm[0] >= '0' && u.norm[0] <= '9':
			nums++
		default:
			words++
		}
	}
	if end > from && (us[end-1].norm == "overall" || end-from == 1 && us[from].norm == "any") && words > 0 {
		return nil, 0, false // "Overall survival   12 (40)", "Any AE   38 (95)" are no rows of the event
	}
	return values, end, nums > 0 && words <= 2
}

// tableRowUnits and tableBarredRowUnits are the most units a row has: one of a count, or
// one whose columns bars separate; a row of many columns may have tableCellUnits a bar
// ("| 16/473 (3) | 14/409 (3) | …", "| 89 (86-92) | …").
const (
	tableRowUnits       = 16
	tableBarredRowUnits = 48
	tableCellUnits      = 10
)

// bars counts the column bars of a row.
func bars(us []unit) int {
	n := 0
	for _, u := range us {
		if u.norm == "|" {
			n++
		}
	}
	return n
}

// rowShape says whether a sentence is a row of a table: one whose columns bars separate
// (barred), and one that a grade label or bars make a row (row).
type rowShape struct {
	known, barred, row bool
}

// tableShape reads the sentence's row shape once: the incidence rules, the arm rules and the
// tagger all ask.
func (s *sentenceState) tableShape() rowShape {
	if !s.shape.known {
		_, _, labelled := tableRowLabel(s.units)
		b := barred(s.units)
		s.shape = rowShape{known: true, barred: b, row: b || labelled || cellRow(s.units)}
	}
	return s.shape
}

// cellRow reports whether the units are a row of a table that lost its bars: a label of
// words ("CRS", "Seizure (clinical or EEG)", "Acute GVHD, grade 1–2") and then only "n (p)", "n/N" or "n/N (p)" cells, "20 (80) 4 (16)",
// with no full stop; a sentence goes on in words.
func cellRow(us []unit) bool {
	if len(us) > tableBarredRowUnits {
		return false
	}
	first := slices.IndexFunc(us, digitUnit)
	if first < 1 || !slices.ContainsFunc(us[:first], func(u unit) bool { return u.word }) {
		return false
	}
	// a grade in the label ("Acute GVHD, grade 1–2   3 (21.4)", "Grade 3 neutropenia   12 (5)")
	// is the label's: the cells start after it
	for k := first - 1; k >= 0 && k >= first-2; k-- {
		if !gradeWords[us[k].norm] {
			continue
		}
		if g, ok := parseGradeAt(us, k); ok && g.end > first {
			next := slices.IndexFunc(us[g.end:], digitUnit)
			if next < 0 {
				return false
			}
			first = g.end + next
		}
		break
	}
	cells, shared := 0, 0
	for k := first; k < len(us); k++ {
		switch n := us[k].norm; {
		case us[k].word && isDigits(n) && k+2 < len(us) && us[k+1].norm == "/" && isDigits(us[k+2].norm):
			cells++ // "4/7", as a table of small cohorts writes a cell, or "3/12 (25.0%)", as a registry's
			if k+3 < len(us) && us[k+3].norm == "(" {
				shared++
			}
			k += 2
		case us[k].word && isDigits(n):
			if k+3 < len(us) && us[k+1].norm == "(" && us[k+2].word && isDigits(us[k+2].norm) {
				cells++
			}
		case n == "(" || n == ")" || n == "%":
		default:
			return false
		}
	}
	// one "n/N (p)" cell alone is a sentence's fraction ("HLH 8/80 (10)"), not columns
	return cells > 0 && (shared == 0 || cells > 1)
}

// isDigits reports whether s is a number written in digits, "20", "95.9".
func isDigits(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	return strings.Trim(s, "0123456789.,") == ""
}

// barred reports whether the units hold the bars of a table's columns.
func barred(us []unit) bool {
	n := 0
	for _, u := range us {
		if u.norm == "|" {
			n++
		}
	}
	return n >= 2
}

// tableRowTags gives a table row that names no outcome itself the tags its header names: the
// nearest sentence above (at most tableRowLook, with only rows and a caption between) that
// tags exactly one event — CRS, ICANS, or one adverse event. A grade row of CRS or ICANS
// tags that grade, one of an adverse event the event at that grade (its count's Grade); an
// any-grade row tags the event. Their status is judged as any tag's.
func (c *Classifier) tableRowTags(doc *corpus.Document, states []*sentenceState, i int, rn *run) []match {
	st := states[i]
	values, end, ok := tableRowLabel(st.units)
	treatment := ""
	if !ok {
		// "Tocilizumab | 20 (50.0) | 9 (50.0) |" under CRS: the row counts the patients
		// whose CRS was treated with it
		if treatment, end = treatmentRowLabel(st); treatment == "" {
			return nil
		}
	}
	var header []match
	for j := i - 1; j >= 0 && j >= i-tableRowLook; j-- {
		h := states[j]
		if h.skip {
			continue
		}
		if anyOutcome(h.matches) && !slices.ContainsFunc(h.matches, func(m match) bool { return m.Rule == TableRowRule }) {
			header = h.matches
			break
		}
		held := h.units != nil
		c.ensureUnits(rn, h) // a lean run has let go of the units above
		_, _, row := tableRowLabel(h.units)
		over := row || barred(h.units) || caption(h.units) // another row ("Median onset, d | 5 (1-38) |" too), or "Table 2."
		if !held {
			rn.release(h)
		}
		if !over {
			return nil
		}
	}
	event := ""
	for _, m := range header {
		if !isOutcome(m.Facet) || m.Facet == toxicityTreatmentFacet {
			continue
		}
		key := eventKey(m) // "crs" for CRS and its grades, "adverse_event=infection"
		if event != "" && event != key {
			return nil // a header of two events leaves its rows unread
		}
		event = key
	}
	if event == "" {
		return nil
	}
	mk := func(facet, value string) match { return newMatch(doc, st, facet, value, TableRowRule, 0, end, 0, end) }
	var tags []match
	switch {
	case treatment != "" && (event == "crs" || event == "icans"):
		tags = append(tags, mk(toxicityTreatmentFacet, treatment))
	case treatment != "":
	case len(values) == 0 && (event == "crs" || event == "icans"):
		tags = append(tags, mk(event, "present"))
	case len(values) == 0:
		tags = append(tags, mk("adverse_event", event[len("adverse_event="):]))
	case event == "crs" || event == "icans":
		// The event itself happened as well (a grade row of CRS is CRS): the row's count is
		// its grade's only, as a count of a grade is.
		tags = append(tags, mk(event, "present"))
		for _, v := range values {
			tags = append(tags, mk(event+"_grade", v))
		}
	default:
		// "Grade 3-4 | 50 (42) |" under an adverse event: the event's count at that grade
		t := mk("adverse_event", event[len("adverse_event="):])
		t.cellGrade = values
		tags = append(tags, t)
	}
	if len(tags) == 0 {
		return nil
	}
	return c.applyContext(st, tags, rn)
}

// treatmentRowLabel reads a row of a table with bars whose label is a toxicity treatment and
// whose cells are numbers: the treatment's value and where its label ends, or "".
func treatmentRowLabel(st *sentenceState) (string, int) {
	if !st.tableShape().barred || len(st.units) > tableBarredRowUnits {
		return "", 0
	}
	bar := 0
	for bar < len(st.units) && st.units[bar].norm != "|" {
		bar++
	}
	value := ""
	for _, h := range st.hits {
		if h.start == 0 && h.end <= bar && h.class == toxicityTreatmentFacet && h.value != NoValue {
			value = h.value
			break
		}
	}
	if value == "" {
		return "", 0
	}
	for _, u := range st.units[bar:] {
		if u.word && (u.norm[0] < '0' || u.norm[0] > '9') {
			return "", 0 // a cell of words: no counts
		}
	}
	return value, bar
}

// anyOutcome reports whether a sentence holds an outcome tag of any status (a header is
// often a heading, whose tags are generic).
func anyOutcome(ms []match) bool {
	for _, m := range ms {
		if isOutcome(m.Facet) {
			return true
		}
	}
	return false
}

// GradeColumnRule is the Rule of a tag that a cell of a table row takes from its column's
// header: under "| Event | Grade 1 | Grade 2 | Grade ≥3 |", the row "| CRS | 10 (25) | 5 (13)
// | 1 (3) |" counts CRS of grade 1, 2 and ≥3, one cell each, not CRS three times.
const GradeColumnRule = "table.grade_column"

// cellSpans cuts a row with bars into its cells: the units between two bars, [start, end),
// each with the bar before it at start-1. The label cell comes first.
func cellSpans(us []unit) [][2]int {
	var cells [][2]int
	from := 0
	if len(us) > 0 && us[0].norm == "|" {
		from = 1
	}
	for k := from; k <= len(us); k++ {
		if k == len(us) || us[k].norm == "|" {
			if k > from || k < len(us) { // an empty cell stays a column
				cells = append(cells, [2]int{from, k})
			}
			from = k + 1
		}
	}
	if n := len(cells); n > 0 && cells[n-1][0] == cells[n-1][1] {
		cells = cells[:n-1] // after the closing bar
	}
	return cells
}

// columnGrades reads a header row with bars whose columns after the first all name a grade
// ("Grade 1", "Grade ≥3", "Grade 3 or higher") or any grade ("Any grade", "All grades"): the
// grade values of each column (nil for any grade), or nil when the row is no such header.
func columnGrades(us []unit) [][]string {
	cells := cellSpans(us)
	if len(cells) < 3 {
		return nil
	}
	cols := make([][]string, 0, len(cells)-1)
	for _, cl := range cells[1:] {
		cell := withoutCountLabel(us[cl[0]:cl[1]])
		if g, ok := parseGrade(cell, 0); ok && g.start == 0 && g.end == len(cell) {
			cols = append(cols, g.values)
		} else if len(cell) > 0 && anyGradeLabelEnd(cell, 0, len(cell)) == len(cell) {
			cols = append(cols, nil)
		} else {
			return nil
		}
	}
	return cols
}

// withoutCountLabel drops from a header cell the words after the column's name that label
// what its cells hold, "Grade 3-4, n (%)", "Any grade, no. of patients": the header fillers
// a table without bars skips too (headerFillers), when words stay before them.
func withoutCountLabel(cell []unit) []unit {
	k := len(cell)
	for k > 0 && headerFillers[cell[k-1].norm] {
		k--
	}
	if k == 0 {
		return cell
	}
	return cell[:k]
}

// gradeColumnTags gives each cell of a row of CRS or ICANS, under a header whose columns are
// grades (columnGrades, at most tableRowLook sentences above with only rows between), a tag
// of its column's grade (the event for an any-grade column), on the bar before the cell, so
// that the cell's count binds to it and not to the row's label; a row of one adverse event
// gets the event again on each bar, its column's grade in match.cellGrade.
func (c *Classifier) gradeColumnTags(doc *corpus.Document, states []*sentenceState, i int, rn *run) []match {
	st := states[i]
	if !st.tableShape().barred {
		return nil
	}
	cells := cellSpans(st.units)
	if len(cells) < 2 {
		return nil
	}
	event, value := "", ""
	for _, m := range st.matches {
		if m.uend > cells[0][1] {
			continue
		}
		switch {
		case m.Facet == "crs" || m.Facet == "icans":
			event, value = m.Facet, "present"
		case m.Facet == adverseEventFacet && (event == "" || event == adverseEventFacet && value == m.Value):
			event, value = m.Facet, m.Value
		case m.Facet == adverseEventFacet:
			return nil // a row of two adverse events
		}
	}
	if event == "" {
		return nil
	}
	var cols [][]string
	c.rowAbove(states, i, tableRowLook, rn, barredRow, func(us []unit) bool { cols = columnGrades(us); return cols != nil })
	if len(cols) != len(cells)-1 {
		return nil
	}
	var tags []match
	for k, cl := range cells[1:] {
		if cl[0] == cl[1] || cl[0] == 0 {
			continue // an empty cell
		}
		tags = append(tags, gradedCellTags(doc, st, event, value, cols[k], GradeColumnRule, cl[0]-1)...)
	}
	return c.applyContext(st, tags, rn)
}

// EventColumnRule is the Rule of a tag that a cell of a grade row takes from its column's
// header when the columns are events: under "| | CRS (n = 56) | ICANS (n = 56) |", the row
// "| Grade 1 | 27 (48.2) | 5 (8.9) |" counts grade 1 CRS in its first cell and grade 1 ICANS
// in its second, each out of its column's size.
const EventColumnRule = "table.event_column"

// sizesHeader reports whether a row with bars is a header whose only numbers are its
// columns' sizes in brackets after their names ("| | CRS (n = 56) | ICANS (n = 56) |"): no
// cell of it counts anything. A cell that is a size alone ("| CRS | n = 12 | n = 10 |") is
// a count.
func sizesHeader(us []unit) bool {
	digits := 0
	for _, u := range us {
		if digitUnit(u) {
			digits++
		}
	}
	return digits > 0 && barred(us) && len(statedSizes(us, true)) == digits
}

// digitUnit reports whether a unit is a number written in digits.
func digitUnit(u unit) bool { return u.word && isDigits(u.norm) }

// cellSizes returns, for each cell of a header row with bars after its label cell, the one
// size it states ("CRS (n = 56)"), or 0: sizes by the column they stand in, not by their
// order ("| | CRS | ICANS (n = 40) |" sizes ICANS only).
func cellSizes(us []unit) []int {
	cells := cellSpans(us)
	if len(cells) < 2 {
		return nil
	}
	out := make([]int, len(cells)-1)
	for k, cl := range cells[1:] {
		if sizes := statedSizes(us[cl[0]:cl[1]], false); len(sizes) == 1 {
			out[k] = sizes[0]
		}
	}
	return out
}

// labelsOnly reports whether a row with bars holds words and no number but its columns'
// sizes: a header row, not a row of counts nor the rule under a header ("| --- | --- |").
func labelsOnly(us []unit) bool {
	return slices.ContainsFunc(us, func(u unit) bool { return u.word && !isDigits(u.norm) && strings.Trim(u.norm, "-:") != "" }) &&
		(sizesHeader(us) || !slices.ContainsFunc(us, digitUnit))
}

// columnEvents reads the header row with bars of sentence st whose columns after the first
// each name one event (CRS, ICANS or one adverse event, its size after it or not), at
// least two events apart: each column's tag, or nil when the row is no such header.
func columnEvents(st *sentenceState) []*match {
	cells := cellSpans(st.units)
	if len(cells) < 3 || !labelsOnly(st.units) {
		return nil
	}
	cols := make([]*match, len(cells)-1)
	for k, cl := range cells[1:] {
		for j := range st.matches {
			m := &st.matches[j]
			if !isOutcome(m.Facet) || m.Facet == toxicityTreatmentFacet || m.ustart < cl[0] || m.uend > cl[1] {
				continue
			}
			if cols[k] != nil && eventKey(*cols[k]) != eventKey(*m) {
				return nil // a column of two events
			}
			cols[k] = m
		}
		if cols[k] == nil {
			return nil
		}
	}
	if !slices.ContainsFunc(cols[1:], func(m *match) bool { return eventKey(*m) != eventKey(*cols[0]) }) {
		return nil // columns of one event are its arms (tableRowTags)
	}
	return cols
}

// eventColumnTags gives each cell of a grade or any-grade row (tableRowLabel, or a bare
// grade under a header whose first cell is "Grade", bareGradeCell) with bars,
// under a header whose columns are events (columnEvents, at most tableRowLook sentences
// above with only rows between), a tag of its column's event at the row's grade, on the
// bar before the cell so that the cell's count binds to it: a grade of CRS or ICANS, the
// event for an any-grade row, an adverse event with the row's grade (match.cellGrade).
// Each tag keeps its column (match.column) for the column's size.
func (c *Classifier) eventColumnTags(doc *corpus.Document, states []*sentenceState, i int, rn *run) []match {
	st := states[i]
	if !st.tableShape().barred {
		return nil
	}
	values, _, labelled := tableRowLabel(st.units)
	ok := labelled
	cells := cellSpans(st.units)
	if !ok && len(cells) > 0 {
		values, ok = bareGradeCell(st.units[cells[0][0]:cells[0][1]]) // "| 1 | 9 | 1 |" under "| Grade | CRS | ICANS |"
	}
	if !ok {
		return nil
	}
	j := c.rowAbove(states, i, tableRowLook, rn, barredRow, func(us []unit) bool {
		return len(cellSpans(us)) >= len(cells) && labelsOnly(us) // a row may leave its last cells out
	})
	if j < 0 {
		return nil
	}
	c.ensureUnits(rn, states[j])
	cols := columnEvents(states[j])
	gradeColumn := gradeLabelCell(states[j].units)
	rn.release(states[j])
	if cols == nil || !labelled && !gradeColumn {
		return nil
	}
	var tags []match
	for k, cl := range cells[1:] {
		if cl[0] == cl[1] || !slices.ContainsFunc(st.units[cl[0]:cl[1]], digitUnit) {
			continue // an empty cell
		}
		cell := gradedCellTags(doc, st, strings.TrimSuffix(cols[k].Facet, "_grade"), cols[k].Value, values, EventColumnRule, cl[0]-1)
		for j := range cell {
			cell[j].column = k + 1
		}
		tags = append(tags, cell...)
	}
	return c.applyContext(st, tags, rn)
}

// bareGradeCell reads a table cell that is a grade alone, "1", "≥3", "3-4" (as under a
// header whose first column is "Grade"): its grade values.
func bareGradeCell(cell []unit) ([]string, bool) {
	if len(cell) == 0 || len(cell) > 3 || !slices.ContainsFunc(cell, digitUnit) {
		return nil, false
	}
	us := append([]unit{{norm: "grade", cased: "Grade", word: true}}, cell...)
	g, ok := parseGrade(us, 0)
	if !ok || g.end != len(us) {
		return nil, false
	}
	return g.values, true
}

// gradeLabelCell reports whether a header row's first cell names the grade its rows open
// with ("| Grade | CRS | ICANS |", "| Maximum grade | … |").
func gradeLabelCell(us []unit) bool {
	cells := cellSpans(us)
	if len(cells) == 0 {
		return false
	}
	cell := us[cells[0][0]:cells[0][1]]
	return len(cell) > 0 && len(cell) <= 3 && (cell[len(cell)-1].norm == "grade" || cell[len(cell)-1].norm == "grades")
}

// eventColumnCounts gives each tag of an event column (EventColumnRule) that no rule counted
// the bare whole number its cell holds alone ("| Grade 1 | 9 | 1 |" under "| | CRS | ICANS
// |": 9 with grade 1 CRS, 1 with grade 1 ICANS), a count of the document's population; a
// zero is incidence.table_zero's.
func (b *incidenceBinder) eventColumnCounts(st *sentenceState) {
	for k := range st.matches {
		m := &st.matches[k]
		if m.Rule != EventColumnRule || m.Incidence != nil {
			continue
		}
		from, to := m.uend, m.uend
		for to < len(st.units) && st.units[to].norm != "|" {
			to++
		}
		if to-from != 1 || !digitUnit(st.units[from]) {
			continue
		}
		n, ok := countValue(st.units[from].norm)
		if !ok || n == 0 {
			continue
		}
		in := b.statedIn(st, from, to, EventColumnRule)
		in.N = &n
		m.Incidence = in
		b.needsPopulation = append(b.needsPopulation, in)
	}
}

// gradedCellTags returns the tags of a table cell that counts an event (CRS, ICANS, or the
// adverse event of value) at grade (nil for any grade), on unit u before the cell so that
// its count binds to them: the event for any grade, a grade of CRS or ICANS for each grade
// value, or the adverse event again with the grade on its count (match.cellGrade).
func gradedCellTags(doc *corpus.Document, st *sentenceState, event, value string, grade []string, rule string, u int) []match {
	one := func(facet, v string) match { return newMatch(doc, st, facet, v, rule, u, u+1, u, u+1) }
	switch {
	case event == adverseEventFacet:
		m := one(event, value)
		m.cellGrade = grade
		return []match{m}
	case grade == nil:
		return []match{one(event, "present")}
	}
	out := make([]match, 0, len(grade))
	for _, v := range grade {
		out = append(out, one(event+"_grade", v))
	}
	return out
}

// tableSectionLook is how many rows above a row the heading row of its section may stand.
const tableSectionLook = 40

// sectionGrade reads a row with bars that heads a section of its table: a label and only
// empty cells. It returns the grade values the label opens with ("Grade ≥3 adverse events
// of interest | | |" → 3+), nil for a heading without a grade, and whether the row is a
// heading at all.
func sectionGrade(us []unit) (values []string, heading bool) {
	cells := cellSpans(us)
	if len(cells) < 2 {
		return nil, false
	}
	for _, cl := range cells[1:] {
		if slices.ContainsFunc(us[cl[0]:cl[1]], func(u unit) bool { return u.word }) {
			return nil, false
		}
	}
	label := us[cells[0][0]:cells[0][1]]
	if !slices.ContainsFunc(label, func(u unit) bool { return u.word }) {
		return nil, false // an empty row
	}
	if g, ok := parseGrade(label, 0); ok && g.start == 0 {
		return g.values, true
	}
	return nil, true
}

// gradeSectionTags gives a row of CRS or ICANS with counts, in a section of its table that a
// heading row names by a grade ("| Grade ≥3 adverse events | | |" above "| Cytokine release
// syndrome | 13 (4.9) | 0 |"), a tag of that grade over the row's event, so that the row's
// counts are the grade's. A heading without a grade, or prose, above the row ends the search.
func (c *Classifier) gradeSectionTags(doc *corpus.Document, states []*sentenceState, i int, rn *run) []match {
	st := states[i]
	if !st.tableShape().barred {
		return nil
	}
	cells := cellSpans(st.units)
	if len(cells) < 2 || !slices.ContainsFunc(st.units[cells[0][1]:], func(u unit) bool { return u.word }) {
		return nil
	}
	var events []match
	for _, m := range st.matches {
		if (m.Facet == "crs" || m.Facet == "icans") && m.Value == "present" && m.uend <= cells[0][1] {
			events = append(events, m)
		}
		if m.Facet == "crs_grade" || m.Facet == "icans_grade" {
			return nil // the row names its own grade
		}
	}
	if len(events) == 0 {
		return nil
	}
	var grades []string
	c.rowAbove(states, i, tableSectionLook, rn, barredRow, func(us []unit) bool {
		values, heading := sectionGrade(us)
		grades = values
		return heading
	})
	if len(grades) == 0 {
		return nil
	}
	var tags []match
	for _, e := range events {
		for _, v := range grades {
			tags = append(tags, newMatch(doc, st, e.Facet+"_grade", v, GradeSectionRule, e.ustart, e.uend, e.ustart, e.uend))
		}
	}
	return c.applyContext(st, tags, rn)
}

// GradeSectionRule is the Rule of a grade tag that a row of CRS or ICANS takes from the
// heading row of its table's section ("Grade ≥3 adverse events").
const GradeSectionRule = "table.grade_section"

// barredRow reports whether a sentence is a row of a table with bars.
func barredRow(st *sentenceState) bool { return st.tableShape().barred }

// cellRowOrCaption reports whether a sentence is a row of a table without bars or a short
// caption ("Table 2."), which a header line of such a table may stand above.
func cellRowOrCaption(st *sentenceState) bool {
	sh := st.tableShape()
	return sh.row && !sh.barred || caption(st.units)
}

// caption reports whether the units are a table's short caption, "Table 2.".
func caption(us []unit) bool { return len(us) > 0 && us[0].norm == "table" && len(us) <= 4 }

// headerBlock climbs from row i over the rows above it and the short labels of a table's
// sections ("Hematologic"), up to tableRowsOver sentences, and returns the units of the
// header lines it then meets, the lines the splitter cut apart ("Any grade", "Grade ≥3 n
// (%)") joined in order: the longest run of up to tableHeaderLines lines ending at the
// rows that cellHeaderGrades reads, else the last line alone.
func (c *Classifier) headerBlock(states []*sentenceState, i int, rn *run) []unit {
	if st := states[i]; !st.headerRead {
		st.header, st.headerRead = c.readHeaderBlock(states, i, rn), true
	}
	return states[i].header
}

// readHeaderBlock is headerBlock's climb, done once per sentence; a row right below
// another row whose block is read takes that block.
func (c *Classifier) readHeaderBlock(states []*sentenceState, i int, rn *run) []unit {
	j, top := i-1, false
	for ; j >= 0 && j >= i-tableRowsOver; j-- {
		h := states[j]
		if h.skip {
			continue
		}
		c.ensureUnits(rn, h)
		row, label := cellRowOrCaption(h), sectionLabel(h.units)
		rn.release(h)
		if row && h.headerRead {
			return h.header // the rows above share one header
		}
		if !row && !label {
			top = true
			break
		}
	}
	if !top {
		return nil // the rows run on past the reach: no header known
	}
	var lines [][]unit
	c.linesAbove(states, j, rn, func(us []unit) bool {
		if !headerLine(us) {
			// a header line the splitter kept in one sentence with the caption above it
			// ("Table 2. … (n = 62)" then "Event, n (%)   Any grade   Grade ≥3")
			if last := lastLineUnits(rn.text, us); headerLine(last) {
				lines = append([][]unit{last}, lines...)
			}
			return false
		}
		lines = append([][]unit{us}, lines...)
		return true
	})
	var best []unit
	for start := len(lines) - 1; start >= 0; start-- {
		var joined []unit
		for _, l := range lines[start:] {
			joined = append(joined, l...)
		}
		if best == nil || cellHeaderGrades(joined) != nil {
			best = joined
		}
	}
	return best
}

// linesAbove hands take the units of the lines from j up, at most tableHeaderLines of them,
// until take returns false or a line is skipped.
func (c *Classifier) linesAbove(states []*sentenceState, j int, rn *run, take func(us []unit) bool) {
	for k := j; k >= 0 && k > j-tableHeaderLines; k-- {
		h := states[k]
		if h.skip {
			return
		}
		c.ensureUnits(rn, h)
		us := slices.Clone(h.units)
		rn.release(h)
		if !take(us) {
			return
		}
	}
}

// sectionLabel reports whether a line is the label of a section of a table's rows, a word
// or two with no number ("Hematologic", "Infections").
func sectionLabel(us []unit) bool {
	return len(us) > 0 && len(us) <= 3 && !slices.ContainsFunc(us, func(u unit) bool { return isDigits(u.norm) || u.norm == "." })
}

// tableHeaderLines is the most header lines a table's header block is read from.
const tableHeaderLines = 4

// rowAbove climbs from sentence i over the rows above it (the sentences over accepts), at
// most look sentences, and stops at the first whose units found accepts (a header of
// grades, a section's heading row, a line of arm sizes) or at any other sentence, which
// ends the table. It returns the index of the sentence found accepted, or -1.
func (c *Classifier) rowAbove(states []*sentenceState, i, look int, rn *run, over func(*sentenceState) bool, found func(us []unit) bool) int {
	for j := i - 1; j >= 0 && j >= i-look; j-- {
		h := states[j]
		if h.skip {
			continue
		}
		c.ensureUnits(rn, h)
		ok, isRow := found(h.units), over(h)
		rn.release(h)
		if ok {
			return j
		}
		if !isRow {
			return -1
		}
	}
	return -1
}

// GradeLinesRule is the Rule of a tag that a line of a table gives when it opens with a
// bare grade under a header line naming CRS or ICANS and "grade": "CRS grade (n = 80)"
// then "1   33/80 (41.3)", "2   29/80 (36.3)", lines the splitter keeps in one sentence.
const GradeLinesRule = "table.grade_lines"

// gradeLineTags gives each line of such a sentence that opens with a grade digit (1 to 5)
// followed by a number the grade of the header's event, spanning the digit, so the count
// after it binds to it. The header is the sentence's first line; it names one event.
func (c *Classifier) gradeLineTags(doc *corpus.Document, st *sentenceState, rn *run) []match {
	us := st.units
	if len(us) < 4 || st.tableShape().barred || !strings.Contains(st.sent.Text, "\n") {
		return nil // one line: no header over grade lines
	}
	lineStart := func(u int) bool { return u > 0 && strings.Contains(doc.Text[us[u-1].end:us[u].start], "\n") }
	first := -1 // the first unit of the second line
	for u := 1; u < len(us); u++ {
		if lineStart(u) {
			first = u
			break
		}
	}
	if first < 0 || !slices.ContainsFunc(us[:first], func(u unit) bool { return u.norm == "grade" || u.norm == "grades" }) {
		return nil
	}
	event := ""
	for _, m := range st.matches {
		if m.uend > first {
			continue
		}
		switch m.Facet {
		case "crs", "icans":
			if event != "" && event != m.Facet {
				return nil // a header of two events
			}
			event = m.Facet
		case "crs_grade", "icans_grade":
			return nil // the header names its own grade
		}
	}
	if event == "" {
		return nil
	}
	var tags []match
	for u := first; u+1 < len(us); u++ {
		if n := us[u].norm; lineStart(u) && len(n) == 1 && n >= "1" && n <= "5" && isNumeral(us[u+1].norm) {
			tags = append(tags, newMatch(doc, st, event+"_grade", n, GradeLinesRule, u, u+1, u, u+1))
		}
	}
	if len(tags) < 2 {
		return nil // one line is no list of grades
	}
	return c.applyContext(st, tags, rn)
}

// CellColumnRule is the Rule of a tag that a cell of a table row without bars takes from its
// column's header line: under "Event   Any grade, n (%)   Grade ≥3, n (%)", the row "CRS
// 14 (70) 2 (10)" counts CRS in its first cell and CRS of grade 3 or higher in its second;
// "Neutropenia 9 (45) 7 (35)" counts neutropenia and, at grade 3 or higher, neutropenia again.
const CellColumnRule = "table.cell_column"

// headerFillers are the words a header line of a table without bars may hold besides its
// column labels: "Event", "Adverse events", "n (%)", "No. (%)", "patients".
var headerFillers = map[string]bool{"event": true, "events": true, "adverse": true, "toxicity": true, "toxicities": true,
	"n": true, "no": true, "no.": true, "number": true, "of": true, "patients": true, "%": true, "(": true, ")": true,
	",": true, "/": true, ":": true, "=": true, ".": true, "[": true, "]": true}

// cellHeaderGrades reads a header line of a table without bars whose first column counts the
// event of any grade and whose later ones a grade ("Any grade, n (%)  Severe (grade 3/4), n
// (%)"): the grade values of each column, nil for any grade, or nil when the line is no such
// header. A grade in brackets after a word grade ("Severe (grade 3/4)") is the column's.
func cellHeaderGrades(us []unit) [][]string {
	if barred(us) || len(us) > tableBarredRowUnits {
		return nil
	}
	var cols [][]string
	for u := 0; u < len(us); {
		if e := anyGradeLabelEnd(us, u, len(us)); e > u {
			cols, u = append(cols, nil), e
			continue
		}
		if g, ok := parseGrade(us, u); ok && g.start == u && len(g.values) > 0 {
			values := g.values
			u = g.end
			if u+1 < len(us) && us[u].norm == "(" {
				if in, ok := parseGrade(us, u+1); ok && in.start == u+1 && len(in.values) > 0 && in.end < len(us) && us[in.end].norm == ")" {
					values, u = in.values, in.end+1
				}
			}
			cols = append(cols, values)
			continue
		}
		if n := us[u].norm; headerFillers[n] || isDigits(n) && u > 0 && us[u-1].norm == "=" {
			u++
			continue
		}
		return nil
	}
	if len(cols) < 2 || cols[0] != nil || !slices.ContainsFunc(cols[1:], func(c []string) bool { return c != nil }) {
		return nil
	}
	return cols
}

// lastLineUnits returns the units of a sentence's last line (text is the document's), or
// nil for a sentence of one line.
func lastLineUnits(text string, us []unit) []unit {
	for k := len(us) - 1; k > 0; k-- {
		if strings.Contains(text[us[k-1].end:us[k].start], "\n") {
			return us[k:]
		}
	}
	return nil
}

// cellStarts returns the first unit of each "n (p)" or "n/N (p)" cell of a row without bars,
// and of each bare zero among them, a cell of none ("Hypogammaglobulinemia   13 (21.0)   0",
// "ICANS   0   2 (3.1)"): a "0" that opens no fraction, bracket or share and stands in no
// bracket, where the row has an "n (p)" cell too.
func cellStarts(us []unit) []int {
	var out []int
	zeros := false
	for k := range us {
		if us[k].norm == "0" && us[k].word && (k+1 == len(us) || us[k+1].norm != "(" && us[k+1].norm != "/" && us[k+1].norm != "%" && us[k+1].norm != ".") &&
			k > 0 && us[k-1].norm != "(" && us[k-1].norm != "/" && !isDigits(us[k-1].norm) {
			out, zeros = append(out, k), true
			continue
		}
		if k+3 >= len(us) {
			continue
		}
		if us[k].word && isDigits(us[k].norm) && us[k+1].norm == "(" && us[k+2].word && isDigits(us[k+2].norm) {
			if k >= 2 && us[k-1].norm == "/" && isDigits(us[k-2].norm) {
				out = append(out, k-2) // "2/20 (10%)": the cell opens with its count
				continue
			}
			out = append(out, k)
		}
	}
	if zeros && !slices.ContainsFunc(out, func(k int) bool { return us[k].norm != "0" }) {
		return nil // zeros alone are no cells of counts
	}
	return out
}

// cellColumnTags gives a row without bars ("CRS 14 (70) 2 (10)") of one event, under a
// header line whose columns are any grade and then grades (cellHeaderGrades, at most
// tableRowLook sentences above with only such rows between), a tag for each cell after the
// first at its column's grade, on the unit before the cell, so that the cell's count binds
// to it: a grade of CRS or ICANS, or the adverse event again with its column's grade
// (match.cellGrade). The first cell stays the event's; a later column of any grade (the
// header repeats "Any grade   Grade ≥3" for each group) is the event's again. Rows that
// full-text extraction ran together in one sentence ("Cytokine release syndrome9 (75.0)1
// (8.3)…ICANS2 (16.7)0 (0)…") are read row by row, each event and the cells up to the next.
func (c *Classifier) cellColumnTags(doc *corpus.Document, states []*sentenceState, i int, rn *run) []match {
	st := states[i]
	if st.tableShape().barred {
		return nil
	}
	rows := cellColumnRows(st)
	if len(rows) == 0 {
		return nil
	}
	var cols [][]string
	if c.rowAbove(states, i, tableRowLook, rn, cellRowOrCaption, func(us []unit) bool { cols = cellHeaderGrades(us); return cols != nil }) < 0 {
		cols = cellHeaderGrades(c.headerBlock(states, i, rn))
	}
	for _, r := range rows {
		if len(cols) != len(r.starts) {
			return nil
		}
	}
	st.cellRows = len(rows) > 1
	// a header that repeats "Any grade" for each group: those later columns are the event's
	repeated := slices.ContainsFunc(cols[1:], func(g []string) bool { return g == nil })
	var tags []match
	for _, r := range rows {
		event := r.event
		if repeated {
			event.cellGroup = 1
		}
		group := 1
		for k := 1; k < len(r.starts); k++ {
			u := r.starts[k] - 1
			if cols[k] == nil {
				group++
			}
			var cell []match
			if (cols[k] != nil || repeated) && (event.Facet == "crs" || event.Facet == "icans" || event.Facet == adverseEventFacet) {
				cell = gradedCellTags(doc, st, event.Facet, event.Value, cols[k], CellColumnRule, u)
				for j := range cell {
					if repeated {
						cell[j].cellGroup = group
					}
				}
			}
			cell = c.applyContext(st, cell, rn)
			if st.units[r.starts[k]].norm == "0" {
				for j := range cell { // "ICANS 6 (30) 0 (0)": no patient had it at that grade
					if cell[j].Status == Affirmed {
						cell[j].Status, cell[j].Cue = Negated, "0 in the grade's column"
					}
				}
			}
			tags = append(tags, cell...)
		}
	}
	return tags
}

// groupCells gives the count of each tag that cellColumnTags set in a group's column the
// group's place as its arm ("Any grade   Grade ≥3" for dose 1, then for dose 2: the
// third and fourth cells are dose 2's), where the binder gave it none.
func groupCells(st *sentenceState) {
	for k := range st.matches {
		if m := &st.matches[k]; m.cellGroup > 0 && m.Incidence != nil && m.Incidence.Arm == 0 {
			m.Incidence.Arm = m.cellGroup
		}
	}
}

// cellRowCells is a row of cells that cellColumnTags reads: its event and the first unit of each
// of its "n (p)" or "n/N (p)" cells.
type cellRowCells struct {
	event  *match
	starts []int
}

// cellColumnRows reads a sentence as rows without bars: a row is a sentence that cellRow
// accepts, with one event (a grade of its own makes it none), or, where rows ran together,
// each event followed by its label's words and then only cells up to the next event. Each
// row needs two cells or more; nil when any part of the sentence is no such row.
func cellColumnRows(st *sentenceState) []cellRowCells {
	var events []*match
	for k := range st.matches {
		m := &st.matches[k]
		if !isOutcome(m.Facet) || m.Facet == toxicityTreatmentFacet {
			continue
		}
		if isGrade(m.Facet) {
			return nil // a row of its own grade
		}
		if n := len(events); n > 0 && events[n-1].uend > m.ustart {
			if events[n-1].Facet != m.Facet || events[n-1].Value != m.Value {
				return nil // two events on one label
			}
			continue
		}
		events = append(events, m)
	}
	if len(events) == 0 {
		return nil
	}
	us := st.units
	if len(events) == 1 || cellRow(us) {
		starts := cellStarts(us)
		if !cellRow(us) || len(starts) < 2 {
			return nil
		}
		for _, m := range events[1:] {
			if m.uend > starts[0] {
				continue
			}
			if m.Facet != events[0].Facet || m.Value != events[0].Value {
				return nil // a row of two events
			}
		}
		return []cellRowCells{{event: events[0], starts: starts}}
	}
	var rows []cellRowCells
	for k, m := range events {
		end := len(us)
		if k+1 < len(events) {
			end = events[k+1].ustart
		}
		starts := cellStarts(us[:end])
		starts = slices.DeleteFunc(starts, func(u int) bool { return u < m.uend })
		if len(starts) < 2 || !onlyCells(us[starts[0]:end]) {
			return nil
		}
		rows = append(rows, cellRowCells{event: m, starts: starts})
	}
	return rows
}

// onlyCells reports whether the units are "n (p)" or "n/N (p)" cells and nothing else.
func onlyCells(us []unit) bool {
	for _, u := range us {
		if n := u.norm; !(u.word && isDigits(n) || n == "(" || n == ")" || n == "%" || n == "/") {
			return false
		}
	}
	return true
}

// headerSizes climbs from table row i over the rows above it, up to tableRowsOver, to the
// first line that states arm sizes (statedSizes), and returns them with that line's index:
// over barred lines for a barred row, over rows without bars (and a caption) for such a
// row, "Event  Drug (n = 286)  Placebo (n = 145)" over "Neutropenia 119 (41.6) 42 (29.0)".
// It returns nil when another line comes first.
func (c *Classifier) headerSizes(states []*sentenceState, i int, rn *run) ([]int, int) {
	over := barredRow
	if !states[i].tableShape().barred {
		over = cellRowOrCaption
	}
	var sizes []int
	j := c.rowAbove(states, i, tableRowsOver, rn, over, func(us []unit) bool { sizes = statedSizes(us, false); return len(sizes) > 0 })
	if j < 0 {
		return nil, 0
	}
	return sizes, j
}

// eventUnits are the nouns of a whole of events, not of patients ("of 120 cycles").
var eventUnits = map[string]bool{"cycles": true, "events": true, "episodes": true, "infusions": true, "doses": true,
	"courses": true, "admissions": true, "procedures": true, "injections": true, "administrations": true}

// statedSizes are the group sizes a line states in order, "(n = 60)", "N=58", "(n = 2,167)"
// and, for a column's cells, "n (%) of (the) 52 (infused patients)" but not "n (%) of 120
// (treatment) cycles" or another whole of events (with bracketed, only those that open a
// bracket: "(n = 21)").
func statedSizes(us []unit, bracketed bool) []int {
	var out []int
	for k := 0; k+2 < len(us); k++ {
		if us[k].norm != "n" {
			continue
		}
		at := -1
		switch {
		case us[k+1].norm == "=" && (!bracketed || k > 0 && us[k-1].norm == "("):
			at = k + 2
		case !bracketed && k+5 < len(us) && normsEqual(us[k+1:k+5], []string{"(", "%", ")", "of"}):
			at = k + 5
			if us[at].norm == "the" && at+1 < len(us) {
				at++ // "n (%) of the 52 infused patients"
			}
			if at+1 < len(us) && eventUnits[us[at+1].norm] || at+2 < len(us) && eventUnits[us[at+2].norm] {
				continue // "n (%) of 120 (treatment) cycles": a whole of events, no patients
			}
		}
		if at < 0 {
			continue
		}
		if v, ok := countValue(us[at].norm); ok && v > 0 {
			out = append(out, v)
		}
	}
	return out
}

// CountShareColumnsRule is the Rule of an incidence that a table row gives in two columns of
// its own, a count and its share, under a header whose last two columns are "n" and "%"
// ("Event | n | %" over "Thrombocytopenia | 44 | 95.7", or the same aligned by spaces).
const CountShareColumnsRule = "table.count_share_columns"

// countShareColumns gives the outcome tags of sentence i that have no incidence the count
// and share in its last two columns (rowCountShare), when the rows above it, back to a header
// ending in "n" and "%" (countShareHeader), are rows of that form too. A size the line over
// the header states ("Grade 3-4 adverse events (N = 46)") is the whole of the shares it fits;
// with none, the document's population is, as for other counts.
func (b *incidenceBinder) countShareColumns(i int, st *sentenceState) {
	n, pct, from, ok := rowCountShare(st.units)
	if !ok || !slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.Incidence == nil && m.uend <= from }) {
		return
	}
	header := -1
	for j := i - 1; j >= 0 && j >= i-tableRowsOver && header < 0; j-- {
		h := b.rn.states[j]
		if h.skip {
			continue
		}
		b.c.ensureUnits(b.rn, h)
		_, _, _, row := rowCountShare(h.units)
		row = row || ruleRow(h.units) // "|---|---|---|" under a markdown header
		if countShareHeader(h.units) {
			header = j
		}
		b.rn.release(h)
		if header < 0 && !row {
			return
		}
	}
	if header < 0 {
		return
	}
	var whole *int
	if header > 0 {
		h := b.rn.states[header-1]
		b.c.ensureUnits(b.rn, h)
		if sizes := statedSizes(h.units, false); len(sizes) == 1 && n <= sizes[0] && percentOf(n, sizes[0], pct, writtenUnit(pct), false) {
			whole = &sizes[0]
		}
		b.rn.release(h)
	}
	for k := range st.matches {
		m := &st.matches[k]
		if !isOutcome(m.Facet) || m.Incidence != nil || m.uend > from {
			continue
		}
		if !isGrade(m.Facet) && slices.ContainsFunc(st.matches, func(g match) bool {
			return isGrade(g.Facet) && g.ustart <= m.ustart && g.uend >= m.uend && g.uend <= from
		}) {
			continue // "| CRS grade 1 | 30 | 50.0 |": the row counts the grade, not CRS at any grade
		}
		in := b.statedIn(st, from, len(st.units), CountShareColumnsRule)
		nn, p := n, pct
		in.N, in.Percent, in.Of = &nn, &p, whole
		m.Incidence = in
		if whole == nil {
			b.needsPopulation = append(b.needsPopulation, in) // the document's population, if its share fits
		}
	}
}

// rowCountShare reads the last two cells of a table row, bars aside: a count and a share
// of at most 100 ("| Anaemia | 39 | 84.8 |", "Pancreatitis   5   10.6"), after a label
// with a word. It returns them and the unit where the count stands.
func rowCountShare(us []unit) (n int, pct float64, from int, ok bool) {
	last := len(us) - 1
	for last >= 0 && us[last].norm == "|" {
		last--
	}
	prev := last - 1
	for prev >= 0 && us[prev].norm == "|" {
		prev--
	}
	if prev < 1 || !us[last].word || !us[prev].word {
		return 0, 0, 0, false
	}
	n, ok = countValue(us[prev].norm)
	p, err := strconv.ParseFloat(us[last].norm, 64)
	if !ok || err != nil || p > 100 || !slices.ContainsFunc(us[:prev], func(u unit) bool { return u.word && !isNumber(u.norm) }) {
		return 0, 0, 0, false
	}
	return n, p, prev, true
}

// ruleRow reports whether a line is only the rule a markdown table sets under its header:
// bars, hyphens, dashes and colons ("|---|:--:|").
func ruleRow(us []unit) bool {
	for _, u := range us {
		switch u.norm {
		case "|", "-", "–", "—", ":", "+", "=":
		default:
			return false
		}
	}
	return len(us) > 0
}

// countShareHeader reports whether a header row's last two columns, bars aside, are "n" and
// "%" ("Event | n | %", "Toxicity   n   %").
func countShareHeader(us []unit) bool {
	var last []string
	for k := len(us) - 1; k >= 0 && len(last) < 2; k-- {
		if us[k].norm != "|" {
			last = append(last, us[k].norm)
		}
	}
	return len(last) == 2 && last[0] == "%" && last[1] == "n" && len(us) > 2
}
