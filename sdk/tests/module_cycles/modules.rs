//! The module tree of one crate, read from its root file by following `mod` declarations, and
//! every path reference inside it resolved to the module that holds the item it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::lexer::{Spanned, Token, tokenize};

/// A module's path from the crate root (`[]` is the root, `["http", "client"]` is `http::client`).
pub type ModulePath = Vec<String>;

/// What a module's own items make visible under a name: the place a `use` points to.
#[derive(Debug, Default)]
pub struct Module {
    /// The modules it declares (`mod name;` or `mod name { … }`), test modules left out.
    pub children: BTreeSet<String>,
    /// Names its own `use` declarations bind, to the path they import as written there.
    bindings: BTreeMap<String, Vec<String>>,
    /// Paths it glob-imports (`use path::*`), as written there.
    globs: Vec<Vec<String>>,
    /// Names of the items it defines itself.
    defined: BTreeSet<String>,
}

/// One path written in a module that starts inside the crate.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The module the path is written in.
    pub from: ModulePath,
    /// The path as written (`super::state::State`).
    pub written: String,
    /// Whether it is a `pub` (or `pub(…)`) `use`: a re-export.
    pub reexport: bool,
    /// The file and line it is written on.
    pub file: PathBuf,
    /// The 1-based line.
    pub line: usize,
    /// The path with its first segment made absolute; `None` before resolution.
    start: Option<(ModulePath, Vec<String>)>,
    /// The segments as written.
    segments: Vec<String>,
}

/// A parsed crate: its modules and the references between them.
#[derive(Debug, Default)]
pub struct Crate {
    /// Every module, by path.
    pub modules: BTreeMap<ModulePath, Module>,
    /// Every path reference that starts inside the crate.
    pub references: Vec<Reference>,
}

/// Where a resolved reference lands: the module holding the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The module that holds (defines) the item the path names, or the module it names.
    pub module: ModulePath,
    /// Whether the path names that module itself rather than an item in it.
    is_module: bool,
}

/// Reads a crate from its root file (`lib.rs`, `main.rs`); `read` gives a file's text, or
/// `None` when it does not exist (so that tests can give sources from memory).
pub fn read_crate(root: &Path, read: &dyn Fn(&Path) -> Option<String>) -> Result<Crate, String> {
    let mut parsed = Crate::default();
    let text = read(root).ok_or_else(|| format!("cannot read the crate root {}", root.display()))?;
    let dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
    parse_file(&mut parsed, root, &text, Vec::new(), dir, read)?;
    let mut references = std::mem::take(&mut parsed.references);
    for reference in &mut references {
        reference.start = absolute_start(&parsed, &reference.from, &reference.segments);
    }
    references.retain(|reference| reference.start.is_some());
    parsed.references = references;
    Ok(parsed)
}

impl Crate {
    /// The module holding the item `reference` names, following `use` declarations (private
    /// or public) and glob imports; `None` when it leads outside the crate.
    pub fn resolve(&self, reference: &Reference) -> Option<Target> {
        let (module, rest) = reference.start.clone()?;
        self.resolve_from(module, &rest, 16)
    }

    fn resolve_from(&self, mut current: ModulePath, segments: &[String], budget: u32) -> Option<Target> {
        for (index, segment) in segments.iter().enumerate() {
            match segment.as_str() {
                "self" => continue,
                "super" => {
                    current.pop();
                    continue;
                }
                _ => {}
            }
            let module = self.modules.get(&current)?;
            if module.children.contains(segment) {
                current.push(segment.clone());
                continue;
            }
            let rest = &segments[index + 1..];
            if let Some(binding) = module.bindings.get(segment) {
                if budget == 0 {
                    return Some(Target { module: current, is_module: false });
                }
                let (start, path) = absolute_start(self, &current, binding)?;
                let bound = self.resolve_from(start, &path, budget - 1)?;
                if bound.is_module && !rest.is_empty() {
                    return self.resolve_from(bound.module, rest, budget - 1);
                }
                return Some(bound);
            }
            if !module.defined.contains(segment) && budget > 0 {
                for glob in &module.globs {
                    let Some((start, path)) = absolute_start(self, &current, glob) else { continue };
                    let Some(source) = self.resolve_from(start, &path, budget - 1) else { continue };
                    if self.modules.get(&source.module).is_some_and(|m| m.names(segment)) {
                        return self.resolve_from(source.module, &segments[index..], budget - 1);
                    }
                }
            }
            return Some(Target { module: current, is_module: false });
        }
        Some(Target { module: current, is_module: true })
    }
}

impl Module {
    fn names(&self, name: &str) -> bool {
        self.defined.contains(name) || self.bindings.contains_key(name) || self.children.contains(name)
    }
}

/// The module a path's first segment starts from and the segments after it; `None` for a
/// path into another crate (or a local name).
fn absolute_start(
    parsed: &Crate,
    from: &ModulePath,
    segments: &[String],
) -> Option<(ModulePath, Vec<String>)> {
    let first = segments.first()?;
    match first.as_str() {
        "crate" => Some((Vec::new(), segments[1..].to_vec())),
        "self" | "super" => Some((from.clone(), segments.to_vec())),
        name if parsed.modules.get(from).is_some_and(|m| m.children.contains(name)) => {
            Some((from.clone(), segments.to_vec()))
        }
        _ => None,
    }
}

/// Parses one file of module `module` (whose child files live in `dir`), then the files of
/// the modules it declares.
fn parse_file(
    parsed: &mut Crate,
    file: &Path,
    text: &str,
    module: ModulePath,
    dir: PathBuf,
    read: &dyn Fn(&Path) -> Option<String>,
) -> Result<(), String> {
    let tokens = tokenize(text);
    let mut parser = Parser { tokens: &tokens, index: 0, file, declared: Vec::new() };
    parser.items(parsed, &module, &dir, false);
    for declared in std::mem::take(&mut parser.declared) {
        let child_file = declared
            .explicit
            .clone()
            .or_else(|| {
                let flat = declared.dir.join(format!("{}.rs", declared.name));
                let nested = declared.dir.join(&declared.name).join("mod.rs");
                [flat, nested].into_iter().find(|candidate| read(candidate).is_some())
            })
            .ok_or_else(|| format!("{}: no file for module {}", file.display(), declared.name))?;
        let name = child_file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let child_text = read(&child_file).ok_or_else(|| format!("cannot read {}", child_file.display()))?;
        let child_dir = if name == "mod.rs" {
            child_file.parent().unwrap_or(Path::new("")).to_path_buf()
        } else {
            child_file.with_extension("")
        };
        parse_file(parsed, &child_file, &child_text, declared.module, child_dir, read)?;
    }
    Ok(())
}

/// A `mod name;` found in a file: the module and where its file may be.
struct Declared {
    name: String,
    module: ModulePath,
    dir: PathBuf,
    explicit: Option<PathBuf>,
}

struct Parser<'a> {
    tokens: &'a [Spanned],
    index: usize,
    file: &'a Path,
    declared: Vec<Declared>,
}

impl Parser<'_> {
    fn peek(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.index + ahead).map(|t| &t.token)
    }

    fn is_ident(&self, ahead: usize, word: &str) -> bool {
        matches!(self.peek(ahead), Some(Token::Ident(w)) if w == word)
    }

    fn is_punct(&self, ahead: usize, c: char) -> bool {
        self.peek(ahead) == Some(&Token::Punct(c))
    }

    fn line(&self) -> usize {
        self.tokens.get(self.index).or(self.tokens.last()).map_or(1, |t| t.line)
    }

    /// The items of `module` until the end of the file, or the `}` closing an inline module
    /// (`inline`). Nested braces (fn bodies, impls) are walked for paths, not for items.
    fn items(&mut self, parsed: &mut Crate, module: &ModulePath, dir: &Path, inline: bool) {
        parsed.modules.entry(module.clone()).or_default();
        let mut depth = 0usize;
        let mut path_attribute: Option<PathBuf> = None;
        let mut after_path_separator = false;
        while let Some(token) = self.peek(0).cloned() {
            let at_item_level = depth == 0;
            match token {
                Token::Punct('#')
                    if self.is_punct(1, '[') || (self.is_punct(1, '!') && self.is_punct(2, '[')) =>
                {
                    let attribute = self.attribute();
                    if attribute.first().is_some_and(|w| w == "cfg")
                        && attribute.iter().skip(1).any(|w| w == "test")
                    {
                        let negated = attribute.iter().any(|w| w == "not");
                        if !negated {
                            self.skip_item();
                        }
                    } else if attribute.first().is_some_and(|w| w == "path") {
                        path_attribute = attribute.get(1).map(|p| dir_of(self.file).join(p));
                    }
                    continue;
                }
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => {
                    if depth == 0 && inline {
                        self.index += 1;
                        return;
                    }
                    depth = depth.saturating_sub(1);
                }
                Token::Ident(word) if word == "mod" && matches!(self.peek(1), Some(Token::Ident(_))) => {
                    let name = match self.peek(1) {
                        Some(Token::Ident(name)) => name.clone(),
                        _ => String::new(),
                    };
                    let child: ModulePath = module.iter().cloned().chain([name.clone()]).collect();
                    parsed.modules.entry(module.clone()).or_default().children.insert(name.clone());
                    if self.is_punct(2, ';') {
                        self.declared.push(Declared {
                            name,
                            module: child,
                            dir: dir.to_path_buf(),
                            explicit: path_attribute.take(),
                        });
                        self.index += 3;
                    } else if self.is_punct(2, '{') {
                        self.index += 3;
                        let inner_dir = dir.join(&name);
                        self.items(parsed, &child, &inner_dir, true);
                    } else {
                        self.index += 2;
                    }
                    after_path_separator = false;
                    continue;
                }
                Token::Ident(word) if word == "use" => {
                    let reexport = self.index > 0 && self.is_visibility_before();
                    self.index += 1;
                    self.use_declaration(parsed, module, reexport, at_item_level);
                    after_path_separator = false;
                    continue;
                }
                Token::Ident(ref word)
                    if at_item_level
                        && matches!(
                            word.as_str(),
                            "fn" | "struct" | "enum" | "trait" | "type" | "const" | "static" | "union"
                        ) =>
                {
                    if let Some(Token::Ident(name)) = self.peek(1) {
                        parsed.modules.entry(module.clone()).or_default().defined.insert(name.clone());
                    }
                }
                Token::Ident(ref word) if word == "macro_rules" && self.is_punct(1, '!') => {
                    if let Some(Token::Ident(name)) = self.peek(2) {
                        parsed.modules.entry(module.clone()).or_default().defined.insert(name.clone());
                    }
                }
                Token::Ident(_) if !after_path_separator && self.peek(1) == Some(&Token::PathSep) => {
                    let line = self.line();
                    let segments = self.path_segments();
                    self.record(parsed, module, segments, false, line);
                    continue;
                }
                _ => {}
            }
            after_path_separator = token == Token::PathSep;
            self.index += 1;
        }
    }

    /// Whether the tokens before `use` are a visibility (`pub`, `pub(crate)`, `pub(in …)`).
    fn is_visibility_before(&self) -> bool {
        let before = &self.tokens[..self.index];
        match before.last().map(|t| &t.token) {
            Some(Token::Ident(w)) => w == "pub",
            Some(Token::Punct(')')) => {
                let open = before.iter().rposition(|t| t.token == Token::Punct('('));
                open.is_some_and(|o| o > 0 && before[o - 1].token == Token::Ident("pub".into()))
            }
            _ => false,
        }
    }

    /// Reads `#[…]` / `#![…]`: the identifiers and plain strings inside, in order.
    fn attribute(&mut self) -> Vec<String> {
        while !self.is_punct(0, '[') {
            self.index += 1;
        }
        let mut depth = 0;
        let mut words = Vec::new();
        while let Some(token) = self.peek(0) {
            match token {
                Token::Punct('[') => depth += 1,
                Token::Punct(']') => {
                    depth -= 1;
                    if depth == 0 {
                        self.index += 1;
                        break;
                    }
                }
                Token::Ident(w) | Token::Str(w) => words.push(w.clone()),
                _ => {}
            }
            self.index += 1;
        }
        words
    }

    /// Skips one item (after a `#[cfg(test)]`): its further attributes, then up to its `;`
    /// or its closing `}`.
    fn skip_item(&mut self) {
        while self.is_punct(0, '#') {
            self.attribute();
        }
        let mut depth = 0i32;
        while let Some(token) = self.peek(0).cloned() {
            self.index += 1;
            match token {
                Token::Punct('{' | '(' | '[') => depth += 1,
                Token::Punct('}') => {
                    depth -= 1;
                    if depth <= 0 {
                        return;
                    }
                }
                Token::Punct(')' | ']') => depth -= 1,
                Token::Punct(';') if depth == 0 => return,
                _ => {}
            }
        }
    }

    /// `a::b::c` starting at the current token (its first segment an identifier).
    fn path_segments(&mut self) -> Vec<String> {
        let mut segments = Vec::new();
        while let Some(Token::Ident(word)) = self.peek(0) {
            segments.push(word.clone());
            self.index += 1;
            if self.peek(0) == Some(&Token::PathSep) && matches!(self.peek(1), Some(Token::Ident(_))) {
                self.index += 1;
            } else {
                break;
            }
        }
        segments
    }

    fn record(
        &mut self,
        parsed: &mut Crate,
        module: &ModulePath,
        segments: Vec<String>,
        reexport: bool,
        line: usize,
    ) {
        if segments.is_empty() {
            return;
        }
        parsed.references.push(Reference {
            from: module.clone(),
            written: segments.join("::"),
            reexport,
            file: self.file.to_path_buf(),
            line,
            start: None,
            segments,
        });
    }

    /// The tree of a `use` declaration after the keyword, up to its `;`: every leaf becomes a
    /// reference, and (at item level) a binding of the module.
    fn use_declaration(
        &mut self,
        parsed: &mut Crate,
        module: &ModulePath,
        reexport: bool,
        at_item_level: bool,
    ) {
        let line = self.line();
        let mut leaves = Vec::new();
        if self.peek(0) == Some(&Token::PathSep) {
            self.index += 1;
            leaves.push((vec!["::".to_string()], Leaf::Outside));
        }
        self.use_tree(Vec::new(), &mut leaves);
        while let Some(token) = self.peek(0).cloned() {
            self.index += 1;
            if token == Token::Punct(';') {
                break;
            }
        }
        for (segments, leaf) in leaves {
            if segments.first().is_some_and(|s| s == "::") {
                continue;
            }
            let entry = parsed.modules.entry(module.clone()).or_default();
            if at_item_level {
                match &leaf {
                    Leaf::Name(name) => {
                        entry.bindings.insert(name.clone(), segments.clone());
                    }
                    Leaf::Glob => entry.globs.push(segments.clone()),
                    Leaf::Outside => {}
                }
            }
            self.record(parsed, module, segments, reexport, line);
        }
    }

    fn use_tree(&mut self, mut prefix: Vec<String>, leaves: &mut Vec<(Vec<String>, Leaf)>) {
        loop {
            match self.peek(0).cloned() {
                Some(Token::Ident(word)) if word == "self" && !prefix.is_empty() => {
                    self.index += 1;
                    let name = self.alias().unwrap_or_else(|| prefix.last().cloned().unwrap_or_default());
                    leaves.push((prefix, Leaf::Name(name)));
                    return;
                }
                Some(Token::Ident(word)) => {
                    self.index += 1;
                    prefix.push(word.clone());
                    if self.peek(0) == Some(&Token::PathSep) {
                        self.index += 1;
                        continue;
                    }
                    let name = self.alias().unwrap_or(word);
                    let leaf = if name == "_" { Leaf::Outside } else { Leaf::Name(name) };
                    leaves.push((prefix, leaf));
                    return;
                }
                Some(Token::Punct('*')) => {
                    self.index += 1;
                    leaves.push((prefix, Leaf::Glob));
                    return;
                }
                Some(Token::Punct('{')) => {
                    self.index += 1;
                    loop {
                        if self.is_punct(0, '}') {
                            self.index += 1;
                            return;
                        }
                        if self.peek(0).is_none() || self.is_punct(0, ';') {
                            return;
                        }
                        self.use_tree(prefix.clone(), leaves);
                        if self.is_punct(0, ',') {
                            self.index += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// `as name` after a use leaf.
    fn alias(&mut self) -> Option<String> {
        if !self.is_ident(0, "as") {
            return None;
        }
        let Some(Token::Ident(name)) = self.peek(1).cloned() else { return None };
        self.index += 2;
        Some(name)
    }
}

enum Leaf {
    Name(String),
    Glob,
    Outside,
}

fn dir_of(file: &Path) -> PathBuf {
    file.parent().unwrap_or(Path::new("")).to_path_buf()
}
