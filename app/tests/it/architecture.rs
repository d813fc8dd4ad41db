//! The shape of `app/src`, held by a test so that it does not drift back: no two files import each
//! other (directly or around a circle), `shared` imports no slice, and no slice reaches into
//! another slice's repo. Read from the code's own `use crate::…`, `use super::…` and inline
//! `crate::…` paths, each followed through the
//! `pub use` re-exports it names to the file that defines the item.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A file of `app/src`, and its module path (`["planning", "service"]`; `[]` for `lib.rs`).
struct SourceFile {
    module: Vec<String>,
    /// The code, without comments and without its `#[cfg(test)]` module at the end.
    code: String,
}

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn read_sources() -> BTreeMap<String, SourceFile> {
    let root = source_root();
    let mut files = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            // Test files are not part of the structure (they may reach anything they test).
            if !rel.ends_with(".rs") || rel.ends_with("tests.rs") {
                continue;
            }
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_string)
                .collect();
            // `mod.rs` and `lib.rs` are their folder's module.
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            files.insert(
                rel,
                SourceFile {
                    module,
                    code: without_comments_and_tests(&text),
                },
            );
        }
    }
    files
}

fn without_comments_and_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match line.find(" //") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The `use` statements of `code`, each as one string without spaces, and whether it is a
/// `pub use` (a re-export).
fn use_statements(code: &str) -> Vec<(bool, String)> {
    let mut statements = Vec::new();
    let mut rest = code;
    while let Some(at) = find_use(rest) {
        let after = &rest[at..];
        let end = after.find(';').unwrap_or(after.len());
        let statement: String = after[4..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let before = code_before(rest, at);
        statements.push((before.ends_with("pub") || before.ends_with(')'), statement));
        rest = &after[end.min(after.len())..];
    }
    statements
}

/// The code before `at`, without the blanks just before it.
fn code_before(code: &str, at: usize) -> &str {
    code[..at].trim_end_matches([' ', '\t'])
}

/// Where the next `use ` keyword at the start of a statement is.
fn find_use(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = code[from..].find("use ") {
        let at = from + found;
        let before = code[..at].trim_end_matches([' ', '\t']);
        let starts_statement = before.is_empty()
            || before.ends_with('\n')
            || before.ends_with(';')
            || before.ends_with('{')
            || before.ends_with("pub")
            || before.ends_with(')');
        if starts_statement {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// `a::{b, c::{d, e as f}}` as the paths `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        let path = path.split("as").next().unwrap_or(path);
        return vec![path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()];
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(|part| {
            expand(part).into_iter().map(|tail| {
                let mut path = head.clone();
                path.extend(tail.into_iter().filter(|s| s != "self"));
                path
            })
        })
        .collect()
}

/// `crate::…` and `super::…` paths written inline in the code (calls, types).
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            from = at + start.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            paths.push(
                path.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    paths
}

struct Crate {
    files: BTreeMap<String, SourceFile>,
    by_module: BTreeMap<Vec<String>, String>,
}

impl Crate {
    /// The absolute module path of `path` as written in `file`.
    fn absolute(&self, file: &SourceFile, path: &[String]) -> Option<Vec<String>> {
        let mut base: Vec<String> = match path.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("super") => {
                let mut parent = file.module.clone();
                parent.pop();
                parent
            }
            Some("self") => file.module.clone(),
            _ => return None,
        };
        let mut rest = &path[1..];
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what `path` names: the deepest module file on the path, then
    /// through that file's `pub use` of the item, if it re-exports it.
    fn resolve(&self, path: &[String], depth: usize) -> Option<String> {
        let mut len = path.len();
        while len > 0 {
            if let Some(file) = self.by_module.get(&path[..len]) {
                if depth < 8 {
                    if let Some(item) = path.get(len) {
                        if let Some(target) = self.reexport(file, item, depth) {
                            return Some(target);
                        }
                    }
                }
                return Some(file.clone());
            }
            len -= 1;
        }
        None
    }

    /// Where `file`'s `pub use … item` leads, if it has one.
    fn reexport(&self, name: &str, item: &str, depth: usize) -> Option<String> {
        let file = &self.files[name];
        for (is_pub, tree) in use_statements(&file.code) {
            if !is_pub {
                continue;
            }
            for path in expand(&tree) {
                if path.last().map(String::as_str) != Some(item) {
                    continue;
                }
                let absolute = match self.absolute(file, &path) {
                    Some(absolute) => absolute,
                    // `pub use child::Item` in a folder's module.
                    None => {
                        let mut own = file.module.clone();
                        own.extend(path.iter().cloned());
                        own
                    }
                };
                return self.resolve(&absolute, depth + 1);
            }
        }
        None
    }

    /// Every file → the files it imports from.
    fn arrows(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut arrows = BTreeMap::new();
        for (name, file) in &self.files {
            let mut paths: Vec<Vec<String>> = use_statements(&file.code)
                .iter()
                .flat_map(|(_, tree)| expand(tree))
                .collect();
            paths.extend(inline_paths(&file.code));
            let targets: BTreeSet<String> = paths
                .iter()
                .filter_map(|path| self.absolute(file, path))
                .filter_map(|absolute| self.resolve(&absolute, 0))
                .filter(|target| target != name && target != "lib.rs")
                .collect();
            arrows.insert(name.clone(), targets);
        }
        arrows
    }
}

fn the_crate() -> Crate {
    let files = read_sources();
    let by_module = files
        .iter()
        .map(|(name, file)| (file.module.clone(), name.clone()))
        .collect();
    Crate { files, by_module }
}

/// The circles of `arrows` (strongly connected groups of more than one file), Tarjan's way.
fn circles(arrows: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        arrows: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            self.index.insert(node, self.next);
            self.low.insert(node, self.next);
            self.next += 1;
            self.stack.push(node);
            self.on_stack.insert(node);
            for target in self.arrows.get(node).into_iter().flatten() {
                let target = target.as_str();
                if !self.arrows.contains_key(target) {
                    continue;
                }
                if !self.index.contains_key(target) {
                    self.visit(target);
                    let low = self.low[node].min(self.low[target]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(target) {
                    let low = self.low[node].min(self.index[target]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    group.push(top.to_string());
                    if top == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        arrows,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for node in arrows.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn no_file_of_the_app_imports_itself_around_a_circle() {
    let krate = the_crate();
    let arrows = krate.arrows();
    let found = circles(&arrows);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let ties: Vec<String> = group
                .iter()
                .flat_map(|from| {
                    arrows[from]
                        .iter()
                        .filter(|to| group.contains(to))
                        .map(move |to| format!("{from} -> {to}"))
                })
                .collect();
            ties.join(", ")
        })
        .collect();
    assert!(
        found.is_empty(),
        "import circles in app/src (move what both sides need below them):\n{}",
        described.join("\n")
    );
}

#[test]
fn shared_imports_no_slice() {
    let krate = the_crate();
    let upward: Vec<String> = krate
        .arrows()
        .into_iter()
        .filter(|(from, _)| from.starts_with("shared/"))
        .flat_map(|(from, targets)| {
            targets
                .into_iter()
                .filter(|to| !to.starts_with("shared/"))
                .map(move |to| format!("{from} -> {to}"))
        })
        .collect();
    assert!(
        upward.is_empty(),
        "shared/ is below every slice and imports none of them:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_slice_reaches_into_another_slices_repo() {
    let krate = the_crate();
    let slice = |file: &str| file.split('/').next().unwrap_or(file).to_string();
    let reaching: Vec<String> = krate
        .arrows()
        .into_iter()
        .flat_map(|(from, targets)| {
            let own = slice(&from);
            targets
                .into_iter()
                .filter(move |to| to.ends_with("/repo.rs") && slice(to) != own)
                .map(move |to| format!("{from} -> {to}"))
        })
        .collect();
    assert!(
        reaching.is_empty(),
        "a slice calls another slice's service, never its repo:\n{}",
        reaching.join("\n")
    );
}

#[test]
fn the_walk_sees_a_circle_and_an_upward_import_when_there_is_one() {
    // The checks above are only as good as the reading of the code: a circle written in the
    // same shapes as the app's own imports must be found.
    let files = [
        (
            "a/service.rs",
            vec!["a", "service"],
            "use super::api::{Card, Form};\nfn f() {}",
        ),
        (
            "a/api.rs",
            vec!["a", "api"],
            "pub use super::model::Card;\nuse super::service::f;",
        ),
        ("a/model.rs", vec!["a", "model"], "pub struct Card;"),
        (
            "shared/x.rs",
            vec!["shared", "x"],
            "fn g() { crate::a::service::f() }",
        ),
    ];
    let krate = Crate {
        files: files
            .iter()
            .map(|(name, module, code)| {
                (
                    name.to_string(),
                    SourceFile {
                        module: module.iter().map(|s| s.to_string()).collect(),
                        code: code.to_string(),
                    },
                )
            })
            .collect(),
        by_module: files
            .iter()
            .map(|(name, module, _)| {
                (
                    module.iter().map(|s| s.to_string()).collect(),
                    name.to_string(),
                )
            })
            .collect(),
    };
    let arrows = krate.arrows();
    // `Card` is followed through api.rs's re-export to model.rs; `Form` stays with api.rs.
    assert!(arrows["a/service.rs"].contains("a/model.rs"));
    assert!(arrows["a/service.rs"].contains("a/api.rs"));
    assert_eq!(
        circles(&arrows),
        vec![vec!["a/api.rs".to_string(), "a/service.rs".to_string()]]
    );
    assert!(arrows["shared/x.rs"].contains("a/service.rs"));
}
