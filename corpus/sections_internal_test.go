package corpus

import (
	"slices"
	"testing"
)

// TestSectionsListsEverySection checks that Sections holds, once each, every section the
// splitter can assign: the default, every heading's section and the title.
func TestSectionsListsEverySection(t *testing.T) {
	all := Sections()
	seen := map[Section]bool{}
	for _, s := range all {
		if seen[s] {
			t.Errorf("Sections lists %q twice", s)
		}
		seen[s] = true
	}
	assigned := []Section{SectionBody, SectionTitle}
	for _, s := range headingWords {
		assigned = append(assigned, s)
	}
	for _, p := range headingPatterns {
		assigned = append(assigned, p.sec)
	}
	for _, s := range assigned {
		if !slices.Contains(all, s) {
			t.Errorf("section %q can be assigned but is not in Sections()", s)
		}
	}
}
