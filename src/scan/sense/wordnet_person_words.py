#!/usr/bin/env python3
"""Writes person_words_wordnet.txt, the part of the person lexicon taken from WordNet 3.0.

Usage: python3 wordnet_person_words.py /usr/share/wordnet > person_words_wordnet.txt
(the WordNet database, e.g. Debian's `wordnet-base` package).

A word is kept when it is one lower-case word whose most frequent noun sense (WordNet lists senses by frequency)
is in the lexicographer file noun.person, that is not also an adjective (national, married, dependent: after a
deficit adjective the position does not tell noun from adjective) nor mostly a verb (have, miss), that WordNet
does not write with a capital (a name), and that is not in BLOCK: words whose everyday or technical sense is a
thing in the texts reframe reads (host, driver, server, ward, character, carrier, collector) or a creature of
stories, or a party to trade or finance (investor, borrower, buyer), said of firms as often as of people
and described in the words of markets ("aggressive investors", "high-risk borrowers"). Each is written with its plural (WordNet's irregular plurals, then English spelling rules).
"""
import re
import sys

BLOCK = set("""
host driver reader controller runner caller listener master peer model head slave agent handler server sender
receiver subscriber publisher provider compiler parser scheduler dispatcher loader builder checker tracker follower
copy type mark case lead second minor major general private native domestic intermediate senior junior page guide
match star sign novice mate fan comic giant longer character soul spirit hood dive tackle hack tiger dragon whale
monster prey carrier producer dealer maker potter harper griffin batman bobby pa ma ward chosen accused fisher
victor ref vet scout escort guard porter pioneer champ mod supplier retailer competitor rival collector observer
messenger successor ancestor descendant heir sponsor angel demon fairy witch vampire zombie knight saint devil god
goddess king queen prince princess duke earl dame lord bishop pope cardinal rookie babe hunter fighter warrior
pirate cowboy star idol icon legend genius fool idiot clown freak loser winner champion hero predecessor sibling
parent child children client owner worker distributor exporter importer lender creditor courier helper sentinel
conveyor terminator grader incarnation embodiment deity genie hobbit unicorn mermaid goblin werewolf slayer roc
picket puke saver sleeper kicker hitter batter catcher bearer booker mascot troll
investor trader shareholder stakeholder stockholder bondholder borrower bidder vendor purchaser buyer seller broker
speculator marketer advertiser retailer wholesaler contractor subcontractor franchisee licensee licensor
underwriter insurer
""".split())

NOTICE = """\
# Person words taken from WordNet 3.0 (https://wordnet.princeton.edu/), written by wordnet_person_words.py in
# this folder; do not edit by hand. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
# EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE,
# DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to
# distribution of the software and/or database. Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve same.
"""

NOUN_PERSON = 18  # the lexicographer file noun.person


def index(path):
    """lemma -> (sense count, tagged sense count, synset offsets by frequency)."""
    entries = {}
    for line in open(path, encoding="latin-1"):
        if line.startswith("  "):
            continue
        p = line.split()
        pointers = int(p[3])
        entries[p[0]] = (int(p[4 + pointers]), int(p[5 + pointers]), p[6 + pointers:])
    return entries


def main(wordnet):
    lexfile, forms = {}, {}
    for line in open(f"{wordnet}/data.noun", encoding="latin-1"):
        if line.startswith("  "):
            continue
        p = line.split()
        lexfile[p[0]] = int(p[1])
        forms[p[0]] = [p[4 + 2 * i].split("(")[0] for i in range(int(p[3], 16))]
    adjectives = index(f"{wordnet}/index.adj")
    verbs = index(f"{wordnet}/index.verb")
    kept = []
    for lemma, (senses, tagged, offsets) in index(f"{wordnet}/index.noun").items():
        if not re.fullmatch(r"[a-z]+", lemma) or lemma in BLOCK:
            continue
        if lexfile.get(offsets[0]) != NOUN_PERSON or lemma not in forms[offsets[0]]:
            continue
        if tagged == 0 and senses > 1:
            continue
        if lemma in adjectives or verbs.get(lemma, (0, 0, []))[1] > tagged:
            continue
        kept.append(lemma)
    plurals = {}
    for line in open(f"{wordnet}/noun.exc"):
        plural, singular = line.split()[:2]
        plurals.setdefault(singular, []).append(plural)
    words = set()
    for word in kept:
        words.add(word)
        if word in plurals:
            words.update(p for p in plurals[word] if re.fullmatch(r"[a-z]+", p))
        elif word.endswith("man"):
            words.add(word[:-3] + "men")
        elif re.search(r"(s|x|z|ch|sh)$", word):
            words.add(word + "es")
        elif re.search(r"[^aeiou]y$", word):
            words.add(word[:-1] + "ies")
        else:
            words.add(word + "s")
    sys.stdout.write(NOTICE + "\n".join(sorted(words)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
