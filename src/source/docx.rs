//! .docx: a zip of XML parts. Every paragraph (body, tables, footnotes, endnotes, headers,
//! footers) becomes one line, its runs joined; tracked changes read as accepted (`w:del` skipped,
//! `w:ins` kept). Positions are paragraph:column.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The most bytes one XML part may inflate to; more is reported, not read (zip bombs).
pub const PART_LIMIT: u64 = 256 << 20;

/// The text of a .docx: one line per paragraph.
pub fn extract(bytes: &[u8], limit: u64) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a .docx (cannot open it as a zip archive: {e})"))?;
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
    for name in parts {
        let file = zip
            .by_name(&name)
            .map_err(|e| format!("cannot read {name} in the .docx: {e}"))?;
        let mut xml = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut xml)
            .map_err(|e| format!("cannot read {name} in the .docx: {e}"))?;
        if xml.len() as u64 > limit {
            return Err(format!(
                "{name} inflates past {} MB; stopped there (a damaged file or a zip bomb)",
                limit >> 20
            ));
        }
        paragraphs(&xml, &mut lines).map_err(|e| format!("{name} is not valid XML: {e}"))?;
    }
    Ok(lines.join("\n"))
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

/// Appends the paragraphs of one XML part to `lines`.
fn paragraphs(xml: &[u8], lines: &mut Vec<String>) -> Result<(), quick_xml::Error> {
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
                "w:p" if deleted == 0 => lines.push(String::new()),
                "w:tab" if deleted == 0 => {
                    if let Some(p) = open.last_mut() {
                        p.push('\t');
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    if let Some(p) = open.pop() {
                        lines.push(p);
                    }
                }
                "w:del" => deleted = deleted.saturating_sub(1),
                "w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text && deleted == 0 => {
                if let Some(p) = open.last_mut() {
                    p.push_str(&t.xml10_content());
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
                    p.push(c);
                }
            }
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
        let text = extract(&bytes, PART_LIMIT).unwrap();
        assert_eq!(text, "第一段按装\n表格里&的字\n插入保留\n\n页脚");
    }

    #[test]
    fn not_a_docx_and_size_limit() {
        assert!(
            extract(b"plain", PART_LIMIT)
                .unwrap_err()
                .starts_with("not a .docx")
        );
        let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "字".repeat(1000));
        let err = extract(&docx(&body, &[]), 1024).unwrap_err();
        assert!(err.contains("inflates past"), "{err}");
    }
}
