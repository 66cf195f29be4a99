//! Reading real documents: the same case note saved as text (UTF-8, UTF-16, Windows-1252), Markdown, HTML, Word
//! and OpenDocument gives the same findings; quoted speech is left alone; suppression comments work; bad documents
//! are reported by name and the other files are still checked. The .docx, .odt and .html fixtures were written by
//! LibreOffice (`libreoffice --headless --convert-to docx|odt case-note.html`).

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use common::{
    assert_contains, finding_fields, findings, json_report, reframe_empty_env, run, tree,
    utf16_with_bom, write,
};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/formats";

/// `reframe` with a clean environment, colour off and no configuration file.
fn reframe_no_config() -> Command {
    let mut cmd = common::reframe();
    cmd.arg("--no-config");
    cmd
}

/// Runs `reframe check --format json` with `args`; the parsed report and the exit code.
fn check_json(args: &[&str]) -> (Value, i32) {
    let (code, stdout, stderr) = run(reframe_no_config()
        .args(["check", "--format", "json"])
        .args(args));
    (json_report(&stdout, &stderr), code)
}

/// Runs `reframe check --format json` with `args` in `dir` with an empty environment (so the folder's
/// configuration applies); the parsed report.
fn check_json_in_empty_env(dir: &Path, args: &[&str]) -> Value {
    let (_, stdout, _) = run(reframe_empty_env()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args));
    serde_json::from_str(&stdout).unwrap()
}

/// [rule, text, severity] of every finding.
fn found(report: &Value) -> Vec<[String; 3]> {
    finding_fields(report, ["rule", "text", "severity"])
}

fn expected(with_quotes: bool) -> Vec<[String; 3]> {
    let mut list = vec![
        ["service-user", "service user", "warning"],
        ["hard-to-reach", "hard-to-reach", "warning"],
        ["chaotic", "chaotic", "info"],
        ["failed-to-engage", "failed to engage with", "warning"],
    ];
    if !with_quotes {
        list.retain(|f| f[0] != "chaotic");
    }
    list.into_iter().map(|f| f.map(String::from)).collect()
}

const CASE_NOTES: [&str; 9] = [
    "case-note.txt",
    "case-note-bom.txt",
    "case-note-utf16le.txt",
    "case-note-utf16be.txt",
    "case-note-cp1252.txt",
    "case-note.md",
    "case-note.html",
    "case-note.docx",
    "case-note.odt",
];

#[test]
fn the_same_case_note_in_every_format_gives_the_same_findings() {
    for name in CASE_NOTES {
        let path = format!("{FIXTURES}/{name}");
        let (report, code) = check_json(&[&path]);
        assert_eq!(found(&report), expected(false), "{name}");
        assert_eq!(code, 1, "{name}");
        let (report, _) = check_json(&["--include-quotes", &path]);
        assert_eq!(found(&report), expected(true), "{name} with quotes");
        let chaotic = &report["findings"][2];
        assert_eq!(chaotic["quoted"], true, "{name}");
        assert!(
            chaotic["message"]
                .as_str()
                .unwrap()
                .contains("inside quotation marks"),
            "{name}"
        );
    }
}

#[test]
fn positions_are_in_each_formats_own_terms() {
    // Text: line and column of the decoded text; bytes of the file as it is on disk.
    let expectations = [
        ("case-note.txt", 1, 10, 9, 21),
        ("case-note-bom.txt", 1, 10, 12, 24),
        ("case-note-utf16le.txt", 1, 10, 2 + 18, 2 + 42),
        ("case-note-cp1252.txt", 1, 10, 9, 21),
        ("case-note.md", 6, 12, 62, 76),
        ("case-note.html", 4, 16, 104, 120),
    ];
    for (name, line, column, start, end) in expectations {
        let path = format!("{FIXTURES}/{name}");
        let (report, _) = check_json(&[&path]);
        let f = &report["findings"][0];
        assert_eq!(
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["start_byte"].as_u64().unwrap(),
                f["end_byte"].as_u64().unwrap()
            ),
            (line, column, start, end),
            "{name}"
        );
        assert!(f.get("location").is_none(), "{name}");
    }
    let md = fs::read_to_string(format!("{FIXTURES}/case-note.md")).unwrap();
    assert_eq!(&md[62..76], "service** user");
    // Documents: the paragraph (and table cell) in words, line:column within the paragraph.
    for name in ["case-note.docx", "case-note.odt"] {
        let (report, _) = check_json(&[&format!("{FIXTURES}/{name}")]);
        let locations: Vec<(&str, u64)> = findings(&report)
            .iter()
            .map(|f| {
                (
                    f["location"].as_str().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            locations,
            [
                ("paragraph 1", 10),
                ("paragraph 1", 55),
                ("paragraph 4, table 1 row 1 cell 2", 15)
            ],
            "{name}"
        );
    }
}

#[test]
fn the_human_output_names_the_paragraph_of_a_document() {
    let (_, stdout, _) =
        run(reframe_no_config().args(["check", &format!("{FIXTURES}/case-note.docx")]));
    assert_contains(
        &stdout,
        &[
            " --> tests/fixtures/formats/case-note.docx:1:15",
            "Staff say she failed to engage with the plan.",
            "= note: in paragraph 4, table 1 row 1 cell 2",
        ],
    );
}

#[test]
fn a_folder_walk_finds_documents_and_users_can_map_extensions() {
    let dir = tempfile::tempdir().unwrap();
    for (fixture, copy) in [
        ("case-note.docx", "a.docx"),
        ("case-note.odt", "b.odt"),
        ("case-note.html", "c.htm"),
        ("case-note.md", "d.notes"),
    ] {
        fs::copy(format!("{FIXTURES}/{fixture}"), dir.path().join(copy)).unwrap();
    }
    write(
        dir.path(),
        "reframe.toml",
        "formats = { notes = \"markdown\" }\n",
    );
    let report = check_json_in_empty_env(dir.path(), &["."]);
    assert_eq!(report["summary"]["files_checked"], 4);
    assert_eq!(report["summary"]["findings"], 12);
    // d.notes is read as Markdown: the code block's "service user" is not flagged.
    let in_d = findings(&report)
        .iter()
        .filter(|f| f["path"] == "d.notes")
        .count();
    assert_eq!(in_d, 3);
}

/// Builds a .docx in memory from its parts.
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

#[test]
fn word_documents_are_read_the_way_word_shows_them() {
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>
<w:p><w:r><w:t xml:space="preserve">She is a </w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>serv</w:t></w:r><w:r><w:t>ice</w:t></w:r><w:proofErr w:type="spellEnd"/><w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> user</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Staff </w:t></w:r><w:del w:id="2" w:author="A"><w:r><w:delText>say she is chaotic and </w:delText></w:r></w:del><w:r><w:t>met her.</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>A manipulative man.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>A manipulative man.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Quoting the policy: people who are hard to reach.</w:t></w:r><w:commentRangeEnd w:id="7"/></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Non-compliant &amp; more.</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Then </w:t></w:r><w:commentRangeStart w:id="9"/><w:r><w:t>nothing here.</w:t></w:r><w:commentRangeEnd w:id="9"/></w:p>
</w:body></w:document>"#
    );
    let header =
        format!(r#"<w:hdr {W}><w:p><w:r><w:t>Service users' notes</w:t></w:r></w:p></w:hdr>"#);
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>She failed to engage.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="7" w:author="A"><w:p><w:r><w:t>reframe-ignore hard-to-reach</w:t></w:r></w:p></w:comment><w:comment w:id="8"><w:p><w:r><w:t>an addict said</w:t></w:r></w:p></w:comment><w:comment w:id="9"><w:p><w:r><w:t>reframe-ignore</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let bytes = docx(&[
        ("word/document.xml", &body),
        ("word/header1.xml", &header),
        ("word/footnotes.xml", &footnotes),
        ("word/comments.xml", &comments),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "built.docx", bytes);
    let (report, _) = check_json(&[path.to_str().unwrap()]);
    let got = finding_fields(&report, ["rule", "text", "location"]);
    let want = [
        ["service-user", "service user", "paragraph 1"],
        ["manipulative", "manipulative", "text box, paragraph 4"],
        ["non-compliant", "Non-compliant", "paragraph 6"],
        ["service-user", "Service users", "header 1, paragraph 1"],
        [
            "failed-to-engage",
            "failed to engage",
            "footnote 1, paragraph 1",
        ],
    ];
    assert_eq!(got, want);
    // Columns count within the paragraph's text: a tab stop's definition is not a tab.
    let columns: Vec<u64> = findings(&report)
        .iter()
        .map(|f| f["column"].as_u64().unwrap())
        .collect();
    assert_eq!(columns, [10, 3, 1, 1, 5]);
    // A reframe-ignore comment on text with no finding is noted, so that it can be removed.
    assert_eq!(
        report["notes"][0]["message"],
        "paragraph 7, column 6: info: this suppression comment silences nothing; remove it if it is no longer needed"
    );
}

#[test]
fn bad_documents_get_one_line_each_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = fs::read(format!("{FIXTURES}/case-note.docx")).unwrap();
    let deep = format!(
        r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
        "<w:x>".repeat(600)
    );
    let entities = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    encrypted.resize(4096, 0);
    let files = [
        write(d, "corrupt.docx", b"PK\x03\x04 this is not a zip at all"),
        write(d, "truncated.docx", &good[..good.len() / 2]),
        write(
            d,
            "truncated.odt",
            &fs::read(format!("{FIXTURES}/case-note.odt")).unwrap()[..3000],
        ),
        write(d, "encrypted.docx", &encrypted),
        write(d, "deep.docx", docx(&[("word/document.xml", &deep)])),
        write(
            d,
            "entities.docx",
            docx(&[("word/document.xml", &entities)]),
        ),
        write(d, "empty-zip.docx", docx(&[("other.xml", "<x/>")])),
        write(
            d,
            "encrypted.odt",
            docx(&[
                (
                    "META-INF/manifest.xml",
                    "<manifest:file-entry><manifest:encryption-data/></manifest:file-entry>",
                ),
                ("content.xml", "\u{1}\u{2} encrypted bytes"),
            ]),
        ),
        write(d, "good.docx", &good),
    ];
    // A 1 GB text file, sparse: nothing is written, and it is refused by its size before it is read.
    let huge = d.join("huge.txt");
    fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
    let mut args: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    args.push(huge.to_str().unwrap());
    let (code, stdout, stderr) = run(reframe_no_config().arg("check").args(&args));
    assert_eq!(code, 2);
    let lines: Vec<&str> = stderr.lines().collect();
    let expect = [
        (
            "corrupt.docx",
            "not a valid Word document (.docx): it may be damaged or cut short",
        ),
        (
            "truncated.docx",
            "not a valid Word document (.docx): it may be damaged or cut short",
        ),
        (
            "truncated.odt",
            "not a valid OpenDocument text (.odt): it may be damaged or cut short",
        ),
        ("encrypted.docx", "it is encrypted (password-protected)"),
        ("deep.docx", "nests elements more than 512 deep"),
        ("entities.docx", "declares a DOCTYPE (entities)"),
        ("empty-zip.docx", "it has no word/document.xml"),
        ("encrypted.odt", "it is encrypted (password-protected)"),
        ("huge.txt", "too large to check (1073741824 bytes"),
    ];
    for (name, message) in expect {
        let line = lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no error for {name}:\n{stderr}"));
        assert!(line.starts_with("error: "), "{line}");
        assert!(line.contains(message), "{name}: {line}");
    }
    assert_eq!(lines.len(), expect.len(), "{stderr}");
    assert!(stdout.contains("good.docx:1:10"), "{stdout}");
}

#[test]
fn zip_bombs_are_refused_by_ratio_and_by_size() {
    use reframe::source::{Format, Limits, SourceError, read};
    // 4 MB of one letter packs into a few kilobytes: over the ratio limit.
    let body = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"#,
        "a".repeat(4 << 20)
    );
    let bomb = docx(&[("word/document.xml", &body)]);
    let err = read(bomb.clone(), Format::Docx, &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, SourceError::Document(m) if m.contains("looks like a zip bomb")),
        "{err}"
    );
    // A lowered limit on the unpacked size stands in for a document of gigabytes.
    let limits = Limits {
        max_unpacked: 1024,
        ..Limits::default()
    };
    let good = fs::read(format!("{FIXTURES}/case-note.docx")).unwrap();
    let err = read(good, Format::Docx, &limits).unwrap_err();
    assert!(
        matches!(&err, SourceError::Document(m) if m.contains("too large unpacked")),
        "{err}"
    );
}

/// (rule, line) of every finding in `text` saved as `name`, and the notes.
fn check_named(name: &str, text: &str, extra: &[&str]) -> (Vec<(String, u64)>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, text);
    let mut args = extra.to_vec();
    args.push(path.to_str().unwrap());
    let (report, _) = check_json(&args);
    let findings = findings(&report)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let notes = report["notes"]
        .as_array()
        .map(|n| {
            n.iter()
                .map(|n| n["message"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (findings, notes)
}

fn rules_lines(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}

#[test]
fn suppression_comments_silence_findings_and_stale_ones_are_noted() {
    let md = "<!-- reframe-disable service-user -->\nA service user, chaotic.\n<!-- reframe-enable -->\n\n\
              <!-- reframe-disable-next-line -->\nShe is chaotic.\nShe is chaotic.\n\n\
              <!-- reframe-disable-next-line hard-to-reach -->\nNothing to see.\n";
    let (found, notes) = check_named("note.md", md, &[]);
    assert_eq!(found, rules_lines(&[("chaotic", 2), ("chaotic", 7)]));
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("9:1: info: this suppression comment silences nothing"),
        "{notes:?}"
    );

    let html = "<p><!-- reframe-disable -->A service user.<!-- reframe-enable --> She is chaotic.</p>\n\
                <!-- reframe-disable-next-line chaotic -->\n<p>He is chaotic.</p>\n<p>He is chaotic.</p>\n";
    let (found, notes) = check_named("note.html", html, &[]);
    assert_eq!(found, rules_lines(&[("chaotic", 1), ("chaotic", 4)]));
    assert!(notes.is_empty(), "{notes:?}");

    let txt = "reframe-disable-next-line service-user\nA service user, chaotic.\n  reframe-disable-next-line\nHe is chaotic.\nHe is chaotic.\n";
    let (found, notes) = check_named("note.txt", txt, &[]);
    assert_eq!(found, rules_lines(&[("chaotic", 2), ("chaotic", 5)]));
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn quoted_speech_is_left_alone_in_the_hard_cases() {
    let text = "Sam\u{2019}s worker said he is chaotic.\n\
                He said \u{201C}I\u{2019}m not chaotic\u{201D}; staff don\u{2019}t agree he is chaotic.\n\
                She said \u{2018}call me a service user and I\u{2019}ll leave\u{2019}, then left. A service user waited.\n\
                \"I was never hard to reach\nthey just never came.\n\nThe worker called her chaotic.\n";
    let (found, _) = check_named("note.txt", text, &[]);
    assert_eq!(
        found,
        rules_lines(&[
            ("chaotic", 1),
            ("chaotic", 2),
            ("service-user", 3),
            ("chaotic", 7)
        ])
    );
    let (found, _) = check_named("note.txt", text, &["--include-quotes"]);
    assert_eq!(found.len(), 7);
    // The configuration's `quotes = "info"` does the same.
    let dir = tree(&[("reframe.toml", "quotes = \"info\"\n"), ("note.txt", text)]);
    let report = check_json_in_empty_env(dir.path(), &["note.txt"]);
    assert_eq!(report["summary"]["findings"], 7);
    assert_eq!(report["summary"]["by_severity"]["info"], 3);
}

/// Runs `reframe fix` on the file at `path`: its exit code, stdout and stderr.
fn fix(path: &Path) -> (i32, String, String) {
    run(reframe_no_config().arg("fix").arg(path))
}

#[test]
fn fix_leaves_code_quotes_and_suppressed_text_alone_and_keeps_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let md = "A service user.\n\n`service user` and \u{201C}I am a service user\u{201D}.\n\n\
              <!-- reframe-disable-next-line -->\nA service user.\n\n```\nservice user\n```\n";
    let path = write(dir.path(), "note.md", md);
    fix(&path);
    let fixed = fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        md.replacen("A service user.", "A person we support.", 1)
    );

    let path = write(
        dir.path(),
        "utf16.txt",
        utf16_with_bom(true, "A service user.\n"),
    );
    let (code, stdout, stderr) = fix(&path);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let expected = utf16_with_bom(true, "A person we support.\n");
    assert_eq!(
        fs::read(&path).unwrap(),
        expected,
        "UTF-16LE kept, with its BOM"
    );

    // Windows-1252: curly quotes as 0x93/0x94 and an e-acute stay single bytes; only the phrase changes.
    let cp1252 = b"Caf\xe9 note: a service user said \x93I am a service user\x94.\r\n".to_vec();
    let path = write(dir.path(), "cp1252.txt", &cp1252);
    let (code, stdout, stderr) = fix(&path);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        fs::read(&path).unwrap(),
        b"Caf\xe9 note: a person we support said \x93I am a service user\x94.\r\n".to_vec()
    );

    // Bytes that would not survive decoding and encoding back (an unpaired UTF-16 surrogate): refused, untouched.
    let mut broken = utf16_with_bom(true, "A service user.");
    broken.extend([0x00, 0xD8]);
    let path = write(dir.path(), "broken16.txt", &broken);
    let (code, _, stderr) = fix(&path);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not fixed: the file is UTF-16LE with bytes that would not survive"),
        "{stderr}"
    );
    assert_eq!(fs::read(&path).unwrap(), broken);
}

#[test]
fn opendocument_reads_spans_notes_tracked_changes_and_headers() {
    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>She is chaotic.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Notes</text:h>
<text:p>Sam is a <text:span text:style-name="B">serv</text:span>ice<text:s/>user.<text:change text:change-id="c1"/></text:p>
<text:p>Met her<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>She failed to engage.</text:p></text:note-body></text:note>.</text:p>
<text:p><office:annotation office:name="a1"><dc:creator>A</dc:creator><text:p>reframe-ignore</text:p></office:annotation>Quoting: hard to reach<office:annotation-end office:name="a1"/> and non-compliant.</text:p>
</office:text></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Service users</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"#
    );
    let bytes = docx(&[("content.xml", &content), ("styles.xml", &styles)]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "built.odt", &bytes);
    let (report, _) = check_json(&[path.to_str().unwrap()]);
    let got = finding_fields(&report, ["rule", "location"]);
    let want = [
        ["service-user", "paragraph 2"],
        ["failed-to-engage", "footnote 1, paragraph 1"],
        ["non-compliant", "paragraph 4"],
        ["service-user", "header 1, paragraph 1"],
    ];
    assert_eq!(got, want);
}

#[test]
fn an_unknown_format_name_is_an_error() {
    let dir = tree(&[
        ("reframe.toml", "formats = { notes = \"markdwn\" }\n"),
        ("a.notes", "text"),
    ]);
    let (code, _, stderr) = run(reframe_empty_env()
        .current_dir(dir.path())
        .args(["check", "a.notes"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("there is no format `markdwn`")
            && stderr.contains("did you mean `markdown`?"),
        "{stderr}"
    );
}

#[test]
fn libreoffice_documents_with_headers_notes_tracked_changes_and_comments() {
    // features.docx and features.odt were written by LibreOffice from features.fodt: a header and a footer, a
    // bold word mid-phrase, a tracked deletion ("manipulative") and insertion, a footnote, a table and a comment
    // `reframe-ignore` anchored on "hard to reach".
    let want = [
        // The footer's "chaotic times" describes a time, not a person: not a finding.
        [
            "failed-to-engage",
            "failed to engage",
            "footnote 1, paragraph 1",
        ],
        ["non-compliant", "non-compliant with", "paragraph 2"],
        ["service-user", "service user", "paragraph 1"],
        ["service-user", "service users", "header 1, paragraph 1"],
        ["volatile", "volatile", "paragraph 5, table 1 row 1 cell 2"],
    ];
    for name in ["features.docx", "features.odt"] {
        let (report, code) = check_json(&[&format!("{FIXTURES}/{name}")]);
        assert_eq!(code, 1, "{name}");
        let mut got = finding_fields(&report, ["rule", "text", "location"]);
        got.sort();
        assert_eq!(got, want, "{name}");
        assert!(report.get("notes").is_none(), "{name}: {report}");
    }
}

#[test]
fn standard_input_is_read_in_the_format_of_its_stdin_filename() {
    let check_stdin = |name: &str, input: Vec<u8>| {
        let (_, stdout, _) = run(reframe_no_config()
            .args(["check", "--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(input));
        serde_json::from_str::<Value>(&stdout).unwrap()
    };
    let md = "A service user.\n\n```\nservice user\n```\n";
    let report = check_stdin("note.md", md.into());
    assert_eq!(found(&report).len(), 1, "{report}");
    assert_eq!(report["findings"][0]["path"], "note.md");
    let docx = fs::read(format!("{FIXTURES}/case-note.docx")).unwrap();
    let report = check_stdin("note.docx", docx);
    assert_eq!(found(&report), expected(false));
}
