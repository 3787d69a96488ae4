package index

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestReleaseSegmentPages: the pages of segment files read through their maps count in the
// process's resident set until releaseSegmentPages drops them (the maps stay usable).
func TestReleaseSegmentPages(t *testing.T) {
	ix, _ := buildIndexShards(t, loadDocs(t, seedsDir), 2)
	var paths []string
	var sum byte
	rs, release, err := ix.snapshots()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
			seg, ok := ss.Segment().(interface {
				Data() []byte
				Path() string
			})
			if !ok {
				continue
			}
			for _, b := range seg.Data() { // every page read through the map
				sum += b
			}
			paths = append(paths, seg.Path())
		}
	}
	release()
	if len(paths) == 0 {
		t.Fatal("no segment files")
	}
	if got := mappedKiB(t, paths); got == 0 {
		t.Fatalf("segment files read through their maps hold no resident pages (checksum %d)", sum)
	}
	ix.releaseSegmentPages()
	if got := mappedKiB(t, paths); got != 0 {
		t.Errorf("after releasing, %d KiB of segment files are resident", got)
	}
	// The maps still read: a search works.
	if res, err := ix.Search(t.Context(), Query{Text: "cytokine"}); err != nil || res.Total == 0 {
		t.Errorf("search after releasing: %v, %v", res, err)
	}
}

// mappedKiB adds up the resident KiB of the process's maps of the files in paths
// (/proc/self/smaps).
func mappedKiB(t *testing.T, paths []string) int {
	t.Helper()
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if strings.Contains(fields[0], "-") && len(fields) >= 5 { // a map's header line
			in = len(fields) >= 6 && want[fields[5]]
			continue
		}
		if in && fields[0] == "Rss:" && len(fields) >= 2 {
			n, _ := strconv.Atoi(fields[1])
			total += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
