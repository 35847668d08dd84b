//! No module import cycles in `sdk/src` or `conformance/src` (issue 12, point 3), and the
//! check that keeps it so.
//!
//! What a cycle is, exactly:
//!
//! - At every level of the module tree, the nodes are the modules that share a parent, plus
//!   the parent's own file (the items of its `lib.rs`, `mod.rs` or `name.rs`) as one more node.
//! - There is an edge A → B when any file inside A refers to an item inside B, through
//!   `use crate::…`, `use super::…`, `use self::…`, a `use` or inline path starting with a
//!   child module's name (Rust 2018's `child::…`, which is `self::child::…`), or an inline
//!   path `crate::…`, `super::…`, `self::…` (a macro's `$crate::…` too). "Inside B" is where
//!   the item is defined: a path through a `use` (private or public, glob or not) is followed
//!   to the module the item comes from. Paths in comments, doc links and strings are not
//!   references.
//! - The parent's own file declaring `mod child;` or re-exporting a child (`pub use
//!   child::Item`, any `pub(…)`) is not an edge parent → child: declaring and re-exporting is
//!   how a parent exposes its children. Anything else the parent's own file refers to in a
//!   child (a private `use child::Item`, a `child::f()` call) is an edge parent → child, and a
//!   child using the parent's own items is an edge child → parent.
//! - `#[cfg(test)]` items (test modules, test-only imports) and the files `tests.rs` and
//!   `*_tests.rs` do not count: tests may reach anywhere.
//! - A cycle is a strongly connected component of more than one node at any level.
//!
//! Every cycle is printed with one reference (file and line) per edge inside it, so that a
//! developer sees at once what to move. The check reads the sources itself (a small lexer,
//! no dependency) and runs in well under a second.

#[path = "module_cycles/cycles.rs"]
mod cycles;
#[path = "module_cycles/lexer.rs"]
mod lexer;
#[path = "module_cycles/modules.rs"]
mod modules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cycles::{Cycle, find_cycles};
use modules::read_crate;

/// The cycles of the crate whose root file is `root`, read from disk.
fn cycles_on_disk(root: &Path) -> Vec<Cycle> {
    let parsed =
        read_crate(root, &|path| std::fs::read_to_string(path).ok()).unwrap_or_else(|e| panic!("{e}"));
    find_cycles(&parsed)
}

/// Fails with every cycle of the crate roots, printed.
fn assert_no_cycles(roots: &[&str]) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the SDK sits in the workspace");
    let mut report = String::new();
    for root in roots {
        for cycle in cycles_on_disk(&workspace.join(root)) {
            report.push_str(&format!("{root}: {cycle}"));
        }
    }
    assert!(
        report.is_empty(),
        "module cycles (move the shared item to a module both sides may use):\n{report}"
    );
}

#[test]
fn the_sdk_has_no_module_cycles() {
    assert_no_cycles(&["sdk/src/lib.rs"]);
}

#[test]
fn the_conformance_crate_has_no_module_cycles() {
    assert_no_cycles(&["conformance/src/lib.rs", "conformance/src/main.rs"]);
}

/// The cycles of a crate given as (file, text) pairs, rooted at `lib.rs`.
fn cycles_in(files: &[(&str, &str)]) -> Vec<String> {
    let sources: BTreeMap<PathBuf, String> =
        files.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect();
    let parsed =
        read_crate(Path::new("lib.rs"), &|path| sources.get(path).cloned()).unwrap_or_else(|e| panic!("{e}"));
    find_cycles(&parsed).iter().map(ToString::to_string).collect()
}

#[test]
fn a_cycle_between_siblings_is_found_with_a_reference_per_edge() {
    let found = cycles_in(&[
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a.rs", "use crate::b::B;\npub struct A;\n"),
        ("b.rs", "pub struct B;\n\nfn f() -> super::a::A { super::a::A }\n"),
        ("c.rs", "use crate::a::A;\n"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cycle under crate: a, b\n"), "{}", found[0]);
    assert!(found[0].contains("a -> b: a.rs:1 `crate::b::B`"), "{}", found[0]);
    assert!(found[0].contains("b -> a: b.rs:3 `super::a::A`"), "{}", found[0]);
}

#[test]
fn a_cycle_through_a_glob_reexport_is_found_where_the_item_lives() {
    // `model` re-exports everything; `format` reaches `model::Code`, defined in
    // `model::country`, which uses `format` back: a cycle under `crate`.
    let found = cycles_in(&[
        ("lib.rs", "pub mod format;\npub mod model;\n"),
        ("model/mod.rs", "mod country;\npub use country::*;\n"),
        ("model/country.rs", "pub struct Code;\nfn parse() { crate::format::read(); }\n"),
        ("format.rs", "use crate::model::Code;\npub fn read() {}\n"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cycle under crate: format, model\n"), "{}", found[0]);
}

#[test]
fn a_parent_exposing_its_children_is_no_edge_but_using_them_is() {
    let exposing = [
        (
            "lib.rs",
            "mod inner;\npub use inner::Thing;\npub(crate) use self::inner::Other;\npub struct Root;\n",
        ),
        ("inner.rs", "pub struct Thing(crate::Root);\npub struct Other;\n"),
    ];
    assert!(cycles_in(&exposing).is_empty());
    let using = [
        ("lib.rs", "mod inner;\npub struct Root;\nfn make() { let _ = inner::Thing(Root); }\n"),
        ("inner.rs", "pub struct Thing(pub crate::Root);\n"),
    ];
    let found = cycles_in(&using);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("crate (own file) -> inner: lib.rs:3 `inner::Thing`"), "{}", found[0]);
    assert!(found[0].contains("inner -> crate (own file): inner.rs:1 `crate::Root`"), "{}", found[0]);
}

#[test]
fn tests_comments_and_strings_are_no_references() {
    let found = cycles_in(&[
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "pub struct A;\n#[cfg(test)]\nmod tests { use crate::b::B; }\n#[cfg(test)]\nmod more;\n"),
        ("a/more.rs", "use crate::b::B;\n"),
        (
            "b.rs",
            "pub struct B;\nmod tests;\n/// See [`crate::a::A`].\nconst S: &str = \"crate::a::A\";\n// crate::a::A\n",
        ),
        ("b/tests.rs", "use crate::a::A;\n"),
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_cycle_deep_in_the_tree_is_found_at_its_own_level() {
    let found = cycles_in(&[
        ("lib.rs", "pub mod outer;\n"),
        ("outer/mod.rs", "mod x;\nmod y;\n"),
        ("outer/x.rs", "use super::y::{self, Y as Why};\npub struct X;\n"),
        ("outer/y.rs", "pub struct Y;\npub fn f() { let _ = super::x::X; }\n"),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("cycle under outer: outer::x, outer::y\n"), "{}", found[0]);
}
