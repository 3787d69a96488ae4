package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/pipeline"
)

// Item is a tagged document to add to the index or replace in it.
type Item struct {
	// Result is the tagged document; Result.Document.ID is its id in the index.
	Result *classifier.Result
	// Hash identifies the document's content, e.g. [ContentHash]. A document whose hash and
	// rules fingerprint match what the index holds is left alone.
	Hash string
}

// UpdateStats counts what an update did.
type UpdateStats struct {
	// Added counts documents new to the index, Updated documents replaced, and Unchanged
	// documents skipped because their hash and rules fingerprint were already indexed.
	Added, Updated, Unchanged int
	// Percolated counts the documents the saved searches ran on (see
	// [Index.SetPercolator]), and Alerts the new alerts recorded.
	Percolated, Alerts int
}

// A batch holds at most batchDocs bleve documents (documents and tagged sentences) and
// about batchBytes of document text: bleve analyses a whole batch in memory (every token
// with its positions, about 15 times the text), so the text bounds what indexing holds,
// whatever the size of the corpus or of its documents. Two batches are in flight at most
// (one written while the next is built). Measured on a million registry records, 2
// shards: batches of 4 MB and 2,000 documents peaked at 432 MiB of RSS (own memory 265,
// mapped index pages 174), 1 MB and 500 at 332–375 MiB in two runs (own 226–255, mapped
// 155–187), at 1,064–1,077 documents a second; smaller batches cost speed (a 30k-record
// corpus indexes 1.17× slower than with 4 MB): more small segments to merge.
const (
	batchDocs  = 500
	batchBytes = 1 << 20
)

// ContentHash returns the hash that [Index.TagAndUpdate] stores for a document: SHA-256 over
// its title, source, format and text. A document whose file moved is therefore updated,
// which keeps its stored source right for [Index.Prune].
func ContentHash(d *corpus.Document) string {
	h := sha256.New()
	var meta []byte
	if d.Meta != nil {
		meta, _ = json.Marshal(d.Meta) // a struct of strings and string lists: never fails
	}
	span := fmt.Sprintf("%d-%d", d.TitleStart, d.TitleEnd)
	for _, s := range []string{d.Title, d.Source, string(d.Format), d.Text, string(meta), span} {
		fmt.Fprintf(h, "%d:", len(s))
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// docRecord is what the index holds about a document for updates.
type docRecord struct {
	hash, rules, source string
	sentIDs             []string
}

// record reads a document's record; ok is false when the index does not hold it.
func (ix *Index) record(id string) (rec docRecord, ok bool, err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return rec, false, ErrClosed
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading document %s: %w: %v", id, ErrCorrupt, r)
		}
	}()
	d, err := ix.shardOf(id).bi.Document(id)
	if err != nil {
		return rec, false, fmt.Errorf("reading document %s: %w", id, err)
	}
	if d == nil {
		return rec, false, nil
	}
	var sents string
	d.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fieldHash:
			rec.hash = string(f.Value())
		case fieldRules:
			rec.rules = string(f.Value())
		case fieldSource:
			rec.source = string(f.Value())
		case fieldSents:
			sents = string(f.Value())
		}
	})
	rec.sentIDs = parseSents(id, sents)
	return rec, true, nil
}

// NeedsUpdate reports whether the document with this id and content hash must be (re)tagged
// and indexed: the index does not hold it, holds another hash, or holds it tagged under
// another rules fingerprint than [Index.Meta] says. Callers use it to skip tagging
// unchanged documents.
func (ix *Index) NeedsUpdate(id, hash string) (bool, error) {
	rec, ok, err := ix.record(id)
	if err != nil {
		return false, err
	}
	return !ok || rec.hash != hash || rec.rules != ix.Meta().RulesFingerprint, nil
}

// validID reports why id cannot be a document id, or "".
func validID(id string) string {
	switch {
	case id == "":
		return "empty document id"
	case strings.ContainsRune(id, 0):
		return "document id contains a NUL byte"
	}
	return ""
}

// Update adds the items to the index, replaces those it holds in another version, and skips
// those it holds unchanged (same hash, tagged under the index's rules fingerprint). It
// writes in batches, building the next batch while bleve writes the last one, and returns
// when everything is written. On error (or when ctx is cancelled) the batches written so
// far stay written, and the counts include the items of the batch that failed. Items with
// the same id: the last wins.
func (ix *Index) Update(ctx context.Context, items iter.Seq[Item]) (UpdateStats, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	var st UpdateStats
	if ix.readOnly {
		return st, fmt.Errorf("updating %s: %w", ix.dir, ErrReadOnly)
	}
	if ix.MappingStale() {
		return st, fmt.Errorf("updating %s: %w", ix.dir, ErrStale)
	}
	rules := ix.Meta().RulesFingerprint
	perc := ix.percolator()
	defer ix.releasingPages()()

	// The writer executes batches in order while the loop below builds the next one. With
	// saved searches, a percolator between them first runs them on each batch's new
	// documents and records the alerts (alerts before documents, so that a crash between
	// them loses none, see AlertsFile), while the writer writes the batch before.
	type pendingDoc struct {
		seq     uint64   // the batch that writes it
		sentIDs []string // its sentence documents
	}
	type pendingBatch struct {
		b    *shardBatch
		docs []*evalDoc // the documents to percolate
	}
	var written atomic.Uint64 // the last batch written
	var failed atomic.Bool
	var percolated, alerted atomic.Int64
	writes := make(chan pendingBatch, 1)
	writeErr := make(chan error, 1)
	go func() {
		var err error
		var seq uint64
		for pb := range writes {
			seq++
			if err == nil {
				if err = ix.writeBatch(pb.b); err == nil {
					written.Store(seq)
				} else {
					failed.Store(true)
				}
			}
		}
		writeErr <- err
	}()
	// Without saved searches the batches go straight to the writer: no percolator stage,
	// no documents kept for it.
	batches, percErr := writes, make(chan error, 1)
	if perc == nil {
		percErr <- nil
	} else {
		batches = make(chan pendingBatch, 1)
		go func() {
			var err error
			for pb := range batches {
				if err == nil && len(pb.docs) > 0 {
					var n int
					n, err = ix.percolateBatch(ctx, perc, pb.docs)
					percolated.Add(int64(len(pb.docs)))
					alerted.Add(int64(n))
				}
				if err != nil {
					failed.Store(true) // and the batch is not written: its alerts are not recorded
					continue
				}
				writes <- pb
			}
			close(writes)
			percErr <- err
		}()
	}
	// pending holds the documents of batches not yet known to be written, which the index
	// cannot tell us about yet.
	pending := map[string]pendingDoc{}
	var seq uint64 = 1 // the batch being built
	batch := ix.newBatch()
	textBytes := 0 // the text of the documents in batch
	var toPercolate []*evalDoc
	finish := func(err error) (UpdateStats, error) {
		if batch.Size() > 0 && err == nil {
			batches <- pendingBatch{batch, toPercolate}
		}
		close(batches) // the percolator closes writes after it, if there is one
		if perr := <-percErr; perr != nil && err == nil {
			err = perr
		}
		if werr := <-writeErr; werr != nil && err == nil {
			err = werr
		}
		st.Percolated, st.Alerts = int(percolated.Load()), int(alerted.Load())
		return st, err
	}
	for it := range items {
		if err := ctx.Err(); err != nil {
			return finish(fmt.Errorf("updating %s: %w", ix.dir, err))
		}
		if failed.Load() {
			return finish(nil) // the writer's (or the percolator's) error
		}
		if it.Result == nil || it.Result.Document == nil {
			return finish(fmt.Errorf("updating %s: item without a document", ix.dir))
		}
		id := it.Result.Document.ID
		if why := validID(id); why != "" {
			return finish(fmt.Errorf("updating %s: document from %s: %s", ix.dir, it.Result.Document.Source, why))
		}
		p, inFlight := pending[id]
		old, exists := p.sentIDs, inFlight
		if !inFlight {
			rec, ok, err := ix.record(id)
			if err != nil {
				return finish(fmt.Errorf("updating %s: %w", ix.dir, err))
			}
			if ok && rec.hash == it.Hash && rec.rules == rules {
				st.Unchanged++
				continue
			}
			exists, old = ok, rec.sentIDs
		}
		doc, sents, err := docFields(it.Result, it.Hash, rules)
		if err != nil {
			return finish(fmt.Errorf("updating %s: %w", ix.dir, err))
		}
		newIDs := make(map[string]bool, len(sents))
		for _, s := range sents {
			newIDs[s.id] = true
		}
		for _, sid := range old {
			if !newIDs[sid] {
				batch.Delete(sid)
			}
		}
		if err := batch.Index(doc.id, doc.fields); err != nil {
			return finish(fmt.Errorf("updating %s: document %s: %w", ix.dir, id, err))
		}
		ids := make([]string, 0, len(sents))
		for _, s := range sents {
			if err := batch.Index(s.id, s.fields); err != nil {
				return finish(fmt.Errorf("updating %s: document %s: %w", ix.dir, id, err))
			}
			ids = append(ids, s.id)
		}
		pending[id] = pendingDoc{seq: seq, sentIDs: ids}
		textBytes += len(it.Result.Document.Text) + len(it.Result.Document.Title)
		change := ChangeAdded
		if exists {
			st.Updated++
			change = ChangeUpdated
		} else {
			st.Added++
		}
		if perc != nil {
			ed := newEvalDoc(it.Result, doc, sents)
			ed.change, ed.hash = change, it.Hash
			toPercolate = append(toPercolate, ed)
		}
		if batch.Size() >= batchDocs || textBytes >= batchBytes {
			select {
			case batches <- pendingBatch{batch, toPercolate}:
			case <-ctx.Done():
				return finish(fmt.Errorf("updating %s: %w", ix.dir, ctx.Err()))
			}
			batch = ix.newBatch()
			toPercolate = nil
			textBytes = 0
			seq++
			done := written.Load()
			for id, p := range pending {
				if p.seq <= done {
					delete(pending, id)
				}
			}
		}
	}
	return finish(nil)
}

// percolateBatch runs p on the new documents of a batch and records the alerts, returning
// how many were new to the log.
func (ix *Index) percolateBatch(ctx context.Context, p *Percolator, docs []*evalDoc) (int, error) {
	docs = lastOfEach(docs)
	matches, err := p.percolate(ctx, docs)
	if err != nil {
		return 0, fmt.Errorf("updating %s: %w", ix.dir, err)
	}
	if len(matches) == 0 {
		return 0, nil
	}
	byID := make(map[string]*evalDoc, len(docs))
	for _, d := range docs {
		byID[d.doc.id] = d
	}
	queries := make(map[string]string, len(p.searches))
	for _, s := range p.searches {
		queries[s.Name] = s.Query
	}
	now := time.Now().UTC()
	alerts := make([]Alert, 0, len(matches))
	for _, m := range matches {
		d := byID[m.Document]
		doc := d.res.Document
		alerts = append(alerts, Alert{Time: now, Match: m, Query: queries[m.Search], Title: doc.Title, Source: doc.Source,
			Hash: d.hash, Change: d.change})
	}
	n, err := ix.alerts.append(alerts)
	if err != nil {
		return 0, fmt.Errorf("updating %s: %w", ix.dir, err)
	}
	return n, nil
}

// writeBatch executes a batch, with the next write generation (see checkLatestSnapshot).
// The caller holds writeMu, or is Create.
func (ix *Index) writeBatch(b *shardBatch) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	if ix.readOnly {
		return fmt.Errorf("writing to %s: %w", ix.dir, ErrReadOnly)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing to %s: %w: %v", ix.dir, ErrCorrupt, r)
		}
	}()
	gen := atomic.AddUint64(&ix.gen, 1)
	if err := b.execute(gen); err != nil {
		return fmt.Errorf("writing to %s: %w", ix.dir, err)
	}
	return nil
}

// TagAndUpdate tags and indexes documents: it skips the unchanged ones before tagging them
// (see [Index.NeedsUpdate]), tags the rest with c on workers goroutines (0 means one per
// CPU), and writes them with [Index.Update]. The hash of each document is [ContentHash].
// c must use the rule set whose fingerprint [Index.Meta] holds, or the update fails with
// [ErrRulesChanged].
func (ix *Index) TagAndUpdate(ctx context.Context, c *classifier.Classifier, docs iter.Seq[*corpus.Document], workers int) (UpdateStats, error) {
	if got, want := c.RuleSet().Fingerprint, ix.Meta().RulesFingerprint; got != want {
		return UpdateStats{}, fmt.Errorf("updating %s: %w: the classifier's rules are %s, the index's %s", ix.dir, ErrRulesChanged, got, want)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	type job struct {
		doc  *corpus.Document
		hash string
	}
	var unchanged int
	var feedErr error
	// need runs on the pool's reading goroutine, which has ended when Update's loop has.
	need := func(yield func(job) bool) {
		for d := range docs {
			if ctx.Err() != nil {
				return
			}
			h := ContentHash(d)
			need, err := ix.NeedsUpdate(d.ID, h)
			if err != nil {
				feedErr = err
				cancel()
				return
			}
			if !need {
				unchanged++
				continue
			}
			if !yield(job{doc: d, hash: h}) {
				return
			}
		}
	}
	// Up to 256 documents ahead of the writer: enough that tagging goes on while bleve writes
	// a batch.
	tagged := pipeline.OrderedAhead(ctx, need, workers, 256, func(j job) Item {
		return Item{Result: c.Tag(j.doc), Hash: j.hash}
	})
	items := func(yield func(Item) bool) {
		for _, it := range tagged {
			if !yield(it) {
				return
			}
		}
	}
	st, err := ix.Update(ctx, items)
	cancel()
	st.Unchanged += unchanged
	switch {
	case feedErr != nil && (err == nil || errors.Is(err, context.Canceled)):
		err = feedErr
	case err == nil && parent.Err() != nil:
		err = fmt.Errorf("updating %s: %w", ix.dir, parent.Err())
	}
	return st, err
}

// Prune removes the documents for which keep returns false, with their sentences, and
// returns how many it removed. keep gets each document's id and source (a path, or
// "path:line" for a record of a multi-record file).
func (ix *Index) Prune(keep func(id, source string) bool) (int, error) {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if ix.readOnly {
		return 0, fmt.Errorf("pruning %s: %w", ix.dir, ErrReadOnly)
	}
	n, err := ix.countType(typeDoc)
	if err != nil {
		return 0, fmt.Errorf("pruning %s: %w", ix.dir, err)
	}
	if n == 0 {
		return 0, nil
	}
	q := bleve.NewTermQuery(typeDoc)
	q.SetField(fieldType)
	req := bleve.NewSearchRequestOptions(q, int(n), 0, false)
	req.Fields = []string{fieldSource, fieldSents}
	req.Score = "none"
	res, err := ix.search(req)
	if err != nil {
		return 0, fmt.Errorf("pruning %s: %w", ix.dir, err)
	}
	batch := ix.newBatch()
	removed := 0
	for _, h := range res.Hits {
		src, _ := h.Fields[fieldSource].(string)
		if keep(h.ID, src) {
			continue
		}
		sents, _ := h.Fields[fieldSents].(string)
		batch.Delete(h.ID)
		for _, sid := range parseSents(h.ID, sents) {
			batch.Delete(sid)
		}
		removed++
		if batch.Size() >= batchDocs {
			if err := ix.writeBatch(batch); err != nil {
				return removed, fmt.Errorf("pruning %s: %w", ix.dir, err)
			}
			batch.Reset()
		}
	}
	if batch.Size() > 0 {
		if err := ix.writeBatch(batch); err != nil {
			return removed, fmt.Errorf("pruning %s: %w", ix.dir, err)
		}
	}
	return removed, nil
}

// Outdated counts the documents tagged under another rules fingerprint than [Index.Meta]
// holds: what an update after a rule change must re-tag.
func (ix *Index) Outdated() (uint64, error) {
	typ := bleve.NewTermQuery(typeDoc)
	typ.SetField(fieldType)
	cur := bleve.NewTermQuery(ix.Meta().RulesFingerprint)
	cur.SetField(fieldRules)
	q := bleve.NewBooleanQuery()
	q.AddMust(typ)
	q.AddMustNot(cur)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	res, err := ix.search(req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}
