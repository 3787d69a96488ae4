package corpus_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
)

func TestReadRefs(t *testing.T) {
	t.Parallel()
	h := corpus.TextSHA256("x")
	tests := []struct {
		name, in string
		want     int    // references read
		err      string // part of the error, "" for none
	}{
		{"file", `{"id": "a", "source": "dir/a.txt", "sha256": "` + h + `"}`, 1, ""},
		{"record and range, blank lines", "\n" + `{"id": "a", "source": "x.jsonl", "record": "7", "start": 0, "end": 4, "sha256": "` + h + `"}` + "\n\n" +
			`{"id": "b", "source": "x.jsonl", "record": "8", "sha256": "` + strings.ToUpper(h) + `"}`, 2, ""},
		{"no id", `{"source": "a.txt", "sha256": "` + h + `"}`, 0, `refs.jsonl:1: no "id"`},
		{"no source", `{"id": "a", "sha256": "` + h + `"}`, 0, `refs.jsonl:1: a: no "source"`},
		{"absolute source", `{"id": "a", "source": "/data/a.txt", "sha256": "` + h + `"}`, 0, "must be relative"},
		{"source outside", `{"id": "a", "source": "../a.txt", "sha256": "` + h + `"}`, 0, "inside the data folder"},
		{"unclean source", `{"id": "a", "source": "d/./a.txt", "sha256": "` + h + `"}`, 0, "clean path"},
		{"half a range", `{"id": "a", "source": "a.txt", "start": 3, "sha256": "` + h + `"}`, 0, `both "start" and "end"`},
		{"backwards range", `{"id": "a", "source": "a.txt", "start": 3, "end": 2, "sha256": "` + h + `"}`, 0, "[3, 2) is not a range"},
		{"bad hash", `{"id": "a", "source": "a.txt", "sha256": "abc"}`, 0, "64 hex digits"},
		{"unknown field", `{"id": "a", "source": "a.txt", "sha": "` + h + `"}`, 0, `refs.jsonl:1: json: unknown field "sha"`},
		{"duplicate id on line 3", `{"id": "a", "source": "a.txt", "sha256": "` + h + `"}` + "\n\n" +
			`{"id": "a", "source": "b.txt", "sha256": "` + h + `"}`, 0, `refs.jsonl:3: id "a" is already on line 1`},
		{"not JSON", `id=a`, 0, "refs.jsonl:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			refs, err := corpus.ReadRefs(strings.NewReader(tt.in), "refs.jsonl")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(refs) != tt.want {
				t.Errorf("read %d references, want %d", len(refs), tt.want)
			}
		})
	}
}

func intp(n int) *int { return &n }

func TestLoadRefs(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(data, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report := "TITLE: A made-up trial\n\nABSTRACT.RESULTS:\nGrade 1 CRS occurred in two patients.\n\nBODY.METHODS:\nWe did things.\n"
	write("reports/r1.txt", report)
	write("recs.jsonl", `{"id": "11", "text": "No ICANS occurred."}`+"\n"+`{"id": "12", "text": "Tocilizumab was given once."}`+"\n")
	start := strings.Index(report, "ABSTRACT")
	end := strings.Index(report, "BODY")
	part := report[start:end]

	refs := []corpus.Ref{
		{ID: "whole", Source: "reports/r1.txt", SHA256: corpus.TextSHA256(report)},
		{ID: "part", Source: "reports/r1.txt", Start: intp(start), End: intp(end), SHA256: corpus.TextSHA256(part)},
		{ID: "rec12", Source: "recs.jsonl", Record: "12", SHA256: corpus.TextSHA256("Tocilizumab was given once.")},
		{ID: "changed", Source: "recs.jsonl", Record: "11", SHA256: corpus.TextSHA256("No ICANS occurred at all.")},
		{ID: "norecord", Source: "recs.jsonl", Record: "99", SHA256: corpus.TextSHA256("")},
		{ID: "unnamed", Source: "recs.jsonl", SHA256: corpus.TextSHA256("")},
		{ID: "pastend", Source: "reports/r1.txt", Start: intp(0), End: intp(len(report) + 1), SHA256: corpus.TextSHA256("")},
		{ID: "missing", Source: "gone.txt", SHA256: corpus.TextSHA256("")},
	}
	type got struct {
		id, text, source, skip string
	}
	var out []got
	for doc, err := range corpus.LoadRefs(context.Background(), refs, data, corpus.Options{}) {
		if err != nil {
			var se *corpus.SkipError
			if !errors.As(err, &se) {
				t.Fatalf("not a SkipError: %v", err)
			}
			out = append(out, got{skip: err.Error()})
			continue
		}
		out = append(out, got{id: doc.ID, text: doc.Text, source: doc.Source})
	}
	want := []struct {
		id, text, sourceSuffix, skip string
	}{
		{id: "whole", text: report, sourceSuffix: filepath.FromSlash("reports/r1.txt")},
		{id: "part", text: part, sourceSuffix: "r1.txt[" + strconv.Itoa(start) + ":" + strconv.Itoa(end) + "]"},
		{id: "rec12", text: "Tocilizumab was given once.", sourceSuffix: "recs.jsonl:2"},
		{skip: "reference changed (recs.jsonl#11): skipped: text differs from the one referenced"},
		{skip: "reference norecord (recs.jsonl#99): skipped: no record with id 99"},
		{skip: "reference unnamed (recs.jsonl): skipped: is a multi-record file: name the record"},
		{skip: "reference pastend (reports/r1.txt[0:" + strconv.Itoa(len(report)+1) + "]): skipped: byte range ends past the text"},
		{skip: "reference missing (gone.txt): skipped: source cannot be read"},
	}
	if len(out) != len(want) {
		t.Fatalf("got %d results, want %d: %+v", len(out), len(want), out)
	}
	for i, w := range want {
		g := out[i]
		if w.skip != "" {
			if !strings.Contains(g.skip, w.skip) {
				t.Errorf("%d: got %+v, want a skip containing %q", i, g, w.skip)
			}
			continue
		}
		if g.id != w.id || g.text != w.text || !strings.HasSuffix(g.source, w.sourceSuffix) {
			t.Errorf("%d: got %+v, want id %q, text %q, source ending %q", i, g, w.id, w.text, w.sourceSuffix)
		}
	}
}
