//! The dependency graph at every level of a crate's module tree and its strongly connected
//! components of more than one node: the module cycles.

use std::collections::BTreeMap;
use std::fmt;

use crate::modules::{Crate, ModulePath, Reference};

/// A node at one level: the parent's own file, or one child module (with everything in it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// The items of the parent's own file (`mod.rs`, `lib.rs`, `name.rs`).
    OwnFile,
    /// A child module of the parent, by name.
    Child(String),
}

/// One module cycle: the nodes of a strongly connected component under one parent, and one
/// reference that makes each edge between them.
#[derive(Debug)]
pub struct Cycle {
    /// The parent module whose children (and own file) form the cycle.
    pub parent: ModulePath,
    /// The nodes of the component.
    pub nodes: Vec<Node>,
    /// Per edge inside the component, the first reference found that makes it.
    pub edges: Vec<(Node, Node, Reference)>,
}

/// Every cycle of `parsed`, level by level (parents in path order).
pub fn find_cycles(parsed: &Crate) -> Vec<Cycle> {
    let mut levels: BTreeMap<ModulePath, BTreeMap<(Node, Node), Reference>> = BTreeMap::new();
    for reference in &parsed.references {
        let Some(target) = parsed.resolve(reference) else { continue };
        let from = &reference.from;
        let to = &target.module;
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        if common == from.len() && common == to.len() {
            continue;
        }
        let source = node_at(from, common);
        // Declaring and re-exporting is how a parent exposes its children: no edge.
        if source == Node::OwnFile && reference.reexport {
            continue;
        }
        let edge = (source, node_at(to, common));
        levels.entry(from[..common].to_vec()).or_default().entry(edge).or_insert_with(|| reference.clone());
    }
    let mut cycles = Vec::new();
    for (parent, edges) in levels {
        for component in strongly_connected(&edges) {
            if component.len() < 2 {
                continue;
            }
            let inside = edges
                .iter()
                .filter(|((a, b), _)| component.contains(a) && component.contains(b))
                .map(|((a, b), r)| (a.clone(), b.clone(), r.clone()))
                .collect();
            cycles.push(Cycle { parent: parent.clone(), nodes: component, edges: inside });
        }
    }
    cycles
}

fn node_at(module: &ModulePath, level: usize) -> Node {
    module.get(level).map_or(Node::OwnFile, |name| Node::Child(name.clone()))
}

/// Tarjan's algorithm over the nodes that appear in `edges`; components sorted.
fn strongly_connected(edges: &BTreeMap<(Node, Node), Reference>) -> Vec<Vec<Node>> {
    let mut nodes: Vec<Node> = edges.keys().flat_map(|(a, b)| [a.clone(), b.clone()]).collect();
    nodes.sort();
    nodes.dedup();
    let index_of = |n: &Node| nodes.binary_search(n).unwrap_or_default();
    let mut successors = vec![Vec::new(); nodes.len()];
    for (a, b) in edges.keys() {
        successors[index_of(a)].push(index_of(b));
    }
    let mut state = Tarjan {
        successors,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        stack: Vec::new(),
        on_stack: vec![false; nodes.len()],
        next: 0,
        components: Vec::new(),
    };
    for v in 0..nodes.len() {
        if state.index[v].is_none() {
            state.visit(v);
        }
    }
    state
        .components
        .into_iter()
        .map(|component| {
            let mut named: Vec<Node> = component.into_iter().map(|i| nodes[i].clone()).collect();
            named.sort();
            named
        })
        .collect()
}

struct Tarjan {
    successors: Vec<Vec<usize>>,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    next: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for w in self.successors[v].clone() {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(index) if self.on_stack[w] => self.low[v] = self.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

fn module_name(path: &[String]) -> String {
    if path.is_empty() { "crate".to_string() } else { path.join("::") }
}

impl Node {
    fn name(&self, parent: &ModulePath) -> String {
        match self {
            Node::OwnFile => format!("{} (own file)", module_name(parent)),
            Node::Child(child) => {
                module_name(&parent.iter().cloned().chain([child.clone()]).collect::<Vec<_>>())
            }
        }
    }
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.nodes.iter().map(|n| n.name(&self.parent)).collect();
        writeln!(f, "cycle under {}: {}", module_name(&self.parent), names.join(", "))?;
        for (from, to, reference) in &self.edges {
            writeln!(
                f,
                "    {} -> {}: {}:{} `{}`",
                from.name(&self.parent),
                to.name(&self.parent),
                reference.file.display(),
                reference.line,
                reference.written
            )?;
        }
        Ok(())
    }
}
