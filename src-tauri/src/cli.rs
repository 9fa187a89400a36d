//! The command line of the one binary: `--data-dir`, `--version`, `--help`, and the
//! window-less `agenda`, `insights` and `export --ics`.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use narvaro_core::i18n::t;
use narvaro_core::service::export::ics;
use narvaro_core::service::{agenda, backup, insights, settings};
use narvaro_core::{Lang, Store};

mod person;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Start the app (or hand over to the running one).
    Run {
        data_dir: Option<PathBuf>,
    },
    /// Print what is due and what occurs, then exit.
    Agenda {
        data_dir: Option<PathBuf>,
        days: u32,
        json: bool,
    },
    /// Print the insights for the last `days` days, then exit.
    Insights {
        data_dir: Option<PathBuf>,
        days: u32,
        json: bool,
    },
    /// Write the rhythms as an .ics calendar to a file or standard output, then exit.
    ExportIcs {
        data_dir: Option<PathBuf>,
        out: Option<PathBuf>,
        /// `--with-one-on-ones`: the 1:1 series too, which name the person.
        with_one_on_ones: bool,
    },
    /// Back up the data into `backups/` (rotated), or to `out`, then exit.
    Backup {
        data_dir: Option<PathBuf>,
        out: Option<PathBuf>,
    },
    /// Replace the data with the backup `file` (the current data is backed up first).
    Restore {
        data_dir: Option<PathBuf>,
        file: PathBuf,
    },
    /// Erase a person and everything about them (`person erase ID --yes`), then exit.
    ErasePerson {
        data_dir: Option<PathBuf>,
        id: narvaro_core::model::PersonId,
        ideas: narvaro_core::model::privacy::IdeaChoice,
    },
    /// Write everything about a person beside `out` as .html and .json, then exit.
    ExportPerson {
        data_dir: Option<PathBuf>,
        id: narvaro_core::model::PersonId,
        out: PathBuf,
    },
    /// Add the people in the CSV `file`, all or none (`--dry-run`: only show them), then exit.
    ImportPeople {
        data_dir: Option<PathBuf>,
        file: PathBuf,
        dry_run: bool,
    },
    Version,
    Help,
}

impl Action {
    /// Whether the action works in the default data folder: no `--data-dir`, no
    /// `NARVARO_DATA_DIR`, and not `--version` or `--help`, which touch no data.
    pub fn uses_default_dir(&self) -> bool {
        matches!(
            self,
            Action::Run { data_dir: None }
                | Action::Agenda { data_dir: None, .. }
                | Action::Insights { data_dir: None, .. }
                | Action::ExportIcs { data_dir: None, .. }
                | Action::Backup { data_dir: None, .. }
                | Action::Restore { data_dir: None, .. }
                | Action::ErasePerson { data_dir: None, .. }
                | Action::ExportPerson { data_dir: None, .. }
                | Action::ImportPeople { data_dir: None, .. }
        )
    }
}

/// The Windows release binary is a GUI program, so a double-click opens no console window,
/// and so Windows gives it none to print to either. Started with arguments from a terminal,
/// it borrows that terminal's console and `narvaro agenda` prints where it was typed.
/// Elsewhere standard output already is the terminal.
pub fn attach_to_terminal(has_args: bool) {
    #[cfg(windows)]
    if has_args {
        use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
        // SAFETY: no pointers cross; it fails harmlessly when there is no parent console
        // (started from Explorer) or the process already has one (a debug build).
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
    let _ = has_args;
}

/// What `agenda` shows without `--days`: the same week as the Week view.
pub const DEFAULT_AGENDA_DAYS: u32 = 7;
/// What `insights` covers without `--days`: the Insights view's middle period.
pub const DEFAULT_INSIGHTS_DAYS: u32 = 90;

#[derive(PartialEq)]
enum Command {
    Run,
    Agenda,
    Insights,
    Export,
    Backup,
    Restore,
}

/// A command line we cannot follow; the message is translated.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    pub message: String,
}

/// Parses the arguments after the program name. `env_data_dir` is `NARVARO_DATA_DIR`; the
/// flag wins over it, and an empty variable counts as unset.
pub fn parse(
    args: impl IntoIterator<Item = OsString>,
    env_data_dir: Option<OsString>,
    lang: Lang,
) -> Result<Action, CliError> {
    let fail = |key: &str, option: &str| CliError {
        message: t(lang, key, &[("option", option)]),
    };
    let mut data_dir = env_data_dir.filter(|v| !v.is_empty()).map(PathBuf::from);
    let mut command = Command::Run;
    let (mut days, mut json, mut ics, mut out) = (None, false, false, None);
    let mut file = None;
    let mut with_one_on_ones = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (text.clone(), None),
        };
        let value = |args: &mut dyn Iterator<Item = OsString>| -> Result<OsString, CliError> {
            let value = match &inline {
                Some(v) => OsString::from(v),
                None => args
                    .next()
                    .ok_or_else(|| fail("cli.missing_value", &flag))?,
            };
            if value.is_empty() {
                return Err(fail("cli.empty_value", &flag));
            }
            Ok(value)
        };
        match (flag.as_str(), &command) {
            ("--help" | "-h", _) => return Ok(Action::Help),
            ("--version" | "-V", _) => return Ok(Action::Version),
            ("--data-dir", _) => data_dir = Some(PathBuf::from(value(&mut args)?)),
            ("agenda", Command::Run) => command = Command::Agenda,
            ("insights", Command::Run) => command = Command::Insights,
            ("export", Command::Run) => command = Command::Export,
            ("backup", Command::Run) => command = Command::Backup,
            ("restore", Command::Run) => command = Command::Restore,
            ("person", Command::Run) => return person::parse(&mut args, data_dir, lang),
            ("--days", Command::Agenda) => {
                let raw = value(&mut args)?;
                let parsed = raw
                    .to_str()
                    .and_then(|s| s.parse::<u32>().ok())
                    .filter(|d| (1..=narvaro_core::service::agenda::MAX_DAYS).contains(d));
                days = Some(parsed.ok_or_else(|| CliError {
                    message: t(
                        lang,
                        "cli.bad_days",
                        &[("max", &narvaro_core::service::agenda::MAX_DAYS.to_string())],
                    ),
                })?);
            }
            ("--days", Command::Insights) => {
                let raw = value(&mut args)?;
                let parsed = raw
                    .to_str()
                    .and_then(|s| s.parse::<i64>().ok())
                    .and_then(|d| insights::period_days(d).ok());
                days = Some(parsed.ok_or_else(|| CliError {
                    message: t(
                        lang,
                        "cli.bad_days",
                        &[(
                            "max",
                            &narvaro_core::model::insights::PERIOD_MAX_DAYS.to_string(),
                        )],
                    ),
                })?);
            }
            ("--json", Command::Agenda | Command::Insights) if inline.is_none() => json = true,
            ("--ics", Command::Export) if inline.is_none() => ics = true,
            ("--with-one-on-ones", Command::Export) if inline.is_none() => with_one_on_ones = true,
            ("--out", Command::Export | Command::Backup) => {
                out = Some(PathBuf::from(value(&mut args)?))
            }
            (_, Command::Restore) if file.is_none() && !text.starts_with('-') => {
                file = Some(PathBuf::from(&arg))
            }
            _ => return Err(fail("cli.unknown_option", &text)),
        }
    }
    Ok(match command {
        Command::Run => Action::Run { data_dir },
        Command::Agenda => Action::Agenda {
            data_dir,
            days: days.unwrap_or(DEFAULT_AGENDA_DAYS),
            json,
        },
        Command::Insights => Action::Insights {
            data_dir,
            days: days.unwrap_or(DEFAULT_INSIGHTS_DAYS),
            json,
        },
        Command::Export if ics => Action::ExportIcs {
            data_dir,
            out,
            with_one_on_ones,
        },
        Command::Backup => Action::Backup { data_dir, out },
        Command::Restore => match file {
            Some(file) => Action::Restore { data_dir, file },
            None => {
                return Err(CliError {
                    message: t(lang, "cli.restore_needs_file", &[]),
                })
            }
        },
        Command::Export => {
            return Err(CliError {
                message: t(lang, "cli.export_needs_format", &[]),
            })
        }
    })
}

pub fn help(lang: Lang, default_dir: &str) -> String {
    t(
        lang,
        "cli.help",
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            ("default_dir", default_dir),
        ],
    )
}

/// Runs `agenda` or `export` without a window: opens the store, prints, exits. Errors are
/// translated and go to standard error; nothing is written on failure.
pub fn run_headless(action: Action, default_dir: Option<PathBuf>, system_lang: Lang) -> ExitCode {
    let (data_dir, task) = match action {
        Action::Agenda { ref data_dir, .. }
        | Action::Insights { ref data_dir, .. }
        | Action::ExportIcs { ref data_dir, .. }
        | Action::Backup { ref data_dir, .. }
        | Action::Restore { ref data_dir, .. }
        | Action::ErasePerson { ref data_dir, .. }
        | Action::ExportPerson { ref data_dir, .. }
        | Action::ImportPeople { ref data_dir, .. } => (data_dir.clone(), action),
        _ => return ExitCode::from(2),
    };
    let Some(dir) = data_dir.or(default_dir) else {
        eprintln!(
            "{}",
            t(
                system_lang,
                "cli.missing_value",
                &[("option", "--data-dir")]
            )
        );
        return ExitCode::from(2);
    };
    let mut store = match Store::open_dir(&dir) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("{}", error.message(system_lang));
            return ExitCode::FAILURE;
        }
    };
    let lang = settings::get(&store)
        .map(|s| s.language.resolve(system_lang))
        .unwrap_or(system_lang);
    let tz = crate::system_tz();
    let now = Utc::now();
    let result = match task {
        Action::Agenda { days, json, .. } => agenda::agenda(&store, now, tz, days).map(|a| {
            if json {
                serde_json::to_string_pretty(&a).unwrap_or_default()
            } else {
                agenda::render_text(&a, lang, tz)
            }
        }),
        Action::Insights { days, json, .. } => {
            let today = now.with_timezone(&tz).date_naive();
            insights::insights(&store, today, tz, days.into()).map(|i| {
                if json {
                    serde_json::to_string_pretty(&i).unwrap_or_default()
                } else {
                    insights::render_text(&i, lang)
                }
            })
        }
        Action::ExportIcs {
            out,
            with_one_on_ones,
            ..
        } => ics::export_in(&store, ics::Scope::of(None, with_one_on_ones), now, lang).and_then(
            |ics| {
                let Some(path) = out else {
                    return Ok(ics);
                };
                std::fs::write(&path, ics).map_err(|source| narvaro_core::Error::Io {
                    path: path.clone(),
                    source,
                })?;
                Ok(t(
                    lang,
                    "cli.exported",
                    &[("path", &path.display().to_string())],
                ))
            },
        ),
        Action::Backup { out: None, .. } => backup::back_up(&store, &dir, now).map(|file| {
            t(
                lang,
                "cli.backed_up",
                &[("path", &file.path.display().to_string())],
            )
        }),
        Action::Backup {
            out: Some(path), ..
        } => store.backup_to(&path).map(|()| {
            t(
                lang,
                "cli.backed_up",
                &[("path", &path.display().to_string())],
            )
        }),
        Action::Restore { file, .. } => {
            backup::restore(&mut store, &dir, &file, now).map(|restored| {
                t(
                    lang,
                    "cli.restored",
                    &[
                        ("file", &file.display().to_string()),
                        ("previous", &restored.previous.path.display().to_string()),
                    ],
                )
            })
        }
        Action::ErasePerson { id, ideas, .. } => person::erase(&mut store, &dir, id, ideas, lang),
        Action::ExportPerson { id, out, .. } => person::export(&store, id, &out, lang, now),
        Action::ImportPeople { file, dry_run, .. } => {
            person::import(&mut store, &file, dry_run, lang, now)
        }
        _ => return ExitCode::from(2),
    };
    match result {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`narvaro agenda | head`) is not an error worth a message.
            let _ = writeln!(stdout, "{}", text.trim_end());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", error.message(lang));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn only_actions_without_a_data_folder_use_the_default_one() {
        let uses = |list: &[&str], env: Option<&str>| {
            parse(args(list), env.map(OsString::from), Lang::En)
                .unwrap()
                .uses_default_dir()
        };
        assert!(uses(&[], None));
        assert!(uses(&["agenda"], None));
        assert!(uses(&["insights"], None));
        assert!(uses(&["export", "--ics"], None));
        assert!(!uses(&["--data-dir", "/a"], None));
        assert!(!uses(&["agenda"], Some("/b")));
        assert!(!uses(&["--version"], None));
        assert!(!uses(&["--help"], None));
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let action = parse(args(&["--data-dir", "/a"]), Some("/b".into()), Lang::En).unwrap();
        assert_eq!(
            action,
            Action::Run {
                data_dir: Some("/a".into())
            }
        );
        let action = parse(args(&["--data-dir=/c"]), None, Lang::En).unwrap();
        assert_eq!(
            action,
            Action::Run {
                data_dir: Some("/c".into())
            }
        );
        let action = parse(args(&[]), Some("/b".into()), Lang::En).unwrap();
        assert_eq!(
            action,
            Action::Run {
                data_dir: Some("/b".into())
            }
        );
        let action = parse(args(&[]), Some("".into()), Lang::En).unwrap();
        assert_eq!(action, Action::Run { data_dir: None });
    }

    #[test]
    fn version_and_help() {
        assert_eq!(
            parse(args(&["-V"]), None, Lang::En).unwrap(),
            Action::Version
        );
        assert_eq!(
            parse(args(&["--help"]), None, Lang::En).unwrap(),
            Action::Help
        );
        let text = help(Lang::Sv, "/home/x/.local/share/se.narvaro.desktop");
        assert!(text.contains("--data-dir MAPP"));
        assert!(text.contains("/home/x/.local/share/se.narvaro.desktop"));
    }

    #[test]
    fn bad_command_lines_get_a_translated_error() {
        let err = parse(args(&["--bogus"]), None, Lang::Sv).unwrap_err();
        assert_eq!(err.message, "Okänd flagga: --bogus. Se narvaro --help.");
        let err = parse(args(&["--data-dir"]), None, Lang::En).unwrap_err();
        assert_eq!(err.message, "--data-dir needs a value. See narvaro --help.");
        let err = parse(args(&["--data-dir="]), None, Lang::En).unwrap_err();
        assert_eq!(err.message, "--data-dir cannot be empty.");
        for bad in [
            &["agenda", "--days", "0"][..],
            &["agenda", "--days", "many"],
            &["agenda", "--days=9999"],
        ] {
            let err = parse(args(bad), None, Lang::En).unwrap_err();
            assert_eq!(
                err.message, "--days takes a whole number from 1 to 366.",
                "{bad:?}"
            );
        }
        let err = parse(args(&["export"]), None, Lang::Sv).unwrap_err();
        assert_eq!(
            err.message,
            "Välj format: narvaro export --ics [--out FIL]."
        );
        let err = parse(args(&["--json"]), None, Lang::En).unwrap_err();
        assert_eq!(err.message, "Unknown option: --json. See narvaro --help.");
        let err = parse(args(&["agenda", "export"]), None, Lang::En).unwrap_err();
        assert!(err.message.contains("export"));
    }

    #[test]
    fn agenda_and_export_subcommands() {
        let action = parse(args(&["agenda"]), Some("/d".into()), Lang::En).unwrap();
        assert_eq!(
            action,
            Action::Agenda {
                data_dir: Some("/d".into()),
                days: 7,
                json: false
            }
        );
        let action = parse(args(&["agenda", "--days", "30", "--json"]), None, Lang::En).unwrap();
        assert_eq!(
            action,
            Action::Agenda {
                data_dir: None,
                days: 30,
                json: true
            }
        );
        let action = parse(
            args(&["--data-dir", "/x", "export", "--ics", "--out=cal.ics"]),
            None,
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            action,
            Action::ExportIcs {
                data_dir: Some("/x".into()),
                out: Some("cal.ics".into()),
                with_one_on_ones: false,
            }
        );
        let action = parse(
            args(&["export", "--with-one-on-ones", "--ics"]),
            None,
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            action,
            Action::ExportIcs {
                data_dir: None,
                out: None,
                with_one_on_ones: true,
            }
        );
    }

    #[test]
    fn insights_takes_a_period_of_1_to_3650_days_and_json() {
        assert_eq!(
            parse(args(&["insights"]), None, Lang::En).unwrap(),
            Action::Insights {
                data_dir: None,
                days: 90,
                json: false
            }
        );
        assert_eq!(
            parse(
                args(&["insights", "--days=365", "--json"]),
                Some("/d".into()),
                Lang::En
            )
            .unwrap(),
            Action::Insights {
                data_dir: Some("/d".into()),
                days: 365,
                json: true
            }
        );
        for bad in [
            &["insights", "--days", "0"][..],
            &["insights", "--days", "3651"],
            &["insights", "--days", "-5"],
            &["insights", "--days=ett"],
        ] {
            let err = parse(args(bad), None, Lang::Sv).unwrap_err();
            assert_eq!(
                err.message, "--days tar ett heltal från 1 till 3650.",
                "{bad:?}"
            );
        }
        let err = parse(args(&["insights", "--ics"]), None, Lang::En).unwrap_err();
        assert_eq!(err.message, "Unknown option: --ics. See narvaro --help.");
    }
}
