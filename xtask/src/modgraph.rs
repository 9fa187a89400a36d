//! The module-graph check of `cargo xtask test`: no import cycle between narvaro-core's
//! modules, and no layer reaching above itself (model < schedule < store < service).
//!
//! It reads the sources instead of asking the compiler: `crate::…` and `super::…` paths, in
//! `use` statements and inline, each resolved to the file-level module it names. Test code
//! (`tests.rs`, `proptests.rs`, `#[cfg(test)]` items) is left out, because tests may use any
//! layer to set up their data. Run alone: `cargo test -p xtask` tests the checker, and
//! `cargo xtask test` runs it on the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// What each layer may use besides itself. `service` may use anything, so it is not listed;
/// neither are top-level files without a rule (`lib.rs`, `testing.rs`).
const LAYERS: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("error", &["i18n"]),
    ("model", &["error", "i18n"]),
    ("schedule", &["model", "error", "i18n"]),
    // A rhythm is stored as an RRULE, and only schedule::recurrence reads one back into a
    // `Recurrence`: the store may parse with it, never compute times with it.
    ("store", &["model", "error", "schedule"]),
];

/// Files that are test code whole.
const TEST_FILES: &[&str] = &["tests.rs", "proptests.rs"];

/// A file-level module graph: `a::b` → the modules it uses.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// Checks `core/src` under `root` and prints a one-line summary.
pub fn check(root: &Path) -> Result<(), String> {
    let src = root.join("core").join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files)?;
    let graph = graph(&files);
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    let problems = problems(&graph);
    if problems.is_empty() {
        println!(
            "narvaro-core: {} modules, {edges} dependencies, no cycle, layers kept",
            graph.len()
        );
        Ok(())
    } else {
        Err(format!(
            "narvaro-core's module graph:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn collect(src: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect(src, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(src)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
    Ok(())
}

/// The module a file under `src/` defines (`model/checkin.rs` → `model::checkin`, `lib.rs`
/// → `crate`), or `None` for a test file.
pub fn module_of(rel: &str) -> Option<String> {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    if TEST_FILES.contains(&file) {
        return None;
    }
    let stem = rel.strip_suffix(".rs")?;
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" || stem == "main" {
        return Some("crate".to_string());
    }
    Some(stem.replace('/', "::"))
}

/// The graph of `(path under src/, source)` files; edges to a module itself are dropped.
pub fn graph(files: &[(String, String)]) -> Graph {
    let sources: Vec<(String, &str)> = files
        .iter()
        .filter_map(|(rel, text)| Some((module_of(rel)?, text.as_str())))
        .collect();
    let modules: BTreeSet<String> = sources.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = Graph::new();
    for (module, text) in &sources {
        let code = without_tests(&strip_comments_and_strings(text));
        let used = paths(&code)
            .into_iter()
            .filter_map(|path| resolve(module, &path, &modules))
            .filter(|target| target != module)
            .collect();
        graph.insert(module.clone(), used);
    }
    graph
}

/// Every cycle (one per strongly connected part) and every layer violation, as lines.
pub fn problems(graph: &Graph) -> Vec<String> {
    let mut out: Vec<String> = cycles(graph)
        .into_iter()
        .map(|cycle| format!("import cycle: {}", cycle.join(" → ")))
        .collect();
    for (from, targets) in graph {
        for to in targets {
            if let Some(rule) = violated(from, to) {
                out.push(format!("layer violation: {from} uses {to} ({rule})"));
            }
        }
    }
    out
}

fn layer(module: &str) -> &str {
    module.split("::").next().unwrap_or(module)
}

/// The rule `from` → `to` breaks, if any.
fn violated(from: &str, to: &str) -> Option<String> {
    let (own, target) = (layer(from), layer(to));
    if own == target {
        return None;
    }
    let (_, allowed) = LAYERS.iter().find(|(name, _)| *name == own)?;
    if allowed.contains(&target) {
        return None;
    }
    Some(if allowed.is_empty() {
        format!("{own} uses nothing else")
    } else {
        format!("{own} may use only {}", allowed.join(", "))
    })
}

/// Tarjan's strongly connected components; each part of more than one module yields one
/// cycle through it, starting at its first module.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        parts: Vec<Vec<&'g str>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, v: &'g str) {
        let i = w.index.len();
        w.index.insert(v, i);
        w.low.insert(v, i);
        w.stack.push(v);
        w.on_stack.insert(v);
        let targets = w.graph.get(v).into_iter().flatten();
        for to in targets {
            let to = to.as_str();
            if !w.graph.contains_key(to) {
                continue;
            }
            if !w.index.contains_key(to) {
                visit(w, to);
                let low = w.low[to].min(w.low[v]);
                w.low.insert(v, low);
            } else if w.on_stack.contains(to) {
                let low = w.index[to].min(w.low[v]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let mut part = Vec::new();
            while let Some(top) = w.stack.pop() {
                w.on_stack.remove(top);
                part.push(top);
                if top == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort_unstable();
                w.parts.push(part);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        parts: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            visit(&mut walk, v);
        }
    }
    walk.parts
        .iter()
        .filter_map(|part| cycle_in(graph, part))
        .collect()
}

/// The shortest way from a part's first module back to itself, inside the part.
fn cycle_in(graph: &Graph, part: &[&str]) -> Option<Vec<String>> {
    let start = *part.first()?;
    let inside: BTreeSet<&str> = part.iter().copied().collect();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for to in graph.get(v).into_iter().flatten() {
            let to = to.as_str();
            if to == start {
                let mut cycle = vec![start.to_string()];
                let mut at = v;
                let mut back = vec![v];
                while at != start {
                    at = came_from[at];
                    back.push(at);
                }
                back.pop();
                cycle.extend(back.iter().rev().map(|m| m.to_string()));
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if inside.contains(to) && to != start && !came_from.contains_key(to) {
                came_from.insert(to, v);
                queue.push_back(to);
            }
        }
    }
    None
}

/// The module a path names: the longest prefix of it that is a module. `crate::model::Person`
/// → `model`, `super::person::PersonId` from `model::idea` → `model::person`.
fn resolve(module: &str, path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    let mut segments: Vec<&str> = if module == "crate" {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    let mut rest = path.iter().map(String::as_str).peekable();
    match rest.peek() {
        Some(&"crate") => {
            segments.clear();
            rest.next();
        }
        Some(&"super") => {
            while rest.peek() == Some(&"super") {
                segments.pop()?;
                rest.next();
            }
        }
        _ => return None,
    }
    // The deepest module on the way; a path through a module's parent (`crate::model::Person`)
    // names the parent, and one naming no module at all (`crate::Store`) the crate root.
    let mut best = if segments.is_empty() {
        "crate".to_string()
    } else {
        segments.join("::")
    };
    for segment in rest {
        if segment == "self" {
            continue;
        }
        segments.push(segment);
        let name = segments.join("::");
        if modules.contains(&name) {
            best = name;
        }
    }
    Some(best)
}

/// Every `crate::…` and `super::…` path in `code`, with `use` groups spelled out:
/// `use crate::{a, b::{c}}` gives `crate::a` and `crate::b::c`.
pub fn paths(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_path = ["crate", "super"]
            .iter()
            .any(|root| at_word(&chars, i, root))
            && (i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':' || chars[i - 1] == '$'));
        if starts_path {
            let mut j = i;
            let before = out.len();
            tree(&chars, &mut j, &mut Vec::new(), &mut out);
            if out.len() > before && j > i {
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.retain(|p: &Vec<String>| p.len() > 1);
    out
}

fn at_word(chars: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    chars.len() >= i + w.len() + 2
        && chars[i..i + w.len()] == w[..]
        && chars[i + w.len()] == ':'
        && chars[i + w.len() + 1] == ':'
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn skip_ws(chars: &[char], i: &mut usize) {
    while *i < chars.len() && chars[*i].is_whitespace() {
        *i += 1;
    }
}

/// One use tree (or inline path) from `*i`, appended to `prefix`.
fn tree(chars: &[char], i: &mut usize, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let depth = prefix.len();
    loop {
        skip_ws(chars, i);
        if *i < chars.len() && chars[*i] == '{' {
            *i += 1;
            loop {
                skip_ws(chars, i);
                if *i >= chars.len() {
                    break;
                }
                if chars[*i] == '}' {
                    *i += 1;
                    break;
                }
                if chars[*i] == ',' {
                    *i += 1;
                    continue;
                }
                let at = *i;
                tree(chars, i, prefix, out);
                if *i == at {
                    *i += 1;
                }
            }
            prefix.truncate(depth);
            return;
        }
        let start = *i;
        while *i < chars.len() && is_ident(chars[*i]) {
            *i += 1;
        }
        if *i == start {
            break;
        }
        prefix.push(chars[start..*i].iter().collect());
        skip_ws(chars, i);
        if *i + 1 < chars.len() && chars[*i] == ':' && chars[*i + 1] == ':' {
            *i += 2;
        } else {
            break;
        }
    }
    if prefix.len() > depth {
        out.push(prefix.clone());
    }
    prefix.truncate(depth);
}

/// The code with comments, strings and character literals blanked, so that a path in a
/// doc comment or a message is no dependency. Lifetimes stay.
pub fn strip_comments_and_strings(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && (i == 0 || !is_ident(c[i - 1]))
            && matches!(c.get(i + 1), Some('"') | Some('#'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i += 2;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The code without `#[cfg(test)]` items: the attribute, any attributes after it, and the
/// item up to its `;` or its balanced `{ … }`.
pub fn without_tests(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let mut depth = 0usize;
        let mut end = item.len();
        for (k, ch) in item.char_indices() {
            match ch {
                '[' | '(' => depth += 1,
                ']' | ')' => depth = depth.saturating_sub(1),
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                '{' if depth == 0 => {
                    end = balanced_end(item, k);
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The index just past the `}` that closes the `{` at `open`.
fn balanced_end(text: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (k, ch) in text[open..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + k + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    fn edges(graph: &Graph, module: &str) -> Vec<String> {
        graph[module].iter().cloned().collect()
    }

    #[test]
    fn a_layered_tree_without_cycles_passes() {
        let g = graph(&files(&[
            ("lib.rs", "pub mod model; pub mod service; pub mod error;"),
            ("error.rs", "//! Errors.\n"),
            ("model.rs", "pub mod person; use crate::error::Invalid;"),
            ("model/person.rs", "use super::super::error::Invalid;"),
            ("service.rs", "pub mod people;"),
            (
                "service/people.rs",
                "use crate::{error::Result, model::{person::Person, Other}};\n\
                 fn f() { crate::model::person::check(); }",
            ),
        ]));
        assert_eq!(problems(&g), Vec::<String>::new());
        assert_eq!(
            edges(&g, "service::people"),
            ["error", "model", "model::person"]
        );
        assert_eq!(edges(&g, "model::person"), ["error"]);
    }

    #[test]
    fn a_cycle_is_printed_module_by_module() {
        let g = graph(&files(&[
            (
                "service/assignments.rs",
                "use crate::service::pairing::history;",
            ),
            (
                "service/pairing.rs",
                "fn f() { crate::service::ideas::x(); }",
            ),
            ("service/ideas.rs", "use super::assignments::{self, stale};"),
            ("service/people.rs", "use crate::service::ideas;"),
        ]));
        assert_eq!(
            problems(&g),
            [
                "import cycle: service::assignments → service::pairing → service::ideas \
                 → service::assignments"
            ]
        );
    }

    #[test]
    fn a_layer_reaching_up_is_refused() {
        let g = graph(&files(&[
            ("model/person.rs", "use crate::schedule::cadence::Due;"),
            ("schedule/cadence.rs", "use crate::model::person::PersonId;"),
            ("store/people.rs", "use crate::service::people;"),
            ("service/people.rs", "use crate::store::people;"),
        ]));
        assert_eq!(
            problems(&g),
            [
                "import cycle: model::person → schedule::cadence → model::person",
                "import cycle: service::people → store::people → service::people",
                "layer violation: model::person uses schedule::cadence \
                 (model may use only error, i18n)",
                "layer violation: store::people uses service::people \
                 (store may use only model, error, schedule)",
            ]
        );
    }

    #[test]
    fn test_code_comments_and_strings_are_no_dependencies() {
        let g = graph(&files(&[
            (
                "model/person.rs",
                "//! Uses crate::store::people in prose only.\n\
                 const S: &str = \"crate::service::x\";\n\
                 const R: &str = r#\"crate::service::y\"#;\n\
                 fn f<'a>(x: &'a str) -> char { '{' }\n\
                 #[cfg(test)]\nmod tests { use crate::service::people; }\n\
                 #[cfg(test)]\nmod more;\n\
                 /* crate::service::z */ use crate::error::Invalid;",
            ),
            ("model/person/tests.rs", "use crate::service::people;"),
            ("error.rs", ""),
            ("service/people.rs", ""),
            ("store/proptests.rs", "use crate::service::people;"),
        ]));
        assert_eq!(edges(&g, "model::person"), ["error"]);
        assert!(!g.contains_key("model::person::tests"));
        assert_eq!(problems(&g), Vec::<String>::new());
    }

    #[test]
    fn files_name_their_modules() {
        assert_eq!(module_of("lib.rs").as_deref(), Some("crate"));
        assert_eq!(module_of("store/mod.rs").as_deref(), Some("store"));
        assert_eq!(
            module_of("service/export/ics.rs").as_deref(),
            Some("service::export::ics")
        );
        assert_eq!(module_of("service/people/tests.rs"), None);
    }
}

/// The real tree, as `cargo xtask test` checks it: a fast way to see a cycle before the
/// whole suite runs (`cargo test -p xtask the_project`).
#[cfg(test)]
mod project {
    #[test]
    fn the_projects_core_modules_import_each_other_in_layers_without_cycles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace");
        if let Err(report) = super::check(root) {
            panic!("{report}");
        }
    }
}
