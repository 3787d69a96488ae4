package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// Config is trialtag's configuration, from config.yaml, TRIALTAG_* environment variables and
// flags, in rising order of precedence. Only this package reads it; the library packages get
// plain values.
type Config struct {
	// Rules is a folder of rule files; "" means the rules built into the binary.
	Rules string `mapstructure:"rules"`
	// Corpus is the folder tagged when no path is given.
	Corpus string `mapstructure:"corpus"`
	// Format is the output format of "tag": jsonl, table or csv; "" picks table on a
	// terminal and jsonl otherwise.
	Format string `mapstructure:"format"`
	// Workers is how many documents are tagged at once; 0 means one per core.
	Workers int `mapstructure:"workers"`
	// MaxDocSize is the largest single document read, such as "16MiB"; larger ones are skipped.
	MaxDocSize string `mapstructure:"max_doc_size"`
}

// configKeys are the keys config.yaml may hold, each also read from TRIALTAG_<KEY>.
var configKeys = []string{"rules", "corpus", "format", "workers", "max_doc_size"}

// ErrConfig marks configuration errors (exit code 2).
var ErrConfig = errors.New("configuration error")

// DefaultConfig returns the configuration used where nothing else is said.
func DefaultConfig() Config {
	return Config{Corpus: "corpus/seeds", MaxDocSize: "16MiB"}
}

// LoadConfig reads path (or config.yaml in the working folder when path is "" and the file
// exists), then the TRIALTAG_* variables that lookup finds.
func LoadConfig(path string, lookup func(string) (string, bool)) (Config, error) {
	v := viper.New()
	def := DefaultConfig()
	v.SetDefault("rules", def.Rules)
	v.SetDefault("corpus", def.Corpus)
	v.SetDefault("format", def.Format)
	v.SetDefault("workers", def.Workers)
	v.SetDefault("max_doc_size", def.MaxDocSize)
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
	for _, k := range configKeys {
		name := "TRIALTAG_" + strings.ToUpper(k)
		if val, ok := lookup(name); ok {
			if k == "workers" {
				if _, err := strconv.Atoi(strings.TrimSpace(val)); err != nil {
					return Config{}, fmt.Errorf("%w: %s: workers: %q is not a whole number", ErrConfig, name, val)
				}
			}
			v.Set(k, val)
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
	switch c.Format {
	case "", "jsonl", "table", "csv":
	default:
		errs = append(errs, fmt.Errorf("%w: format: %q is not jsonl, table or csv", ErrConfig, c.Format))
	}
	if c.Workers < 0 {
		errs = append(errs, fmt.Errorf("%w: workers: %d is negative", ErrConfig, c.Workers))
	}
	if _, err := ParseSize(c.MaxDocSize); err != nil {
		errs = append(errs, fmt.Errorf("%w: max_doc_size: %w", ErrConfig, err))
	}
	return errors.Join(errs...)
}

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

// flagValues are the flags that override configuration keys.
type flagValues struct {
	rules, format, maxDocSize string
	workers                   int
}

// apply copies the flags the user set onto cfg.
func (f flagValues) apply(cmd *cobra.Command, cfg *Config) {
	changed := func(name string) bool {
		fl := cmd.Flags().Lookup(name)
		return fl != nil && fl.Changed
	}
	if changed("rules") {
		cfg.Rules = f.rules
	}
	if changed("format") {
		cfg.Format = f.format
	}
	if changed("workers") {
		cfg.Workers = f.workers
	}
	if changed("max-doc-size") {
		cfg.MaxDocSize = f.maxDocSize
	}
}
