//! Checks of the `punctuation` family (issue 3).

use super::Builder;

/// The checks of this module, by id.
pub const CHECKS: &[(&str, Builder)] = &[];
