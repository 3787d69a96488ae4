package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// BratSpan is a span of a brat annotation in characters of its text file, End exclusive.
type BratSpan struct {
	Start, End int
}

// BratAnnotation is a text-bound annotation of a brat file with what its attributes and its
// note say of it.
type BratAnnotation struct {
	// ID is the annotation's id ("T3"); Line the line of the .ann file it stands on.
	ID   string
	Line int
	// Facet is the annotation's type.
	Facet string
	// Spans are its fragments, in characters; Text their text, joined by spaces.
	Spans []BratSpan
	Text  string
	// Value is the first part of its note, or the facet's only value (crs and icans:
	// "present") when it has no note.
	Value string
	// Status is its Status attribute, affirmed when it has none; Section its Section
	// attribute, body when it has none.
	Status  string
	Section corpus.Section
	// Rule, Cue and Incidence are the other parts of its note, as trialtag wrote them.
	Rule, Cue, Incidence string
	// DeniedGrade is the "denied grade" part of its note: the grades a denied adverse
	// event's denial is limited to ("3+" for "no grade ≥3 infections"), the tag's DeniedGrade.
	DeniedGrade string
	// Spared is the "spared" part of its note: how many patients a denial spared, short of
	// all ("18/20" for "ICANS was absent in 18 of 20"; classifier.Tag.PartlySpared).
	Spared string
}

// BratDocument is one document of a brat folder: its text and annotations.
type BratDocument struct {
	// ID is the document id its file name stands for ([BratID]); Path its .ann file.
	ID, Path string
	// Text is its .txt file.
	Text        string
	Annotations []BratAnnotation
}

// BratError is a problem of a brat file, at a line of it (0 for the whole file).
type BratError struct {
	File string
	Line int
	Err  error
}

func (e *BratError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Err.Error()
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Err.Error()
}

func (e *BratError) Unwrap() error { return e.Err }

// ParseBrat reads a document's brat files: text is its .txt file and ann its .ann file,
// which is named annPath in errors. Text-bound annotations must be typed by a facet and
// their text must be the text of their spans, as brat checks it; attributes other than
// Status and Section, notes other than AnnotatorNotes, and relations, events,
// normalisations and equivalences are ignored. Every problem is reported, each as a
// *[BratError] naming its line, joined into one error.
func ParseBrat(id, annPath string, text, ann []byte) (*BratDocument, error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &BratError{File: annPath, Line: line, Err: fmt.Errorf(format, args...)})
	}
	if !utf8.Valid(text) {
		fail(0, "its text file is not UTF-8")
		return nil, errors.Join(errs...)
	}
	doc := &BratDocument{ID: id, Path: annPath, Text: string(text)}
	total := utf8.RuneCountInString(doc.Text)
	bi := &byteIndex{text: doc.Text}
	type attrs struct {
		status, section, note       string
		statusLine, sectionLine, nl int
	}
	byID := map[string]int{} // T id → index in doc.Annotations
	seen := map[string]int{} // every id → its line
	extra := map[string]*attrs{}
	targets := map[string]int{} // targets of attributes and notes → a line naming them
	get := func(target string, line int) *attrs {
		if _, ok := targets[target]; !ok {
			targets[target] = line
		}
		if extra[target] == nil {
			extra[target] = &attrs{}
		}
		return extra[target]
	}
	for n, line := range strings.Split(string(ann), "\n") {
		n++ // 1-based
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		aid, rest, ok := strings.Cut(line, "\t")
		if !ok || aid == "" {
			fail(n, "not an annotation line: no tab after an id")
			continue
		}
		if aid != "*" {
			if first, dup := seen[aid]; dup {
				fail(n, "id %s is used twice (first on line %d)", aid, first)
				continue
			}
			seen[aid] = n
		}
		switch aid[0] {
		case 'T':
			a, err := parseBratText(aid, rest, doc.Text, total, bi)
			if err != nil {
				fail(n, "%s: %v", aid, err)
				continue
			}
			a.Line = n
			byID[aid] = len(doc.Annotations)
			doc.Annotations = append(doc.Annotations, a)
		case 'A', 'M':
			parts := strings.SplitN(rest, " ", 3)
			if len(parts) < 2 {
				fail(n, "%s: an attribute needs a type and an annotation id", aid)
				continue
			}
			typ, target, value := parts[0], parts[1], ""
			if len(parts) == 3 {
				value = strings.TrimSpace(parts[2])
			}
			switch typ {
			case bratStatus:
				at := get(target, n)
				if at.statusLine > 0 {
					fail(n, "%s: %s has a second Status (first on line %d)", aid, target, at.statusLine)
					continue
				}
				if !slices.Contains(classifier.Statuses(), value) {
					fail(n, "%s: Status %q is none of %s", aid, value, strings.Join(classifier.Statuses(), ", "))
					continue
				}
				at.status, at.statusLine = value, n
			case bratSection:
				at := get(target, n)
				if at.sectionLine > 0 {
					fail(n, "%s: %s has a second Section (first on line %d)", aid, target, at.sectionLine)
					continue
				}
				if !slices.Contains(corpus.Sections(), corpus.Section(value)) {
					fail(n, "%s: Section %q is not a section (%s)", aid, value, sectionNames())
					continue
				}
				at.section, at.sectionLine = value, n
			}
		case '#':
			data, note, _ := strings.Cut(rest, "\t")
			f := strings.Fields(data)
			if len(f) != 2 {
				fail(n, "%s: a note needs a type and an annotation id", aid)
				continue
			}
			if f[0] != bratNote {
				continue
			}
			at := get(f[1], n)
			if at.nl > 0 {
				fail(n, "%s: %s has a second note (first on line %d)", aid, f[1], at.nl)
				continue
			}
			at.note, at.nl = note, n
		case 'R', 'E', 'N', '*':
			// relations, events, normalisations and equivalences say nothing of tags
		default:
			fail(n, "%s: not a brat annotation id (T, A, M, R, E, N, # or *)", aid)
		}
	}
	for target, line := range targets {
		if _, ok := byID[target]; !ok {
			fail(line, "%s is not a text-bound annotation of this file", target)
		}
	}
	for i := range doc.Annotations {
		a := &doc.Annotations[i]
		a.Status, a.Section = classifier.Affirmed, corpus.SectionBody
		if at := extra[a.ID]; at != nil {
			if at.status != "" {
				a.Status = at.status
			}
			if at.section != "" {
				a.Section = corpus.Section(at.section)
			}
			a.Value, a.Rule, a.Cue, a.Incidence, a.DeniedGrade, a.Spared = parseBratNote(at.note)
		}
		if err := checkBratValue(a); err != nil {
			fail(a.Line, "%s: %v", a.ID, err)
		}
		if err := checkDeniedGrade(a); err != nil {
			fail(a.Line, "%s: %v", a.ID, err)
		}
		if err := checkSpared(a); err != nil {
			fail(a.Line, "%s: %v", a.ID, err)
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			var a, b *BratError
			errors.As(errs[i], &a)
			errors.As(errs[j], &b)
			return a.Line < b.Line
		})
		return nil, errors.Join(errs...)
	}
	return doc, nil
}

// parseBratText reads the rest of a T line: "TYPE START END[;START END]…\tTEXT".
func parseBratText(id, rest, text string, total int, bi *byteIndex) (BratAnnotation, error) {
	a := BratAnnotation{ID: id}
	data, spanText, ok := strings.Cut(rest, "\t")
	if !ok {
		return a, errors.New("no tab before its text")
	}
	typ, spans, ok := strings.Cut(data, " ")
	if !ok {
		return a, errors.New("a type and a span are needed")
	}
	if _, known := classifier.LookupFacet(typ); !known {
		return a, fmt.Errorf("type %q is not a facet (%s)", typ, facetNames())
	}
	a.Facet = typ
	var texts []string
	for _, sp := range strings.Split(spans, ";") {
		f := strings.Fields(sp)
		if len(f) != 2 {
			return a, fmt.Errorf("span %q is not START END", sp)
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		switch {
		case err1 != nil || err2 != nil:
			return a, fmt.Errorf("span %q is not two numbers", sp)
		case start < 0 || end < start || end > total:
			return a, fmt.Errorf("span %d-%d is outside the text (%d characters)", start, end, total)
		}
		a.Spans = append(a.Spans, BratSpan{start, end})
		texts = append(texts, text[bi.at(start):bi.at(end)])
	}
	want := strings.Join(texts, " ")
	if !strings.HasPrefix(spanText, want) || len(spanText) > len(want) && !isSpaceByte(spanText[len(want)]) {
		return a, fmt.Errorf("its text %q is not the text of its spans, %q", spanText, want)
	}
	a.Text = want
	return a, nil
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

// parseBratNote splits a note into its value and the parts trialtag writes after it. A
// part that names no key belongs to the part before it.
func parseBratNote(note string) (value, rule, cue, incidence, denied, spared string) {
	parts := strings.Split(strings.TrimSpace(note), noteSep)
	value = strings.TrimSpace(parts[0])
	cur := &value
	for _, p := range parts[1:] {
		key, v, ok := strings.Cut(p, ": ")
		switch {
		case ok && key == noteRule:
			rule, cur = v, &rule
		case ok && key == noteCue:
			cue, cur = v, &cue
		case ok && key == noteIncidence:
			incidence, cur = v, &incidence
		case ok && key == noteDenied:
			denied, cur = strings.TrimSpace(v), &denied
		case ok && key == noteSpared:
			spared, cur = strings.TrimSpace(v), &spared
		default:
			*cur += noteSep + p
		}
	}
	return value, rule, cue, incidence, denied, spared
}

// checkSpared checks a "spared" note part: only a denial has one, a count short of its
// whole ("18/20").
func checkSpared(a *BratAnnotation) error {
	if a.Spared == "" {
		return nil
	}
	in := noteIncidenceOf(a.Spared)
	t := classifier.Tag{Status: classifier.Negated, Incidence: in}
	switch {
	case a.Status != classifier.Negated:
		return fmt.Errorf("%s %q on an annotation whose Status is %s: only a denial spares patients", noteSpared, a.Spared, a.Status)
	case in == nil:
		return fmt.Errorf("%s %q is not a count of a whole (\"18/20\", \"18/20 90%%\")", noteSpared, a.Spared)
	case !t.PartlySpared():
		return fmt.Errorf("%s %q is not short of all: a denial that spared every patient, or none, writes no spared part", noteSpared, a.Spared)
	}
	return nil
}

// noteIncidenceOf reads back the counts of an incidence note part as Incidence.String writes
// them ("18/20", "3/12 25%", "- 40%"), or nil for none or one it cannot read.
func noteIncidenceOf(note string) *classifier.Incidence {
	f := strings.Fields(note)
	if len(f) == 0 || len(f) > 2 {
		return nil
	}
	in := &classifier.Incidence{}
	n, of, hasOf := strings.Cut(f[0], "/")
	if n != "-" {
		v, err := strconv.Atoi(n)
		if err != nil {
			return nil
		}
		in.N = &v
	}
	if hasOf {
		v, err := strconv.Atoi(of)
		if err != nil {
			return nil
		}
		in.Of = &v
	}
	if len(f) == 2 {
		p, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
		if err != nil || !strings.HasSuffix(f[1], "%") || !(p >= 0 && p <= 100) {
			return nil // (NaN fails both comparisons)
		}
		in.Percent = &p
	}
	return in
}

// deniedGradeForm is how a denied grade is written: one grade, an open bound or a range.
var deniedGradeForm = regexp.MustCompile(`^([1-5])(\+|-([1-5]))?$`)

// checkDeniedGrade checks a "denied grade" note part: only a denied adverse event has one
// (CRS and ICANS write their grades as annotations of their own), written as grades are
// ("3+", "4", "1-2"), and limiting the denial: "1+" and "1-5" are every grade, "5+" and
// "3-1" no grades at all.
func checkDeniedGrade(a *BratAnnotation) error {
	if a.DeniedGrade == "" {
		return nil
	}
	if a.Status != classifier.Negated || a.Facet != "adverse_event" {
		return fmt.Errorf("%s %q on an annotation of %s whose Status is %s: only a denied adverse event is limited to some grades", noteDenied, a.DeniedGrade, a.Facet, a.Status)
	}
	m := deniedGradeForm.FindStringSubmatch(a.DeniedGrade)
	switch {
	case m == nil:
		return fmt.Errorf("%s %q is not a grade (1 to 5, an open bound \"3+\" or a range \"3-4\")", noteDenied, a.DeniedGrade)
	case m[2] == "+" && (m[1] == "1" || m[1] == "5"), m[3] != "" && (m[3] <= m[1] || m[1] == "1" && m[3] == "5"):
		return fmt.Errorf("%s %q limits nothing: write one grade, a bound 2+ to 4+ or a range low-high short of 1-5", noteDenied, a.DeniedGrade)
	}
	return nil
}

// checkBratValue gives an annotation without a value its facet's only value, and checks a
// value against its facet's closed set of values.
func checkBratValue(a *BratAnnotation) error {
	f, _ := classifier.LookupFacet(a.Facet)
	if a.Value == "" {
		if len(f.Values) == 1 {
			a.Value = f.Values[0]
			return nil
		}
		return fmt.Errorf("%s has no value: write it as the annotation's note", a.Facet)
	}
	if f.Values != nil && !slices.Contains(f.Values, a.Value) {
		hint := ""
		if _, ok := f.NegatedOnly(a.Value); ok {
			hint = "; a negated mention is its value with Status negated"
		}
		return fmt.Errorf("%q is not a value of %s (%s)%s", a.Value, a.Facet, strings.Join(f.Values, ", "), hint)
	}
	return nil
}

func facetNames() string {
	var names []string
	for _, f := range classifier.Facets() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

func sectionNames() string {
	var names []string
	for _, s := range corpus.Sections() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// Result returns the document as a tagged document: one sentence per annotation, in its
// section, holding the annotation as a tag (byte offsets into Text, from the start of its
// first span to the end of its last), and the document facets [classifier.DocumentFacets]
// derives from them.
func (d *BratDocument) Result() *classifier.Result {
	bi := &byteIndex{text: d.Text}
	sents := make([]classifier.Sentence, 0, len(d.Annotations))
	for i, a := range d.Annotations {
		first, last := a.Spans[0].Start, a.Spans[0].End
		for _, sp := range a.Spans[1:] {
			first, last = min(first, sp.Start), max(last, sp.End)
		}
		start := bi.at(first)
		end := bi.at(last)
		t := classifier.Tag{Facet: a.Facet, Value: a.Value, Status: a.Status, Cue: a.Cue, Start: start, End: end,
			Text: d.Text[start:end], Rule: a.Rule, Section: a.Section}
		t.DeniedGrade = a.DeniedGrade
		if a.Spared != "" {
			t.Incidence = noteIncidenceOf(a.Spared) // "absent in 18 of 20" denies less than "absent"
		}
		sents = append(sents, classifier.Sentence{
			Sentence: corpus.Sentence{Index: i, Start: start, End: end, Section: a.Section, Text: t.Text},
			Tags:     []classifier.Tag{t},
		})
	}
	return &classifier.Result{
		Document:  &corpus.Document{ID: d.ID, Text: d.Text, Source: d.Path},
		Sentences: sents,
		Facets:    classifier.DocumentFacets(sents),
	}
}

// ReadBratFolder reads every document of a brat folder and the folders below it: each
// NAME.ann with its NAME.txt, the document [BratID](NAME). Documents come sorted by id.
// Every problem of every file is reported, joined into one error, and then no document is
// returned: a folder read as gold must be read whole.
func ReadBratFolder(dir string) ([]*BratDocument, error) {
	var docs []*BratDocument
	var errs []error
	where := map[string]string{} // id → its .ann
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".ann") {
			return nil
		}
		base := strings.TrimSuffix(path, ".ann")
		id := BratID(filepath.Base(base))
		if prev, dup := where[id]; dup {
			errs = append(errs, &BratError{File: path, Err: fmt.Errorf("document %s is also %s", id, prev)})
			return nil
		}
		where[id] = path
		ann, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, &BratError{File: path, Err: err})
			return nil
		}
		text, err := os.ReadFile(base + ".txt")
		if err != nil {
			errs = append(errs, &BratError{File: path, Err: fmt.Errorf("its text file: %w", err)})
			return nil
		}
		doc, err := ParseBrat(id, path, text, ann)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("brat folder %s: %w", dir, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(where) == 0 {
		return nil, fmt.Errorf("brat folder %s: no .ann files", dir)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, nil
}

// ReadBratGold reads a brat folder as a gold standard: per document id, its facets as
// [classifier.DocumentFacets] derives them from its annotations ([BratDocument.Result]),
// with every facet of the vocabulary named (an empty list where it has no value): a
// document corrected in brat is annotated for every facet.
func ReadBratGold(dir string) (map[string]map[string][]string, error) {
	docs, err := ReadBratFolder(dir)
	if err != nil {
		return nil, err
	}
	gold := make(map[string]map[string][]string, len(docs))
	for _, d := range docs {
		facets := map[string][]string{}
		for _, f := range classifier.Facets() {
			facets[f.Name] = []string{}
		}
		for name, vals := range d.Result().Facets {
			facets[name] = vals
		}
		gold[d.ID] = facets
	}
	return gold, nil
}
