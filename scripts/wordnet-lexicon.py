#!/usr/bin/env python3
"""Generates rules/journalism/wordnet-classes.toml from WordNet 3.0: nouns for people, common words.

Run once, by hand, when the list should change; the output is committed and embedded like any
rule pack file. Nothing is downloaded: it reads the WordNet database that Debian's
`wordnet-base` package installs (`apt-get install wordnet-base`; /usr/share/wordnet).

    python3 scripts/wordnet-lexicon.py [--wordnet /usr/share/wordnet] > rules/journalism/wordnet-classes.toml

A noun is kept when its most frequent sense (WordNet lists a lemma's senses by frequency, the
first in `index.noun`) is a kind of person (a hyponym of person.n.01), so that "figures",
"bodies" and "states" stay out though WordNet has a person sense for each. Only single words of
lower-case letters (and inner hyphens) are kept, as they are (`people-singular`) and in their
plural (`people-plural`): WordNet's irregular plurals (`noun.exc`), else the English rules
(-men, -s, -es, -ies).
"""
import argparse
import os
import re
import sys
import tomllib

PERSON = "00007846"  # person.n.01
# One word written with a capital, as WordNet writes "Chinese", "Afro-Asian" (`affiliation`).
CAPITALISED = re.compile(r"[A-Z][a-z]+(-[A-Z]?[a-z]+)*")

LICENCE = """
This software and database is being provided to you, the LICENSEE, by Princeton University
under the following license. By obtaining, using and/or copying this software and database,
you agree that you have read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that you
agree to comply with the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and documentation,
including modifications that you make for internal use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with Princeton
University and LICENSEE agrees to preserve same.
"""


def read_data(path, instances=None):
    """offset -> list of hypernym offsets (@ and @i pointers); offset -> its words as written
    (with their capitals: the index lower-cases every lemma). The offsets of instances (a
    synset with an @i pointer: "Lincoln", "Paris") are added to `instances` when given."""
    hyper = {}
    written = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            if "slur" in gloss or "offensive" in gloss or "derogatory" in gloss:
                continue
            parts = head.split()
            offset = parts[0]
            w_cnt = int(parts[3], 16)
            i = 4 + 2 * w_cnt
            p_cnt = int(parts[i])
            ptrs = parts[i + 1 : i + 1 + 4 * p_cnt]
            hyper[offset] = [ptrs[k + 1] for k in range(0, len(ptrs), 4) if ptrs[k] in ("@", "@i")]
            if instances is not None and "@i" in ptrs[0::4]:
                instances.add(offset)
            written[offset] = {re.sub(r"\(.*\)$", "", w) for w in parts[4:i:2]}
    return hyper, written


def under(offset, hyper, memo):
    if offset == PERSON:
        return True
    if offset in memo:
        return memo[offset]
    memo[offset] = False
    memo[offset] = any(under(h, hyper, memo) for h in hyper.get(offset, []))
    return memo[offset]


def first_senses(path):
    """lemma -> (its most frequent noun synset, how often its senses were tagged in SemCor)."""
    out = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            p_cnt = int(parts[3])
            tagged = int(parts[4 + p_cnt + 1])
            synsets = parts[4 + p_cnt + 2 :]
            if synsets:
                out[lemma] = (synsets[0], tagged)
    return out


# Nouns in -man whose plural is -mans.
MANS = {"human", "shaman", "caiman", "cayman", "talisman", "ataman", "dragoman", "ottoman"}


def plural(word, irregular):
    if word in irregular:
        return irregular[word]
    if word.endswith("man") and word not in MANS:
        return word[:-3] + "men"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    args = ap.parse_args()
    instances = set()
    hyper, written = read_data(os.path.join(args.wordnet, "data.noun"), instances)
    nouns = first_senses(os.path.join(args.wordnet, "index.noun"))
    irregular = {}
    with open(os.path.join(args.wordnet, "noun.exc"), encoding="latin-1") as f:
        for line in f:
            pl, sing = line.split()[:2]
            if "_" not in pl and sing not in irregular:
                irregular[sing] = pl
    # The groups `vague-attribution` (default pack) reads bare ("analysts say") are left to
    # it, so that one span is one finding: `crowd-group-short` in the journalism pack's classes.
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(root, "rules", "journalism", "crowd-classes.toml"), "rb") as f:
        left_out = set(tomllib.load(f)["classes"]["crowd-group-short"])
    memo = {}
    singular = set()
    words = set()
    for lemma, (synset, tagged) in nouns.items():
        if not re.fullmatch(r"[a-z]+(-[a-z]+)*", lemma) or len(lemma) < 3:
            continue
        # Common nouns only (a name is written with a capital: "Aalto"), and words seen in
        # running text: a sense tagged at least once in WordNet's SemCor counts.
        if lemma not in written.get(synset, ()) or tagged < 1:
            continue
        if under(synset, hyper, memo):
            if plural(lemma, irregular) not in left_out:
                singular.add(lemma)
                words.add(plural(lemma, irregular))
    if not words:
        sys.exit("no person nouns found: is WordNet 3.0 at " + args.wordnet + "?")
    out = sys.stdout
    out.write(
        "# Generated by scripts/wordnet-lexicon.py from WordNet 3.0 (Debian's wordnet-base). Do\n"
        "# not edit: run the script again.\n"
        "#\n"
        "# people-plural, people-singular: the single-word common nouns whose most frequent sense\n"
        "# is a kind of person (a hyponym of person.n.01), tagged at least once in SemCor, slurs\n"
        "# left out, and the groups that vague-attribution reads bare (crowd-group-short in\n"
        "# crowd-classes.toml).\n"
        "#\n"
        "# The WordNet 3.0 licence, which asks that its notice appear on all copies:\n"
        "#\n"
    )
    for line in LICENCE.strip("\n").splitlines():
        out.write(("# " + line).rstrip() + "\n")
    out.write("[classes]\n")
    write_class(out, "people-plural", words)
    write_class(out, "people-singular", singular)
    common = set()
    _, adj_written = read_data(os.path.join(args.wordnet, "data.adj"))
    adjectives = first_senses(os.path.join(args.wordnet, "index.adj"))
    for senses, as_written in ((adjectives, adj_written), (nouns, written)):
        for lemma, (synset, tagged) in senses.items():
            if (
                tagged >= 2
                and re.fullmatch(r"[a-z]+(-[a-z]+)*", lemma)
                and lemma in as_written.get(synset, ())
            ):
                common.add(lemma)
    out.write(
        "# common-word: adjectives and nouns written in lower case and tagged twice or more in\n"
        "# SemCor. A capitalised word opening a sentence that is one of these is not a name\n"
        "# (\"Party leaders say\", not \"Okafor aides say\"); a few names are common words too\n"
        "# (\"Bush\").\n"
    )
    write_class(out, "common-word", common)
    # Capitalised adjectives ("Chinese", "Democratic", "Catholic") and capitalised nouns for a
    # kind of person, not one person ("Republican", "Texan"; not "Lincoln", an instance): the
    # words of a nation, a faith or a party, which leave a person unnamed before a role noun.
    affiliation = set()
    for words_of in adj_written.values():
        affiliation.update(w for w in words_of if CAPITALISED.fullmatch(w))
    # A noun by its most frequent sense, as for people-plural ("Treasury" has a person sense,
    # First Lord of the Treasury, but is first the funds).
    for lemma, (synset, _) in nouns.items():
        if synset in instances or not under(synset, hyper, memo):
            continue
        affiliation.update(
            w
            for w in written.get(synset, ())
            if w.lower() == lemma and CAPITALISED.fullmatch(w)
        )
    out.write(
        "# affiliation: single capitalised words WordNet writes with a capital that are adjectives\n"
        "# (\"Chinese\", \"Democratic\") or nouns for a kind of person, not one person (\"Republican\",\n"
        "# \"Texan\"; instances such as \"Lincoln\" left out): a nation, a faith, a party before a\n"
        "# role noun leaves the person unnamed (\"a Republican senator said\").\n"
    )
    write_class(out, "affiliation", affiliation)


def write_class(out, name, words):
    out.write(f"# {len(words)} words.\n{name} = [\n")
    line = " "
    for w in sorted(words):
        item = f' "{w}",'
        if len(line) + len(item) > 99:
            out.write(line + "\n")
            line = " "
        line += item
    if line.strip():
        out.write(line + "\n")
    out.write("]\n")

if __name__ == "__main__":
    main()
