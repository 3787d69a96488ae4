package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

//go:embed doc.txt
var longHelp string

// version is set with -ldflags "-X main.version=..."; otherwise it comes from the build info.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// app is the state one run of the command shares between its subcommands.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configFile     string
	refsFile       string // --refs of the corpus commands
	cfg            Config
	code           int // the exit code a command asks for

	// Hooks of "trialtag index --watch" for tests: watching is called once the watch
	// began, watched after each batch is indexed, with its files.
	watching func()
	watched  func(paths []string)
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "trialtag",
		Short:         "Tag clinical-trial text by endpoint and toxicity with readable rules",
		Long:          longHelp,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "config file (default: config.yaml in the working folder, if there)")
	addConfigFlag(root.PersistentFlags(), "rules")
	root.AddCommand(newTagCmd(a))
	addEvalCommands(root, a)
	root.AddCommand(newRulesCmd(a), newExplainCmd(a), newContextCmd(a))
	root.AddCommand(newIndexCmd(a), newSearchCmd(a), newServeCmd(a), newSearchesCmd(a), newAlertsCmd(a))
	return root
}

// loadConfig reads the configuration: defaults, then config file, then TRIALTAG_*
// environment variables, then flags.
func (a *app) loadConfig(cmd *cobra.Command) error {
	cfg, err := LoadConfig(a.configFile, os.LookupEnv)
	if err != nil {
		return err
	}
	if err := flagOverrides(cmd, &cfg); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	a.cfg = cfg
	return nil
}

// loadRules loads the rule folder named in the configuration, or the built-in rules.
func (a *app) loadRules() (*classifier.RuleSet, error) {
	if a.cfg.Rules == "" {
		rs, err := classifier.Load(rules.FS)
		if err != nil {
			return nil, fmt.Errorf("built-in rules: %w", err)
		}
		return rs, nil
	}
	st, err := os.Stat(a.cfg.Rules)
	if err != nil {
		return nil, fmt.Errorf("rules folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("rules folder %s: not a folder", a.cfg.Rules)
	}
	rs, err := classifier.Load(os.DirFS(a.cfg.Rules))
	if err != nil {
		return nil, fmt.Errorf("rules in %s:\n%w", a.cfg.Rules, classifier.InDir(err, a.cfg.Rules))
	}
	return rs, nil
}

func (a *app) newClassifier() (*classifier.Classifier, error) {
	rs, err := a.loadRules()
	if err != nil {
		return nil, err
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		return nil, err
	}
	return classifier.New(rs, sp)
}

func writeErr(w io.Writer, err error) {
	fmt.Fprintf(w, "trialtag: %v\n", err)
}
