package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// exportDocs is what the tests read of any export format: per document its id and its
// annotations as "facet=value/status".
type exportDocs struct {
	ids  []string
	tags map[string][]string
}

// readExport reads the output of --format bioc-xml, bioc-json or pubtator.
func readExport(tb testing.TB, format, out string) exportDocs {
	tb.Helper()
	type annotation struct {
		Infons []struct {
			Key   string `xml:"key,attr"`
			Value string `xml:",chardata"`
		} `xml:"infon"`
		JSONInfons map[string]string `xml:"-" json:"infons"`
	}
	var coll struct {
		Documents []struct {
			ID       string `xml:"id" json:"id"`
			Passages []struct {
				Annotations []annotation `xml:"annotation" json:"annotations"`
			} `xml:"passage" json:"passages"`
		} `xml:"document" json:"documents"`
	}
	docs := exportDocs{tags: map[string][]string{}}
	switch format {
	case "bioc-xml", "bioc-json":
		var err error
		if format == "bioc-xml" {
			err = xml.Unmarshal([]byte(out), &coll)
		} else {
			err = json.Unmarshal([]byte(out), &coll)
		}
		if err != nil {
			tb.Fatalf("decoding %s: %v\n%.1000s", format, err, out)
		}
		for _, d := range coll.Documents {
			docs.ids = append(docs.ids, d.ID)
			for _, p := range d.Passages {
				for _, a := range p.Annotations {
					in := a.JSONInfons
					if in == nil {
						in = map[string]string{}
						for _, kv := range a.Infons {
							in[kv.Key] = kv.Value
						}
					}
					docs.tags[d.ID] = append(docs.tags[d.ID], in["facet"]+"="+in["value"]+"/"+in["status"])
				}
			}
		}
	case "pubtator":
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if id, _, ok := strings.Cut(line, "|t|"); ok {
				docs.ids = append(docs.ids, id)
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) >= 8 {
				docs.tags[cols[0]] = append(docs.tags[cols[0]], cols[4]+"="+cols[5]+"/"+cols[6])
			}
		}
	default:
		tb.Fatalf("no reader for %s", format)
	}
	return docs
}

// jsonlTags are the tags of "tag" JSON Lines output, per document, as readExport gives them.
func jsonlTags(tb testing.TB, out string) exportDocs {
	tb.Helper()
	docs := exportDocs{tags: map[string][]string{}}
	for _, d := range decodeJSONL(tb, out) {
		docs.ids = append(docs.ids, d.ID)
		for _, s := range d.Sentences {
			for _, t := range s.Tags {
				docs.tags[d.ID] = append(docs.tags[d.ID], t.Facet+"="+t.Value+"/"+t.Status)
			}
		}
	}
	return docs
}

func sameDocs(tb testing.TB, what string, got, want exportDocs) {
	tb.Helper()
	if !slices.Equal(got.ids, want.ids) {
		tb.Errorf("%s: documents %v, want %v", what, got.ids, want.ids)
	}
	for _, id := range want.ids {
		if !slices.Equal(got.tags[id], want.tags[id]) {
			tb.Errorf("%s: document %s: tags\n%v\nwant (as jsonl)\n%v", what, id, got.tags[id], want.tags[id])
		}
	}
}

// TestTagExportFormats tags the seeds in each stream format: the same documents and tags
// as the JSON Lines output, in the same order.
func TestTagExportFormats(t *testing.T) {
	t.Parallel()
	jsonl := runTag(t, "--format", "jsonl", seedsDir)
	wantCode(t, jsonl, exitOK)
	want := jsonlTags(t, jsonl.stdout)
	for _, format := range []string{"bioc-xml", "bioc-json", "pubtator"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			r := runTag(t, "--format", format, "--workers", "3", seedsDir)
			wantCode(t, r, exitOK)
			sameDocs(t, format, readExport(t, format, r.stdout), want)
		})
	}
	t.Run("from the configuration", func(t *testing.T) {
		t.Parallel()
		r := runCLI(t, "", "--config", writeConfig(t, "format: pubtator\n"), "tag", seedPath(seed004))
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, seed004+"|t|", seed004+"|a|")
	})
}

// ownSentence is a line of our own with characters of more than one byte before its tags.
const ownSentence = "Anti-CD19 CAR⁺ T cells: grade ≥3 CRS did not occur.\n"

// TestTagExportCharacterOffsets checks through the command that offsets count characters.
func TestTagExportCharacterOffsets(t *testing.T) {
	t.Parallel()
	r := runTagStdin(t, ownSentence, "--format", "pubtator", "-")
	wantCode(t, r, exitOK)
	start := utf8.RuneCountInString(ownSentence[:strings.Index(ownSentence, "grade ≥3 CRS")])
	end := start + utf8.RuneCountInString("grade ≥3 CRS")
	wantContains(t, "stdout", r.stdout, "\t"+strconv.Itoa(start)+"\t"+strconv.Itoa(end)+"\tgrade ≥3 CRS\tcrs_grade\t3+\tnegated\t")
}

// TestTagBrat writes the seeds as a brat folder: refused when the folder holds files,
// written over with --force.
func TestTagBrat(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "curation")
	r := runTag(t, "--format", "brat", "--out", dir, seedsDir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "wrote 5 documents to "+dir)
	var names []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"annotation.conf"}
	for _, id := range seedIDs(t) {
		want = append(want, id+".ann", id+".txt")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v", names, want)
	}
	if got, want := string(readFile(t, filepath.Join(dir, seed004+".txt"))), string(readFile(t, seedPath(seed004))); got != want {
		t.Errorf("%s.txt is not the seed's text", seed004)
	}
	ann := string(readFile(t, filepath.Join(dir, seed004+".ann")))
	wantContains(t, seed004+".ann", ann, "\ttoxicity_treatment ", "\tStatus T", "\tAnnotatorNotes T")

	before := snapshot(t, dir)
	again := runTag(t, "--format", "brat", "--out", dir, seedPath(seed004))
	wantCode(t, again, exitUsage)
	wantContains(t, "stderr", again.stderr, "folder is not empty", "--force")
	wantUntouched(t, before, dir)

	forced := runTag(t, "--format", "brat", "--out", dir, "--force", seedPath(seed004))
	wantCode(t, forced, exitOK)
	wantContains(t, "stdout", forced.stdout, "wrote 1 documents to "+dir)
}
