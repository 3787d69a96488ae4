package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// The attribute types and note type of a trialtag brat folder.
const (
	bratStatus  = "Status"
	bratSection = "Section"
	bratNote    = "AnnotatorNotes"
)

// The keys of the parts of a note after its value: "2 | rule: crs.grade.before | cue: no".
const (
	noteSep       = " | "
	noteRule      = "rule"
	noteCue       = "cue"
	noteIncidence = "incidence"
	noteDenied    = "denied grade"
	noteSpared    = "spared"
)

// BratConfName is the file name of the annotation configuration a brat folder holds.
const BratConfName = "annotation.conf"

// BratFile is one document in brat standoff: the two files of the same base name.
type BratFile struct {
	// ID is the document's id; Name the base name of its files ([BratName] of ID).
	ID, Name string
	// Text is the .txt file, Ann the .ann file.
	Text, Ann []byte
}

// EncodeBrat returns r as brat standoff: the document text, and per tag a text-bound
// annotation typed by its facet, its Status and Section attributes and a note with its value,
// rule, cue and incidence. A tag across a line break becomes one annotation of several
// fragments, one per line, as brat itself writes them. It fails, writing nothing, when a tag
// does not fit the document's text ([ErrOffset]).
func EncodeBrat(r *classifier.Result) (*BratFile, error) {
	if err := checkResult(r); err != nil {
		return nil, err
	}
	name, err := BratName(r.Document.ID)
	if err != nil {
		return nil, err
	}
	// Each CR becomes a space, byte for byte and character for character (see the package
	// documentation), so the tags' byte offsets hold in text too.
	text := strings.ReplaceAll(r.Document.Text, "\r", " ")
	c := &chars{text: text}
	var ann strings.Builder
	n, attr := 0, 0
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			n++
			frags := bratFragments(text, t.Start, t.End)
			if len(frags) == 0 {
				return nil, fmt.Errorf("document %s: sentence %d: tag %s=%s at %d-%d: only white space across a line break, which a brat annotation cannot hold",
					r.Document.ID, s.Index, t.Facet, t.Value, t.Start, t.End)
			}
			spans := make([]string, len(frags))
			texts := make([]string, len(frags))
			for i, f := range frags {
				spans[i] = strconv.Itoa(c.at(f[0])) + " " + strconv.Itoa(c.at(f[1]))
				texts[i] = text[f[0]:f[1]]
			}
			fmt.Fprintf(&ann, "T%d\t%s %s\t%s\n", n, t.Facet, strings.Join(spans, ";"), strings.Join(texts, " "))
			attr++
			fmt.Fprintf(&ann, "A%d\t%s T%d %s\n", attr, bratStatus, n, t.Status)
			attr++
			fmt.Fprintf(&ann, "A%d\t%s T%d %s\n", attr, bratSection, n, t.Section)
			fmt.Fprintf(&ann, "#%d\t%s T%d\t%s\n", n, bratNote, n, bratNoteText(t))
		}
	}
	return &BratFile{ID: r.Document.ID, Name: name, Text: []byte(text), Ann: []byte(ann.String())}, nil
}

// bratFragments cuts the byte span [start, end) of text at line breaks into the spans of
// its lines, without the white space at their ends. A span on one line stays whole; one
// across line breaks with nothing but white space has no fragment.
func bratFragments(text string, start, end int) [][2]int {
	if !strings.Contains(text[start:end], "\n") {
		return [][2]int{{start, end}}
	}
	var out [][2]int
	for i := start; i < end; {
		j := strings.IndexByte(text[i:end], '\n')
		if j < 0 {
			j = end
		} else {
			j += i
		}
		line := text[i:j]
		lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
		trail := len(strings.TrimRightFunc(line, unicode.IsSpace))
		if trail > lead {
			out = append(out, [2]int{i + lead, i + trail})
		}
		i = j + 1
	}
	return out
}

// bratNoteText is a tag's note: its value, then its rule, cue and incidence for the
// curator, and the grades a denial is limited to and the count of the patients it spared
// short of all, which [BratDocument.Result] reads back.
func bratNoteText(t classifier.Tag) string {
	parts := []string{flatten(t.Value), noteRule + ": " + flatten(t.Rule)}
	if t.Cue != "" {
		parts = append(parts, noteCue+": "+flatten(t.Cue))
	}
	if t.Incidence != nil {
		parts = append(parts, noteIncidence+": "+flatten(t.Incidence.String()))
	}
	if t.DeniedGrade != "" {
		parts = append(parts, noteDenied+": "+t.DeniedGrade)
	}
	if t.PartlySpared() {
		parts = append(parts, noteSpared+": "+flatten(t.Incidence.String()))
	}
	return strings.Join(parts, noteSep)
}

// BratName returns the base name of a document's brat files: its id, with every byte
// other than an ASCII letter, digit, "-", "_" or "." (and a leading ".") written as %XX, so
// that any id gives a plain file name and [BratID] reads the id back from it.
func BratName(id string) (string, error) {
	if id == "" {
		return "", errors.New("brat: a document with an empty id has no file name")
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' && i > 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	name := b.String()
	if len(name)+len(".ann") > 255 {
		return "", fmt.Errorf("brat: the file name of document %.40q… would be longer than 255 bytes", id)
	}
	return name, nil
}

// BratID returns the document id a brat base name stands for: the inverse of [BratName].
// A name with no valid %XX in it is the id as it is.
func BratID(name string) string {
	if !strings.Contains(name, "%") {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if name[i] == '%' && i+2 < len(name) {
			if v, err := strconv.ParseUint(name[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// ErrFolderNotEmpty marks a folder that already holds files, which [CreateBratFolder]
// does not write into unless forced.
var ErrFolderNotEmpty = errors.New("folder is not empty")

// BratFolder is a folder of brat files being written: ID.txt and ID.ann per document, and
// annotation.conf. It is not safe for concurrent use.
type BratFolder struct {
	dir   string
	names map[string]string // lower-cased file name → the id written under it
}

// CreateBratFolder makes dir (and its parents) if needed and writes annotation.conf into
// it. It refuses a folder that holds anything (an error wrapping [ErrFolderNotEmpty])
// unless force is true; then the files it writes replace those of the same names and the
// folder's other files stay as they are.
func CreateBratFolder(dir string, force bool) (*BratFolder, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("brat folder: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("brat folder: %w", err)
	case !st.IsDir():
		return nil, fmt.Errorf("brat folder %s: not a folder", dir)
	case !force:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("brat folder: %w", err)
		}
		if len(entries) > 0 {
			return nil, fmt.Errorf("brat folder %s: %w (%d entries, such as %s)", dir, ErrFolderNotEmpty, len(entries), entries[0].Name())
		}
	}
	if err := os.WriteFile(filepath.Join(dir, BratConfName), bratConf(), 0o644); err != nil {
		return nil, fmt.Errorf("brat folder: %w", err)
	}
	return &BratFolder{dir: dir, names: map[string]string{}}, nil
}

// Dir returns the folder's path.
func (f *BratFolder) Dir() string { return f.dir }

// Len returns how many documents have been written.
func (f *BratFolder) Len() int { return len(f.names) }

// Write writes the document's two files. A second document whose file name is the same as
// an earlier one's (ignoring case, for file systems that do) is an error: nothing written
// in this folder is overwritten.
func (f *BratFolder) Write(b *BratFile) error {
	key := strings.ToLower(b.Name)
	if prev, ok := f.names[key]; ok {
		return fmt.Errorf("brat folder %s: documents %q and %q would share the files %s.txt and %s.ann", f.dir, prev, b.ID, b.Name, b.Name)
	}
	f.names[key] = b.ID
	for _, file := range []struct {
		ext  string
		data []byte
	}{{".txt", b.Text}, {".ann", b.Ann}} {
		if err := os.WriteFile(filepath.Join(f.dir, b.Name+file.ext), file.data, 0o644); err != nil {
			return fmt.Errorf("brat folder: document %s: %w", b.ID, err)
		}
	}
	return nil
}

// bratConf is the folder's annotation.conf: the facets as entity types, any overlap
// allowed (trialtag's tags nest: "grade 2 CRS" holds "CRS"), and the Status and Section
// attributes with their values.
func bratConf() []byte {
	var b strings.Builder
	b.WriteString("# trialtag's tag vocabulary for brat: entity types are facets; the value of an\n" +
		"# annotation is its note (\"2 | rule: …\": the value is the part before the first \" | \").\n")
	b.WriteString("[entities]\n")
	for _, f := range classifier.Facets() {
		b.WriteString(f.Name + "\n")
	}
	b.WriteString("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	b.WriteString("\n[events]\n")
	b.WriteString("\n[attributes]\n")
	b.WriteString(bratStatus + "\tArg:<ENTITY>, Value:" + strings.Join(classifier.Statuses(), "|") + "\n")
	secs := corpus.Sections()
	names := make([]string, len(secs))
	for i, s := range secs {
		names[i] = string(s)
	}
	b.WriteString(bratSection + "\tArg:<ENTITY>, Value:" + strings.Join(names, "|") + "\n")
	return []byte(b.String())
}
