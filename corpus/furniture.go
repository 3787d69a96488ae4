package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furniturePhrases are whole lines (compared case-insensitively, trimmed, with trailing
// punctuation removed) that belong to a page's frame rather than to its content: menus,
// account links, share buttons, government-site banners, cookie and copyright notices.
var furniturePhrases = map[string]bool{}

func init() {
	for _, p := range []string{
		"skip to main content", "skip to main page content", "skip to content", "skip navigation",
		"main menu", "user menu", "menu", "navigation", "main navigation", "navigate", "search",
		"advanced search", "log in", "login", "logout", "log out", "sign in", "sign up", "register",
		"create an account", "my account", "subscribe", "subscriptions", "home", "tweet", "share",
		"email", "print", "facebook", "twitter", "linkedin", "reddit", "whatsapp", "cite", "permalink",
		"download pdf", "pdf", "full text", "full text links", "view article", "close", "close modal",
		"leave a comment", "leave a reply", "comments", "related articles", "similar articles",
		"cited by", "more resources", "linkout - more resources", "pubmed disclaimer", "publication types",
		"mesh terms", "associated data", "substances", "grants and funding", "actions", "page navigation",
		"an official website of the united states government", "dot gov", "https",
		"the site is secure", "the .gov means it’s official", "the .gov means it's official",
		"privacy policy", "privacy", "terms of use", "terms and conditions", "cookie policy",
		"cookie preferences", "cookie settings", "accept cookies", "accept all cookies", "manage cookies",
		"permissions", "contact us", "about us", "media kit", "back to top", "top", "next", "previous",
		"affiliations", "author information", "sign in or create an account",
		"wiley", "elsevier", "springer",
	} {
		furniturePhrases[p] = true
	}
}

// furniturePrefixes start lines that are page frame whatever follows them.
var furniturePrefixes = []string{
	"copyright", "©", "(c) copyright", "all rights reserved", "powered by", "click to ",
	"access keys", "federal government websites often end in", "the https:// ensures",
	"before sharing sensitive information", "← back", "« back",
	"this site uses cookies", "we use cookies", "by continuing to use", "cookies on this site",
	"use of this website is subject to",
	"sign in or create", "share this", "share on ", "follow us", "download citation",
	"an official website of",
}

// furnitureTopics are page features that a short line about them is furniture whatever its
// words: the reader's saved favourites and bookmarks ("View your favorites »", "Clear all
// your favorites"), feedback prompts ("Share your suggestions!") and paywall notices ("This
// feature is available to subscribers only"). Lines are matched in lower case.
var furnitureTopics = []struct {
	words    []string // the line holds one of these, or the regexp cannot match
	re       *regexp.Regexp
	maxWords int
}{
	{savedItemsWords, savedItemsRe, 8},
	{[]string{"feedback", "suggestion"}, regexp.MustCompile(`^((share|send|give|leave|submit|provide)\b.*\b(feedback|suggestions?)|feedback|suggestions)$`), 6},
	{[]string{"subscri", "member"}, regexp.MustCompile(`\bsubscribers?[ -]only\b|\bavailable (only )?to (subscribers|members)\b|\bsubscription (is )?required\b`), 15},
}

// savedItemsWords are the words savedItemsRe needs, one of which a line must hold.
var savedItemsWords = []string{"favo", "bookmark", "saved ", "reading list"}

// holdsAny reports whether s holds one of the words.
func holdsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Lines longer than maxFurnitureLineBytes are prose, judged by their first
// maxFurniturePrefixBytes only.
const (
	maxFurnitureLineBytes   = 400
	maxFurniturePrefixBytes = 64
)

// maxTopicWords is the longest line furnitureTopics judge.
const maxTopicWords = 15

// savedItemsRe finds the reader's saved items of a site: favourites, bookmarks, reading lists.
var savedItemsRe = regexp.MustCompile(`\b(favou?rites|bookmarks|saved (items|articles|abstracts|searches)|reading list)\b|\b(add to|remove from|your|my) (favou?rite|bookmark)`)

// siteHelpRe finds a line that tells the reader how to use the page ("by clicking the
// button"): with [savedItemsRe], instructions for a site's favourites feature of any length.
var siteHelpRe = regexp.MustCompile(`\byou(r)?\b.*\b(click|clicking|tap|button|browser)\b`)

// IsFurnitureLine reports whether a line of text is page furniture: a menu entry, an account
// or share link, a site banner, a cookie, copyright or "back to" notice, a "powered by"
// platform credit, a line about the reader's favourites or bookmarks, a feedback prompt or a
// paywall notice.
//
// It judges one line on its own; [Splitter] also treats short bulleted lines (menus) and
// whole sections such as an embargo policy as furniture.
func IsFurnitureLine(line string) bool {
	s := strings.TrimSpace(line)
	s = strings.TrimLeft(s, "•·▪◦*- \t")
	if s == "" {
		return false
	}
	if len(s) > maxFurnitureLineBytes {
		// A paragraph of prose: only a prefix can make it furniture ("This site uses
		// cookies …"), or being one long address. Lower-casing all of it would cost more
		// than the rest of this test.
		head := s[:maxFurniturePrefixBytes]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
		head = strings.ToLower(head)
		for _, p := range furniturePrefixes {
			if strings.HasPrefix(head, p) {
				return true
			}
		}
		return !strings.ContainsAny(s, " \t") && (strings.HasPrefix(head, "http") || strings.HasPrefix(head, "www."))
	}
	lower := strings.ToLower(s)
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	if strings.Contains(lower, "all rights reserved") {
		return true
	}
	if strings.HasPrefix(lower, "back to ") && wordCount(lower) <= 8 {
		return true // "Back to ACR Convergence 2025", not "back to work was achieved by ..."
	}
	key := strings.TrimRight(lower, ".:!»› ")
	if furniturePhrases[key] {
		return true
	}
	// Regular expressions run only on lines that hold one of their words: most lines are prose.
	if atMostWords(key, maxTopicWords) {
		words := wordCount(key)
		for _, t := range furnitureTopics {
			if words <= t.maxWords && holdsAny(key, t.words) && t.re.MatchString(key) {
				return true
			}
		}
	}
	if holdsAny(lower, savedItemsWords) && savedItemsRe.MatchString(lower) && siteHelpRe.MatchString(lower) {
		return true // "You can save a list of your favorite abstracts by clicking the button ..."
	}
	// A bare URL or domain on its own line.
	if !strings.ContainsRune(key, ' ') && (strings.HasPrefix(key, "http") || strings.HasPrefix(key, "www.")) {
		return true
	}
	return false
}

// isMenuItem reports whether a bulleted line is a navigation entry: a short label with no
// sentence punctuation.
func isMenuItem(line string) bool {
	s := strings.TrimSpace(line)
	r, size := utf8.DecodeRuneInString(s)
	if !isBullet(r) {
		return false
	}
	rest := strings.TrimSpace(s[size:])
	if rest == "" {
		return true
	}
	if strings.ContainsAny(rest[len(rest)-1:], ".!?;") {
		return false
	}
	return len(strings.Fields(rest)) <= 6
}

func isBullet(r rune) bool {
	switch r {
	case '•', '·', '▪', '◦', '‣', '∙', '*':
		return true
	}
	return false
}

// wordCount counts the space-separated words of s, without allocating.
func wordCount(s string) int { return countWords(s, -1) }

// atMostWords reports whether s has at most max words, stopping early on long lines.
func atMostWords(s string, max int) bool { return countWords(s, max) <= max }

// countWords counts the space-separated words of s, stopping once it passes stopAfter (when
// that is not negative).
func countWords(s string, stopAfter int) int {
	n, inWord := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			if n++; stopAfter >= 0 && n > stopAfter {
				break
			}
		}
	}
	return n
}

// endsSentence reports whether s ends with sentence-final punctuation (ignoring closing quotes
// and brackets).
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '”' || r == '’' || r == ')' || r == ']'
	})
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == ';'
}
