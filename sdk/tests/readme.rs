//! The README's integrator example is `examples/first_session.rs`, byte for byte: CI runs the
//! example against a server (`.ci/run`), so the block a new user copies is the code that ran.

use std::path::Path;

/// The marker line the README puts before the block that is a copy of `file`.
fn marker(file: &str) -> String {
    format!("<!-- {file}:")
}

/// The code of the first fenced block after the marker of `file`.
fn block_after_marker(readme: &str, file: &str) -> Option<String> {
    let after = &readme[readme.find(&marker(file))?..];
    let fence = after.find("\n```")? + 1;
    let body_start = fence + after[fence..].find('\n')? + 1;
    let body_len = after[body_start..].find("\n```\n")? + 1;
    Some(after[body_start..body_start + body_len].to_string())
}

#[test]
fn the_readme_integrator_example_is_the_example_ci_runs() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(workspace.join("README.md")).expect("README.md is readable");
    let example = std::fs::read_to_string(workspace.join("examples/first_session.rs")).expect("the example");
    let block = block_after_marker(&readme, "examples/first_session.rs")
        .expect("the README marks the block copied from examples/first_session.rs");
    assert_eq!(
        block, example,
        "README.md's block differs from examples/first_session.rs: copy the file into it"
    );
}

#[test]
fn a_changed_block_is_told_apart() {
    let readme = "<!-- x.rs: a copy -->\n```rust\nfn main() {}\n```\n";
    assert_eq!(block_after_marker(readme, "x.rs").as_deref(), Some("fn main() {}\n"));
    assert_ne!(block_after_marker(readme, "x.rs").as_deref(), Some("fn main() { }\n"));
    assert_eq!(block_after_marker(readme, "y.rs"), None);
}
