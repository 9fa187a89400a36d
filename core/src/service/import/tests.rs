use proptest::prelude::*;

use super::*;
use crate::error::{Error, ErrorKind};
use crate::service::people;
use crate::testing::{now, person, store};

/// What Excel ("CSV UTF-8", Swedish locale) writes: a byte-order mark, semicolons, CRLF,
/// quotes only where a cell needs them.
const EXCEL: &[u8] = b"\xEF\xBB\xBFNamn;E-post;Roll;Intervall (dagar)\r\n\
\xC3\x85sa \xC3\x96berg;asa.oberg@example.se;Handl\xC3\xA4ggare, ekonomi;7\r\n\
Bj\xC3\xB6rn \xC3\x84lvsson;;\"Chef; \"\"tillf\xC3\xA4llig\"\"\";\r\n\
Karin Nilsson;karin@example.se;;21\r\n\
;;;\r\n";

/// What LibreOffice writes by default: commas, LF, every text cell quoted, no BOM.
const LIBREOFFICE: &[u8] = "\"Name\",\"Email\",\"Role\",\"Cadence days\",\"Notes\"\n\
\"Lars Persson\",\"lars@example.se\",\"Developer, backend\",14,\"likes \"\"fika\"\"\"\n\
\"Eva Ek\",\"\",\"\",,\"two\nlines\"\n\
\"Örjan Åkesson\",\"orjan@example.se\",\"Tester\",30,\n"
    .as_bytes();

fn names(store: &Store) -> Vec<String> {
    people::list(store)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn an_excel_file_with_bom_semicolons_crlf_and_quotes_is_read_as_written() {
    let s = store();
    let preview = preview(&s, EXCEL).unwrap();
    assert_eq!(preview.separator, ";");
    assert!(preview.ignored_columns.is_empty());
    let rows: Vec<_> = preview
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.draft.name.as_str(),
                r.draft.email.as_deref(),
                r.draft.role.as_deref(),
                r.draft.cadence_days,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                2,
                "Åsa Öberg",
                Some("asa.oberg@example.se"),
                Some("Handläggare, ekonomi"),
                Some(7)
            ),
            (3, "Björn Älvsson", None, Some("Chef; \"tillfällig\""), None),
            (4, "Karin Nilsson", Some("karin@example.se"), None, Some(21)),
        ]
    );
    assert!(preview.bad_lines().is_empty());
}

#[test]
fn a_libreoffice_file_with_commas_and_a_line_break_in_a_cell_counts_lines_right() {
    let mut s = store();
    let preview = preview(&s, LIBREOFFICE).unwrap();
    assert_eq!(preview.separator, ",");
    assert_eq!(preview.ignored_columns, ["Notes"]);
    let lines: Vec<u32> = preview.rows.iter().map(|r| r.line).collect();
    // Eva's note spans lines 3 and 4, so Örjan is on line 5.
    assert_eq!(lines, [2, 3, 5]);
    assert_eq!(
        preview.rows[0].draft.role.as_deref(),
        Some("Developer, backend")
    );
    assert_eq!(preview.rows[1].draft.email, None);
    let summary = import(&mut s, LIBREOFFICE, now()).unwrap();
    assert_eq!(summary.added, 3);
    assert_eq!(names(&s), ["Eva Ek", "Lars Persson", "Örjan Åkesson"]);
    let orjan = people::get(&s, summary.ids[2]).unwrap();
    assert_eq!(
        (orjan.cadence_days, orjan.checkin_minutes, orjan.created_at),
        (30, 20, now())
    );
    let eva = people::get(&s, summary.ids[1]).unwrap();
    assert_eq!(eva.cadence_days, 14);
}

#[test]
fn importing_the_excel_file_adds_everyone_in_one_go() {
    let mut s = store();
    let summary = import(&mut s, EXCEL, now()).unwrap();
    assert_eq!(summary.added, 3);
    assert_eq!(names(&s), ["Björn Älvsson", "Karin Nilsson", "Åsa Öberg"]);
}

#[test]
fn bad_rows_are_reported_by_line_and_nothing_is_imported() {
    let mut s = store();
    person(&mut s, "Anna Lind", now());
    let file = "name;email;cadence\r\n\
                Bo Ek;bo@example.se;14\r\n\
                ;nobody@example.se;7\r\n\
                Cecilia;cecilia@;often\r\n\
                anna  lind;;\r\n\
                Bo ek;;400\r\n\
                Dan;\"unterminated;3\r\n\
                Erik;;5\r\n";
    let preview = preview(&s, file.as_bytes()).unwrap();
    let issues: Vec<(u32, Vec<(&str, &str)>)> = preview
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.errors
                    .iter()
                    .map(|e| (e.field.as_str(), e.key.as_str()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        issues,
        [
            (2, vec![]),
            (3, vec![("name", "error.invalid.name_empty")]),
            (
                4,
                vec![
                    ("cadenceDays", "error.import.cadence_not_number"),
                    ("email", "error.invalid.email_format"),
                ]
            ),
            (5, vec![("name", "error.import.duplicate_existing")]),
            (
                6,
                vec![
                    ("cadenceDays", "error.invalid.cadence"),
                    ("name", "error.import.duplicate_in_file"),
                ]
            ),
            // The open quote swallows the rest of the file, Erik included.
            (
                7,
                vec![
                    ("row", "error.import.unterminated_quote"),
                    ("email", "error.invalid.control_chars"),
                ]
            ),
        ]
    );
    let dup = &preview.rows[4].errors[1];
    assert_eq!(
        dup.message(Lang::En),
        "The file has this name already, on line 2."
    );
    assert_eq!(
        preview.rows[2].errors[0].message(Lang::Sv),
        "Intervallet ska vara ett antal hela dagar, inte ”often”."
    );

    let err = import(&mut s, file.as_bytes(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(
        err.message(Lang::En),
        "5 rows have problems (lines 3, 4, 5, 6, 7). Nothing was imported: fix the file and try again."
    );
    assert_eq!(
        err.message(Lang::Sv),
        "5 rader har fel (rad 3, 4, 5, 6, 7). Inget importerades: rätta filen och försök igen."
    );
    assert_eq!(names(&s), ["Anna Lind"]);
}

#[test]
fn the_refusal_names_the_first_five_bad_lines() {
    let mut s = store();
    let mut file = String::from("Name,Email\n");
    for i in 0..8 {
        file.push_str(&format!("Person {i},not-an-address\n"));
    }
    file.push_str("Good One,good@example.se\n");
    let err = import(&mut s, file.as_bytes(), now()).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "8 rows have problems (lines 2, 3, 4, 5, 6, …). Nothing was imported: fix the file and try again."
    );
    let one = import(&mut s, b"Name\n\"\n", now()).unwrap_err();
    assert_eq!(
        one.message(Lang::Sv),
        "1 rad har fel (rad 2). Inget importerades: rätta filen och försök igen."
    );
    assert!(names(&s).is_empty());
}

#[test]
fn files_that_are_no_table_of_people_are_refused_whole() {
    let mut s = store();
    let cases: &[(&[u8], &str)] = &[
        (b"", "error.import.empty"),
        (b"\xEF\xBB\xBF", "error.import.empty"),
        (b"Namn;Roll\r\n", "error.import.empty"),
        (b"Namn;Roll\r\n;;\r\n\r\n", "error.import.empty"),
        (b"Vem;Roll\r\nAnna;Chef\r\n", "error.import.no_name_column"),
        (b"Namn\r\nM\xE4rta\r\n", "error.import.not_utf8"),
        (b"\x89PNG\r\n\x1a\n\0\0", "error.import.not_utf8"),
    ];
    for (bytes, key) in cases {
        let err = import(&mut s, bytes, now()).unwrap_err();
        match &err {
            Error::Invalid(invalid) => assert_eq!(invalid.key, *key, "{bytes:?}"),
            other => panic!("{other:?}"),
        }
        assert!(!err.message(Lang::Sv).contains("error."), "{key}");
    }
    let big = vec![b'a'; MAX_BYTES + 1];
    let err = preview(&s, &big).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "The file is larger than 1 MB: that is not a list of people. Nothing was imported."
    );
    let mut many = String::from("Name\n");
    for i in 0..=MAX_ROWS {
        many.push_str(&format!("P{i}\n"));
    }
    let err = import(&mut s, many.as_bytes(), now()).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "The file has more than 2000 people. Import them in batches. Nothing was imported."
    );
    assert!(names(&s).is_empty());
}

#[test]
fn headers_are_known_in_swedish_and_english_whatever_the_case() {
    let s = store();
    for header in [
        "NAME,E-MAIL,ROLE,CADENCE",
        "namn,epost,roll,intervall",
        "Namn,E-post,Roll,Intervall (dagar)",
        "Name,Email,Role,Cadence days",
        " Name , e-mail , Role , cadence (days) ",
    ] {
        let file = format!("{header}\nAnna,anna@example.se,Chef,10\n");
        let preview = preview(&s, file.as_bytes()).unwrap();
        let d = &preview.rows[0].draft;
        assert_eq!(
            (
                d.name.as_str(),
                d.email.as_deref(),
                d.role.as_deref(),
                d.cadence_days
            ),
            ("Anna", Some("anna@example.se"), Some("Chef"), Some(10)),
            "{header}"
        );
        assert!(preview.ignored_columns.is_empty(), "{header}");
    }
}

/// An HR system's export: first and last name apart. They make one name, "First Last"; a row
/// with only one of them is that one; a row with neither has no name, as in the form.
#[test]
fn first_and_last_names_apart_make_the_name() {
    let mut s = store();
    let file = "\u{feff}Förnamn;Efternamn;E-post;Avdelning\r\n\
                Åsa;Öberg;asa@example.se;Ekonomi\r\n\
                 Bo ;;bo@example.se;IT\r\n\
                ;Lind;lind@example.se;IT\r\n\
                ;;nobody@example.se;IT\r\n";
    let p = preview(&s, file.as_bytes()).unwrap();
    let got: Vec<&str> = p.rows.iter().map(|r| r.draft.name.as_str()).collect();
    assert_eq!(got, ["Åsa Öberg", "Bo", "Lind", ""]);
    assert_eq!(
        p.bad_lines(),
        [5],
        "the row without a name is the one to fix"
    );
    assert_eq!(p.ignored_columns, ["Avdelning"]);
    for header in [
        "First name,Last name",
        "Given name,Surname",
        "firstname,lastname",
    ] {
        let p = preview(&s, format!("{header}\nAnna,Lind\n").as_bytes()).unwrap();
        assert_eq!(p.rows[0].draft.name, "Anna Lind", "{header}");
    }
    // With a Name column as well, the Name column is the name and the others are ignored.
    let p = preview(&s, "Namn;Förnamn;Efternamn\nAnna Lind;A;L\n".as_bytes()).unwrap();
    assert_eq!(p.rows[0].draft.name, "Anna Lind");
    assert_eq!(p.ignored_columns, ["Förnamn", "Efternamn"]);

    let added = import(
        &mut s,
        "First name,Last name\nÅsa,Öberg\n".as_bytes(),
        now(),
    )
    .unwrap();
    assert_eq!(added.added, 1);
    assert_eq!(names(&s), ["Åsa Öberg"]);
}

#[test]
fn archived_namesakes_are_no_duplicates_and_cadence_takes_spreadsheet_numbers() {
    let mut s = store();
    let old = person(&mut s, "Anna Lind", now());
    people::archive(&mut s, old, now()).unwrap();
    let preview = preview(&s, b"Namn;Intervall\nAnna Lind;14,0\nBo;7.0\n").unwrap();
    assert!(preview.bad_lines().is_empty());
    assert_eq!(preview.rows[0].draft.cadence_days, Some(14));
    assert_eq!(preview.rows[1].draft.cadence_days, Some(7));
}

#[test]
fn the_preview_reads_as_text_for_a_terminal() {
    let s = store();
    let text = preview(&s, EXCEL).unwrap().render_text(Lang::Sv);
    assert!(text.contains("rad 2: Åsa Öberg"), "{text}");
    assert!(text.ends_with("3 medarbetare kan importeras."), "{text}");
}

#[test]
fn the_separator_is_the_header_lines() {
    assert_eq!(detect_separator("a;b;c\n1,2,3,4,5"), ';');
    assert_eq!(detect_separator("a,b\r\n;;;;"), ',');
    assert_eq!(detect_separator("\"a;b\",c"), ',');
    assert_eq!(detect_separator("\"x,y,z\";b;c"), ';');
    assert_eq!(detect_separator("name"), ',');
}

#[test]
fn the_reader_keeps_odd_quotes_as_written() {
    let records = read("a\"b,\"c\"d,\"\"\n\r\nx\ry", ',');
    let cells: Vec<_> = records.iter().map(|r| (r.line, r.cells.clone())).collect();
    assert_eq!(
        cells,
        [
            (1, vec!["a\"b".to_owned(), "cd".into(), "".into()]),
            (3, vec!["x".into()]),
            (4, vec!["y".into()]),
        ]
    );
}

/// A quoting writer as a spreadsheet program is one: quotes a cell when it must.
fn write(table: &[Vec<String>], sep: char, crlf: bool, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{FEFF}');
    }
    for row in table {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let needs = cell.is_empty() && row.len() == 1
                    || cell.starts_with('"')
                    || cell.contains([sep, '\r', '\n']);
                if needs {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out.into_bytes()
}

proptest! {
    #[test]
    fn any_table_written_by_a_quoting_writer_reads_back_the_same(
        table in (1usize..5).prop_flat_map(|width| proptest::collection::vec(
            proptest::collection::vec("[a-zåäö ,;\"\r\n]{0,8}|\\PC{0,6}", width), 1..8)),
        semicolon in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        prop_assume!(!table[0][0].starts_with('\u{FEFF}'));
        let sep = if semicolon { ';' } else { ',' };
        let bytes = write(&table, sep, crlf, bom);
        let text = decode(&bytes).unwrap();
        let cells: Vec<Vec<String>> = read(text, sep).into_iter().map(|r| r.cells).collect();
        prop_assert_eq!(cells, table);
    }

    #[test]
    fn no_bytes_make_the_import_panic_or_import_a_bad_row(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut s = store();
        match import(&mut s, &bytes, now()) {
            Ok(summary) => prop_assert_eq!(summary.added as usize, names(&s).len()),
            Err(_) => prop_assert!(names(&s).is_empty()),
        }
    }
}

/// A whole team imported at once is met at most three a day (the default limit) over its
/// first weeks, not seven a day in the first one; and the reminders follow the same days.
#[test]
fn a_team_imported_at_once_keeps_to_the_limit_of_check_ins_a_day() {
    use crate::i18n::Lang;
    use crate::service::{agenda, reminders};
    use crate::testing::{sthlm, sthlm_at};
    let mut s = store();
    let mut csv = String::from("Namn;Intervall (dagar)\n");
    for i in 1..=35 {
        csv.push_str(&format!("Person {i:02};21\n"));
    }
    // Monday 23 November 2026, 09:00.
    let added = sthlm_at(2026, 11, 23, 9, 0);
    assert_eq!(import(&mut s, csv.as_bytes(), added).unwrap().added, 35);
    let weeks = agenda::agenda(&s, added, sthlm(), 21).unwrap();
    let per_day: Vec<usize> = weeks.days.iter().map(|d| d.checkins.len()).collect();
    // Tue–Fri, Mon and Tue–Fri, Mon–Wed: three a day; the last two on Wednesday 9 December.
    assert_eq!(
        per_day,
        [0, 3, 3, 3, 3, 0, 0, 3, 3, 3, 3, 3, 0, 0, 3, 3, 2, 0, 0, 0, 0]
    );
    // Each working morning's reminder names those three, and nobody is reminded twice.
    let mut told = std::collections::BTreeSet::new();
    for day in 0..21 {
        let morning = added + chrono::Duration::days(day);
        let tick = reminders::tick(&mut s, morning, sthlm(), Lang::Sv).unwrap();
        let people: Vec<i64> = tick
            .notifications
            .iter()
            .flat_map(|n| &n.keys)
            .filter_map(|key| match key {
                crate::schedule::reminders::ReminderKey::CheckIn { person_id, .. } => {
                    Some(*person_id)
                }
                _ => None,
            })
            .collect();
        assert!(people.len() <= 3, "day {day}: {people:?}");
        for id in people {
            assert!(told.insert(id), "{id} reminded twice");
        }
    }
    assert_eq!(told.len(), 35);
}
