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
