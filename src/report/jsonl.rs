//! The JSON Lines format of `reframe check --format jsonl`: one finding per line, for streaming into other tools.
//!
//! Each line is one JSON object with the fields of [`super::JsonFinding`] (the `findings` of the JSON format), in
//! the same order: by path, then position. There is no summary line; files that could not be checked are
//! reported on standard error.
//!
//! ```json
//! {"path":"note.txt","line":1,"column":8,"end_line":1,"end_column":20,"start_byte":7,"end_byte":19,"text":"service user","rule":"service-user",...}
//! ```

use std::io::{self, Write};

use super::JsonFinding;
use crate::rules::RuleSet;
use crate::scan::check::FileReport;

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        for finding in report.findings() {
            serde_json::to_writer(&mut *out, &JsonFinding::new(&report.path, finding, rules))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
