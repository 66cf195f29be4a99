//! Sense checks on whole sentences with the built-in packs: innocent senses, names, addresses and mentions are
//! not findings; deficit uses about people are, certain or possible.

use reframe::rules::{PackSelection, RuleSet};
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;
use reframe::scan::sense::Confidence;

/// The findings of the default packs in `sentence`, as (rule id, matched text, confidence).
fn findings(sentence: &str) -> Vec<(String, String, Confidence)> {
    let rules = RuleSet::load(&PackSelection::default()).unwrap();
    let matcher = Matcher::new(&rules, &[]);
    check_text(sentence, 0, &matcher, &rules)
        .into_iter()
        .map(|f| (rules.rules[f.rule].id.clone(), f.text, f.confidence))
        .collect()
}

#[test]
fn innocent_senses_are_not_findings() {
    for sentence in [
        "The vulnerable river bank collapsed in the storm.",
        "Patch the vulnerable software today.",
        "She is at high risk of falls.",
        "These are high-risk tasks for the site team.",
        "He is vulnerable to scams.",
        "In rare cases of misconduct we act at once.",
        "Her work placement ended in June.",
        "The solicitor's client signed the lease.",
        "No applicant is disadvantaged in the process.",
        "The board has suffered from a lack of data.",
        "The old server suffers from slow start-up.",
        "The CPL World Tour kicks off in May.",
        "The new law will empower the tribunal to act.",
    ] {
        assert_eq!(findings(sentence), [], "{sentence}");
    }
}

#[test]
fn names_addresses_and_mentions_are_not_findings() {
    for sentence in [
        "We had a grant from the Shelter for the Homeless Fund.",
        "Under the Protection of Vulnerable Adults Act the council must act.",
        "Pets of the Homeless feeds the dogs of people sleeping out.",
        "The National Coalition for Homeless Veterans runs the helpline.",
        "Read the Westminster Rough Sleepers Strategy first.",
        "The only odd thing about How Mad Are You? was its title.",
        "Families get help from Stronger Families (Troubled Families) in the town.",
        "Ask for the removal of the co-working Prison Offender Manager",
        "Inconsiderate: `alcoholic`, `alcohol abuser`.",
        "Crazy can also be used in a derogatory manner.",
        "Senior citizens has become a catchall term for older people.",
        "Young people ran from care, commonly called going AWOL.",
        "See https://example.org/hard-to-reach-groups for the report.",
        "We do not say service user in our notes.",
        "Avoid words such as addict, junkie or alcoholic.",
        "Or, to use that familiar term, bed-blocking.",
        "To say someone is a service user makes it their identity.",
        "Inconsiderate: mongoloid.",
        "We say instead:\nKicking off / Challenging behaviour / Upset\n",
        "Stigmatising people as addicts makes the isolation worse.",
        "Instead of describing them as an addict, we say a person who uses drugs.",
    ] {
        assert_eq!(findings(sentence), [], "{sentence}");
    }
}

#[test]
fn deficit_uses_about_people_are_certain() {
    for (sentence, rule, text) in [
        (
            "The vulnerable adults were moved.",
            "vulnerable-adults",
            "vulnerable adults",
        ),
        (
            "Children who suffer from asthma need a plan.",
            "suffers-from",
            "suffer from",
        ),
        (
            "We protect the vulnerable in our care.",
            "the-vulnerable",
            "the vulnerable",
        ),
        (
            "She is very vulnerable at night.",
            "vulnerable",
            "vulnerable",
        ),
        (
            "The elderly residents were moved.",
            "elderly-person",
            "elderly residents",
        ),
        (
            "Many of the families we meet are disadvantaged.",
            "disadvantaged",
            "disadvantaged",
        ),
        (
            "He failed to engage with the team.",
            "failed-to-engage",
            "failed to engage with",
        ),
        (
            "The service user arrived late.",
            "service-user",
            "service user",
        ),
        // Capitalised by the writer, not a name: no capitalised word joined to it by "of", "for" or "and".
        (
            "We met the Service User at the hub.",
            "service-user",
            "Service User",
        ),
        (
            "Service users are used to waiting for weeks.",
            "service-user",
            "Service users",
        ),
        (
            "The service users are back this term.",
            "service-user",
            "service users",
        ),
        (
            "Cold weather hits the vulnerable hardest.",
            "the-vulnerable",
            "the vulnerable",
        ),
        (
            "Many of the mentally ill end up on the streets.",
            "the-mentally-ill",
            "the mentally ill",
        ),
        (
            "Support for the homeless is patchy.",
            "the-homeless",
            "the homeless",
        ),
    ] {
        assert_eq!(
            findings(sentence),
            [(rule.to_string(), text.to_string(), Confidence::Certain)],
            "{sentence}"
        );
    }
}

#[test]
fn setting_dependent_words_are_possible_and_info_at_most() {
    let rules = RuleSet::load(&PackSelection::default()).unwrap();
    let matcher = Matcher::new(&rules, &[]);
    let found = check_text(
        "The client arrived late for the session with her support worker.",
        0,
        &matcher,
        &rules,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(rules.rules[found[0].rule].id, "client");
    assert_eq!(found[0].confidence, Confidence::Possible);
    assert_eq!(found[0].severity, reframe::rules::Severity::Info);
    // The same word where the words around it cannot tell: possible, not certain.
    assert_eq!(
        findings("Was vulnerable, staff said."),
        [(
            "vulnerable".to_string(),
            "vulnerable".to_string(),
            Confidence::Possible
        )]
    );
}

#[test]
fn a_scare_quote_is_possible_and_a_quoted_mention_is_not_a_finding() {
    use reframe::scan::check::{Outcome, check_bytes};
    let rules = RuleSet::load(&PackSelection::default()).unwrap();
    let matcher = Matcher::new(&rules, &[]);
    let text = "Staff call her \u{2018}hard to reach\u{2019} at times.\n\n\
                She said \"I am hard to reach on Mondays\".\n\n\
                We do not say \u{201C}service user\u{201D} here.\n\n\
                Saying \u{201C}homeless person\u{201D} hides the rest of a life.\n\n\
                The line between \u{2018}mad\u{2019} and \u{2018}sane\u{2019} is thin.\n\n\
                We met so-called \u{2018}revolving door offenders\u{2019} there.\n\n\
                Last year the school labelled her \u{2018}hard to reach\u{2019}.\n";
    let Outcome::Checked(found) = check_bytes(text.as_bytes().to_vec(), &matcher, &rules) else {
        panic!("not checked");
    };
    let found: Vec<(usize, &str, Confidence)> = found
        .iter()
        .map(|f| (f.line, f.text.as_str(), f.confidence))
        .collect();
    // The person's own words (line 3) stay theirs; the mentions (lines 5, 7 and 9) and a label reported as given
    // (line 13) are not findings; a label still in use (line 1) and the writer's own scare quote (line 11) are
    // worth a look.
    assert_eq!(
        found,
        [
            (1, "hard to reach", Confidence::Possible),
            (11, "revolving door offenders", Confidence::Possible)
        ]
    );
}

/// The rule ids found in `text` (a note written into a temporary folder) by `reframe check`, through the binary:
/// the whole file is one document.
fn rules_found_in_document(text: &str) -> Vec<String> {
    rules_found_in_file("note.txt", text)
}

/// The rule ids found in `text`, written to a file called `name`, by `reframe check`.
fn rules_found_in_file(name: &str, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reframe"))
        .args(["check", "--no-config", "--format", "json", "--quiet"])
        .arg(&path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn words_of_the_care_setting_make_client_a_finding_only_in_care_writing() {
    // Outside care, support and justice writing, "client" is an ordinary word.
    for sentence in [
        "The client signed the contract with the firm on Friday.",
        "Each client pays for the licence by the month.",
        "The HTTP library retries when the client times out.",
    ] {
        assert_eq!(findings(sentence), [], "{sentence}");
    }
    // With a word of the setting near it, it is worth a look.
    assert_eq!(
        findings("The client arrived late at the hostel."),
        [(
            "client".to_string(),
            "client".to_string(),
            Confidence::Possible
        )]
    );
    assert_eq!(
        findings("Our clients often wait months for mental health support."),
        [(
            "client".to_string(),
            "clients".to_string(),
            Confidence::Possible
        )]
    );
}

#[test]
fn a_document_about_care_makes_client_a_finding_in_every_sentence() {
    // No word of the setting stands near "client", but the note is about support and housing.
    let note = "The client arrived late.\n\nHer key worker went over the tenancy and the support plan with her.\n";
    assert_eq!(rules_found_in_document(note), ["client"]);
    // A long handbook that names mental health and a charity once each is not about care.
    let mut handbook = String::from("The client agency approves each change.\n\n");
    for _ in 0..120 {
        handbook.push_str(
            "Staff book their leave in the calendar and tell the team in the weekly meeting.\n",
        );
    }
    handbook.push_str("The employee assistance programme offers mental health support.\n");
    handbook.push_str("We match gifts to any charity you choose.\n");
    assert_eq!(rules_found_in_document(&handbook), Vec::<String>::new());
    // The same two lines in a short note are enough.
    let short = "The client agency approves each change.\n\nThe programme offers mental health support.\nWe match gifts to any charity.\n";
    assert_eq!(rules_found_in_document(short), ["client"]);
}

#[test]
fn a_table_column_or_a_section_of_wording_to_avoid_holds_mentions() {
    let sheet = "# Person-centred language\n\n\
                 | Language to avoid | Preferred language |\n\
                 |---|---|\n\
                 | Demented | Person living with dementia |\n\
                 | Aggressive | Describe what happened |\n\
                 | Wheelchair bound | Uses a wheelchair |\n\n\
                 ## Words to avoid\n\n\
                 - addict\n\
                 - service user\n\n\
                 ### Why\n\n\
                 Calling someone an addict defines them by one thing.\n\n\
                 ## Our service\n\n\
                 He is an addict and a service user of the hostel.\n";
    // Only the last section uses the words; the table's first column and the section under "Words to avoid"
    // (with its sub-heading) show them.
    assert_eq!(
        rules_found_in_file("sheet.md", sheet),
        ["addict", "service-user"]
    );
    // A column of ordinary wording in a table is checked like any text.
    let table = "| Need | Plan |\n|---|---|\n| He is an addict | Weekly support |\n";
    assert_eq!(rules_found_in_file("plan.md", table), ["addict"]);
}

#[test]
fn a_possible_finding_needs_a_person_or_work_with_people_near_it_or_in_the_document() {
    // Nothing about people: not worth a look.
    for sentence in [
        "The motion of a double pendulum is chaotic.",
        "Dropout is a regularization technique that prevents overfitting.",
        "Wandering Albatrosses face threats from longline fishing.",
    ] {
        assert_eq!(findings(sentence), [], "{sentence}");
    }
    // A person near the word, or a word of work with people: worth a look.
    assert_eq!(
        findings("She has led a chaotic life since the move."),
        [(
            "chaotic".to_string(),
            "chaotic life".to_string(),
            Confidence::Possible
        )]
    );
    assert_eq!(
        findings("The ward for young people was chaotic.")
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["chaotic"]
    );
    // "You" and "they" are as common in a software guide as in a note: they do not show a person is meant.
    assert_eq!(findings("You will find the build chaotic at first."), []);
    // No such word in the sentence, but the document is about care: the finding is kept.
    let note = "The intervention was short.\n\nHis key worker went over the tenancy and the support plan.\n";
    assert_eq!(rules_found_in_document(note), ["intervention"]);
    assert_eq!(
        rules_found_in_document("The intervention was short.\n"),
        Vec::<String>::new()
    );
}

#[test]
fn one_word_capitalised_alone_in_the_middle_of_a_sentence_is_a_name() {
    assert_eq!(
        findings("This useful developer tool Vagrant was created by a volunteer."),
        []
    );
    // So is a capitalised word after a lower-case "the"; in prose the phrase is a finding.
    assert_eq!(
        findings("Help the Aged was established in 1961 by a volunteer."),
        []
    );
    assert_eq!(
        findings("Staff say the elderly are at risk.")
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["the-elderly"]
    );
    // An acronym's plural is not a name.
    assert_eq!(
        findings("The practice will monitor DNAs as follows for every patient.")
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["missed-appointment-noun"]
    );
}
