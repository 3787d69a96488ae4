package main

import (
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/trialtag/trialtag/export"
	"github.com/trialtag/trialtag/index"
)

// Config is trialtag's configuration, from config.yaml, TRIALTAG_* environment variables and
// flags, in rising order of precedence. Only this package reads it; the library packages get
// plain values. Each key is described once, in configTable.
type Config struct {
	// Rules is a folder of rule files; "" means the rules built into the binary.
	Rules string `mapstructure:"rules"`
	// Corpus is the folder tagged when no path is given.
	Corpus string `mapstructure:"corpus"`
	// Format is the output format of "tag": jsonl, table, csv, safety (one row per outcome
	// value with its incidence), bioc-xml, bioc-json, pubtator or brat (a folder: --out);
	// "" picks table on a terminal and jsonl otherwise.
	Format string `mapstructure:"format"`
	// Workers is how many documents are tagged at once; 0 means one per core.
	Workers int `mapstructure:"workers"`
	// MaxDocSize is the largest single document read, such as "16MiB"; larger ones are skipped.
	MaxDocSize string `mapstructure:"max_doc_size"`
	// MemoryLimit is the soft memory limit of "index" and "serve", such as "256MiB" (Go's
	// GOMEMLIMIT, which wins when set), or "off".
	MemoryLimit string `mapstructure:"memory_limit"`
	// Index is the folder of the search index ("index", "search" and "serve").
	Index string `mapstructure:"index"`
	// Shards is how many bleve indexes a new index spreads its documents over (searched
	// at once); 0 means one per core. An index keeps the count it was built with.
	Shards int `mapstructure:"shards"`
	// Searches is the saved-searches file; "" means searches.yaml beside the configuration
	// file (in the working folder without one), and no saved searches when it is not there.
	Searches string `mapstructure:"searches"`
	// Addr is the host:port "serve" listens on.
	Addr string `mapstructure:"addr"`
	// Hosts are the host names, comma-separated, that "serve" answers in a request's Host
	// header; "" means this machine's loopback names and the host of Addr.
	Hosts string `mapstructure:"hosts"`
	// SearchLimit is how many hits "search" shows by default.
	SearchLimit int `mapstructure:"search_limit"`
	// Data is the folder that the references of an evaluation set (eval --refs) point into.
	Data string `mapstructure:"data"`
	// MaxQuery* bound the cost of one search ("search" and "serve"); see index.Limits.
	MaxQueryBytes     int `mapstructure:"max_query_bytes"`
	MaxQueryTerms     int `mapstructure:"max_query_terms"`
	MaxQueryClauses   int `mapstructure:"max_query_clauses"`
	MaxQueryExpensive int `mapstructure:"max_query_expensive"`
	MaxQueryExpansion int `mapstructure:"max_query_expansion"`
}

// Limits returns the search limits of the configuration.
func (c Config) Limits() *index.Limits {
	return &index.Limits{QueryBytes: c.MaxQueryBytes, Terms: c.MaxQueryTerms, Clauses: c.MaxQueryClauses,
		Expensive: c.MaxQueryExpensive, Expansion: c.MaxQueryExpansion}
}

// configKey is one key of config.yaml, read also from TRIALTAG_<KEY> and, where it has one,
// from its flag.
type configKey struct {
	name  string // the key in config.yaml
	flag  string // the flag that overrides it, "" for none
	usage string // the flag's help
	def   any    // the default: a string or an int
	// field points into a Config: a *string or an *int.
	field func(*Config) any
}

// configTable is every configuration key, in the order the README lists them.
var configTable = []configKey{
	{"rules", "rules", "folder of rule files (*.yaml) to use instead of the built-in rules", "",
		func(c *Config) any { return &c.Rules }},
	{"corpus", "", "", "corpus/seeds", func(c *Config) any { return &c.Corpus }},
	{"format", "format", "output format: jsonl, table, csv, safety, bioc-xml, bioc-json, pubtator or brat (with --out) (default: table on a terminal, else jsonl)", "",
		func(c *Config) any { return &c.Format }},
	{"workers", "workers", "documents tagged at once (default: one per core)", 0,
		func(c *Config) any { return &c.Workers }},
	{"max_doc_size", "max-doc-size", "skip single documents larger than this", "16MiB",
		func(c *Config) any { return &c.MaxDocSize }},
	{"memory_limit", "memory-limit", "soft memory limit while indexing (\"off\": none; GOMEMLIMIT wins)", "256MiB",
		func(c *Config) any { return &c.MemoryLimit }},
	{"index", "index", "folder of the search index", ".trialtag/index",
		func(c *Config) any { return &c.Index }},
	{"shards", "shards", "shards of a new index, searched at once (default: one per core; an index keeps its count)", 0,
		func(c *Config) any { return &c.Shards }},
	{"searches", "searches", "saved-searches file (default: searches.yaml beside the config file, if there)", "",
		func(c *Config) any { return &c.Searches }},
	{"addr", "addr", "host:port to listen on", "127.0.0.1:8080",
		func(c *Config) any { return &c.Addr }},
	{"hosts", "hosts", "host names, comma-separated, that requests may name (default: loopback names and the host of --addr)", "",
		func(c *Config) any { return &c.Hosts }},
	{"search_limit", "limit", "most hits shown", 10,
		func(c *Config) any { return &c.SearchLimit }},
	{"data", "data", "folder that the references of --refs point into", "",
		func(c *Config) any { return &c.Data }},
	{"max_query_bytes", "", "", index.DefaultLimits.QueryBytes, func(c *Config) any { return &c.MaxQueryBytes }},
	{"max_query_terms", "", "", index.DefaultLimits.Terms, func(c *Config) any { return &c.MaxQueryTerms }},
	{"max_query_clauses", "", "", index.DefaultLimits.Clauses, func(c *Config) any { return &c.MaxQueryClauses }},
	{"max_query_expensive", "", "", index.DefaultLimits.Expensive, func(c *Config) any { return &c.MaxQueryExpensive }},
	{"max_query_expansion", "", "", index.DefaultLimits.Expansion, func(c *Config) any { return &c.MaxQueryExpansion }},
}

// configKeys are the keys config.yaml may hold, each also read from TRIALTAG_<KEY>.
var configKeys = func() []string {
	keys := make([]string, len(configTable))
	for i, k := range configTable {
		keys[i] = k.name
	}
	return keys
}()

// ErrConfig marks configuration errors (exit code 2).
var ErrConfig = errors.New("configuration error")

// DefaultConfig returns the configuration used where nothing else is said.
func DefaultConfig() Config {
	var c Config
	for _, k := range configTable {
		switch p := k.field(&c).(type) {
		case *string:
			*p = k.def.(string)
		case *int:
			*p = k.def.(int)
		}
	}
	return c
}

// configKeyAnnotation marks the flags that addConfigFlag registered with their key.
const configKeyAnnotation = "trialtag/config-key"

// addConfigFlag registers the flag of the configuration key named key on fs. Its value
// reaches the configuration through flagOverrides when the user sets it.
func addConfigFlag(fs *pflag.FlagSet, key string) {
	for _, k := range configTable {
		if k.name != key {
			continue
		}
		usage := k.usage
		if d := fmt.Sprint(k.def); d != "" && d != "0" {
			usage += fmt.Sprintf(" (default %s; config key %s)", d, k.name)
		} else {
			usage += fmt.Sprintf(" (config key %s)", k.name)
		}
		switch k.def.(type) {
		case int:
			fs.Int(k.flag, 0, usage)
		default:
			fs.String(k.flag, "", usage)
		}
		// Marked, so that a command's own flag of the same name (search --format) is not
		// taken for the key's.
		_ = fs.SetAnnotation(k.flag, configKeyAnnotation, []string{k.name})
		return
	}
	panic("addConfigFlag: no configuration key " + key) // a programming error, caught by every test
}

// LoadConfig reads path (or config.yaml in the working folder when path is "" and the file
// exists), then the TRIALTAG_* variables that lookup finds.
func LoadConfig(path string, lookup func(string) (string, bool)) (Config, error) {
	v := viper.New()
	for _, k := range configTable {
		v.SetDefault(k.name, k.def)
	}
	if path == "" {
		if _, err := os.Stat("config.yaml"); err == nil {
			path = "config.yaml"
		}
	}
	if path != "" {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return Config{}, fmt.Errorf("%w: reading %s: %w", ErrConfig, path, err)
		}
		var unknown []string
		for _, k := range v.AllKeys() {
			if !slices.Contains(configKeys, k) {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			return Config{}, fmt.Errorf("%w: %s: unknown key %s (known keys: %s)", ErrConfig, path,
				strings.Join(quoteAll(unknown), ", "), strings.Join(configKeys, ", "))
		}
	}
	for _, k := range configTable {
		name := "TRIALTAG_" + strings.ToUpper(k.name)
		if val, ok := lookup(name); ok {
			if _, isInt := k.def.(int); isInt {
				if _, err := strconv.Atoi(strings.TrimSpace(val)); err != nil {
					return Config{}, fmt.Errorf("%w: %s: %s: %q is not a whole number", ErrConfig, name, k.name, val)
				}
			}
			v.Set(k.name, val)
		}
	}
	var cfg Config
	if err := v.UnmarshalExact(&cfg); err != nil {
		where := "environment"
		if path != "" {
			where = path
		}
		return Config{}, fmt.Errorf("%w: %s: %w", ErrConfig, where, err)
	}
	return cfg, nil
}

// flagOverrides copies onto cfg the configuration flags of cmd that the user set.
func flagOverrides(cmd *cobra.Command, cfg *Config) error {
	for _, k := range configTable {
		if k.flag == "" {
			continue
		}
		fl := cmd.Flags().Lookup(k.flag)
		if fl == nil || !fl.Changed || !slices.Equal(fl.Annotations[configKeyAnnotation], []string{k.name}) {
			continue
		}
		switch p := k.field(cfg).(type) {
		case *string:
			*p = fl.Value.String()
		case *int:
			n, err := strconv.Atoi(fl.Value.String())
			if err != nil {
				return fmt.Errorf("--%s: %w", k.flag, err)
			}
			*p = n
		}
	}
	return nil
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = strconv.Quote(x)
	}
	return out
}

// Validate checks the values, naming the key of each bad one.
func (c Config) Validate() error {
	var errs []error
	if c.Format != "" && !slices.Contains(tagFormats, c.Format) && c.Format != string(export.Brat) {
		errs = append(errs, fmt.Errorf("%w: format: %q is not %s or brat", ErrConfig, c.Format, strings.Join(tagFormats, ", ")))
	}
	if c.Workers < 0 {
		errs = append(errs, fmt.Errorf("%w: workers: %d is negative", ErrConfig, c.Workers))
	}
	if _, err := ParseSize(c.MaxDocSize); err != nil {
		errs = append(errs, fmt.Errorf("%w: max_doc_size: %w", ErrConfig, err))
	}
	if _, err := c.memoryLimit(); err != nil {
		errs = append(errs, fmt.Errorf("%w: memory_limit: %w", ErrConfig, err))
	}
	if c.Shards < 0 || c.Shards > index.MaxShards {
		errs = append(errs, fmt.Errorf("%w: shards: %d is not from 0 (one per core) to %d", ErrConfig, c.Shards, index.MaxShards))
	}
	if strings.TrimSpace(c.Index) == "" {
		errs = append(errs, fmt.Errorf("%w: index: empty; name the folder of the search index", ErrConfig))
	}
	if host, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("%w: addr: %q is not host:port: %w", ErrConfig, c.Addr, err))
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs = append(errs, fmt.Errorf("%w: addr: %q: port %q is not a number from 0 to 65535", ErrConfig, c.Addr, port))
	} else if strings.ContainsAny(host, " /") {
		errs = append(errs, fmt.Errorf("%w: addr: %q: bad host %q", ErrConfig, c.Addr, host))
	}
	for _, l := range []struct {
		key      string
		val, min int
	}{
		{"max_query_bytes", c.MaxQueryBytes, 1}, {"max_query_terms", c.MaxQueryTerms, 1},
		{"max_query_clauses", c.MaxQueryClauses, 1}, {"max_query_expensive", c.MaxQueryExpensive, 0},
		{"max_query_expansion", c.MaxQueryExpansion, 1},
	} {
		if l.val < l.min {
			errs = append(errs, fmt.Errorf("%w: %s: %d is less than %d", ErrConfig, l.key, l.val, l.min))
		}
	}
	if c.SearchLimit < 1 || c.SearchLimit > maxSearchLimit {
		errs = append(errs, fmt.Errorf("%w: search_limit: %d is not from 1 to %d", ErrConfig, c.SearchLimit, maxSearchLimit))
	}
	return errors.Join(errs...)
}

// memoryLimit returns the soft memory limit in bytes, 0 for none.
func (c Config) memoryLimit() (int64, error) {
	if strings.EqualFold(strings.TrimSpace(c.MemoryLimit), "off") {
		return 0, nil
	}
	return ParseSize(c.MemoryLimit)
}

// maxSearchLimit is the largest search_limit (and search --limit).
const maxSearchLimit = 10000

// ParseSize reads a size such as "16MiB", "500KB", "2GB" or a plain number of bytes.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty size")
	}
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t = strings.TrimSpace(t[:len(t)-len(u.suffix)])
			mult = u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 16MiB", s)
	}
	bytes := n * float64(mult)
	if bytes < 1 || bytes >= math.MaxInt64 {
		return 0, fmt.Errorf("%q is out of range: a size is from 1 byte to 8 EiB", s)
	}
	return int64(math.Round(bytes)), nil
}
