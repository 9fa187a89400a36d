//! `narvaro person erase ID --yes [--erase-ideas]` and `narvaro person export ID --out FILE`:
//! erasing a person (GDPR Art. 17) and exporting everything about them (Art. 15) from a
//! terminal. Erasing without `--yes` is refused before the data file is even opened.
//! `narvaro person import FILE [--dry-run]` adds the people in a CSV file, all or none.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use narvaro_core::i18n::t;
use narvaro_core::i18n::tn;
use narvaro_core::model::privacy::IdeaChoice;
use narvaro_core::model::PersonId;
use narvaro_core::service::{import, people, privacy};
use narvaro_core::{Lang, Store};

use super::{Action, CliError};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Erase,
    Export,
    Import,
}

/// Parses what follows `person`. `data_dir` is what came before it (the flag or the
/// environment); a `--data-dir` after it wins.
pub(super) fn parse(
    args: &mut dyn Iterator<Item = OsString>,
    mut data_dir: Option<PathBuf>,
    lang: Lang,
) -> Result<Action, CliError> {
    let fail = |key: &str, args: &[(&str, &str)]| CliError {
        message: t(lang, key, args),
    };
    let mut verb = None;
    let mut id_text: Option<String> = None;
    let (mut yes, mut erase_ideas, mut out) = (false, false, None);
    let (mut file, mut dry_run): (Option<PathBuf>, bool) = (None, false);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (text.clone(), None),
        };
        let mut value = || -> Result<OsString, CliError> {
            let value = match &inline {
                Some(v) => OsString::from(v),
                None => args
                    .next()
                    .ok_or_else(|| fail("cli.missing_value", &[("option", &flag)]))?,
            };
            if value.is_empty() {
                return Err(fail("cli.empty_value", &[("option", &flag)]));
            }
            Ok(value)
        };
        match (flag.as_str(), verb) {
            ("--help" | "-h", _) => return Ok(Action::Help),
            ("--data-dir", _) => data_dir = Some(PathBuf::from(value()?)),
            ("erase", None) => verb = Some(Verb::Erase),
            ("export", None) => verb = Some(Verb::Export),
            ("import", None) => verb = Some(Verb::Import),
            ("--dry-run", Some(Verb::Import)) if inline.is_none() => dry_run = true,
            (_, Some(Verb::Import)) if file.is_none() && !text.starts_with("--") => {
                file = Some(PathBuf::from(&arg))
            }
            ("--yes", Some(Verb::Erase)) if inline.is_none() => yes = true,
            ("--erase-ideas", Some(Verb::Erase)) if inline.is_none() => erase_ideas = true,
            ("--out", Some(Verb::Export)) => out = Some(PathBuf::from(value()?)),
            (_, Some(Verb::Erase | Verb::Export))
                if id_text.is_none() && !text.starts_with("--") =>
            {
                id_text = Some(text)
            }
            _ => return Err(fail("cli.unknown_option", &[("option", &text)])),
        }
    }
    if verb == Some(Verb::Import) {
        return match file {
            Some(file) => Ok(Action::ImportPeople {
                data_dir,
                file,
                dry_run,
            }),
            None => Err(fail("cli.import_needs_file", &[])),
        };
    }
    let (Some(verb), Some(id_text)) = (verb, id_text) else {
        return Err(fail("cli.person_needs_action", &[]));
    };
    let id: PersonId = id_text
        .parse()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| fail("cli.bad_person_id", &[("value", &id_text)]))?;
    match verb {
        Verb::Erase if !yes => Err(fail("cli.erase_needs_yes", &[("id", &id.to_string())])),
        Verb::Erase => Ok(Action::ErasePerson {
            data_dir,
            id,
            ideas: if erase_ideas {
                IdeaChoice::Erase
            } else {
                IdeaChoice::KeepAnonymous
            },
        }),
        Verb::Import => Err(fail("cli.import_needs_file", &[])),
        Verb::Export => match out {
            Some(out) => Ok(Action::ExportPerson { data_dir, id, out }),
            None => Err(fail("cli.export_needs_out", &[("id", &id.to_string())])),
        },
    }
}

/// Erases `id` and says who and what went, one counted line per kind.
pub(super) fn erase(
    store: &mut Store,
    data_dir: &Path,
    id: PersonId,
    ideas: IdeaChoice,
    lang: Lang,
) -> narvaro_core::Result<String> {
    let person = people::get(store, id)?;
    let report = narvaro_core::service::backup::erase_person(store, data_dir, id, None, ideas)?;
    let mut out = t(lang, "cli.erased", &[("name", &person.name)]);
    for line in privacy::report_lines(&report, lang) {
        out.push_str("\n  ");
        out.push_str(&line);
    }
    if !report.log_cleared {
        out.push('\n');
        out.push_str(&t(lang, "privacy.erased_log_busy", &[]));
    }
    Ok(out)
}

/// Writes everything about `id` beside `out` as `.html` and `.json`.
pub(super) fn export(
    store: &Store,
    id: PersonId,
    out: &Path,
    lang: Lang,
    now: DateTime<Utc>,
) -> narvaro_core::Result<String> {
    let export = privacy::export_person(store, id, lang, now)?;
    let files = privacy::write_export(&export, out)?;
    Ok(t(
        lang,
        "cli.exported_person",
        &[("html", &files.html), ("json", &files.json)],
    ))
}

/// Reads the CSV `file` and adds its people (all or none), or with `dry_run` only shows
/// what would be added, each row with its line and problems.
pub(super) fn import(
    store: &mut Store,
    file: &Path,
    dry_run: bool,
    lang: Lang,
    now: DateTime<Utc>,
) -> narvaro_core::Result<String> {
    let bytes = import::read_file(file)?;
    if dry_run {
        let preview = import::preview(store, &bytes)?;
        return Ok(format!(
            "{}\n{}",
            preview.render_text(lang),
            t(lang, "cli.import_dry_run", &[])
        ));
    }
    let summary = import::import(store, &bytes, now)?;
    Ok(tn(lang, "cli.imported", summary.added.into(), &[]))
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_line;
    use super::*;

    fn parse(list: &[&str]) -> Result<Action, CliError> {
        parse_line(list.iter().map(OsString::from), None, Lang::En)
    }

    #[test]
    fn erase_and_export_are_parsed_with_their_options() {
        assert_eq!(
            parse(&["person", "erase", "12", "--yes"]).unwrap(),
            Action::ErasePerson {
                data_dir: None,
                id: 12,
                ideas: IdeaChoice::KeepAnonymous
            }
        );
        assert_eq!(
            parse(&[
                "--data-dir",
                "/d",
                "person",
                "erase",
                "--yes",
                "3",
                "--erase-ideas"
            ])
            .unwrap(),
            Action::ErasePerson {
                data_dir: Some("/d".into()),
                id: 3,
                ideas: IdeaChoice::Erase
            }
        );
        assert_eq!(
            parse(&[
                "person",
                "export",
                "7",
                "--out=/tmp/anna.html",
                "--data-dir",
                "/e"
            ])
            .unwrap(),
            Action::ExportPerson {
                data_dir: Some("/e".into()),
                id: 7,
                out: "/tmp/anna.html".into()
            }
        );
        assert!(
            !parse(&["person", "erase", "1", "--yes", "--data-dir", "/a"])
                .unwrap()
                .uses_default_dir()
        );
        assert!(parse(&["person", "export", "1", "--out", "x"])
            .unwrap()
            .uses_default_dir());
    }

    #[test]
    fn import_takes_a_file_and_dry_run() {
        assert_eq!(
            parse(&["person", "import", "team.csv"]).unwrap(),
            Action::ImportPeople {
                data_dir: None,
                file: "team.csv".into(),
                dry_run: false
            }
        );
        assert_eq!(
            parse(&[
                "person",
                "import",
                "--dry-run",
                "/d/a b.csv",
                "--data-dir=/x"
            ])
            .unwrap(),
            Action::ImportPeople {
                data_dir: Some("/x".into()),
                file: "/d/a b.csv".into(),
                dry_run: true
            }
        );
        let message = |list: &[&str]| parse(list).unwrap_err().message;
        assert_eq!(
            message(&["person", "import"]),
            "Say which file: narvaro person import FILE [--dry-run]."
        );
        assert_eq!(
            message(&["person", "import", "--dry-run"]),
            message(&["person", "import"])
        );
        assert_eq!(
            message(&["person", "import", "a.csv", "b.csv"]),
            "Unknown option: b.csv. See narvaro --help."
        );
        assert_eq!(
            message(&["person", "import", "a.csv", "--yes"]),
            "Unknown option: --yes. See narvaro --help."
        );
        assert_eq!(
            message(&["person", "export", "5", "--dry-run"]),
            "Unknown option: --dry-run. See narvaro --help."
        );
    }

    #[test]
    fn a_person_command_line_that_cannot_be_followed_is_explained() {
        let message = |list: &[&str]| parse(list).unwrap_err().message;
        assert_eq!(
            message(&["person", "erase", "12"]),
            "Erasing cannot be undone, so it needs --yes: narvaro person erase 12 --yes. \
             Nothing was changed."
        );
        for bad in ["0", "-4", "anna", "1.5", "99999999999999999999"] {
            assert_eq!(
                message(&["person", "erase", "--yes", bad]),
                format!("{bad} is not a valid person id: an id is a whole number above 0."),
                "{bad}"
            );
        }
        assert_eq!(
            message(&["person"]),
            "Say what to do: narvaro person erase ID --yes, or narvaro person export ID --out FILE."
        );
        assert_eq!(message(&["person", "erase", "--yes"]), message(&["person"]));
        assert_eq!(
            message(&["person", "export", "5"]),
            "Say where to write: narvaro person export 5 --out FILE."
        );
        assert_eq!(
            message(&["person", "export", "5", "--yes"]),
            "Unknown option: --yes. See narvaro --help."
        );
        assert_eq!(
            message(&["person", "erase", "5", "6", "--yes"]),
            "Unknown option: 6. See narvaro --help."
        );
        assert_eq!(
            message(&["person", "export", "5", "--out="]),
            "--out cannot be empty."
        );
        let sv = parse_line(
            ["person", "erase", "4"].iter().map(OsString::from),
            None,
            Lang::Sv,
        )
        .unwrap_err();
        assert!(sv.message.starts_with("Att radera går inte att ångra"));
    }
}
