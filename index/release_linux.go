package index

import "golang.org/x/sys/unix"

// releaseMapped drops the process's mappings of the pages of b, a read-only shared map of
// a file: they stay in the page cache, and the next read of one maps it again.
func releaseMapped(b []byte) {
	if len(b) > 0 {
		_ = unix.Madvise(b, unix.MADV_DONTNEED)
	}
}
