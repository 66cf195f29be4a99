#!/usr/bin/env python3
"""Generate the deterministic benchmark corpus for reframe.

Writes, under OUT (default target/bench-corpus):

  terms.txt        one term form per line: every form of every enabled rule, from `reframe rules --format json`
  notes/a/**.txt   about half the corpus (the "50 MB half")
  notes/b/**.txt   the other half; notes/ as a whole is the "100 MB corpus"

With --note FILE it writes only one hard-wrapped 17 KB note to FILE (how benches/note-17k.txt was made: the note
that the criterion benchmark and the start-to-end timing of benches/run.sh check).

The text reads like case notes, referrals and reviews: paragraphs of sentences built from templates, names with
accents, curly quotes and apostrophes, em and en dashes, pound signs. Files are 2-20 KB; every other file is
hard-wrapped at 72 columns (so some multi-word terms break across lines, as in real notes). The term forms of
terms.txt are injected into the prose: every form at least once, and on average one every 3 KB, with a mix of
casings. The same rules JSON and the same seed give the same bytes on every run and every machine.

Usage: python3 benches/corpus.py --rules rules.json [--out DIR] [--mb 100] [--seed N] [--note FILE]
"""

import argparse
import json
import os
import random
import sys

NAMES = [
    "Zoë", "Siobhán", "José", "Łukasz", "Aoife", "Chloé", "Renée", "Noël", "Björn", "Dáithí", "Małgorzata",
    "Sam", "Priya", "Kwame", "Fatima", "Tomás", "Ngozi", "Jack", "Ellie", "Mohammed", "Ana", "Dmitri", "Leah",
    "Oisín", "Søren", "Nuño", "Amélie", "Ife", "Karim", "Róisín", "Mei", "Jonah", "Hannah", "Bartłomiej",
]
STAFF = [
    "the housing officer", "her key worker", "the duty social worker", "the GP", "the community nurse",
    "the support worker", "our outreach team", "the probation officer", "the school’s family liaison worker",
    "the mental health nurse", "the benefits adviser", "the night manager", "the tenancy sustainment officer",
]
PLACES = [
    "the hub on Castle Street", "the drop-in café", "the day centre", "her flat", "the library", "the GP surgery",
    "the food bank", "the family centre", "the job centre", "the hostel’s lounge", "the park by the station",
    "St Mary’s church hall", "the recovery café", "the youth club", "the housing office",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ACTIVITIES = [
    "the cooking group", "a walk along the canal", "the allotment", "her college course", "the peer support group",
    "a budgeting session", "the art class", "volunteering at the food bank", "football on Thursdays",
    "the parents’ coffee morning", "swimming with her daughter", "the gardening project", "the choir",
]
SENTENCES = [
    "{name} came to {place} on {day} at {hour}:{minute:02d} and we talked about {activity}.",
    "{name} said, “I’d like to get back to {activity} — it’s the one thing that keeps me going.”",
    "We agreed that {staff} would call {name} on {day} morning; {name} chose the time.",
    "{name} told me about {activity} and how it went last week – better than she’d expected.",
    "The rent arrears are now £{pounds}.{pence:02d}; {name} has a plan with {staff} to pay £{small} a week.",
    "{name}’s son starts school in {month}, and she asked about uniform grants and the breakfast club.",
    "I met {name} at {place}; we spoke for about {minutes} minutes and she was “glad to have a proper chat”.",
    "{staff} has offered a home visit on the {date}th — {name} would prefer to meet at {place} instead.",
    "{name} has kept every appointment since {month}, including the two that were moved at short notice.",
    "Her priorities, in her words: “a safe place, my kids, and a job I don’t dread.”",
    "{name} asked us to write to {staff} on her behalf, which we did on {day}.",
    "We talked through the options – a move, a mutual exchange, or staying put with more support – and she’ll decide by {month}.",
    "The medication review is booked for {day} the {date}th at {hour}:{minute:02d} with {staff}.",
    "{name} brought a friend for support, which helped; they’d both like the leaflets in Polish and Portuguese.",
    "Follow-up: ring {staff} about the referral; send {name} the forms by post, as she asked.",
    "{name} mentioned that the bus fare (£{small}.{pence:02d}) makes it hard to get to {place} more than once a week.",
    "She’s been going to {activity} since {month} and says it’s “the best part of the week”.",
    "{name} and {staff} reviewed the support plan; three of the five goals are done.",
    "Nothing new to report on the benefits claim; {staff} is chasing it — next check-in {day}.",
    "{name} said she’s sleeping better since the move, though the heating’s still not fixed.",
    "We discussed what went well this month: {activity}, seeing her sister, and keeping on top of the bills.",
    "{name} wasn’t at {place} on {day}; the text we sent may not have reached her, so we’ll try a letter.",
]
OPENERS = [
    "Case note — {day} {date} {month}", "Review meeting: {name}", "Referral summary ({month})",
    "Support plan update – {name}", "Home visit, {day}", "Handover notes: {day} {date} {month}",
]
# Sentences that carry an injected term; {term} is a form from terms.txt, cased by the caller.
TERM_SENTENCES = [
    "Previous notes describe {name} as {term}, which she disputes.",
    "The referral from {staff} uses the words “{term}” twice.",
    "Staff wrote “{term}” in the handover, without saying what was offered.",
    "{Term} was written in last month’s review; we have asked {staff} what they meant.",
    "At {place} the report says {term}, and {name} said that wasn’t how she saw it.",
    "The old file note reads: {term} — we are reviewing the wording with {name}.",
    "The form asked whether {name} was {term}; we left it blank and wrote what happened instead.",
]


def ident(rng):
    return {
        "name": rng.choice(NAMES), "staff": rng.choice(STAFF), "place": rng.choice(PLACES),
        "day": rng.choice(DAYS), "month": rng.choice(MONTHS), "activity": rng.choice(ACTIVITIES),
        "hour": rng.randint(8, 18), "minute": rng.choice((0, 15, 30, 45, 5, 50)), "date": rng.randint(4, 28),
        "pounds": rng.randint(40, 2400), "pence": rng.randint(0, 99), "small": rng.randint(2, 25),
        "minutes": rng.choice((10, 20, 30, 45, 60, 90)),
    }


class Writer:
    """Builds notes of a given size, injecting term forms at a steady rate."""

    def __init__(self, rng, terms, bytes_per_term):
        self.rng = rng
        self.terms = terms
        self.bytes_per_term = bytes_per_term
        self.unused = list(terms)  # every form is injected at least once, in a random order, before random picks
        rng.shuffle(self.unused)
        self.budget = 0.0
        self.injected = 0

    def term(self):
        if self.unused:
            form = self.unused.pop()
        else:
            form = self.rng.choice(self.terms)
        roll = self.rng.random()
        if roll < 0.1:
            form = form.upper()
        elif roll < 0.3:
            form = form[:1].upper() + form[1:]
        self.injected += 1
        return form

    def sentence(self):
        rng = self.rng
        if self.terms and self.budget >= self.bytes_per_term:
            self.budget -= self.bytes_per_term
            fields = ident(rng)
            form = self.term()
            fields["term"] = form
            fields["Term"] = form[:1].upper() + form[1:]
            s = rng.choice(TERM_SENTENCES).format(**fields)
        else:
            s = rng.choice(SENTENCES).format(**ident(rng))
        return s[:1].upper() + s[1:]

    def note(self, size, wrap):
        rng = self.rng
        parts = [rng.choice(OPENERS).format(**ident(rng)), ""]
        length = len(parts[0].encode()) + 1
        while length < size:
            paragraph = []
            for _ in range(rng.randint(2, 7)):
                s = self.sentence()
                paragraph.append(s)
                n = len(s.encode()) + 1
                self.budget += n
                length += n
                if length >= size:
                    break
            text = " ".join(paragraph)
            parts.append(wrap_text(text, 72) if wrap else text)
            parts.append("")
            length += 1
        return "\n".join(parts)


def wrap_text(text, width):
    """Greedy hard wrap at `width` characters."""
    lines, line, used = [], [], 0
    for word in text.split(" "):
        if line and used + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, used = [word], len(word)
        else:
            used += len(word) + (1 if line else 0)
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


def term_forms(rules):
    forms = []
    seen = set()
    for rule in rules:
        if not rule.get("enabled"):
            continue
        for form in rule.get("forms", []):
            key = form.lower()
            if key not in seen:
                seen.add(key)
                forms.append(form)
    return forms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", required=True, help="output of `reframe rules --format json`")
    parser.add_argument("--out", default="target/bench-corpus")
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB (10^6 bytes)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--note", help="write only one 17 KB note to this file")
    args = parser.parse_args()

    with open(args.rules, encoding="utf-8") as f:
        terms = term_forms(json.load(f))
    if args.note:
        single = Writer(random.Random(args.seed + 1), terms, bytes_per_term=1500)
        with open(args.note, "w", encoding="utf-8", newline="\n") as f:
            f.write(single.note(17 * 1024, wrap=True))
        return
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "terms.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(t + "\n" for t in terms))

    rng = random.Random(args.seed)
    writer = Writer(rng, terms, bytes_per_term=3000)
    target = int(args.mb * 1_000_000)
    total, count = 0, 0
    for half in ("a", "b"):
        half_target = target // 2
        half_total = 0
        while half_total < half_target:
            size = rng.randint(2 * 1024, 20 * 1024)
            data = writer.note(size, wrap=count % 2 == 0).encode("utf-8")
            folder = os.path.join(args.out, "notes", half, f"{count // 100:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"note-{count:05d}.txt"), "wb") as f:
                f.write(data)
            half_total += len(data)
            count += 1
        total += half_total
    print(
        f"corpus: {count} files, {total / 1e6:.1f} MB in {args.out}/notes (a/ and b/ halves); "
        f"{len(terms)} term forms in terms.txt, {writer.injected} injected",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
