//! From a path or bytes to a [`Document`] plus the [`Origin`] a fix needs to write back.

use super::Document;
use super::encoding::{Detected, TextEncoding, detect};
use super::{docx, markdown};
use std::fmt;
use std::io;
use std::path::Path;

/// How a file's text is extracted, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
}

impl Format {
    /// `.docx` → Docx, `.md`/`.markdown` → Markdown, anything else → Text.
    pub fn of(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".docx") {
            Format::Docx
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// What is needed to write a fixed text back.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A text file: its bytes and encoding (fixes are spliced into the bytes). `None`: the
    /// bytes are exactly the text as read (UTF-8 without a BOM), which is then held once.
    Text {
        encoding: TextEncoding,
        bytes: Option<Vec<u8>>,
    },
    /// Text extracted from a .docx; doclint does not write .docx files.
    Docx,
}

/// A document and its origin.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Document,
    pub origin: Origin,
    pub format: Format,
}

/// Why an input could not be turned into a document.
#[derive(Debug)]
pub enum SourceError {
    Io(io::Error),
    /// NUL bytes (the first at `offset`): not a text file. Skipped with a note, not an error.
    Binary {
        offset: usize,
    },
    /// Neither UTF-8, UTF-16 with BOM, nor GB18030.
    Undecodable {
        offset: usize,
    },
    /// Not valid in the encoding `--encoding` asked for.
    BadEncoding {
        encoding: &'static str,
        offset: usize,
    },
    Docx(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(e) => write!(f, "{e}"),
            SourceError::Binary { offset } => write!(
                f,
                "binary file skipped (a NUL byte at offset {offset}); if it is text, name its encoding with --encoding"
            ),
            SourceError::Undecodable { offset } => write!(
                f,
                "not UTF-8, UTF-16 or GB18030 text (invalid byte at offset {offset}); name the encoding with --encoding"
            ),
            SourceError::BadEncoding { encoding, offset } => {
                write!(f, "not valid {encoding} (invalid byte at offset {offset})")
            }
            SourceError::Docx(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SourceError {}

/// Reads and loads a file; `name` is how it is shown.
pub fn load_path(
    path: &Path,
    name: &str,
    forced: Option<TextEncoding>,
) -> Result<Loaded, SourceError> {
    let bytes = std::fs::read(path).map_err(SourceError::Io)?;
    load(name, bytes, Format::of(name), forced)
}

/// Loads a document from its bytes.
pub fn load(
    name: &str,
    mut bytes: Vec<u8>,
    format: Format,
    forced: Option<TextEncoding>,
) -> Result<Loaded, SourceError> {
    if format == Format::Docx {
        let text = docx::extract(&bytes, docx::Limits::DEFAULT).map_err(SourceError::Docx)?;
        return Ok(Loaded {
            doc: Document::new(name, text),
            origin: Origin::Docx,
            format,
        });
    }
    if forced.is_none() {
        // The common case, plain UTF-8: the bytes become the text without a copy.
        let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
            && !bytes.starts_with(b"\xFF\xFE")
            && !bytes.starts_with(b"\xFE\xFF")
            && !bytes.contains(&0);
        // (Validated once: the bytes come back when they are not UTF-8.)
        if plain {
            bytes = match String::from_utf8(bytes) {
                Ok(text) => {
                    return Ok(Loaded {
                        doc: from_text(name, text, format),
                        origin: Origin::Text {
                            encoding: TextEncoding::Utf8 { bom: false },
                            bytes: None,
                        },
                        format,
                    });
                }
                Err(e) => e.into_bytes(),
            };
        }
    }
    let (encoding, text) = match forced {
        Some(enc) => {
            // A forced encoding still honours a BOM of that encoding family.
            let enc = with_bom_if_present(enc, &bytes);
            let text = enc
                .decode(&bytes)
                .map_err(|offset| SourceError::BadEncoding {
                    encoding: enc.name(),
                    offset,
                })?;
            (enc, text)
        }
        None => match detect(&bytes) {
            Detected::Text(enc, text) => (enc, text),
            Detected::Binary(offset) => return Err(SourceError::Binary { offset }),
            Detected::Undecodable(offset) => return Err(SourceError::Undecodable { offset }),
        },
    };
    let doc = from_text(name, text, format);
    Ok(Loaded {
        doc,
        origin: Origin::Text {
            encoding,
            bytes: Some(bytes),
        },
        format,
    })
}

/// A document from decoded text: Markdown is masked to its prose, and suppression comments
/// are masked in every format.
pub fn from_text(name: &str, text: String, format: Format) -> Document {
    let (masked, ranges) = match format {
        Format::Markdown => markdown::mask(&text),
        _ => {
            let comments = crate::suppress::parse(&text).comments;
            if comments.is_empty() {
                return Document::new(name, text);
            }
            markdown::mask_ranges(&text, &comments)
        }
    };
    let mut doc = Document::new(name, masked);
    doc.original = Some(text);
    doc.masked = ranges;
    doc
}

fn with_bom_if_present(enc: TextEncoding, bytes: &[u8]) -> TextEncoding {
    match enc {
        TextEncoding::Utf8 { .. } => TextEncoding::Utf8 {
            bom: bytes.starts_with(b"\xEF\xBB\xBF"),
        },
        TextEncoding::Utf16Le { .. } => TextEncoding::Utf16Le {
            bom: bytes.starts_with(b"\xFF\xFE"),
        },
        TextEncoding::Utf16Be { .. } => TextEncoding::Utf16Be {
            bom: bytes.starts_with(b"\xFE\xFF"),
        },
        TextEncoding::Gb18030 => TextEncoding::Gb18030,
    }
}
