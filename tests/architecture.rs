//! The crate's house plan, checked: the modules of the library (every file under `src/` that
//! `src/lib.rs` reaches) use each other without a circle of any length, and every use goes to
//! the same or a lower floor:
//!
//! 0. `engine`: plain Rust, the clinical logic;
//! 1. the UI's ground floor: the draft, texts, fields, ids, the shared context (`ui/*.rs`
//!    that is not named below);
//! 2. `ui/parts`: the pieces the steps share;
//! 3. `ui/steps`: one step each;
//! 4. the shell: `ui/views.rs`, the whole widget;
//! 5. the host API: `ui/host.rs`, `ui/embed.rs`, and the faces (`lib.rs`, `ui/mod.rs`).
//!
//! A use is resolved to the file that defines the item, through the faces' re-exports
//! (`pub use contract::*` in `plan/mod.rs` sends `crate::engine::plan::Plan` to
//! `plan/contract.rs`), so a face that only re-exports is no room of its own.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module: its path from the crate root (`["engine", "plan", "build"]`).
type Module = Vec<String>;

fn file_of(m: &[String]) -> Option<PathBuf> {
    if m.is_empty() {
        return Some(PathBuf::from("src/lib.rs"));
    }
    let base = format!("src/{}", m.join("/"));
    [format!("{base}.rs"), format!("{base}/mod.rs")]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The text of a file without its unit tests, comments and string literals (so `"a::b"` in a
/// message and paths in doc comments are not uses).
fn code(text: &str) -> String {
    // A file's unit tests are not part of the house (they reach into any room they test).
    let text = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i]);
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
        }
        out.push('\n');
    }
    out
}

/// Every `use` statement's paths, expanded (`a::{b, c::d}` → `a::b`, `a::c::d`), with whether
/// the statement is a `pub` re-export; and every other path starting with `crate::`,
/// `super::` or `self::`.
fn paths(code: &str) -> (Vec<(bool, String)>, Vec<String>) {
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        if let Some(open) = tree.find('{') {
            let head = tree[..open].trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap()];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&join(prefix, head), &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&join(prefix, head), &inner[start..], out);
        } else if !tree.is_empty() {
            let tree = tree.split(" as ").next().unwrap().trim();
            out.push(join(prefix, tree));
        }
    }
    fn join(a: &str, b: &str) -> String {
        match (a.is_empty(), b.is_empty()) {
            (true, _) => b.to_owned(),
            (_, true) => a.to_owned(),
            _ => format!("{a}::{b}"),
        }
    }
    let mut uses = Vec::new();
    let mut rest = code.to_owned();
    // `use` statements (they may span lines).
    let mut others = String::new();
    while let Some(i) = find_use(&rest) {
        others.push_str(&rest[..i]);
        let end = i + rest[i..].find(';').unwrap();
        let stmt = &rest[i..end];
        let public = stmt.trim_start().starts_with("pub");
        let tree = &stmt[stmt.find("use ").unwrap() + 4..];
        let mut out = Vec::new();
        expand("", tree, &mut out);
        uses.extend(out.into_iter().map(|p| (public, p)));
        rest = rest[end + 1..].to_owned();
    }
    others.push_str(&rest);
    let mut inline = Vec::new();
    for root in ["crate::", "super::", "self::"] {
        for (i, _) in others.match_indices(root) {
            let before = others[..i].chars().last().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == ':' {
                continue;
            }
            let path: String = others[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            inline.push(path.trim_end_matches(':').to_owned());
        }
    }
    (uses, inline)
}

/// Where a `use` statement starts: `use`, `pub use` or `pub(…) use` at the start of a line.
fn find_use(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let t2 = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        if t2.starts_with("use ") {
            return Some(at + (line.len() - t.len()));
        }
        at += line.len();
    }
    None
}

struct Crate {
    /// Every module's file text, without comments and strings.
    code: BTreeMap<Module, String>,
    /// Every module's `pub use` paths.
    reexports: BTreeMap<Module, Vec<String>>,
}

impl Crate {
    fn load() -> Crate {
        let mut code = BTreeMap::new();
        let mut todo: Vec<Module> = vec![vec![]];
        while let Some(m) = todo.pop() {
            let text = code_of(&m);
            for line in text.lines() {
                let t = line.trim();
                let t = t
                    .strip_prefix("pub(crate) ")
                    .or_else(|| t.strip_prefix("pub "))
                    .unwrap_or(t);
                if let Some(name) = t.strip_prefix("mod ").and_then(|n| n.strip_suffix(';')) {
                    let mut child = m.clone();
                    child.push(name.trim().to_owned());
                    if file_of(&child).is_some() {
                        todo.push(child);
                    }
                }
            }
            code.insert(m, text);
        }
        let reexports = code
            .iter()
            .map(|(m, c)| {
                let (uses, _) = paths(c);
                let r = uses.into_iter().filter(|(p, _)| *p).map(|(_, u)| u);
                (m.clone(), r.collect())
            })
            .collect();
        Crate { code, reexports }
    }

    /// The module that defines what `path` names, seen from module `from`; `None` outside the
    /// crate (std, leptos, …).
    fn resolve(&self, from: &[String], path: &str, depth: usize) -> Option<Module> {
        let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: Module = match segs.first() {
            Some(&"crate") => {
                segs.remove(0);
                vec![]
            }
            Some(&"super") => {
                let mut b = from.to_vec();
                while segs.first() == Some(&"super") {
                    segs.remove(0);
                    b.pop();
                }
                b
            }
            Some(&"self") => {
                segs.remove(0);
                from.to_vec()
            }
            // A path relative to the module: a child module's name.
            Some(first) => {
                let mut child = from.to_vec();
                child.push((*first).to_owned());
                if !self.code.contains_key(&child) {
                    return None;
                }
                from.to_vec()
            }
            None => return None,
        };
        let mut item = None;
        for s in segs {
            let mut next = base.clone();
            next.push(s.to_owned());
            if self.code.contains_key(&next) {
                base = next;
            } else {
                item = Some(s);
                break;
            }
        }
        // An item a face re-exports is defined where the re-export points.
        if let (Some(item), true) = (item, depth < 8) {
            if !defines(&self.code[&base], item) {
                for r in &self.reexports[&base] {
                    let last = r.rsplit("::").next().unwrap();
                    if last == item || last == "*" {
                        let target = if last == "*" {
                            r.trim_end_matches("::*").to_owned() + "::" + item
                        } else {
                            r.clone()
                        };
                        if let Some(m) = self.resolve(&base, &target, depth + 1) {
                            if last == item || defines(&self.code[&m], item) {
                                return Some(m);
                            }
                        }
                    }
                }
            }
        }
        Some(base)
    }

    /// Module → the modules it uses.
    fn graph(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut g: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (m, c) in &self.code {
            let (uses, inline) = paths(c);
            let all = uses.into_iter().map(|(_, u)| u).chain(inline);
            for p in all {
                if let Some(to) = self.resolve(m, &p, 0) {
                    // A module's own children are its business (a face declares them).
                    if &to != m && !to.starts_with(m) {
                        g.entry(m.clone()).or_default().insert(to);
                    }
                }
            }
            g.entry(m.clone()).or_default();
        }
        g
    }
}

fn code_of(m: &[String]) -> String {
    code(&std::fs::read_to_string(file_of(m).unwrap()).unwrap())
}

/// Whether the code defines `item` at some level (a fn, type, const, static, trait or macro).
fn defines(code: &str, item: &str) -> bool {
    [
        "fn ", "struct ", "enum ", "const ", "static ", "type ", "trait ", "mod ",
    ]
    .iter()
    .any(|k| {
        code.match_indices(&format!("{k}{item}")).any(|(i, _)| {
            let after = code[i + k.len() + item.len()..]
                .chars()
                .next()
                .unwrap_or(' ');
            !(after.is_alphanumeric() || after == '_')
        })
    })
}

/// The strongly connected components with more than one module (Tarjan).
fn circles(g: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct T<'a> {
        g: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on: BTreeSet<&'a Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a Module) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let Some((w, _)) = t.g.get_key_value(w) else {
                continue;
            };
            if !t.index.contains_key(w) {
                visit(t, w);
                let l = t.low[w].min(t.low[v]);
                t.low.insert(v, l);
            } else if t.on.contains(w) {
                let l = t.index[w].min(t.low[v]);
                t.low.insert(v, l);
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                scc.push(w.clone());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                t.out.push(scc);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// The floor of a module (see the top of this file).
fn floor(m: &[String]) -> usize {
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    match m.as_slice() {
        ["engine", ..] => 0,
        ["ui", "parts", ..] => 2,
        ["ui", "steps", ..] => 3,
        ["ui", "views"] => 4,
        [] | ["ui"] | ["ui", "host" | "embed"] => 5,
        ["ui", ..] => 1,
        _ => 5,
    }
}

/// No circle of any length among the library's modules: a change in one never ripples back
/// into itself.
#[test]
fn the_modules_use_each_other_without_a_circle() {
    let c = Crate::load();
    assert!(c.code.len() >= 40, "only {} modules found", c.code.len());
    let g = c.graph();
    // The scan sees real uses (a resolver that found none would find no circle).
    let uses = |a: &[&str], b: &[&str]| {
        let a: Module = a.iter().map(|s| (*s).to_owned()).collect();
        let b: Module = b.iter().map(|s| (*s).to_owned()).collect();
        g.get(&a).is_some_and(|s| s.contains(&b))
    };
    assert!(uses(
        &["engine", "plan", "build"],
        &["engine", "plan", "rules"]
    ));
    assert!(uses(
        &["engine", "fhir", "export"],
        &["engine", "plan", "contract"]
    ));
    assert!(uses(&["ui", "views"], &["ui", "steps", "plan"]));
    let found: Vec<String> = circles(&g)
        .iter()
        .map(|scc| {
            let names: Vec<String> = scc.iter().map(|m| name(m)).collect();
            names.join(" ↔ ")
        })
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

/// Every use goes to the same or a lower floor: the engine knows nothing of the UI, a part
/// nothing of the steps, a step nothing of the shell, the shell nothing of the host API.
#[test]
fn every_use_goes_to_the_same_or_a_lower_floor() {
    let c = Crate::load();
    let mut wrong = Vec::new();
    for (m, used) in c.graph() {
        for u in used {
            if floor(&u) > floor(&m) {
                wrong.push(format!(
                    "{} (floor {}) uses {} (floor {})",
                    name(&m),
                    floor(&m),
                    name(&u),
                    floor(&u)
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses up the floors:\n{}",
        wrong.join("\n")
    );
}

/// The checker finds what it is for: a circle of three, and a use up the floors.
#[test]
fn the_checker_finds_a_circle_of_three() {
    let m = |s: &str| -> Module { s.split("::").map(str::to_owned).collect() };
    let mut g: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    g.insert(m("a"), BTreeSet::from([m("b")]));
    g.insert(m("b"), BTreeSet::from([m("c")]));
    g.insert(m("c"), BTreeSet::from([m("a"), m("d")]));
    g.insert(m("d"), BTreeSet::new());
    let found = circles(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 3);
    assert!(floor(&m("ui::parts::gates")) < floor(&m("ui::steps::plan")));
    let (uses, inline) = paths(&code(
        "use super::{a, b::{c, D as E}};\npub use x::*;\nfn f() { crate::y::z(); } // crate::no\n",
    ));
    assert_eq!(
        uses,
        vec![
            (false, "super::a".to_owned()),
            (false, "super::b::c".to_owned()),
            (false, "super::b::D".to_owned()),
            (true, "x::*".to_owned()),
        ]
    );
    assert_eq!(inline, vec!["crate::y::z".to_owned()]);
}

#[test]
fn a_module_file_is_found_for_every_declared_module() {
    let c = Crate::load();
    for m in c.code.keys() {
        assert!(file_of(m).is_some_and(|p| Path::new(&p).exists()));
    }
}

/// The engine's sentences live in one place (`engine/phrases.rs`): no other engine module
/// branches on the language to write a text of its own. `engine/text.rs` holds the language
/// itself and how numbers, dates and lists are written in it.
#[test]
fn the_engine_writes_its_sentences_in_one_place() {
    let c = Crate::load();
    let home = |m: &Module| m.len() == 2 && (m[1] == "phrases" || m[1] == "text");
    let mut found = Vec::new();
    for (m, code) in &c.code {
        if m.first().map(String::as_str) != Some("engine") || home(m) {
            continue;
        }
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        for pattern in ["Lang::Da", "Lang::En =>", "Lang::En) =>", "Lang::En, "] {
            if flat.contains(pattern) {
                found.push(format!("{}: {pattern}", name(m)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "engine modules that write a text in a language of their own (move it to engine/phrases.rs):\n{}",
        found.join("\n")
    );
    // The check sees a translation where there is one.
    let phrases = &c.code[&vec!["engine".to_owned(), "phrases".to_owned()]];
    assert!(phrases.contains("Lang::Da =>"));
}

/// Every file in `src/` stays readable on its own (issue #29): one over 600 lines says why in its
/// opening comment, with "Over 600 lines:" and a reason a reader can weigh.
#[test]
fn no_file_is_over_600_lines_without_a_stated_reason() {
    let mut dirs = vec![PathBuf::from("src")];
    let mut seen = 0;
    let mut long = Vec::new();
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap_or_else(|e| panic!("{e}")).path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                seen += 1;
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
                let opening: Vec<&str> =
                    text.lines().take_while(|l| l.starts_with("//!")).collect();
                let reason = opening.join(" ");
                let stated = reason
                    .split("Over 600 lines:")
                    .nth(1)
                    .is_some_and(|r| r.split_whitespace().count() >= 8);
                if text.lines().count() > 600 && !stated {
                    long.push(format!("{}: {} lines", p.display(), text.lines().count()));
                }
            }
        }
    }
    assert!(
        seen > 50,
        "only {seen} source files found: is the test run from the crate root?"
    );
    assert!(
        long.is_empty(),
        "over 600 lines without 'Over 600 lines:' and a reason: {long:?}"
    );
}
