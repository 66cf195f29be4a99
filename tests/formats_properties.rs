//! Properties of the format readers: no input makes them panic, and every finding points at a real place in the
//! file.

use proptest::prelude::*;
use reframe::cli::config::QuotePolicy;
use reframe::rules::{PackSelection, RuleSet};
use reframe::scan::check::{CheckOptions, check_document};
use reframe::scan::matcher::Matcher;
use reframe::source::{Format, Limits, quotes, read};

/// Text made of the pieces that trip parsers: markup, entities, quotes, line endings, multi-byte letters and
/// phrases the core pack flags.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "service user",
        "hard-to-reach",
        "chaotic",
        " ",
        "\n",
        "\r\n",
        "\n\n",
        "*",
        "**",
        "_",
        "`",
        "```\n",
        "<b>",
        "</b>",
        "<p>",
        "<!--",
        "-->",
        "<!-- reframe-disable -->",
        "<!-- reframe-enable -->",
        "<!-- reframe-disable-next-line -->",
        "reframe-disable-next-line\n",
        "&amp;",
        "&#32;",
        "&nbsp;",
        "&",
        ";",
        "\"",
        "\u{201C}",
        "\u{201D}",
        "\u{2018}",
        "\u{2019}",
        "'",
        "[",
        "](",
        ")",
        "<http://x.org/a>",
        "https://service-user.org",
        "é",
        "ß",
        "\u{FFFC}",
        "#",
        "> ",
        "- ",
        "| a | b |\n|---|---|\n",
        "---\n",
        "<script>",
        "</script>",
        "<img alt=\"",
        "\">",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn rules_and_matcher() -> (RuleSet, Matcher) {
    let rules = RuleSet::load(&PackSelection::default()).unwrap();
    let matcher = Matcher::new(&rules, &[]);
    (rules, matcher)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn textual_formats_never_panic_and_point_into_the_file(text in tricky_text()) {
        let (rules, matcher) = rules_and_matcher();
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let document = read(text.clone().into_bytes(), format, &Limits::default()).unwrap();
            for quotes in [QuotePolicy::Skip, QuotePolicy::Info] {
                let options = CheckOptions { format, quotes, limits: Limits::default() };
                for finding in check_document(&document, &options, &matcher, &rules) {
                    let slice = text.get(finding.bytes.clone());
                    prop_assert!(slice.is_some(), "{format:?}: {:?} is not a range of the file", finding.bytes);
                    prop_assert!(text.get(finding.replace.clone()).is_some());
                    prop_assert!(finding.line >= 1 && finding.column >= 1);
                }
            }
        }
    }

    #[test]
    fn quote_regions_are_ranges_of_the_text(text in tricky_text()) {
        for region in quotes::regions(&text) {
            prop_assert!(text.get(region.clone()).is_some(), "{region:?}");
        }
    }

    #[test]
    fn broken_documents_are_errors_not_panics(cut in 0usize..5211, flip in 0usize..5211, byte: u8) {
        let good = std::fs::read("tests/fixtures/formats/case-note.docx").unwrap();
        let mut bytes = good.clone();
        bytes[flip % good.len()] = byte;
        let _ = read(bytes, Format::Docx, &Limits::default());
        let _ = read(good[..cut.min(good.len())].to_vec(), Format::Docx, &Limits::default());
        let odt = std::fs::read("tests/fixtures/formats/case-note.odt").unwrap();
        let _ = read(odt[..cut.min(odt.len())].to_vec(), Format::Odt, &Limits::default());
    }
}
