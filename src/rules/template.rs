//! Message templates: `错别字：“{found}”应为“{fix}”`.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Slot {
    Found,
    Fix,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Part {
    Text(String),
    Slot(Slot),
}

/// A parsed template; rendering cannot fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    parts: Vec<Part>,
}

/// A `{…}` that is not one of the known slots, with its byte range inside the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSlot {
    pub name: String,
    pub range: Range<usize>,
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, UnknownSlot> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = source;
        let mut offset = 0;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let name = &rest[open + 1..open + close];
            let slot = match name {
                "found" => Slot::Found,
                "fix" => Slot::Fix,
                "note" => Slot::Note,
                _ => {
                    return Err(UnknownSlot {
                        name: name.to_string(),
                        range: offset + open..offset + open + close + 1,
                    });
                }
            };
            text.push_str(&rest[..open]);
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(Part::Slot(slot));
            offset += open + close + 1;
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Template { parts })
    }

    pub fn uses(&self, slot: Slot) -> bool {
        self.parts.contains(&Part::Slot(slot))
    }

    pub fn render(&self, found: &str, fix: Option<&str>, note: Option<&str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Slot(Slot::Found) => out.push_str(found),
                Part::Slot(Slot::Fix) => out.push_str(fix.unwrap_or("")),
                Part::Slot(Slot::Note) => out.push_str(note.unwrap_or("")),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_slots() {
        let t = Template::parse("错别字：“{found}”应为“{fix}”").unwrap();
        assert!(t.uses(Slot::Fix) && !t.uses(Slot::Note));
        assert_eq!(
            t.render("按装", Some("安装"), None),
            "错别字：“按装”应为“安装”"
        );
    }

    #[test]
    fn reports_unknown_slot_with_range() {
        let err = Template::parse("“{found}”应为{fixx}").unwrap_err();
        assert_eq!(err.name, "fixx");
        assert_eq!(&"“{found}”应为{fixx}"[err.range], "{fixx}");
    }

    #[test]
    fn lone_brace_is_text() {
        let t = Template::parse("a { b").unwrap();
        assert_eq!(t.render("", None, None), "a { b");
    }
}
