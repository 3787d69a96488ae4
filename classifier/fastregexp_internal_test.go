package classifier

import (
	"regexp"
	"testing"
)

// TestFastRegexpsAgree: the code that answers the common regexps of patterns agrees with the
// regexps themselves on every kind of unit.
func TestFastRegexpsAgree(t *testing.T) {
	units := []string{"", "0", "7", "12", "007", "12.5", "0.05", "1.", ".5", "1.2.3", "12a", "a12", "IV",
		"٣", "１２", "-3", "3-4", "10^6", "≥3", "1,000", "2024"}
	for expr, fast := range fastRegexps {
		re := regexp.MustCompile(`^(?:` + expr + `)$`)
		for _, u := range units {
			if got, want := fast(u), re.MatchString(u); got != want {
				t.Errorf("%s on %q: code %v, regexp %v", expr, u, got, want)
			}
		}
	}
}

// TestIsThousands: a count with commas between its thousands, and nothing else.
func TestIsThousands(t *testing.T) {
	re := regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
	for _, u := range []string{"6,234", "1,250,000", "12,000", "123,456", "1234", "1,23", "1,2345", ",234", "6,234,", "1,000.5", "a,234", "1000,000", "6,2a4", ""} {
		if got, want := isThousands(u), re.MatchString(u); got != want {
			t.Errorf("isThousands(%q) = %v, want %v", u, got, want)
		}
	}
}
