package main

import (
	"os"
	"runtime/debug"
	"sync"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// bigDocBytes is the document size from which tagging lowers the garbage collector's
// headroom while the document is worked on: its working set is large and short-lived. On a
// 16 MB document the process peaked at 12 times the document with the default headroom and
// at 10 times with bigDocGCPercent, for some 10% more CPU on such documents only.
const bigDocBytes = 4 << 20

// bigDocGCPercent is the GOGC in force while a big document is tagged.
const bigDocGCPercent = 50

var bigDocs struct {
	sync.Mutex
	n   int // big documents being tagged
	old int // the GC percent to restore when n falls to 0
}

// bigDocScope lowers the GC headroom (process-wide, which the CLI owns) while a big
// document is worked on, until no big document is; call the returned func when done with it
// (its output written too). For a small document it does nothing.
func bigDocScope(doc *corpus.Document) (done func()) {
	if len(doc.Text) < bigDocBytes {
		return func() {}
	}
	bigDocs.Lock()
	if bigDocs.n == 0 {
		bigDocs.old = debug.SetGCPercent(bigDocGCPercent)
	}
	bigDocs.n++
	bigDocs.Unlock()
	return func() {
		bigDocs.Lock()
		bigDocs.n--
		if bigDocs.n == 0 {
			debug.SetGCPercent(bigDocs.old)
		}
		bigDocs.Unlock()
	}
}

// tagDoc tags a document within its bigDocScope.
func tagDoc(c *classifier.Classifier, doc *corpus.Document) *classifier.Result {
	defer bigDocScope(doc)()
	return c.Tag(doc)
}

// applyMemoryLimit sets the process's soft memory limit from memory_limit, unless
// GOMEMLIMIT says otherwise: indexing holds a batch being analysed and written, and the
// garbage collector, left to double the heap between collections, lets the process peak
// well above that (pmc-rct's full texts: 651 MiB without the limit, 603 MiB with it). Near
// the limit it collects sooner (Go caps the time it spends so at half the CPU), so a
// document larger than the limit still indexes.
func (a *app) applyMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if n, err := a.cfg.memoryLimit(); err == nil && n > 0 {
		debug.SetMemoryLimit(n)
	}
}
