//! Importing people from a CSV file as Excel and LibreOffice write it: a small RFC 4180
//! reader (quotes, doubled quotes, separators and line breaks inside quotes, CRLF or LF, a
//! UTF-8 byte-order mark, `,` or `;` chosen from the header line), a preview with each row's
//! problems by line number, and an import that takes every row or none.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};
use crate::i18n::{plural_form, t, Lang};
use crate::model::{PersonDraft, PersonId};
use crate::store::{people as table, Store};

/// The largest file read: a team of 2000 with long roles fits many times over, and a
/// mistaken pick (a photo, a database) is refused before it is parsed.
pub const MAX_BYTES: usize = 1_000_000;
/// The most people one import adds.
pub const MAX_ROWS: usize = 2000;
/// How many bad line numbers the refusal names before "…".
const LINES_NAMED: usize = 5;

/// One problem with one row: the column it belongs to ("name", "email", "role",
/// "cadenceDays", or "row" for the row as a whole) and the catalogue key that says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportIssue {
    pub field: String,
    pub key: String,
    /// The key's placeholders (`max`, `line`, …).
    pub args: BTreeMap<String, String>,
}

impl ImportIssue {
    fn of(invalid: Invalid) -> Self {
        ImportIssue {
            field: invalid.field.to_owned(),
            key: invalid.key.to_owned(),
            args: invalid
                .args
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }

    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<(&str, &str)> = self
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        t(lang, &self.key, &args)
    }
}

/// One data row of the file, as the person form would receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The file's line the row starts on (the header is line 1), as an editor numbers it.
    pub line: u32,
    pub draft: PersonDraft,
    /// Empty when the row can be imported.
    pub errors: Vec<ImportIssue>,
}

/// What importing the file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    /// Header cells that name no column Närvaro knows; their values are not imported.
    pub ignored_columns: Vec<String>,
    /// The separator found in the header line: "," or ";".
    pub separator: String,
}

impl ImportPreview {
    /// The line numbers of the rows that cannot be imported, in file order.
    pub fn bad_lines(&self) -> Vec<u32> {
        self.rows
            .iter()
            .filter(|r| !r.errors.is_empty())
            .map(|r| r.line)
            .collect()
    }

    /// The preview as text for a terminal: one line per row, its problems under it.
    pub fn render_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let d = &row.draft;
            let cadence = d.cadence_days.map(|c| c.to_string()).unwrap_or_default();
            out.push_str(&t(
                lang,
                "import.cli_row",
                &[
                    ("line", &row.line.to_string()),
                    ("name", &d.name),
                    ("email", d.email.as_deref().unwrap_or("")),
                    ("role", d.role.as_deref().unwrap_or("")),
                    ("cadence", &cadence),
                ],
            ));
            out.push('\n');
            for issue in &row.errors {
                out.push_str("    ");
                out.push_str(&issue.message(lang));
                out.push('\n');
            }
        }
        if !self.ignored_columns.is_empty() {
            out.push_str(&t(
                lang,
                "import.ignored_columns",
                &[("columns", &self.ignored_columns.join(", "))],
            ));
            out.push('\n');
        }
        let bad = self.bad_lines();
        if bad.is_empty() {
            out.push_str(&crate::i18n::tn(
                lang,
                "import.would_add",
                self.rows.len() as i64,
                &[],
            ));
        } else {
            out.push_str(&crate::Error::from(refusal(&bad)).message(lang));
        }
        out
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub added: u32,
    pub ids: Vec<PersonId>,
}

/// Reads `bytes` as a CSV of people and checks every row against the person form's rules
/// and the team. A file that cannot be read as a table at all (too large, not UTF-8, no
/// name column) is refused; problems with single rows are in the rows.
pub fn preview(store: &Store, bytes: &[u8]) -> Result<ImportPreview> {
    let text = decode(bytes)?;
    let separator = detect_separator(text);
    let records = read(text, separator);
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(Invalid::new("file", "error.import.empty").into());
    };
    let (columns, ignored_columns) = columns(&header.cells);
    if !columns.has_name() {
        return Err(Invalid::new("file", "error.import.no_name_column").into());
    }
    let existing: HashSet<String> = table::all(store.conn())?
        .into_iter()
        .filter(|p| p.is_active())
        .map(|p| name_key(&p.name))
        .collect();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows = Vec::new();
    for record in records {
        if record.cells.iter().all(|c| c.trim().is_empty()) && !record.unterminated {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(Invalid::new("file", "error.import.too_many_rows")
                .with("max", MAX_ROWS)
                .into());
        }
        rows.push(row(&record, &columns, &existing, &mut seen));
    }
    if rows.is_empty() {
        return Err(Invalid::new("file", "error.import.empty").into());
    }
    Ok(ImportPreview {
        rows,
        ignored_columns,
        separator: separator.to_string(),
    })
}

/// Adds every person in the file in one transaction, or, when any row has a problem,
/// none: the refusal names the first lines to fix.
pub fn import(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Result<ImportSummary> {
    let preview = preview(store, bytes)?;
    let bad = preview.bad_lines();
    if !bad.is_empty() {
        return Err(refusal(&bad).into());
    }
    let valid = preview
        .rows
        .iter()
        .map(|row| row.draft.validate())
        .collect::<std::result::Result<Vec<_>, _>>()?;
    store.write(|tx| {
        let mut ids = Vec::with_capacity(valid.len());
        for person in &valid {
            ids.push(table::insert(tx, person, now)?);
        }
        Ok(ImportSummary {
            added: u32::try_from(ids.len()).unwrap_or(u32::MAX),
            ids,
        })
    })
}

/// The bytes of the file at `path`, reading no more than an import takes: a larger file is
/// then refused by `preview` without being read whole.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

fn refusal(bad: &[u32]) -> Invalid {
    let mut lines: Vec<String> = bad.iter().take(LINES_NAMED).map(u32::to_string).collect();
    if bad.len() > LINES_NAMED {
        lines.push("…".into());
    }
    // The key is chosen here, before the language is known: Swedish and English share
    // their plural rule (`plural_form`), so either language picks the same form.
    let key = match plural_form(Lang::En, bad.len() as i64) {
        "one" => "error.import.rows_have_errors.one",
        _ => "error.import.rows_have_errors.other",
    };
    Invalid::new("file", key)
        .with("count", bad.len())
        .with("lines", lines.join(", "))
}

fn decode(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_BYTES {
        return Err(Invalid::new("file", "error.import.too_large")
            .with("max", MAX_BYTES / 1_000_000)
            .into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| Invalid::new("file", "error.import.not_utf8").into())
}

/// `;` when the header line has more semicolons than commas outside quotes (Excel in a
/// Swedish locale), else `,`.
pub fn detect_separator(text: &str) -> char {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// One record of the file and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u32,
    pub cells: Vec<String>,
    /// A quote opened in this record was never closed: it ran to the end of the file.
    pub unterminated: bool,
}

/// Splits `text` into records (RFC 4180, leniently): a field in quotes may hold the
/// separator, line breaks and doubled quotes; a record ends at CRLF, LF or a lone CR; empty
/// lines are skipped. A quote inside an unquoted field, or text after a closing quote, is
/// kept as written, as spreadsheet programs read it.
pub fn read(text: &str, separator: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut line: u32 = 1;
    let mut start = 1;
    // Whether the current record has anything in it, so that an empty line is no record.
    let mut begun = false;
    // Whether the cursor is at the start of a field (where a quote opens a quoted field).
    let mut field_start = true;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    cell.push_str("\r\n");
                    line += 1;
                }
                '\n' | '\r' => {
                    cell.push(c);
                    line += 1;
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if field_start => {
                quoted = true;
                begun = true;
                field_start = false;
            }
            c if c == separator => {
                cells.push(std::mem::take(&mut cell));
                begun = true;
                field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if begun {
                    cells.push(std::mem::take(&mut cell));
                    records.push(Record {
                        line: start,
                        cells: std::mem::take(&mut cells),
                        unterminated: false,
                    });
                }
                line += 1;
                start = line;
                begun = false;
                field_start = true;
            }
            _ => {
                cell.push(c);
                begun = true;
                field_start = false;
            }
        }
    }
    if begun {
        cells.push(cell);
        records.push(Record {
            line: start,
            cells,
            unterminated: quoted,
        });
    }
    records
}

/// Which cell of a record holds which field.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    /// First and last name apart, as HR systems and address books export them; used when
    /// there is no Name column, joined as "First Last".
    first_name: Option<usize>,
    last_name: Option<usize>,
    email: Option<usize>,
    role: Option<usize>,
    cadence: Option<usize>,
}

/// Finds the known columns by their header, in Swedish or English, whatever the case,
/// spaces, hyphens or brackets; returns the headers it did not know.
fn columns(header: &[String]) -> (Columns, Vec<String>) {
    let mut columns = Columns::default();
    let mut ignored = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let norm: String = raw
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphabetic())
            .collect();
        let slot = match norm.as_str() {
            "name" | "namn" | "fullname" | "fullständigtnamn" => &mut columns.name,
            "firstname" | "givenname" | "förnamn" | "tilltalsnamn" => &mut columns.first_name,
            "lastname" | "surname" | "familyname" | "efternamn" => &mut columns.last_name,
            "email" | "emailaddress" | "mail" | "epost" | "epostadress" | "mejl" => {
                &mut columns.email
            }
            "role" | "roll" | "title" | "titel" => &mut columns.role,
            "cadence" | "cadencedays" | "intervall" | "intervalldagar" => &mut columns.cadence,
            _ => {
                if !raw.trim().is_empty() {
                    ignored.push(raw.trim().to_owned());
                }
                continue;
            }
        };
        // The first of two columns with the same meaning counts; the second is ignored.
        if slot.is_none() {
            *slot = Some(i);
        } else {
            ignored.push(raw.trim().to_owned());
        }
    }
    // With a Name column, first and last names apart are not read.
    if columns.name.is_some() {
        for i in [columns.first_name.take(), columns.last_name.take()]
            .into_iter()
            .flatten()
        {
            if let Some(raw) = header.get(i) {
                ignored.push(raw.trim().to_owned());
            }
        }
    }
    (columns, ignored)
}

impl Columns {
    /// Whether the rows have a name: a Name column, or first and last names apart.
    fn has_name(&self) -> bool {
        self.name.is_some() || self.first_name.is_some() || self.last_name.is_some()
    }
}

fn row(
    record: &Record,
    columns: &Columns,
    existing: &HashSet<String>,
    seen: &mut BTreeMap<String, u32>,
) -> ImportRow {
    let cell = |i: Option<usize>| -> Option<String> {
        i.and_then(|i| record.cells.get(i))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    };
    let mut errors = Vec::new();
    if record.unterminated {
        errors.push(ImportIssue::of(Invalid::new(
            "row",
            "error.import.unterminated_quote",
        )));
    }
    let cadence_text = cell(columns.cadence);
    let cadence_days = match cadence_text.as_deref().map(parse_whole) {
        None => None,
        Some(Some(days)) => Some(days),
        Some(None) => {
            errors.push(ImportIssue::of(
                Invalid::new("cadenceDays", "error.import.cadence_not_number")
                    .with("value", cadence_text.as_deref().unwrap_or_default()),
            ));
            None
        }
    };
    let name = cell(columns.name).unwrap_or_else(|| {
        [cell(columns.first_name), cell(columns.last_name)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
    });
    let draft = PersonDraft {
        name,
        role: cell(columns.role),
        email: cell(columns.email),
        cadence_days,
        checkin_minutes: None,
    };
    // Each field on its own, so that a row with a bad e-mail and a bad cadence shows both.
    let name_only = PersonDraft {
        name: draft.name.clone(),
        ..PersonDraft::default()
    };
    let placeholder = || PersonDraft {
        name: "x".into(),
        ..PersonDraft::default()
    };
    let checks = [
        name_only,
        PersonDraft {
            email: draft.email.clone(),
            ..placeholder()
        },
        PersonDraft {
            role: draft.role.clone(),
            ..placeholder()
        },
        PersonDraft {
            cadence_days: draft.cadence_days,
            ..placeholder()
        },
    ];
    for check in checks {
        if let Err(invalid) = check.validate() {
            errors.push(ImportIssue::of(invalid));
        }
    }
    if !draft.name.is_empty() {
        let key = name_key(&draft.name);
        if existing.contains(&key) {
            errors.push(ImportIssue::of(Invalid::new(
                "name",
                "error.import.duplicate_existing",
            )));
        } else if let Some(first) = seen.get(&key) {
            errors.push(ImportIssue::of(
                Invalid::new("name", "error.import.duplicate_in_file").with("line", first),
            ));
        } else {
            seen.insert(key, record.line);
        }
    }
    ImportRow {
        line: record.line,
        draft,
        errors,
    }
}

/// A whole number as a spreadsheet may write it: "14", " 14 ", "14,0" or "14.0".
fn parse_whole(text: &str) -> Option<i64> {
    let text = text.trim();
    let whole = text
        .strip_suffix(",0")
        .or_else(|| text.strip_suffix(".0"))
        .unwrap_or(text);
    whole.parse().ok()
}

/// Names compare without case and surrounding or doubled spaces.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests;
