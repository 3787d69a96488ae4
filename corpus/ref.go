package corpus

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Ref points at a document kept outside the repository: a file of a data folder, a record
// of a JSON Lines file there, or a byte range of either. Evaluation sets list third-party
// documents as Refs (with their labels elsewhere) instead of carrying copies of them.
//
// In a refs file (JSON Lines, one Ref per line) a reference reads
//
//	{"id": "PMC2360030", "source": "pmc-rct/PMC2360030.txt", "start": 200, "end": 1956, "sha256": "…"}
//	{"id": "11035130", "source": "pubmedqa/abstracts.jsonl", "record": "11035130", "sha256": "…"}
type Ref struct {
	// ID is the document's id in the evaluation set (and its Document.ID).
	ID string `json:"id"`
	// Source is the file, relative to the data folder, with forward slashes.
	Source string `json:"source"`
	// Record is the id of a record of a multi-record Source (JSON Lines, MEDLINE, PubMed
	// XML); empty for a single-document file.
	Record string `json:"record,omitempty"`
	// Start and End, when set, cut the document text to the bytes [Start, End).
	Start *int `json:"start,omitempty"`
	End   *int `json:"end,omitempty"`
	// SHA256 is the hex SHA-256 of the resulting document text: a changed data folder is
	// reported instead of silently scoring other text.
	SHA256 string `json:"sha256"`
}

// ReadRefs reads a refs file: JSON Lines of [Ref], blank lines allowed. name is used in
// errors, which give the line ("refs.jsonl:3: …"). Every reference must have an id, a
// relative source inside the data folder and a hash, and ids must be unique.
func ReadRefs(r io.Reader, name string) ([]Ref, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	seen := map[string]int{}
	var refs []Ref
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var ref Ref
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ref); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if err := ref.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if first, dup := seen[ref.ID]; dup {
			return nil, fmt.Errorf("%s:%d: id %q is already on line %d", name, n, ref.ID, first)
		}
		seen[ref.ID] = n
		refs = append(refs, ref)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return refs, nil
}

// ReadRefsFile reads the refs file at path with [ReadRefs].
func ReadRefsFile(path string) ([]Ref, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("refs file: %w", err)
	}
	defer f.Close()
	return ReadRefs(f, path)
}

// check reports what is wrong with a reference read from a refs file.
func (r Ref) check() error {
	switch {
	case r.ID == "":
		return errors.New(`no "id"`)
	case r.Source == "":
		return fmt.Errorf("%s: no \"source\"", r.ID)
	case path.IsAbs(r.Source) || filepath.IsAbs(r.Source) || strings.Contains(r.Source, `\`):
		return fmt.Errorf("%s: source %q must be relative to the data folder, with forward slashes", r.ID, r.Source)
	case path.Clean(r.Source) != r.Source || r.Source == ".." || strings.HasPrefix(r.Source, "../"):
		return fmt.Errorf("%s: source %q must be a clean path inside the data folder", r.ID, r.Source)
	case (r.Start == nil) != (r.End == nil):
		return fmt.Errorf("%s: give both \"start\" and \"end\", or neither", r.ID)
	case r.Start != nil && (*r.Start < 0 || *r.End < *r.Start):
		return fmt.Errorf("%s: byte range [%d, %d) is not a range", r.ID, *r.Start, *r.End)
	case len(r.SHA256) != sha256.Size*2 || strings.Trim(strings.ToLower(r.SHA256), "0123456789abcdef") != "":
		return fmt.Errorf("%s: \"sha256\" must be 64 hex digits", r.ID)
	}
	return nil
}

// Location names what the reference points at: "pmc-rct/PMC1.txt[200:1956]",
// "pubmedqa/abstracts.jsonl#11035130".
func (r Ref) Location() string {
	loc := r.Source
	if r.Record != "" {
		loc += "#" + r.Record
	}
	if r.Start != nil {
		loc += fmt.Sprintf("[%d:%d]", *r.Start, *r.End)
	}
	return loc
}

// TextSHA256 returns the hex SHA-256 of text, as [Ref.SHA256] records it.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// LoadRefs reads the documents that refs point at inside the folder dataDir, in the order
// of refs, each source file read once however many references point into it. A document
// is what [Load] reads from the source (the record named by Record, cut to the byte range)
// with the reference's id; its Source is the file's path then "#record" and "[start:end]".
//
// A reference that cannot be resolved (file or record missing, range past the end, text
// whose hash differs) yields a *[SkipError] naming the reference, and loading goes on.
// Cancelling ctx stops it with the context's error.
func LoadRefs(ctx context.Context, refs []Ref, dataDir string, opts Options) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		// Group the references by source, keeping the order of first appearance.
		bySource := map[string][]int{}
		var order []string
		for i, r := range refs {
			if _, ok := bySource[r.Source]; !ok {
				order = append(order, r.Source)
			}
			bySource[r.Source] = append(bySource[r.Source], i)
		}
		// A reference's text (and its hash) is the record's text as written: a title the text
		// does not hold stays out of it.
		opts.TitleOutsideText = true
		docs := make([]*Document, len(refs))
		errs := make([]error, len(refs))
		for _, src := range order {
			idx := bySource[src]
			file := filepath.Join(dataDir, filepath.FromSlash(src))
			want := map[string][]int{} // record id ("" for the whole file) → references
			for _, i := range idx {
				want[refs[i].Record] = append(want[refs[i].Record], i)
			}
			left := len(idx)
			for doc, err := range Load(ctx, []string{file}, opts) {
				if err != nil {
					var skip *SkipError
					if !errors.As(err, &skip) {
						yield(nil, err)
						return
					}
					if skip.Line > 0 {
						continue // a bad record of a multi-record file: only a named one matters
					}
					for _, i := range idx {
						errs[i] = refSkip(refs[i], SkipUnreadable, "source cannot be read", err)
					}
					break
				}
				key := doc.ID
				if !doc.Format.multiRecord() {
					key = ""
				}
				for _, i := range want[key] {
					if docs[i] == nil && errs[i] == nil {
						docs[i], errs[i] = resolveRef(refs[i], doc)
						left--
					}
				}
				if left == 0 {
					break // the rest of the file holds nothing referenced
				}
			}
			for _, i := range idx {
				if docs[i] == nil && errs[i] == nil {
					what := "no record with id " + refs[i].Record
					if refs[i].Record == "" {
						what = "is a multi-record file: name the record"
					}
					errs[i] = refSkip(refs[i], SkipRefMismatch, what, nil)
				}
			}
		}
		for i := range refs {
			if errs[i] != nil {
				if !yield(nil, errs[i]) {
					return
				}
				continue
			}
			if !yield(docs[i], nil) {
				return
			}
		}
	}
}

// resolveRef makes the document that r points at from the document doc of its source.
func resolveRef(r Ref, doc *Document) (*Document, error) {
	text := doc.Text
	if r.Start != nil {
		if *r.End > len(text) {
			return nil, refSkip(r, SkipRefMismatch, fmt.Sprintf("byte range ends past the text (%d bytes)", len(text)), nil)
		}
		text = text[*r.Start:*r.End]
	}
	if got := TextSHA256(text); !strings.EqualFold(got, r.SHA256) {
		return nil, refSkip(r, SkipRefMismatch, "text differs from the one referenced (sha256 "+got[:12]+"…, want "+r.SHA256[:12]+"…): the data folder changed", nil)
	}
	out := *doc
	out.ID = r.ID
	out.Text = text
	out.Source = doc.Source + refSuffix(r)
	if r.Start != nil {
		// The title's range moves with the cut, or goes when the cut leaves it out.
		out.TitleStart, out.TitleEnd = 0, 0
		if doc.TitleStart >= *r.Start && doc.TitleEnd <= *r.End && doc.TitleEnd > doc.TitleStart {
			out.TitleStart, out.TitleEnd = doc.TitleStart-*r.Start, doc.TitleEnd-*r.Start
		}
	}
	return &out, nil
}

// refSuffix is what a reference adds to its source's name: the byte range.
func refSuffix(r Ref) string {
	if r.Start == nil {
		return ""
	}
	return fmt.Sprintf("[%d:%d]", *r.Start, *r.End)
}

func refSkip(r Ref, kind SkipKind, reason string, err error) *SkipError {
	return &SkipError{Source: "reference " + r.ID + " (" + r.Location() + ")", Kind: kind, Reason: reason, Err: err}
}
