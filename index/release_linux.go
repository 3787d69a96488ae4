package index

import "syscall"

// releaseMapped drops the process's mappings of the pages of b, a read-only shared map of
// a file: they stay in the page cache, and the next read of one maps it again.
func releaseMapped(b []byte) {
	if len(b) > 0 {
		_ = syscall.Madvise(b, syscall.MADV_DONTNEED)
	}
}
