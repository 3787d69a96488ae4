package classifier

import (
	"slices"
	"strconv"
	"strings"
)

// gradeCap is a grade read from text: its values as TAGS.md writes them ("1", "2", "3+") and
// the units it spans.
type gradeCap struct {
	values     []string
	start, end int
	// spans are, in a list of grades ("grade 1, n = 12; grade 2, n = 5"), the units of the
	// item each value comes from, parallel to values (set by gradeListAt only).
	spans [][2]int
}

var gradeNumbers = map[string]int{
	"1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
	"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
}

// countLinks join a count to the grade it had: "2 were grade 2", "1 being grade 3".
var countLinks = map[string]bool{"were": true, "was": true, "being": true, "had": true, "with": true, "of": true}

// subjectVerbs are the verbs whose subject is a count of patients ("5 (3%) had").
var subjectVerbs = map[string]bool{"had": true, "developed": true, "experienced": true, "required": true, "needed": true, "received": true}

// sharedSubject reports whether the number at us[j] is the subject of a verb of its own, its
// share in brackets between: "… grade 2 and 5 (3%) had grade 3" counts patients.
func sharedSubject(us []unit, j int) bool {
	k := j + 1
	if k < len(us) && us[k].norm == "(" {
		for k < len(us) && us[k].norm != ")" {
			k++
		}
		k++
	}
	return k > j+1 && k < len(us) && subjectVerbs[us[k].norm]
}

// nextGrade reports whether w is the grade right after the last of vals: "3" after "1, 2".
func nextGrade(w string, vals []int) bool {
	v, ok := gradeNumber(w)
	return ok && v == vals[len(vals)-1]+1
}

// saidOfEvent reports whether the grade at unit start is said of an event written before it,
// after a copula or "of" ("ICANS was grade 2", "ICANS of grade 2"), not the first item of a
// list of grades ("grade 2, and grade 3 CRS occurred in 5 and 2").
func saidOfEvent(us []unit, start int) bool {
	if start == 0 {
		return false
	}
	switch us[start-1].norm {
	case "was", "were", "is", "are", "of":
		return true
	}
	return false
}

// allOfWords say that something is said of every one of a count: "all six cases", "both at
// grade 1", "every patient".
var allOfWords = map[string]bool{"all": true, "both": true, "every": true, "each": true}

// allOf reports whether the grade at unit start is said of all of a count, "all grade 1",
// "all of grade 1 or 2": a closed statement, so a count after ", and" is a subject of its own.
func allOf(us []unit, start int) bool {
	k := start - 1
	if k >= 0 && us[k].norm == "of" {
		k--
	}
	return k >= 0 && allOfWords[us[k].norm]
}

// gradeWords open a grade: "grade 2", "grades 1-2", "Gr 3", "graded 1 in 40, 2 in 19".
var gradeWords = map[string]bool{"grade": true, "grades": true, "graded": true, "gr": true, "grd": true}

// isGradeDigit reports whether s is one digit of a grade, 1 to 5.
// countedNouns are the nouns of a count of patients: "grade 1, 3 patients" lists one grade
// and its count ("grade 3 or 4 events" two grades).
var countedNouns = map[string]bool{"patients": true, "patient": true, "pts": true, "participants": true,
	"subjects": true, "adults": true, "children": true, "recipients": true}

func isGradeDigit(s string) bool { return len(s) == 1 && s[0] >= '1' && s[0] <= '5' }

// fatalHedges are the words before "fatal" (or "life-threatening") that make it a risk, or
// its denial ("non-fatal"), not a grade.
var fatalHedges = map[string]bool{"sometimes": true, "occasionally": true, "rarely": true, "potentially": true, "possibly": true, "often": true,
	"non": true} // "non-fatal", "non-life-threatening": no grade said

// riskModals are the verbs whose "be" before "fatal" says what an event may be: "which can
// be fatal", "may be life-threatening".
var riskModals = map[string]bool{"can": true, "may": true, "might": true, "could": true, "would": true, "will": true}

// riskHedged reports whether the severity word at unit i names a risk, not the grade an
// event had: a hedge right before it ("potentially fatal") or a modal's "be" ("can be
// life-threatening"); "proved to be fatal" and "was fatal" are grades.
func riskHedged(us []unit, i int) bool {
	return i > 0 && (fatalHedges[us[i-1].norm] || us[i-1].norm == "be" && i > 1 && riskModals[us[i-2].norm])
}

// parseGrade reads a grade starting at unit i. It understands "grade 2", "grade II", "G2", "G≥3",
// "grade 1–2", "grade 1 to 2", "grades 1 and 2", "grade 1 or 2", "grade 3/4", "grade ≥3",
// "≥ grade 3", "grade >2", "grade ≤2", "grade 3+", "grade 3 or higher/greater/above/more",
// "grade 2 or lower/less/below" (1–2),
// "greater/higher than grade 1" (2+), "grade higher than 2" (3+), "grade above 2" (3+),
// "greater than or equal to grade 3", "exceeding grade 2"
// (3+), "above grade 1" and "over grade 1" (2+), "at least grade 3" (3+), "high-grade",
// "low-grade", "the mildest grade" (1), "severe" (3+), "life-threatening" (4) and "fatal" (5). Every form names
// "grade" or a severity word: a bare number is never a grade.
func parseGrade(us []unit, i int) (gradeCap, bool) {
	g, ok := parseGradeAt(us, i)
	// "none of the episodes reached grade 3", "no patient reached grade 3": what did not
	// reach a grade stayed below it, so the denial is of that grade and those over it
	if ok && len(g.values) == 1 && i > 0 && gradeReachVerbs[us[i-1].norm] && deniedBeforeReach(us, i-1) {
		if v, err := strconv.Atoi(g.values[0]); err == nil && v >= 1 && v <= 4 {
			g.values = []string{g.values[0] + "+"}
		}
	}
	return g, ok
}

// gradeReachVerbs are the verbs of reaching a grade ("reached grade 3").
var gradeReachVerbs = map[string]bool{"reached": true, "reach": true, "reaching": true}

// deniedBeforeReach reports whether a denial stands a few words before the verb of reaching
// at unit r, in its clause ("none of the episodes reached", "no patient reached", "did not
// reach", "never reached").
func deniedBeforeReach(us []unit, r int) bool {
	for u := r - 1; u >= 0 && u >= r-6; u-- {
		switch us[u].norm {
		case "no", "none", "not", "never", "nobody", "neither":
			return true
		case ",", ";", ":", ".", "but", "and", "while", "whereas":
			return false
		}
	}
	return false
}

// parseGradeAt is parseGrade without the bound a denial of reaching gives.
func parseGradeAt(us []unit, i int) (gradeCap, bool) {
	n := len(us)
	if i >= n {
		return gradeCap{}, false
	}
	start := i
	w := us[i].norm
	// Severity words. A summary before the grades it sums up ("mostly low grade: grade 1 in
	// 18 patients, grade 2 in 9") gives way to them: each grade keeps its own count.
	if (w == "low" || w == "high" || w == "higher") && i+3 < n && gradeWords[us[i+1].norm] &&
		(us[i+2].norm == ":" || us[i+2].norm == "(") && gradeWords[us[i+3].norm] {
		if g, ok := parseGrade(us, i+3); ok {
			return g, true
		}
	}
	switch {
	case w == "higher" && i+1 < n && gradeWords[us[i+1].norm] && i > 0 && (us[i-1].norm == "no" || us[i-1].norm == "without" || us[i-1].norm == "nor"):
		// "grade 1 CRS in five, and no higher grade": the grades over the one just named
		if v := priorGrade(us, i) + 1; v >= 5 {
			return gradeCap{values: []string{"5"}, start: start, end: i + 2}, true
		} else if v > 1 {
			return gradeCap{values: []string{strconv.Itoa(v) + "+"}, start: start, end: i + 2}, true
		}
		return gradeCap{values: []string{"3+"}, start: start, end: i + 2}, true // none named: high grade
	case (w == "high" || w == "higher") && i+1 < n && gradeWords[us[i+1].norm]:
		return glossedGrade(us, gradeCap{values: []string{"3+"}, start: start, end: i + 2}), true
	case w == "low" && i+1 < n && gradeWords[us[i+1].norm]:
		return glossedGrade(us, gradeCap{values: []string{"1", "2"}, start: start, end: i + 2}), true
	case (w == "mildest" || w == "lowest") && i+1 < n && gradeWords[us[i+1].norm] && (i+2 >= n || gradeNumbers[us[i+2].norm] == 0):
		// "all of the mildest grade"; "the lowest grade was 2" gives its number instead
		return gradeCap{values: []string{"1"}, start: start, end: i + 2}, true
	case w == "fatal" && (i+1 >= n || !gradeWords[us[i+1].norm]) && !riskHedged(us, i):
		// "fatal CRS": a death from the event is its grade 5 (ASTCT, CTCAE); "sometimes
		// fatal", "potentially fatal" name a risk, no grade an event had
		return gradeCap{values: []string{"5"}, start: start, end: i + 1}, true
	case w == "life" && i+1 < n && us[i+1].norm == "threatening" && (i+2 >= n || !gradeWords[us[i+2].norm]) && !riskHedged(us, i):
		// "life-threatening CRS" (two units): grade 4 in CTCAE and in the Lee criteria;
		// "potentially life-threatening" names a risk
		return gradeCap{values: []string{"4"}, start: start, end: i + 2}, true
	case w == "severe":
		// "severe grade 4 CRS": the grade written after the word is the grade
		if i+1 < n && gradeWords[us[i+1].norm] {
			if g, ok := parseGrade(us, i+1); ok {
				g.start = start
				return g, true
			}
		}
		// "severe (grade 3 or 4) neutropenia": the grade in its bracket
		return glossedGrade(us, gradeCap{values: []string{"3+"}, start: start, end: i + 1}), true
	}
	cmp := ""
	// "greater than grade 1", "higher than grade 2", "greater than or equal to grade 3"
	if isThanWord(w) && i+2 < n && us[i+1].norm == "than" {
		j := i + 2
		c := ">"
		if j+3 < n && us[j].norm == "or" && us[j+1].norm == "equal" && us[j+2].norm == "to" {
			c = "≥"
			j += 3
		}
		if !gradeWords[us[j].norm] {
			return gradeCap{}, false
		}
		cmp = c
		i = j
		w = us[i].norm
	}
	// "did not exceed grade 2", "above grade 1": a lower bound, the grades over it.
	if cmp == "" && (w == "exceed" || w == "exceeded" || w == "exceeding" || w == "exceeds" || w == "above" || w == "beyond" || w == "over") &&
		i+1 < n && gradeWords[us[i+1].norm] {
		cmp = ">"
		i++
		w = us[i].norm
	}
	// "at least grade 3": the grade and those over it
	if cmp == "" && w == "at" && i+2 < n && us[i+1].norm == "least" && gradeWords[us[i+2].norm] {
		cmp = "≥"
		i += 2
		w = us[i].norm
	}
	if cmp == "" && (w == "≥" || w == ">" || w == "≤" || w == "<") {
		// "≥ grade 3"
		if i+1 < n && gradeWords[us[i+1].norm] {
			cmp = w
			i++
			w = us[i].norm
		} else {
			return gradeCap{}, false
		}
	}
	var lo int
	plural := false  // "grades 1, 2 (…)" lists grades; "grade 1, 2 (10%)" counts grade 1
	spelled := false // the first grade is a word ("grade two"), not a digit or numeral
	switch {
	case gradeWords[w]:
		plural = w == "grades"
		i++
		// "grade: 2", "grade was 2", "maximum grade of 2"
		if i+1 < n {
			switch us[i].norm {
			case ":", "was", "were", "of", "=", "is", "reached":
				if _, ok := gradeNumbers[us[i+1].norm]; ok || us[i+1].norm == "≥" || us[i+1].norm == ">" {
					i++
				}
			}
		}
		if i < n && cmp == "" {
			switch us[i].norm {
			case "≥", ">", "≤", "<":
				cmp = us[i].norm
				i++
			case "higher", "greater", "worse", "more":
				// "grade higher than 2", "grade greater than or equal to 3"
				if i+2 < n && us[i+1].norm == "than" {
					cmp, i = ">", i+2
					if i+3 < n && us[i].norm == "or" && us[i+1].norm == "equal" && us[i+2].norm == "to" {
						cmp, i = "≥", i+3
					}
				}
			case "above", "over", "exceeding":
				cmp = ">" // "grade above 2"
				i++
			case "at":
				if i+1 < n && us[i+1].norm == "least" {
					cmp = "≥"
					i += 2
				}
			}
		}
		if i >= n || anyGradeCell(us, start, i) {
			return gradeCap{}, false
		}
		v, ok := gradeNumbers[us[i].norm]
		if !ok {
			return gradeCap{}, false
		}
		lo, spelled = v, spelledNumber(us[i].norm)
		i++
	case len(w) == 2 && w[0] == 'g' && w[1] >= '1' && w[1] <= '5':
		lo = int(w[1] - '0')
		i++
	case w == "g" && cmp == "" && i+2 < n && (us[i+1].norm == "≥" || us[i+1].norm == ">") && isGradeDigit(us[i+2].norm):
		// "G≥3", "G>2"
		cmp = us[i+1].norm
		lo = int(us[i+2].norm[0] - '0')
		i += 3
	default:
		return gradeCap{}, false
	}
	vals := []int{lo}
	open := false
	switch cmp {
	case "≥":
		open = true
	case ">":
		vals[0] = lo + 1
		open = true
	case "≤":
		vals = rangeInts(1, lo)
	case "<":
		vals = rangeInts(1, lo-1)
	}
	openLast := 0 // an open bound that ends a list of grades ("grade 1, grade 2 and grade ≥3")
	items := 1    // items of that list: a range or alternatives ("1-2", "1 or 2") are one
	if cmp == "" {
		// What follows the first number: a range, a list, an open bound.
		alternatives := false // an "or", "/" or a range joined the grades read so far
	loop:
		for i < n {
			u := us[i].norm
			switch {
			case u == "+" && !us[i].space:
				open = true
				i++
				break loop
			case (u == "or" || u == "and") && i+1 < n && isOpenWord(us[i+1].norm):
				open = true
				i += 2
				break loop
			case u == "or" && i+1 < n && isLowerWord(us[i+1].norm) && len(vals) == 1:
				vals = rangeInts(1, vals[0]) // "grade 2 or lower": grades 1 and 2
				i += 2
				break loop
			case u == "-" || u == "~" || u == "to" || u == "through": // "grade 3~4", as some reports write a range
				if i+1 < n {
					if v, ok := gradeNumber(us[i+1].norm); ok && v > vals[len(vals)-1] && spelledNumber(us[i+1].norm) == spelled {
						vals = append(vals, rangeInts(vals[len(vals)-1]+1, v)...)
						alternatives = true // a range is one item too: "grade 1-2, and 3 required …"
						i += 2
						continue
					}
				}
				break loop
			case u == "or" || u == "and" || u == "/" || u == "," || u == "nor":
				j := i + 1
				if u == "," && j < n && (us[j].norm == "or" || us[j].norm == "and") {
					j++
				}
				if j < n && gradeWords[us[j].norm] {
					if j > i+1 && (alternatives || len(vals) == 1 && saidOfEvent(us, start)) {
						// "grade 1 or 2, and grade 3 CRS in 3", "ICANS was grade 2, and
						// grade 3 CRS …": the alternatives or the one grade said of an
						// event were one item; ", and grade 3" opens the next.
						break loop
					}
					j++ // "grade 1 or grade 2"
				}
				// "grade 1, grade 2 and grade ≥3 ICANS", "grade 1, 2 and ≥3": a list's last
				// item may be an open bound over the grades before it, after two items at
				// least ("ICANS was grade 1 and grade ≥3 CRS arose …", "CRS was grade 1-2
				// and grade ≥3 ICANS arose …" are two statements). A bound that a measure
				// follows is no grade ("grade 1, 2 and >3 days' duration", "and >3% of
				// adults").
				conj := u == "and" || u == "or" || u == "," && i+1 < n && (us[i+1].norm == "and" || us[i+1].norm == "or")
				if conj && items > 1 && j+1 < n && (us[j].norm == "≥" || us[j].norm == ">") && !measureAfter(us, j+2) {
					if v, ok := gradeNumber(us[j+1].norm); ok {
						if us[j].norm == ">" {
							v++
						}
						if v > vals[len(vals)-1] && v <= 5 {
							openLast, i = v, j+2
							break loop
						}
					}
				}
				alternatives = alternatives || u == "or" || u == "/"
				// "10 grade 1, 5 grade 2": 5 counts grade 2; "(grade 3, 5%)": 5% is a rate;
				// "grade 2, 5 (25%)" and "grade 2, 5; grade 3, 1": 5 counts grade 2.
				// "grade 1 and 2 were grade 2": 2 counts the patients of the next grade.
				countsNext := j+2 < n && countLinks[us[j+1].norm] && gradeWords[us[j+2].norm] ||
					sharedSubject(us, j) || // "grade 2 and 5 (3%) had grade 3"
					u == "," && j+1 < n && subjectVerbs[us[j+1].norm] && (j == i+1 || allOf(us, start) || !nextGrade(us[j].norm, vals) || j == i+2 && (alternatives || len(vals) == 1)) // "with CRS of grade 2, four needed oxygen", "CRS, all grade 1-2, and 4 had ICANS", "was grade 1, and 4 required …", "mostly grade 1 or 2, and 3 required …", "mostly grade 2, and 3 required …" (but "grade 1, 2, and 3 received …" lists grades)
				if j < n && !countsNext && !(j+1 < n && (gradeWords[us[j+1].norm] || us[j+1].norm == "%" || u == "," && countedNouns[us[j+1].norm] ||
					u == "," && !plural && (us[j+1].norm == "(" || us[j+1].norm == ";" || us[j+1].norm == ")" && semicolonInBracket(us, i)))) {
					// A list out of order is one that "respectively" hands out: "CRS and
					// ICANS were grade 3 and 1, respectively".
					// A word after a grade written in digits counts patients: "grade 2,
					// three." is three patients of grade 2, not grades 2 and 3.
					if v, ok := gradeNumber(us[j].norm); ok && spelledNumber(us[j].norm) == spelled && (v > vals[len(vals)-1] || u == "and" && respectivelyAt(us, j+1)) {
						if u == "," || u == "and" {
							items++
						}
						vals = append(vals, v)
						i = j + 1
						continue
					}
				}
				break loop
			default:
				// "grade I-II": roman numerals whose hyphen was dropped.
				if v, ok := gradeNumber(u); ok && !us[i].space && v > vals[len(vals)-1] && !isNumber(us[i-1].norm) {
					vals = append(vals, rangeInts(vals[len(vals)-1]+1, v)...)
					i++
					continue
				}
				break loop
			}
		}
	}
	var out []string
	if open {
		out = openGrade(vals[0])
	} else {
		for _, v := range vals {
			if v >= 1 && v <= 5 {
				out = append(out, strconv.Itoa(v))
			}
		}
		if openLast > 0 {
			out = append(out, openGrade(openLast)...)
		}
	}
	return gradeCap{values: out, start: start, end: i}, true
}

// measureAfter reports whether unit k makes the number before it a measure, not a grade: a
// sign of percent or a unit of time (timeUnits), dose (doseUnits) or of things counted
// (eventUnits, countedUnits) ("and >3 days", "and ≥3% of adults", "or >2 cycles").
func measureAfter(us []unit, k int) bool {
	if k >= len(us) {
		return false
	}
	w := us[k].norm
	return w == "%" || w == "'" || timeUnits[w] || doseUnits[w] || eventUnits[w] || eventUnits[w+"s"] || countedUnits[w]
}

// countedUnits are other things a number before them counts ("3 lines of therapy").
var countedUnits = map[string]bool{"line": true, "lines": true, "times": true, "points": true}

// timeUnits are the units of a span of time after its number ("3 days", "day 30" reads
// them the other way round).
var timeUnits = map[string]bool{"minute": true, "minutes": true, "min": true, "hour": true, "hours": true, "h": true,
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true}

// anyGradeCell reports whether the number at unit i, after the grade word at unit g, is a
// table's count in the row "Any grade", not a grade: a column gap of two or more spaces
// stands before it ("Any grade   4 (20%)"), or its share follows it ("Any grade 4 (20%)").
func anyGradeCell(us []unit, g, i int) bool {
	if g == 0 || us[g-1].norm != "any" && us[g-1].norm != "all" || i != g+1 {
		return false
	}
	if us[i].start-us[g].end >= 2 {
		return true
	}
	return i+3 < len(us) && us[i+1].norm == "(" && isNumber(us[i+2].norm) && us[i+3].norm == "%"
}

// priorGrade is the number of the last grade written before unit i ("grade 2" → 2), or 0.
func priorGrade(us []unit, i int) int {
	for k := i - 1; k > 0; k-- {
		if v, ok := gradeNumbers[us[k].norm]; ok && gradeWords[us[k-1].norm] {
			return v
		}
	}
	return 0
}

func gradeNumber(s string) (int, bool) {
	v, ok := gradeNumbers[s]
	return v, ok
}

// spelledNumber reports whether s is a grade number written as a word ("three").
func spelledNumber(s string) bool {
	switch s {
	case "one", "two", "three", "four", "five":
		return true
	}
	return false
}

// isThanWord reports whether s opens a lower bound with "than": "greater than grade 1".
func isThanWord(s string) bool {
	switch s {
	case "greater", "higher", "more", "worse":
		return true
	}
	return false
}

func isOpenWord(s string) bool {
	switch s {
	case "higher", "greater", "above", "more", "worse", "over":
		return true
	}
	return false
}

// glossedGrade returns a severity word's grade g, or the grades a bracket right after it
// glosses it with ("low-grade (1–2)", "high-grade (≥3)", "severe (grade 3 or 4)"), the
// capture then running to the bracket's end.
func glossedGrade(us []unit, g gradeCap) gradeCap {
	k := g.end
	if k+2 >= len(us) || us[k].norm != "(" {
		return g
	}
	inner, ok := gradeCap{}, false
	if gradeWords[us[k+1].norm] {
		if inner, ok = parseGrade(us, k+1); ok {
			inner.end -= k // as if read from a grade word standing at the bracket
		}
	} else {
		// bare numbers ("1–2", "≥3"): read them after a grade word put in the bracket's place;
		// one bare number may be a count ("high-grade (3) and low-grade (12) events")
		read := append([]unit{{norm: "grade", word: true}}, us[k+1:]...)
		inner, ok = parseGrade(read, 0)
		ok = ok && (len(inner.values) > 1 || len(inner.values) == 1 && strings.HasSuffix(inner.values[0], "+"))
	}
	if !ok || len(inner.values) == 0 || k+inner.end >= len(us) || us[k+inner.end].norm != ")" {
		return g
	}
	return gradeCap{values: inner.values, start: g.start, end: k + inner.end + 1}
}

// openGrade is the value of the grades from b up: "grade ≥3" is 3+, "grade ≥1" any grade
// (none), "grade ≥5" grade 5.
func openGrade(b int) []string {
	switch {
	case b <= 1:
		return nil
	case b >= 5:
		return []string{"5"}
	}
	return []string{strconv.Itoa(b) + "+"}
}

// openAfterTerm reports whether "or higher", "or above", "and above" or the like stands at
// unit i, after the term a grade named before it ("grade 2 CRS or higher"), and where it ends.
func openAfterTerm(us []unit, i int) (int, bool) {
	if i+1 < len(us) && (us[i].norm == "or" || us[i].norm == "and") && isOpenWord(us[i+1].norm) && us[i+1].norm != "more" {
		return i + 2, true
	}
	return i, false
}

// isLowerWord reports whether s closes a grade from above: "grade 2 or lower".
func isLowerWord(s string) bool {
	switch s {
	case "lower", "less", "below", "milder":
		return true
	}
	return false
}

func rangeInts(lo, hi int) []int {
	var out []int
	for v := lo; v <= hi; v++ {
		out = append(out, v)
	}
	return out
}

// ParseGrade reads the grade values of a phrase such as "grade 1–2" or "≥ grade 3", as the
// {grade} capture does. It reports false when the phrase does not start with a grade.
func ParseGrade(phrase string) ([]string, bool) {
	us := phraseUnits(phrase)
	g, ok := parseGrade(us, 0)
	if !ok {
		return nil, false
	}
	return g.values, true
}

// semicolonInBracket reports whether a ";" stands between unit i and the bracket it is
// in: "(grade 1, 8; grade 2, 3)" is a list of counted items, so the last "2, 3" is grade 2
// and its count, where "(grade 2, 3)" alone names two grades.
func semicolonInBracket(us []unit, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch us[k].norm {
		case ";":
			return true
		case "(", ")":
			return false
		}
	}
	return false
}

// RespectiveGradesRule is the rule of a grade tag that a list of grades "respectively" gives to
// an event of a list no grade rule read it for ("CRS and ICANS were grade 2 and 3,
// respectively": ICANS's grade 3 is read by a rule, CRS's grade 2 by this one).
const RespectiveGradesRule = "grade.respectively"

// gradeFacetOf returns the grade facet of an event facet ("crs" → "crs_grade"), or "".
func gradeFacetOf(event string) string {
	if isGrade(event + "_grade") {
		return event + "_grade"
	}
	return ""
}

// respectiveGrades gives each event of a list its own grade from a list of grades that
// "respectively" hands out: "CRS and ICANS were grade 2 and 3, respectively" is CRS grade 2 and
// ICANS grade 3, not both grades for the event nearer the grades (nor for both). The grade
// tags of that capture are replaced by one per event, each judged and counted on its own item.
// Lists whose length differs from the grades', or ranges ("grade 1–2, respectively"), are left
// as the rules made them.
func respectiveGrades(st *sentenceState, tags []match, mk func(facet, value, rule string, us, ue, ms, me int) match) []match {
	done := map[[2]int]bool{}
	for k := 0; k < len(tags); k++ {
		t := tags[k]
		if !isGrade(t.Facet) {
			continue
		}
		cp := gradeCapOf(t)
		if cp == nil || len(cp.values) < 2 || done[[2]int{cp.start, cp.end}] {
			continue
		}
		done[[2]int{cp.start, cp.end}] = true
		grade := *cp
		if len(grade.spans) != len(grade.values) || !distinctSpans(grade.spans) {
			grade.spans = gradeItems(st.units, grade)
		}
		if grade.spans == nil || !respectivelyAt(st.units, grade.end) {
			continue
		}
		events, off := eventListBefore(st, grade.start, len(grade.values)), 0
		if events == nil {
			events, off = eventListTail(st, grade.start, len(grade.values))
		}
		if events == nil {
			if (!slices.IsSorted(grade.values) || hasRepeat(grade.values)) && gradedEventsBefore(st, grade.start) > 1 {
				// a list read out of order only for "respectively", meant for several events but
				// handed to none: the first grade is the one the rules read before; one event's
				// cases keep them all ("the two cases of CRS were grade 3 and 2, respectively")
				tags = slices.DeleteFunc(tags, func(o match) bool {
					og := gradeCapOf(o)
					return og != nil && og.start == grade.start && og.end == grade.end && o.Value != grade.values[0]
				})
				k = -1
			}
			continue
		}
		want := map[[2]string]int{} // grade facet and value → the event's place in the list
		for i, h := range events {
			want[[2]string{gradeFacetOf(h.entry.vocab.Facet), grade.values[off+i]}] = i
		}
		have := map[int]bool{}
		kept := tags[:0:0]
		for _, o := range tags {
			og := gradeCapOf(o)
			if og == nil || og.start != grade.start || og.end != grade.end {
				kept = append(kept, o)
				continue
			}
			if i, ok := want[[2]string{o.Facet, o.Value}]; ok && !have[i] {
				have[i] = true
				kept = append(kept, o)
			}
		}
		for i, h := range events {
			if have[i] {
				continue
			}
			n := mk(gradeFacetOf(h.entry.vocab.Facet), grade.values[off+i], RespectiveGradesRule, h.start, grade.end, h.start, grade.end)
			n.qualifies = []string{h.class}
			n.pattern, n.caps = t.pattern, t.caps
			n.sstart, n.send = grade.spans[off+i][0], grade.spans[off+i][1]
			n.bstart, n.bend = n.sstart, n.send
			n.gstart = grade.spans[off+i][0]
			kept = append(kept, n)
		}
		tags = kept
		k = -1 // the slice changed: look again from the start (done keeps each capture once)
	}
	return tags
}

// gradedEventsBefore counts the events with a grade facet that terms before unit end name,
// each once ("CRS … the two cases of CRS" is one).
func gradedEventsBefore(st *sentenceState, end int) int {
	seen := map[string]bool{}
	for _, h := range eventsBefore(st, end) {
		if gradeFacetOf(h.entry.vocab.Facet) != "" {
			seen[h.entry.vocab.Facet] = true
		}
	}
	return len(seen)
}

// eventsBefore returns the terms before unit end that name an outcome event (not a grade).
func eventsBefore(st *sentenceState, end int) []hit {
	var evs []hit
	for _, h := range st.hits {
		if h.end <= end && h.entry.vocab != nil && h.entry.vocab.Emit && isOutcome(h.entry.vocab.Facet) && !isGrade(h.entry.vocab.Facet) {
			evs = append(evs, h)
		}
	}
	return evs
}

// hasRepeat reports whether a value stands twice in vs.
func hasRepeat(vs []string) bool {
	for i := range vs {
		if slices.Contains(vs[i+1:], vs[i]) {
			return true
		}
	}
	return false
}

// gradeCapOf returns the grade capture of a grade rule's tag, or nil. Grades captured one
// by one ("{number:grade} and {number:grade}") are one list, each its own item.
func gradeCapOf(t match) *capture {
	var out *capture
	for _, cp := range t.caps {
		if cp.name != "grade" {
			continue
		}
		if out == nil {
			c := cp
			out = &c
			continue
		}
		if len(out.spans) == 0 {
			out.spans = [][2]int{{out.start, out.end}}
		}
		out.values = append(slices.Clip(out.values), cp.values...)
		out.spans = append(out.spans, [2]int{cp.start, cp.end})
		out.end = cp.end
	}
	return out
}

// distinctSpans reports whether each value of a list of grades has an item of its own: "grade
// 2 and 3", not the one range "grade 1–2".
func distinctSpans(spans [][2]int) bool {
	for i := 1; i < len(spans); i++ {
		if spans[i] == spans[i-1] {
			return false
		}
	}
	return true
}

// gradeItems returns each value's unit of a grade written as a list, "grade 2 and 3", "grades
// 1, 2 and 3", "grade 1 and grade 2": numbers joined by "and" or commas, one per value. A range
// ("1–2", "1 to 3", "1 or 2") or any other form gives nil.
func gradeItems(us []unit, g capture) [][2]int {
	var spans [][2]int
	joint := true // a number may come next
	for k := g.start; k < g.end; k++ {
		n := us[k].norm
		switch {
		case gradeNumbers[n] > 0:
			if !joint {
				return nil
			}
			spans = append(spans, [2]int{k, k + 1})
			joint = false
		case n == "grade" || n == "grades":
			if len(spans) > 0 && !joint {
				return nil
			}
		case len(spans) == 0 && (n == "of" || n == "were" || n == "was" || n == ":"): // "grades of 3 and 1"
		case n == "and" || n == ",":
			joint = true
		default:
			return nil
		}
	}
	if len(spans) != len(g.values) {
		return nil
	}
	return spans
}

// respectivelyAt reports whether "respectively" follows unit k, after a comma or not.
func respectivelyAt(us []unit, k int) bool {
	if k < len(us) && us[k].norm == "," {
		k++
	}
	return k < len(us) && us[k].norm == "respectively"
}

// eventListBefore returns the last n outcome terms before unit end, when they are events
// with a grade facet (CRS, ICANS), each a different one, that form one list of exactly n
// items: joined by commas, "and" or "or", the last joint "and" or "or", and no item of the
// list untagged after them ("CRS and fever were grade 1 and 2" lists two events, one of them
// no term). Otherwise nil.
func eventListBefore(st *sentenceState, end, n int) []hit {
	evs := eventsBefore(st, end)
	if len(evs) < n {
		return nil
	}
	list := evs[len(evs)-n:]
	seen := map[string]bool{}
	for i, h := range list {
		f := h.entry.vocab.Facet
		if gradeFacetOf(f) == "" || seen[f] {
			return nil
		}
		seen[f] = true
		if i > 0 && !listJoint(st.units, list[i-1].end, h.start, i == n-1) {
			return nil
		}
	}
	if last := list[n-1].end; last < len(st.units) {
		switch st.units[last].norm {
		case "and", "or", ",":
			return nil // "CRS and fever were …": the list goes on past its terms
		}
	}
	if len(evs) > n && listJoint(st.units, evs[len(evs)-n-1].end, list[0].start, false) {
		return nil // a longer list than the grades: which grade is whose is not said
	}
	return list
}

// eventListTail returns the events with a grade facet that end a list of n items whose first
// items name no term, and how many those are: "Fever, CRS and ICANS were grade 1, 2 and 3,
// respectively" gives CRS and ICANS, 1 (CRS takes grade 2, ICANS grade 3). The untagged items,
// of up to three words each, must run back to the sentence's start, so that a phrase before
// the list is never read as an item ("After the cells, fever, CRS and ICANS …" gives none).
func eventListTail(st *sentenceState, end, n int) ([]hit, int) {
	for m := n - 1; m >= 1; m-- {
		list := eventListBefore(st, end, m)
		if list == nil {
			continue
		}
		us, pos, items := st.units, list[0].start, 0
		for pos > 0 {
			j := pos
			for j > 0 && (us[j-1].norm == "," || us[j-1].norm == "and" || us[j-1].norm == "or") {
				j--
			}
			if j == pos {
				break // no joint: the list starts here
			}
			w := 0
			for j > 0 && w < 3 && us[j-1].word && !isNumber(us[j-1].norm) && us[j-1].norm != "and" && us[j-1].norm != "or" {
				j--
				w++
			}
			if w == 0 {
				break
			}
			items++
			pos = j
		}
		if pos == 0 && items == n-m {
			return list, n - m
		}
		return nil, 0
	}
	return nil, 0
}

// listJoint reports whether the units from..to join two items of a list: only commas, "and"
// and "or", with "and" or "or" among them when last is set (the joint before a list's last
// item; a comma alone joins only earlier items, "After ICANS, CRS …" is no list).
func listJoint(us []unit, from, to int, last bool) bool {
	if from >= to {
		return false
	}
	word := false
	for k := from; k < to; k++ {
		switch us[k].norm {
		case "and", "or":
			word = true
		case ",":
		default:
			return false
		}
	}
	return word || !last
}
