//! .docx: a zip of XML parts. Every paragraph (body, tables, footnotes, endnotes, headers,
//! footers) becomes one line, its runs joined; tracked changes read as accepted (`w:del` skipped,
//! `w:ins` kept). Positions are paragraph:column.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// How much a .docx may give before it is reported instead of read (zip bombs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes all XML parts may inflate to, together.
    pub xml: u64,
    /// The most bytes of text all paragraphs may give, together.
    pub text: usize,
}

impl Limits {
    /// What a real document stays far below: 256 MB of XML, 64 MB of text.
    pub const DEFAULT: Limits = Limits {
        xml: 256 << 20,
        text: 64 << 20,
    };
}

/// The text of a .docx: one line per paragraph.
pub fn extract(bytes: &[u8], limits: Limits) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(b"PK\x03\x04") {
            format!("a damaged .docx: the zip archive is cut short or corrupt ({e})")
        } else {
            format!("not a .docx (cannot open it as a zip archive: {e})")
        }
    })?;
    let mut parts: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| is_text_part(n))
        .collect();
    if !parts.iter().any(|p| p == "word/document.xml") {
        return Err("not a .docx (the zip archive has no word/document.xml)".to_string());
    }
    parts.sort_by_key(|p| (part_rank(p), p.clone()));
    let mut lines: Vec<String> = Vec::new();
    let mut budget = Budget {
        xml: limits.xml,
        text: limits.text,
    };
    let mut xml = Vec::new();
    for name in parts {
        let file = zip
            .by_name(&name)
            .map_err(|e| format!("cannot read {name} in the .docx: {e}"))?;
        xml.clear();
        file.take(budget.xml + 1)
            .read_to_end(&mut xml)
            .map_err(|e| format!("cannot read {name} in the .docx: {e}"))?;
        if xml.len() as u64 > budget.xml {
            return Err(format!(
                "{name} inflates past {} of XML, the limit for a .docx; stopped there (a damaged file or a zip bomb)",
                size(limits.xml)
            ));
        }
        budget.xml -= xml.len() as u64;
        match paragraphs(&xml, &mut lines, &mut budget.text) {
            Ok(()) => {}
            Err(Stop::Xml(e)) => return Err(format!("{name} is not valid XML: {e}")),
            Err(Stop::CutShort) => {
                return Err(format!(
                    "{name} is cut short: it ends inside a paragraph (a damaged file)"
                ));
            }
            Err(Stop::TooMuchText) => {
                return Err(format!(
                    "the text of the .docx passes {}, the limit; stopped there (a damaged file or a zip bomb)",
                    size(limits.text as u64)
                ));
            }
        }
    }
    Ok(lines.join("\n"))
}

/// What is left of the limits while the parts are read.
struct Budget {
    xml: u64,
    text: usize,
}

/// Why reading the paragraphs of a part stopped.
enum Stop {
    Xml(quick_xml::Error),
    /// The XML ends inside a paragraph.
    CutShort,
    TooMuchText,
}

impl From<quick_xml::Error> for Stop {
    fn from(e: quick_xml::Error) -> Stop {
        Stop::Xml(e)
    }
}

/// `1 MB`, or bytes below that.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

fn is_text_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    file == "document.xml"
        || file == "footnotes.xml"
        || file == "endnotes.xml"
        || ((file.starts_with("header") || file.starts_with("footer"))
            && file.ends_with(".xml")
            && !file.contains('/'))
}

/// Body first, then notes, then headers and footers.
fn part_rank(name: &str) -> u8 {
    match name {
        "word/document.xml" => 0,
        "word/footnotes.xml" => 1,
        "word/endnotes.xml" => 2,
        n if n.starts_with("word/header") => 3,
        _ => 4,
    }
}

/// Appends the paragraphs of one XML part to `lines`, taking their text from `budget`.
fn paragraphs(xml: &[u8], lines: &mut Vec<String>, budget: &mut usize) -> Result<(), Stop> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Paragraphs may nest (text boxes); the innermost one receives text.
    let mut open: Vec<String> = Vec::new();
    let mut deleted = 0usize; // depth inside <w:del>
    let mut in_text = false; // inside <w:t>
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => open.push(String::new()),
                "w:del" => deleted += 1,
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:p" if deleted == 0 => {
                    // Every line costs its line break: a million empty paragraphs are text too.
                    *budget = budget.checked_sub(1).ok_or(Stop::TooMuchText)?;
                    lines.push(String::new());
                }
                "w:tab" if deleted == 0 => {
                    if let Some(p) = open.last_mut() {
                        *budget = budget.checked_sub(1).ok_or(Stop::TooMuchText)?;
                        p.push('\t');
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    if let Some(p) = open.pop() {
                        *budget = budget.checked_sub(1).ok_or(Stop::TooMuchText)?;
                        lines.push(p);
                    }
                }
                "w:del" => deleted = deleted.saturating_sub(1),
                "w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => {
                if let Some(p) = open.last_mut() {
                    let text = t.xml10_content();
                    *budget = budget.checked_sub(text.len()).ok_or(Stop::TooMuchText)?;
                    p.push_str(&text);
                }
            }
            Event::CData(t) if in_text && deleted == 0 => {
                if let Some(p) = open.last_mut() {
                    let text = t.xml10_content();
                    *budget = budget.checked_sub(text.len()).ok_or(Stop::TooMuchText)?;
                    p.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text && deleted == 0 => {
                let c = match &*r {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let (Some(c), Some(p)) = (c, open.last_mut()) {
                    *budget = budget.checked_sub(c.len_utf8()).ok_or(Stop::TooMuchText)?;
                    p.push(c);
                }
            }
            // Text read so far would be checked as if it were the whole paragraph.
            Event::Eof if !open.is_empty() => return Err(Stop::CutShort),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx with the given document.xml body and optional extra parts.
    pub fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        let doc = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
        );
        zip.write_all(doc.as_bytes()).unwrap();
        for (name, content) in extra {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_tables_and_tracked_changes() {
        let body = "<w:p><w:r><w:t>第一段</w:t></w:r><w:r><w:t xml:space=\"preserve\">按装</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格里&amp;的字</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:t>保留</w:t></w:r></w:p>\
            <w:p/>";
        let footer = "<w:ftr xmlns:w=\"w\"><w:p><w:r><w:t>页脚</w:t></w:r></w:p></w:ftr>";
        let bytes = docx(body, &[("word/footer1.xml", footer)]);
        let text = extract(&bytes, Limits::DEFAULT).unwrap();
        assert_eq!(text, "第一段按装\n表格里&的字\n插入保留\n\n页脚");
    }

    #[test]
    fn not_a_docx_and_size_limit() {
        assert!(
            extract(b"plain", Limits::DEFAULT)
                .unwrap_err()
                .starts_with("not a .docx")
        );
        let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "字".repeat(1000));
        let small = |xml, text| Limits { xml, text };
        let err = extract(&docx(&body, &[]), small(1024, 1 << 20)).unwrap_err();
        assert_eq!(
            err,
            "word/document.xml inflates past 1024 bytes of XML, the limit for a .docx; stopped there (a damaged file or a zip bomb)"
        );
        let err = extract(&docx(&body, &[]), small(1 << 20, 2999)).unwrap_err();
        assert_eq!(
            err,
            "the text of the .docx passes 2999 bytes, the limit; stopped there (a damaged file or a zip bomb)"
        );
        // The limits hold for all parts together, not for each.
        let footer = format!("<w:ftr xmlns:w=\"w\">{body}</w:ftr>");
        let both = docx(&body, &[("word/footer1.xml", &footer)]);
        assert!(extract(&both, small(1 << 20, 4000)).is_err());
        assert!(extract(&both, small(1 << 20, 6002)).is_ok());
        // About 3,200 bytes of XML a part: the second one passes 4,000 bytes in all.
        assert!(extract(&both, small(4000, 1 << 20)).is_err());
        // Empty paragraphs count as text (their line breaks).
        let empty = "<w:p/>".repeat(100);
        assert!(extract(&docx(&empty, &[]), small(1 << 20, 50)).is_err());
    }

    #[test]
    fn a_cut_zip_is_a_damaged_docx() {
        let bytes = docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", &[]);
        let err = extract(&bytes[..bytes.len() / 2], Limits::DEFAULT).unwrap_err();
        assert!(
            err.starts_with("a damaged .docx: the zip archive is cut short or corrupt ("),
            "{err}"
        );
    }
}
