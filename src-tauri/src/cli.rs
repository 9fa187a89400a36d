//! The command line of the one binary: `--data-dir`, `--version`, `--help`.

use std::ffi::OsString;
use std::path::PathBuf;

use narvaro_core::i18n::t;
use narvaro_core::Lang;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Start the app (or hand over to the running one).
    Run {
        data_dir: Option<PathBuf>,
    },
    Version,
    Help,
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
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        match text.as_ref() {
            "--help" | "-h" => return Ok(Action::Help),
            "--version" | "-V" => return Ok(Action::Version),
            "--data-dir" => {
                let value = args
                    .next()
                    .ok_or_else(|| fail("cli.missing_value", "--data-dir"))?;
                data_dir = Some(non_empty(value, &fail)?);
            }
            other => {
                if let Some(value) = other.strip_prefix("--data-dir=") {
                    data_dir = Some(non_empty(value.into(), &fail)?);
                } else {
                    return Err(fail("cli.unknown_option", other));
                }
            }
        }
    }
    Ok(Action::Run { data_dir })
}

fn non_empty(value: OsString, fail: &impl Fn(&str, &str) -> CliError) -> Result<PathBuf, CliError> {
    if value.is_empty() {
        return Err(fail("cli.empty_value", "--data-dir"));
    }
    Ok(PathBuf::from(value))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
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
    }
}
