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

// TestWithoutSectionNumber drops a heading's number and leaves figures alone.
func TestWithoutSectionNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.2 Cytokine release syndrome", "Cytokine release syndrome"},
		{"3. Results", "Results"},
		{"2.3.1 Statistical analysis", "Statistical analysis"},
		{"3 patients had CRS", "3 patients had CRS"},
		{"2.5 mg/kg", "2.5 mg/kg"},
		{"100. Results", "100. Results"},
		{"3.", "3."},
		{"Results", "Results"},
	}
	for _, tt := range tests {
		if got := withoutSectionNumber(tt.in); got != tt.want {
			t.Errorf("withoutSectionNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
