#!/usr/bin/env python3
"""Writes first_names.txt: first names that are not also everyday English words.

Usage: python3 first_names.py CENSUS_DIR /usr/share/wordnet > first_names.txt
CENSUS_DIR holds dist.male.first and dist.female.first, the first names of the 1990 US Census (public domain;
shipped, for one, in the `names` package on PyPI). A name is left out when WordNet 3.0 writes it in lower case
as a word (will, mark, grace, hope, frank), or a month (april, june): at the start of a sentence it may
be that word.
"""
import re
import sys


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


def everyday_words(wordnet):
    words = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(f"{wordnet}/data.{pos}", encoding="latin-1"):
            if line.startswith("  "):
                continue
            p = line.split()
            for i in range(int(p[3], 16)):
                word = p[4 + 2 * i].split("(")[0]
                if word.islower():
                    words.add(word)
    return words


def main(census, wordnet):
    common = everyday_words(wordnet)
    names = set()
    for part in ("male", "female"):
        for line in open(f"{census}/dist.{part}.first"):
            name = line.split()[0].lower()
            if re.fullmatch(r"[a-z]{2,}", name) and name not in common and name not in MONTHS:
                names.add(name)
    sys.stdout.write(
        "# First names of the 1990 US Census (public domain) that WordNet 3.0 does not write in lower case as a\n"
        "# word; written by first_names.py in this folder, do not edit by hand.\n"
    )
    sys.stdout.write("\n".join(sorted(names)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "/usr/share/wordnet")
