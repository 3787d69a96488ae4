package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AlertsFile is the alert log in the index folder: one [Alert] per line, JSON, appended and
// never rewritten. It lives outside bleve's store, so that readers (trialtag alerts, serve)
// need no lock, and [Clear] keeps it when the index is rebuilt.
//
// Alerts are written, and synced to disk, before the batch of documents they were found in
// is given to bleve. A crash after the alerts but before the batch leaves the documents
// unindexed, so the next `trialtag index` reads them again and finds the same matches,
// which the log already holds and does not repeat (see [Alert.Key]). A crash in the middle
// of writing leaves at most a last line without its newline: readers skip it, and the next
// append cuts it off first. Its batch never reached bleve, so its alerts are found again.
const AlertsFile = "alerts.jsonl"

// Alert is a saved search that matched a document the index added or updated: the match,
// when it was found, and which version of the document it was found in.
type Alert struct {
	// Time is when the match was recorded, in UTC.
	Time time.Time `json:"time"`
	Match
	// Query is the saved search's query when it matched (searches are edited).
	Query string `json:"query"`
	// Title and Source are the document's; Hash its content hash ([ContentHash]) when it
	// matched.
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	Hash   string `json:"hash"`
	// Change is "added" (new to the index) or "updated" (a new version, or re-tagged).
	Change string `json:"change"`
}

// Changes of an [Alert].
const (
	ChangeAdded   = "added"
	ChangeUpdated = "updated"
)

// Key identifies what an alert is about: the search, the document and the version of it.
// The log never holds two alerts with one key: a document indexed again unchanged (after a
// crash, a rebuild, or new rules that still match) is not news.
func (a *Alert) Key() string { return a.Search + "\x00" + a.Document + "\x00" + a.Hash }

// alertKey is a compact form of [Alert.Key] for the log's memory of what it holds.
func alertKey(search, doc, hash string) uint64 {
	h := sha256.New()
	for _, s := range []string{search, doc, hash} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	return binary.BigEndian.Uint64(h.Sum(nil))
}

// alertLog appends alerts to the log of one index folder.
type alertLog struct {
	path string
	mu   sync.Mutex
	// keys are the keys of the alerts the log holds, read on the first append.
	keys map[uint64]bool
}

func newAlertLog(dir string) *alertLog { return &alertLog{path: filepath.Join(dir, AlertsFile)} }

// load reads the keys of the alerts the log holds, once.
func (l *alertLog) load() error {
	if l.keys != nil {
		return nil
	}
	l.keys = map[uint64]bool{}
	f, err := os.Open(l.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", l.path, err)
	}
	defer f.Close()
	var k struct {
		Search   string `json:"search"`
		Document string `json:"document"`
		Hash     string `json:"hash"`
	}
	err = eachLine(f, func(line []byte, _ int) {
		if json.Unmarshal(line, &k) == nil {
			l.keys[alertKey(k.Search, k.Document, k.Hash)] = true
		}
	})
	if err != nil {
		return fmt.Errorf("reading %s: %w", l.path, err)
	}
	return nil
}

// append writes the alerts the log does not hold yet, in one write, and syncs the file; it
// returns how many it wrote.
func (l *alertLog) append(alerts []Alert) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.load(); err != nil {
		return 0, err
	}
	var buf []byte
	added := map[uint64]bool{}
	for i := range alerts {
		a := &alerts[i]
		k := alertKey(a.Search, a.Document, a.Hash)
		if l.keys[k] || added[k] {
			continue
		}
		buf = appendAlertJSON(buf, a)
		buf = append(buf, '\n')
		added[k] = true
	}
	if len(added) == 0 {
		return 0, nil
	}
	if err := l.write(buf); err != nil {
		return 0, fmt.Errorf("recording alerts in %s: %w", l.path, err)
	}
	for k := range added {
		l.keys[k] = true
	}
	return len(added), nil
}

// write appends b to the log, after cutting off a last line a crash left without its
// newline, and syncs the file (and the folder, when the file is new).
func (l *alertLog) write(b []byte) error {
	_, statErr := os.Stat(l.path)
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := cutTornLine(f); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		if d, err := os.Open(filepath.Dir(l.path)); err == nil {
			_ = d.Sync()
			d.Close()
		}
	}
	return nil
}

// cutTornLine truncates f after its last newline when it does not end with one.
func cutTornLine(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	if size == 0 {
		return nil
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], size-1); err != nil {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	const chunk = 64 << 10
	end := size
	for end > 0 {
		start := max(end-chunk, 0)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil {
			return err
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			return f.Truncate(start + int64(i) + 1)
		}
		end = start
	}
	return f.Truncate(0)
}

// eachLine calls fn with each complete line of r (without its newline) and its number,
// counted from 1; a last line without a newline is one being written (or torn by a crash)
// and is left out.
func eachLine(r io.Reader, fn func(line []byte, n int)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		line = bytes.TrimSuffix(line, []byte{'\n'})
		if len(bytes.TrimSpace(line)) > 0 {
			fn(line, n)
		}
	}
}

// AlertQuery chooses alerts from the log.
type AlertQuery struct {
	// Since keeps alerts recorded at or after this time (zero: all).
	Since time.Time
	// Search keeps the alerts of one saved search; Document those of one document id.
	Search, Document string
}

func (q AlertQuery) keeps(a *Alert) bool {
	return (q.Since.IsZero() || !a.Time.Before(q.Since)) &&
		(q.Search == "" || a.Search == q.Search) && (q.Document == "" || a.Document == q.Document)
}

// ReadAlerts returns the alerts of the index in dir that q keeps, in the order they were
// recorded (oldest first). A folder with no alert log has none. Lines that are not alerts
// are left out, and the error (wrapping [ErrCorrupt]) names them; the alerts read are
// returned with it. Reading needs no lock: a log being written is read up to its last
// complete line.
func ReadAlerts(dir string, q AlertQuery) ([]Alert, error) {
	path := filepath.Join(dir, AlertsFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading alerts: %w", err)
	}
	defer f.Close()
	var out []Alert
	var bad []int
	err = eachLine(f, func(line []byte, n int) {
		var a Alert
		if err := json.Unmarshal(line, &a); err != nil || a.Search == "" || a.Document == "" {
			bad = append(bad, n)
			return
		}
		if q.keeps(&a) {
			out = append(out, a)
		}
	})
	if err != nil {
		return out, fmt.Errorf("reading alerts %s: %w", path, err)
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("reading alerts %s: %w: %d lines are not alerts (first: line %d)", path, ErrCorrupt, len(bad), bad[0])
	}
	return out, nil
}

// AlertCount is how many alerts a saved search has and when it had the last.
type AlertCount struct {
	Alerts int       `json:"alerts"`
	Last   time.Time `json:"last,omitzero"`
	// Since counts the alerts at or after the time asked about.
	Since int `json:"since"`
}

// CountAlerts counts the alerts of each saved search in the log of the index in dir, with
// those recorded at or after since. Errors are those of [ReadAlerts].
func CountAlerts(dir string, since time.Time) (map[string]AlertCount, error) {
	alerts, err := ReadAlerts(dir, AlertQuery{})
	out := map[string]AlertCount{}
	for i := range alerts {
		a := &alerts[i]
		c := out[a.Search]
		c.Alerts++
		if a.Time.After(c.Last) {
			c.Last = a.Time
		}
		if !since.IsZero() && !a.Time.Before(since) {
			c.Since++
		}
		out[a.Search] = c
	}
	return out, err
}

// ParseSince reads when to list alerts from, as users write it: how long ago ("36h",
// "7d"), an RFC 3339 time, or a date or date and time in the local zone ("2026-12-01",
// "2026-12-01T09:30").
func ParseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: give 2026-12-01, 2026-12-01T09:30, an RFC 3339 time, or how long ago (36h, 7d)", s)
}
