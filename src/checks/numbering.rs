//! Checks of the `numbering` family (issue 3).

use super::Builder;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[];
