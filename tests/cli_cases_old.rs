//! A one-off check, to be deleted with it: the old table of CLI cases, each with the
//! substrings its stdout and stderr had to (not) contain, checked against the case files in
//! `tests/cmd/` that replace it. Each case's file must hold the same sandbox, arguments and
//! folder, and its blessed exact output must meet every old assertion.

struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// Run in this subdirectory of the sandbox.
    cwd: &'static str,
    args: &'static [&'static str],
    status: i32,
    stdout: &'static [&'static str],
    not_stdout: &'static [&'static str],
    stderr: &'static [&'static str],
}

const BASE: Case = Case {
    name: "",
    files: &[],
    cwd: ".",
    args: &[],
    status: 0,
    stdout: &[],
    not_stdout: &[],
    stderr: &[],
};

const WEASEL: &str = "Experts say it works.\n";
const HEDGE: &str = "The cat may sit on the mat.\n";

const CASES: &[Case] = &[
    // --- configuration discovery and layering ---
    Case {
        name: "config found in a parent directory",
        files: &[
            ("hedgelint.toml", "ignore = [\"weasel\"]\n"),
            ("sub/a.txt", WEASEL),
        ],
        cwd: "sub",
        args: &["check", "--format", "short", "a.txt"],
        status: 0,
        not_stdout: &["vague-attribution"],
        ..BASE
    },
    Case {
        name: "dot-config is found too",
        files: &[
            (".hedgelint.toml", "ignore = [\"vague-attribution\"]\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "--no-config ignores the file",
        files: &[
            ("hedgelint.toml", "ignore = [\"weasel\"]\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--no-config", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:1:1: warning[vague-attribution]:"],
        ..BASE
    },
    Case {
        name: "--config names another file",
        files: &[("strict.toml", "fail-on = \"info\"\n"), ("a.txt", HEDGE)],
        args: &[
            "check",
            "--config",
            "strict.toml",
            "--format",
            "short",
            "a.txt",
        ],
        status: 1,
        stdout: &["info[hedge-modal]"],
        ..BASE
    },
    Case {
        name: "a missing --config file is an error",
        files: &[("a.txt", HEDGE)],
        args: &["check", "--config", "nope.toml", "a.txt"],
        status: 2,
        stderr: &["cannot read config file nope.toml: No such file or directory"],
        ..BASE
    },
    Case {
        name: "a typo'd key fails, naming the key and its line",
        files: &[
            (
                "hedgelint.toml",
                "fail-on = \"info\"\nfial-on = \"error\"\n",
            ),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &[
            "unknown field `fial-on`",
            "hedgelint.toml:2:1",
            "fial-on = \"error\"",
        ],
        ..BASE
    },
    Case {
        name: "a bad value fails with a span",
        files: &[
            ("hedgelint.toml", "\nfail-on = \"sometimes\"\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["unknown variant `sometimes`", "hedgelint.toml:2:11"],
        ..BASE
    },
    Case {
        name: "a typo'd key inside an override fails",
        files: &[
            (
                "hedgelint.toml",
                "[[overrides]]\nfiles = [\"*.md\"]\nexclude = [\"x\"]\n",
            ),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["unknown field `exclude`", "hedgelint.toml:3:1"],
        ..BASE
    },
    Case {
        name: "an unknown rule id in ignore fails with its line",
        files: &[
            (
                "hedgelint.toml",
                "ignore = [\n  \"vauge-attribution\",\n]\n",
            ),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &[
            "unknown rule or kind `vauge-attribution`",
            "hedgelint.toml:2:3",
        ],
        ..BASE
    },
    Case {
        name: "an unknown rule in a [rules] table fails",
        files: &[
            ("hedgelint.toml", "[rules.hedge-modl]\nseverity = \"off\"\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["unknown rule `hedge-modl`", "hedgelint.toml:1:8"],
        ..BASE
    },
    Case {
        name: "an unknown preset fails",
        files: &[
            ("hedgelint.toml", "preset = \"poetry\"\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &[
            "unknown preset `poetry`, expected one of `academic`, `general`, `journalism`",
            "hedgelint.toml:1:10",
        ],
        ..BASE
    },
    Case {
        name: "--preset wins over the file's preset",
        files: &[
            ("hedgelint.toml", "preset = \"poetry\"\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "--preset", "academic", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "[thresholds] in the config fail a document",
        files: &[
            ("hedgelint.toml", "[thresholds]\nmin-certainty = 0.9\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:1:1: error[min-certainty]"],
        ..BASE
    },
    Case {
        name: "a threshold flag wins over [thresholds]",
        files: &[
            ("hedgelint.toml", "[thresholds]\nmin-certainty = 0.9\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "--min-certainty", "0.1", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "a typo in [thresholds] fails",
        files: &[
            ("hedgelint.toml", "[thresholds]\nmin-certainity = 0.9\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["unknown field `min-certainity`", "hedgelint.toml:2:1"],
        ..BASE
    },
    Case {
        name: "a known preset is accepted",
        files: &[
            ("hedgelint.toml", "preset = \"journalism\"\n"),
            ("a.txt", HEDGE),
        ],
        args: &["check", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "select keeps only the kinds named",
        files: &[
            (
                "hedgelint.toml",
                "select = [\"hedge\"]\nfail-on = \"info\"\n",
            ),
            ("a.txt", "Experts say it may work.\n"),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["info[hedge-modal]"],
        not_stdout: &["vague-attribution"],
        ..BASE
    },
    Case {
        name: "a per-rule severity raises a finding",
        files: &[
            (
                "hedgelint.toml",
                "fail-on = \"error\"\n[rules.vague-attribution]\nseverity = \"error\"\n",
            ),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:1:1: error[vague-attribution]"],
        ..BASE
    },
    Case {
        name: "severity off silences a rule",
        files: &[
            (
                "hedgelint.toml",
                "[rules.vague-attribution]\nseverity = \"off\"\n",
            ),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 0,
        not_stdout: &["vague-attribution"],
        ..BASE
    },
    Case {
        name: "fail-on in the config, and the flag over it",
        files: &[
            ("hedgelint.toml", "fail-on = \"error\"\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "the --fail-on flag wins over the config",
        files: &[
            ("hedgelint.toml", "fail-on = \"error\"\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--fail-on", "warning", "a.txt"],
        status: 1,
        ..BASE
    },
    Case {
        name: "exclude prunes walked folders",
        files: &[
            ("hedgelint.toml", "exclude = [\"drafts/**\"]\n"),
            ("drafts/a.md", WEASEL),
            ("docs/b.md", WEASEL),
        ],
        args: &["check", "--format", "short"],
        status: 1,
        stdout: &["docs/b.md:1:1"],
        not_stdout: &["drafts"],
        ..BASE
    },
    Case {
        name: "exclude applies to files named on the command line (pre-commit)",
        files: &[
            ("hedgelint.toml", "exclude = [\"CHANGELOG.md\"]\n"),
            ("CHANGELOG.md", WEASEL),
        ],
        args: &["check", "--format", "short", "CHANGELOG.md"],
        status: 0,
        ..BASE
    },
    Case {
        name: "include replaces the default extensions",
        files: &[
            ("hedgelint.toml", "include = [\"*.rst\"]\n"),
            ("a.rst", WEASEL),
            ("b.md", WEASEL),
        ],
        args: &["check", "--format", "short", "."],
        status: 1,
        stdout: &["a.rst:1:1"],
        not_stdout: &["b.md"],
        ..BASE
    },
    Case {
        name: "globs are relative to the config file",
        files: &[
            ("hedgelint.toml", "exclude = [\"sub/skip/**\"]\n"),
            ("sub/skip/a.md", WEASEL),
            ("sub/keep/a.md", WEASEL),
        ],
        cwd: "sub",
        args: &["check", "--format", "short"],
        status: 1,
        stdout: &["keep/a.md"],
        not_stdout: &["skip"],
        ..BASE
    },
    Case {
        name: ".gitignore is respected",
        files: &[
            (".gitignore", "build/\n"),
            ("build/a.md", WEASEL),
            ("b.md", HEDGE),
        ],
        args: &["check", "--format", "short"],
        status: 0,
        not_stdout: &["build"],
        ..BASE
    },
    Case {
        name: "--no-ignore checks ignored files",
        files: &[(".gitignore", "build/\n"), ("build/a.md", WEASEL)],
        args: &["check", "--no-ignore", "--format", "short"],
        status: 1,
        stdout: &["build/a.md:1:1"],
        ..BASE
    },
    Case {
        name: "respect-gitignore = false checks ignored files",
        files: &[
            ("hedgelint.toml", "respect-gitignore = false\n"),
            (".gitignore", "*.md\n"),
            ("a.md", WEASEL),
        ],
        args: &["check", "--format", "short"],
        status: 1,
        stdout: &["a.md:1:1"],
        ..BASE
    },
    // --- score finds and reads files as check does ---
    Case {
        name: "score honours exclude and .gitignore",
        files: &[
            (
                "hedgelint.toml",
                "exclude = [\"drafts/**\", \"notes.md\"]\n",
            ),
            (".gitignore", "build/\n"),
            ("a.md", WEASEL),
            ("drafts/d.md", WEASEL),
            ("build/b.md", WEASEL),
            ("notes.md", WEASEL),
        ],
        args: &["score", ".", "notes.md"],
        status: 0,
        stdout: &["./a.md "],
        not_stdout: &["drafts", "build", "notes.md"],
        ..BASE
    },
    Case {
        name: "score honours include",
        files: &[
            ("hedgelint.toml", "include = [\"*.rst\"]\n"),
            ("a.md", WEASEL),
            ("b.rst", WEASEL),
        ],
        args: &["score"],
        status: 0,
        stdout: &["./b.rst "],
        not_stdout: &["a.md"],
        ..BASE
    },
    Case {
        name: "score --no-ignore reads ignored files",
        files: &[(".gitignore", "build/\n"), ("build/b.md", WEASEL)],
        args: &["score", "--no-ignore", "--format", "json"],
        status: 0,
        stdout: &["\"path\": \"./build/b.md\""],
        ..BASE
    },
    Case {
        name: "score skips a binary file with a note",
        files: &[("bin.txt", "Experts say \0 it works.\n"), ("a.md", WEASEL)],
        args: &["score", "bin.txt", "a.md"],
        status: 0,
        stdout: &[
            "a.md ",
            "note[skipped]: bin.txt: skipped: binary file (NUL byte at offset 12)",
        ],
        not_stdout: &["bin.txt  "],
        ..BASE
    },
    Case {
        name: "score JSON leaves a binary file out, as check does",
        files: &[("bin.txt", "x\0y\n")],
        args: &["score", "--format", "json", "bin.txt"],
        status: 0,
        stdout: &["\"errors\": []", "\"files\": []"],
        ..BASE
    },
    Case {
        name: "score names a missing file, scores the others and exits 2",
        files: &[("a.md", WEASEL)],
        args: &["score", "missing.md", "a.md"],
        status: 2,
        stdout: &["a.md ", "error[io]: missing.md: "],
        ..BASE
    },
    Case {
        name: "score is not failed by findings, whatever fail-on says",
        files: &[("hedgelint.toml", "fail-on = \"info\"\n"), ("a.md", HEDGE)],
        args: &["score", "a.md"],
        status: 0,
        stdout: &["a.md "],
        ..BASE
    },
    Case {
        name: "score takes the preset from the config",
        files: &[
            ("hedgelint.toml", "preset = \"journalism\"\n"),
            ("a.md", WEASEL),
        ],
        args: &["score", "--format", "json", "--threads", "1", "-q", "a.md"],
        status: 0,
        stdout: &["\"preset\": \"journalism\""],
        ..BASE
    },
    Case {
        name: "rules-dir adds the user's own rules",
        files: &[
            ("hedgelint.toml", "rules-dir = \"style\"\n"),
            (
                "style/no-synergy.toml",
                "id = \"no-synergy\"\nkind = \"claim\"\nseverity = \"warning\"\nmessage = \"jargon: {match}\"\npatterns = [\"synergy\"]\n[docs]\nwhat = \"Flags synergy.\"\nwhy = \"Jargon.\"\n",
            ),
            ("a.txt", "We want synergy.\n"),
        ],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:1:9: warning[no-synergy]: jargon: synergy"],
        ..BASE
    },
    Case {
        name: "a bad user rule is reported in its own file",
        files: &[
            ("hedgelint.toml", "rules-dir = \"style\"\n"),
            (
                "style/no-synergy.toml",
                "id = \"no-synergy\"\nkind = \"claim\"\nseverity = \"warning\"\nmesage = \"m\"\n",
            ),
            ("a.txt", WEASEL),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["unknown field `mesage`", "no-synergy.toml:4:1"],
        ..BASE
    },
    Case {
        name: "a missing rules-dir points at the key",
        files: &[
            ("hedgelint.toml", "rules-dir = \"nowhere\"\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "a.txt"],
        status: 2,
        stderr: &["cannot read rules-dir `nowhere`", "hedgelint.toml:1:13"],
        ..BASE
    },
    Case {
        name: "overrides change settings per path",
        files: &[
            (
                "hedgelint.toml",
                "[[overrides]]\nfiles = [\"release/**\"]\nfail-on = \"info\"\n[overrides.rules.hedge-modal]\nseverity = \"error\"\n",
            ),
            ("release/notes.md", HEDGE),
            ("blog/post.md", HEDGE),
        ],
        args: &["check", "--format", "short"],
        status: 1,
        stdout: &[
            "release/notes.md:1:9: error[hedge-modal]",
            "blog/post.md:1:9: info[hedge-modal]",
        ],
        ..BASE
    },
    Case {
        name: "overrides can ignore rules for some paths",
        files: &[
            (
                "hedgelint.toml",
                "[[overrides]]\nfiles = [\"drafts/*.md\"]\nignore = [\"weasel\"]\n",
            ),
            ("drafts/a.md", WEASEL),
        ],
        args: &["check", "--format", "short"],
        status: 0,
        ..BASE
    },
    Case {
        name: "quotations are off by default",
        files: &[(
            "a.md",
            "> Experts say it works.\n\nThe slogan “experts say it works” was everywhere.\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 0,
        not_stdout: &["vague-attribution"],
        ..BASE
    },
    Case {
        name: "lint-quotations = true reports inside quotations",
        files: &[
            ("hedgelint.toml", "lint-quotations = true\n"),
            (
                "a.md",
                "> Experts say it works.\n\nThe slogan “experts say it works” was everywhere.\n",
            ),
        ],
        args: &["check", "--format", "short", "a.md"],
        status: 1,
        stdout: &[
            "a.md:1:3: warning[vague-attribution]",
            "a.md:3:13: warning[vague-attribution]",
        ],
        ..BASE
    },
    Case {
        name: "--lint-quotations does the same",
        files: &[(
            "a.txt",
            "The slogan \"experts say it works\" was everywhere.\n",
        )],
        args: &["check", "--lint-quotations", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:1:13: warning[vague-attribution]"],
        ..BASE
    },
    Case {
        name: "max-warnings fails a run that fail-on lets pass",
        files: &[
            ("hedgelint.toml", "fail-on = \"error\"\nmax-warnings = 0\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "a.txt"],
        status: 1,
        stdout: &["1 warning, 0 infos (more than the 0 allowed)"],
        ..BASE
    },
    Case {
        name: "--max-warnings wins over the config",
        files: &[
            ("hedgelint.toml", "fail-on = \"error\"\nmax-warnings = 0\n"),
            ("a.txt", WEASEL),
        ],
        args: &["check", "--max-warnings", "1", "a.txt"],
        status: 0,
        ..BASE
    },
    Case {
        name: "--select and --ignore on the command line",
        files: &[("a.txt", "Experts say it may work.\n")],
        args: &[
            "check",
            "--select",
            "weasel,hedge",
            "--ignore",
            "vague-attribution",
            "--fail-on",
            "info",
            "--format",
            "short",
            "a.txt",
        ],
        status: 1,
        stdout: &["hedge-modal"],
        not_stdout: &["vague-attribution"],
        ..BASE
    },
    Case {
        name: "an unknown rule in --select is an error",
        files: &[("a.txt", WEASEL)],
        args: &["check", "--select", "weasel,nope", "a.txt"],
        status: 2,
        stderr: &["unknown rule or kind `nope` in --select"],
        ..BASE
    },
    // --- suppressions ---
    Case {
        name: "disable … enable in Markdown",
        files: &[(
            "a.md",
            "<!-- hedgelint-disable vague-attribution -->\nExperts say one.\n<!-- hedgelint-enable -->\n\nExperts say two.\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 1,
        stdout: &["a.md:5:1: warning[vague-attribution]"],
        not_stdout: &["a.md:2:"],
        ..BASE
    },
    Case {
        name: "disable-next-line silences only the rules it names",
        files: &[(
            "a.md",
            "<!-- hedgelint-disable-next-line hedge -->\nExperts say it may work.\n",
        )],
        args: &["check", "--fail-on", "info", "--format", "short", "a.md"],
        status: 1,
        stdout: &["a.md:2:1: warning[vague-attribution]"],
        not_stdout: &["hedge-modal"],
        ..BASE
    },
    Case {
        name: "disable-line silences the comment's own line",
        files: &[(
            "a.md",
            "Experts say it works. <!-- hedgelint-disable-line -->\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 0,
        ..BASE
    },
    Case {
        name: "disable-file silences the whole file",
        files: &[(
            "a.md",
            "Experts say it works.\n\n<!-- hedgelint-disable-file -->\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 0,
        ..BASE
    },
    Case {
        name: "plain text uses directive lines",
        files: &[(
            "a.txt",
            "hedgelint: disable-next-line vague-attribution\nExperts say one.\nExperts say two.\n",
        )],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:3:1: warning[vague-attribution]"],
        not_stdout: &["a.txt:2:"],
        ..BASE
    },
    Case {
        name: "plain text disable and enable",
        files: &[(
            "a.txt",
            "hedgelint: disable\nExperts say one.\nhedgelint: enable\nExperts say two.\n",
        )],
        args: &["check", "--format", "short", "a.txt"],
        status: 1,
        stdout: &["a.txt:4:1:"],
        not_stdout: &["a.txt:2:"],
        ..BASE
    },
    Case {
        name: "an unknown rule in a suppression is a warning at the comment",
        files: &[(
            "a.md",
            "<!-- hedgelint-disable-next-line vauge-attribution -->\nFine text.\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 1,
        stdout: &[
            "a.md:1:34: warning[unknown-suppression]: suppression names an unknown rule: `vauge-attribution`",
        ],
        ..BASE
    },
    Case {
        name: "a comment in a code block is not a suppression",
        files: &[(
            "a.md",
            "```\n<!-- hedgelint-disable-file -->\n```\n\nExperts say it works.\n",
        )],
        args: &["check", "--format", "short", "a.md"],
        status: 1,
        stdout: &["a.md:5:1:"],
        ..BASE
    },
    // --- commands ---
    Case {
        name: "init refuses to overwrite",
        files: &[("hedgelint.toml", "")],
        args: &["init"],
        status: 2,
        stderr: &["hedgelint.toml already exists"],
        ..BASE
    },
    Case {
        name: "rules lists id, kind, severity and summary",
        args: &["rules", "--no-config"],
        status: 0,
        stdout: &[
            "ID",
            "KIND",
            "SEVERITY",
            "SUMMARY",
            "vague-attribution",
            "weasel",
            "unknown-suppression",
        ],
        ..BASE
    },
    Case {
        name: "rules as JSON",
        args: &["rules", "--format", "json"],
        status: 0,
        stdout: &["\"id\": \"hedge-modal\"", "\"kind\": \"hedge\""],
        ..BASE
    },
    Case {
        name: "rules lists the user's rules",
        files: &[
            ("hedgelint.toml", "rules-dir = \"style\"\n"),
            (
                "style/no-synergy.toml",
                "id = \"no-synergy\"\nkind = \"claim\"\nseverity = \"warning\"\nmessage = \"m\"\npatterns = [\"synergy\"]\n[docs]\nwhat = \"Flags synergy.\"\nwhy = \"Jargon.\"\n",
            ),
        ],
        args: &["rules"],
        status: 0,
        stdout: &["no-synergy", "Flags synergy."],
        ..BASE
    },
    Case {
        name: "explain prints docs, patterns and examples",
        args: &["explain", "vague-attribution"],
        status: 0,
        stdout: &[
            "vague-attribution (weasel, warning; off when the sentence names a source)",
            "What it flags",
            "Why it matters",
            "Patterns",
            "flagged:     Experts say",
            "not flagged: ",
        ],
        ..BASE
    },
    Case {
        name: "explain an unknown rule suggests one",
        args: &["explain", "vauge-attribution"],
        status: 2,
        stderr: &["unknown rule `vauge-attribution`; did you mean `vague-attribution`?"],
        ..BASE
    },
    Case {
        name: "completions for bash",
        args: &["completions", "bash"],
        status: 0,
        stdout: &["_hedgelint()", "--column-encoding"],
        ..BASE
    },
    Case {
        name: "completions for an unknown shell",
        args: &["completions", "tcsh"],
        status: 2,
        ..BASE
    },
    Case {
        name: "man page",
        args: &["man"],
        status: 0,
        stdout: &[".TH hedgelint", "check"],
        ..BASE
    },
    Case {
        name: "--config and --no-config conflict",
        args: &["check", "--config", "x.toml", "--no-config"],
        status: 2,
        stderr: &["cannot be used with"],
        ..BASE
    },
];

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.replace('\'', "").chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn check(c: &Case, files: &std::collections::HashMap<String, toml::Value>) -> Vec<String> {
    let Some(v) = files.get(&slug(c.name)) else {
        return vec!["no case file".into()];
    };
    let mut problems = Vec::new();
    let args: Vec<&str> = v["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    if args != c.args {
        problems.push(format!("args {args:?}"));
    }
    if v.get("cwd").and_then(|d| d.as_str()).unwrap_or(".") != c.cwd {
        problems.push("cwd".into());
    }
    let empty = toml::Table::new();
    let sandbox = v.get("files").and_then(|f| f.as_table()).unwrap_or(&empty);
    if sandbox.len() != c.files.len()
        || c.files
            .iter()
            .any(|(p, t)| sandbox.get(*p).and_then(|x| x.as_str()) != Some(*t))
    {
        problems.push("files".into());
    }
    let e = &v["expected"];
    let status = e["status"].as_integer().unwrap();
    let stdout = e["stdout"].as_str().unwrap().replace('\\', "/");
    let stderr = e["stderr"].as_str().unwrap();
    if status != i64::from(c.status) {
        problems.push(format!("status {status}, want {}", c.status));
    }
    for s in c.stdout {
        if !stdout.contains(s) {
            problems.push(format!("stdout lacks {s:?}"));
        }
    }
    for s in c.not_stdout {
        if stdout.contains(s) {
            problems.push(format!("stdout has {s:?}"));
        }
    }
    for s in c.stderr {
        if !stderr.contains(s) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    problems
}

#[test]
fn the_case_files_keep_every_old_assertion() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut files = std::collections::HashMap::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let text = std::fs::read_to_string(&f).unwrap();
            let v: toml::Value = toml::from_str(&text).unwrap();
            let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
            assert!(
                files.insert(stem, v).is_none(),
                "two files for {}",
                f.display()
            );
        }
    }
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|c| {
            let p = check(c, &files);
            (!p.is_empty()).then(|| format!("{}: {}", c.name, p.join("; ")))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(files.len(), CASES.len(), "a case file the old table lacks");
}
