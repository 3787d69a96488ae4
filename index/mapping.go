package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// MappingVersion is the version of the index layout this package writes: the bleve mapping
// below and the way documents and sentences become bleve documents. It changes whenever
// either changes; an index with another version must be rebuilt (see [Index.Stale] and
// [Remove]). The mapping itself is also fingerprinted, so an index built from a different
// facet list is stale even if someone forgot to bump the number.
const MappingVersion = 4

// deniedTerm marks, beside "value/negated", the status terms of a denial of the value
// itself ("infection/denied" for "no infections", not for "no grade ≥3 infections":
// [classifier.Tag.DeniesValue]): what a negated-only value's ("infection: absent")
// sentence and status queries ask for. It is no status, so no "value/status" filter names it.
const deniedTerm = "denied"

// Bleve document types: one "doc" per trialtag document, one "sent" per tagged sentence.
const (
	typeDoc  = "doc"
	typeSent = "sent"
)

// Field names. A document facet is a keyword field named after the facet ("crs_grade"),
// so the query-string syntax reads naturally: +crs_grade:2 +antigen:CD19.
const (
	fieldType    = "type"
	fieldTitle   = "title"
	fieldText    = "text"
	fieldSource  = "source"
	fieldHash    = "hash"
	fieldRules   = "rules"
	fieldData    = "data"   // stored only: sentences, tags and facets as JSON
	fieldSents   = "sents"  // stored only: indexes of the sentence documents, "3,7,9"
	fieldParent  = "parent" // sentence documents: the document's id
	fieldSection = "section"

	// What the record says about itself (corpus.Meta), for filters, facets and sorting.
	fieldYear     = "year"             // keyword "2023": a facet, and equality filters
	fieldYearNum  = "year_num"         // numeric year: range filters (year>=2023)
	fieldDate     = "date"             // keyword "2023-05-17": sorting by date, date ranges
	fieldJournal  = "journal"          // keyword facet
	fieldPubType  = "publication_type" // keyword facet
	fieldMeSH     = "mesh"             // text
	fieldKeywords = "keywords"         // text
	fieldIDs      = "ids"              // keyword: every id the document is known by

	prefixStatus    = "status_"    // document: "value/status" once per tag, all statuses, and "value/denied"
	prefixTag       = "tag_"       // sentence: the tag values of the sentence, any status
	prefixTagStatus = "tagstatus_" // sentence: "value/status", and "value/denied" (deniedTerm)
	prefixGrade     = "grade_"     // document: numeric affirmed grades, grade_crs
	prefixMaxGrade  = "maxgrade_"  // document: the highest affirmed grade, for range facets
	prefixSentGrade = "sgrade_"    // sentence: numeric affirmed grades
	prefixIncidence = "incidence_" // document: numeric incidence codes of affirmed values (incidenceCode)
	prefixMaxInc    = "maxinc_"    // document: the highest incidence percent of a facet, for sorting
)

// incidenceCode encodes a facet value and the percent of patients who had it as one number,
// so that one numeric field per facet can answer "crs_grade=3+ in at least 10%": the value's
// key times 10000 plus the percent in tenths (0–1000).
func incidenceCode(value string, percent float64) float64 {
	return float64(valueKey(value))*10000 + math.Round(min(max(percent, 0), 100)*10)
}

// valueKey is a 20-bit hash of a facet value (FNV-1a).
func valueKey(value string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(value))
	return h.Sum32() & 0xFFFFF
}

// incidencePercent is the percent of patients an incidence gives: stated, or n of its
// denominator.
func incidencePercent(in *classifier.Incidence) (float64, bool) {
	switch {
	case in == nil:
		return 0, false
	case in.Percent != nil:
		return *in.Percent, true
	case in.N != nil && in.Of != nil && *in.Of > 0:
		return 100 * float64(*in.N) / float64(*in.Of), true
	}
	return 0, false
}

// gradeFacets maps each grade facet to the short name of its numeric fields.
var gradeFacets = map[string]string{"crs_grade": "crs", "icans_grade": "icans"}

// sentenceIDSep separates a document id from a sentence number in a sentence document's id.
// Sentence ids start with a NUL byte, which no document id may contain, so the two never
// collide whatever a file is called.
const sentenceIDSep = "#"

func sentenceID(docID string, n int) string {
	return "\x00" + docID + sentenceIDSep + strconv.Itoa(n)
}

// parentOf returns the document id of a sentence document id.
func parentOf(sentID string) (string, bool) {
	s, ok := strings.CutPrefix(sentID, "\x00")
	if !ok {
		return "", false
	}
	i := strings.LastIndex(s, sentenceIDSep)
	if i < 0 {
		return "", false
	}
	return s[:i], true
}

// newMapping builds the bleve mapping: explicit fields only (nothing dynamic, no _all field),
// two document types chosen by the "type" field.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.TypeField = fieldType
	im.DefaultType = typeDoc
	im.DefaultAnalyzer = TextAnalyzer
	im.DefaultField = fieldText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = mapping.NewDocumentDisabledMapping()

	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = TextAnalyzer
		f.Store = store
		f.IncludeTermVectors = true // phrase queries and match locations for highlighting
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := mapping.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldType, kw(false, false))
	doc.AddFieldMappingsAt(fieldTitle, text(true))
	doc.AddFieldMappingsAt(fieldText, text(true))
	doc.AddFieldMappingsAt(fieldSource, kw(true, false))
	doc.AddFieldMappingsAt(fieldHash, storedOnly())
	doc.AddFieldMappingsAt(fieldRules, kw(true, false))
	doc.AddFieldMappingsAt(fieldData, storedOnly())
	doc.AddFieldMappingsAt(fieldSents, storedOnly())
	for _, f := range classifier.Facets() {
		doc.AddFieldMappingsAt(f.Name, kw(false, true))
		doc.AddFieldMappingsAt(prefixStatus+f.Name, kw(false, false))
	}
	for _, name := range []string{fieldYear, fieldDate, fieldJournal, fieldPubType} {
		doc.AddFieldMappingsAt(name, kw(false, true))
	}
	doc.AddFieldMappingsAt(fieldYearNum, num())
	doc.AddFieldMappingsAt(fieldIDs, kw(false, false))
	doc.AddFieldMappingsAt(fieldMeSH, text(false))
	doc.AddFieldMappingsAt(fieldKeywords, text(false))
	for _, short := range sortedGradeNames() {
		doc.AddFieldMappingsAt(prefixGrade+short, num())
		doc.AddFieldMappingsAt(prefixMaxGrade+short, num())
	}
	for _, f := range classifier.Facets() {
		if f.Kind == classifier.Outcome {
			doc.AddFieldMappingsAt(prefixIncidence+f.Name, num())
			doc.AddFieldMappingsAt(prefixMaxInc+f.Name, num())
		}
	}
	// No _all field: free text goes to "text" (the default field), facets by name.
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeDoc, doc)

	sent := mapping.NewDocumentStaticMapping()
	sent.AddFieldMappingsAt(fieldType, kw(false, false))
	sent.AddFieldMappingsAt(fieldParent, kw(false, false))
	sent.AddFieldMappingsAt(fieldSection, kw(false, false))
	for _, f := range classifier.Facets() {
		sent.AddFieldMappingsAt(prefixTag+f.Name, kw(false, false))
		sent.AddFieldMappingsAt(prefixTagStatus+f.Name, kw(false, false))
	}
	for _, short := range sortedGradeNames() {
		sent.AddFieldMappingsAt(prefixSentGrade+short, num())
	}
	sent.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeSent, sent)

	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("validating the index mapping: %w", err)
	}
	return im, nil
}

func sortedGradeNames() []string {
	var out []string
	for _, s := range gradeFacets {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// mappingFingerprint is a hash of the mapping's JSON form.
func mappingFingerprint(im *mapping.IndexMappingImpl) (string, error) {
	b, err := json.Marshal(im)
	if err != nil {
		return "", fmt.Errorf("encoding the index mapping: %w", err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8]), nil
}

// gradeNumber returns the numeric part of a grade value: "2" → 2, "3+" → 3.
func gradeNumber(v string) (float64, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(v, "+"))
	if err != nil || n < 0 {
		return 0, false
	}
	return float64(n), true
}

// storedData is what the "data" field holds: everything of a tagged document that is not
// a field of its own, so that [Index.Document] can give it back.
type storedData struct {
	Format    corpus.Format       `json:"format,omitempty"`
	Meta      *corpus.Meta        `json:"meta,omitempty"`
	Kind      string              `json:"kind,omitempty"`
	Facets    map[string][]string `json:"facets,omitempty"`
	Sentences []storedSentence    `json:"sentences"`
	// TitleStart and TitleEnd: where the title stands in the text (corpus.Document).
	TitleStart int `json:"ts,omitempty"`
	TitleEnd   int `json:"te,omitempty"`
}

// storedSentence is a sentence without its text (which is a slice of the document text).
type storedSentence struct {
	Index   int              `json:"i"`
	Start   int              `json:"s"`
	End     int              `json:"e"`
	Section corpus.Section   `json:"sec,omitempty"`
	Tags    []classifier.Tag `json:"tags,omitempty"`
}

// bleveDoc is one bleve document with its id.
type bleveDoc struct {
	id     string
	fields map[string]any
	// sentence is the index of the sentence a sentence document stands for.
	sentence int
}

// docFields turns a tagged document into its bleve documents: the document itself and one
// per tagged sentence in a section that counts towards facets (not furniture or reference
// lists, whose tags never reach facets either).
func docFields(res *classifier.Result, hash, rules string) (bleveDoc, []bleveDoc, error) {
	doc, sents, data := searchFields(res, hash, rules)
	b, err := json.Marshal(data)
	if err != nil {
		return bleveDoc{}, nil, fmt.Errorf("encoding document %s: %w", res.Document.ID, err)
	}
	doc.fields[fieldData] = string(b)
	return doc, sents, nil
}

// searchFields is [docFields] without the stored record: every field a search reads, of
// the document and of its tagged sentences, and the record to store. A [Percolator]
// matches new documents on these very fields.
func searchFields(res *classifier.Result, hash, rules string) (bleveDoc, []bleveDoc, *storedData) {
	d := res.Document
	data := storedData{Format: d.Format, Meta: d.Meta, Kind: d.Kind, Facets: res.Facets, Sentences: make([]storedSentence, len(res.Sentences)),
		TitleStart: d.TitleStart, TitleEnd: d.TitleEnd}
	f := map[string]any{
		fieldType:   typeDoc,
		fieldTitle:  d.Title,
		fieldText:   d.Text,
		fieldSource: d.Source,
		fieldHash:   hash,
		fieldRules:  rules,
	}
	metaFields(f, d)
	for _, fc := range classifier.Facets() {
		if vals := res.Facets[fc.Name]; len(vals) > 0 {
			f[fc.Name] = vals
		}
	}
	for facet, short := range gradeFacets {
		var nums []float64
		for _, v := range res.Facets[facet] {
			if n, ok := gradeNumber(v); ok {
				nums = append(nums, n)
			}
		}
		if len(nums) > 0 {
			f[prefixGrade+short] = nums
			f[prefixMaxGrade+short] = slices.Max(nums)
		}
	}
	incidence := map[string][]float64{}
	maxInc := map[string]float64{}
	for _, row := range res.Safety() {
		if p, ok := incidencePercent(row.Incidence); ok && row.Status == classifier.Affirmed {
			incidence[row.Facet] = append(incidence[row.Facet], incidenceCode(row.Value, p))
			maxInc[row.Facet] = max(maxInc[row.Facet], p)
		}
	}
	for facet, codes := range incidence {
		f[prefixIncidence+facet] = codes
		f[prefixMaxInc+facet] = maxInc[facet]
	}
	statuses := map[string][]string{}
	var sents []bleveDoc
	var sentIdx []string
	for i, s := range res.Sentences {
		data.Sentences[i] = storedSentence{Index: s.Index, Start: s.Start, End: s.End, Section: s.Section, Tags: s.Tags}
		if len(s.Tags) == 0 || !s.Section.CountsForFacets() {
			continue
		}
		sf := map[string]any{
			fieldType:    typeSent,
			fieldParent:  d.ID,
			fieldSection: string(s.Section),
		}
		tagVals := map[string][]string{}
		tagStatus := map[string][]string{}
		grades := map[string][]float64{}
		for _, t := range s.Tags {
			if _, ok := classifier.LookupFacet(t.Facet); !ok {
				continue
			}
			terms := []string{t.Value + "/" + t.Status}
			if t.DeniesValue() {
				terms = append(terms, t.Value+"/"+deniedTerm)
			}
			for _, vs := range terms {
				statuses[t.Facet] = append(statuses[t.Facet], vs)
				if !slices.Contains(tagStatus[t.Facet], vs) {
					tagStatus[t.Facet] = append(tagStatus[t.Facet], vs)
				}
			}
			if !slices.Contains(tagVals[t.Facet], t.Value) {
				tagVals[t.Facet] = append(tagVals[t.Facet], t.Value)
			}
			if short, ok := gradeFacets[t.Facet]; ok && t.Status == classifier.Affirmed {
				if n, ok := gradeNumber(t.Value); ok {
					grades[short] = append(grades[short], n)
				}
			}
		}
		if len(tagVals) == 0 {
			continue
		}
		for facet, vals := range tagVals {
			sf[prefixTag+facet] = vals
		}
		for facet, vals := range tagStatus {
			sf[prefixTagStatus+facet] = vals
		}
		for short, nums := range grades {
			sf[prefixSentGrade+short] = nums
		}
		sents = append(sents, bleveDoc{id: sentenceID(d.ID, s.Index), fields: sf, sentence: s.Index})
		sentIdx = append(sentIdx, strconv.Itoa(s.Index))
	}
	for facet, vals := range statuses {
		f[prefixStatus+facet] = vals
	}
	f[fieldSents] = strings.Join(sentIdx, ",")
	return bleveDoc{id: d.ID, fields: f, sentence: -1}, sents, &data
}

// metaFields adds the fields of what the document says about itself: date, journal,
// publication types, MeSH terms, keywords, and every id it is known by.
func metaFields(f map[string]any, d *corpus.Document) {
	ids := []string{d.ID}
	if m := d.Meta; m != nil {
		if y := m.Year(); y > 0 {
			f[fieldYear] = strconv.Itoa(y)
			f[fieldYearNum] = float64(y)
			f[fieldDate] = m.Date
		}
		if m.Journal != "" {
			f[fieldJournal] = m.Journal
		}
		if len(m.PublicationTypes) > 0 {
			f[fieldPubType] = m.PublicationTypes
		}
		if len(m.MeSH) > 0 {
			f[fieldMeSH] = strings.Join(m.MeSH, "\n")
		}
		if len(m.Keywords) > 0 {
			f[fieldKeywords] = strings.Join(m.Keywords, "\n")
		}
		for _, id := range append([]string{m.PMID, m.PMCID, strings.ToLower(m.DOI)}, m.RegistryIDs...) {
			if id != "" && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	for _, id := range ids { // and in lower case, so "nct01234567" finds it too
		if low := strings.ToLower(id); low != id && !slices.Contains(ids, low) {
			ids = append(ids, low)
		}
	}
	f[fieldIDs] = ids
}

// parseSents reads the "sents" field back into sentence document ids.
func parseSents(docID, sents string) []string {
	if sents == "" {
		return nil
	}
	parts := strings.Split(sents, ",")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, sentenceID(docID, n))
		}
	}
	return out
}
