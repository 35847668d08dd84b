//! One call on its way: the contract call and the concrete path, named in every error message
//! so that a failure says which request failed.

use crate::http::wire::{Call, Route};

/// A contract call with its path filled in.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The contract call.
    pub(crate) call: Call,
    /// The path with its values, percent-encoded.
    pub(crate) path: String,
}

impl Operation {
    /// The call's row of the route table.
    pub(crate) fn route(&self) -> &'static Route {
        self.call.route()
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let route = self.route();
        write!(f, "{} ({} {})", route.operation_id, route.method.as_str(), self.path)
    }
}
