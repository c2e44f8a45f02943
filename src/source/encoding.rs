//! Text encodings: detect, decode to UTF-8, and encode a fixed text back byte-exactly.
//!
//! Official documents come as UTF-8 (with or without BOM), UTF-16 with BOM (saved by Windows
//! Notepad) and GB18030/GBK (older Chinese Windows). The decoded text never contains the BOM.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};
use std::ops::Range;

/// The encoding a text file was read in; fixes are written back in the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8 {
        bom: bool,
    },
    /// Always with a BOM when detected; `--encoding utf-16le` reads one without.
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
    Gb18030,
}

impl TextEncoding {
    /// Parses a `--encoding` value.
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        match label.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8 { bom: false }),
            "utf-16le" | "utf16le" => Some(TextEncoding::Utf16Le { bom: false }),
            "utf-16be" | "utf16be" => Some(TextEncoding::Utf16Be { bom: false }),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(TextEncoding::Gb18030),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 { bom: false } => "UTF-8",
            TextEncoding::Utf8 { bom: true } => "UTF-8 with BOM",
            TextEncoding::Utf16Le { .. } => "UTF-16LE",
            TextEncoding::Utf16Be { .. } => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }

    fn bom(self) -> &'static [u8] {
        match self {
            TextEncoding::Utf8 { bom: true } => b"\xEF\xBB\xBF",
            TextEncoding::Utf16Le { bom: true } => b"\xFF\xFE",
            TextEncoding::Utf16Be { bom: true } => b"\xFE\xFF",
            _ => b"",
        }
    }

    /// The bytes of `text` in this encoding (without BOM).
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            TextEncoding::Utf8 { .. } => text.as_bytes().to_vec(),
            TextEncoding::Utf16Le { .. } => {
                text.encode_utf16().flat_map(u16::to_le_bytes).collect()
            }
            TextEncoding::Utf16Be { .. } => {
                text.encode_utf16().flat_map(u16::to_be_bytes).collect()
            }
            TextEncoding::Gb18030 => {
                let (bytes, _, _) = GB18030.encode(text);
                bytes.into_owned()
            }
        }
    }

    fn encoded_len(self, text: &str) -> usize {
        match self {
            TextEncoding::Utf8 { .. } => text.len(),
            TextEncoding::Utf16Le { .. } | TextEncoding::Utf16Be { .. } => {
                text.encode_utf16().count() * 2
            }
            TextEncoding::Gb18030 => GB18030.encode(text).0.len(),
        }
    }

    /// Decodes `bytes` (BOM included if the file has one) strictly: any malformed sequence is
    /// an error giving its byte offset.
    pub fn decode(self, bytes: &[u8]) -> Result<String, usize> {
        let bom = self.bom();
        let body = bytes.strip_prefix(bom).unwrap_or(bytes);
        let offset = bytes.len() - body.len();
        match self {
            TextEncoding::Utf8 { .. } => std::str::from_utf8(body)
                .map(str::to_string)
                .map_err(|e| offset + e.valid_up_to()),
            TextEncoding::Utf16Le { .. } => strict(UTF_16LE, body, offset),
            TextEncoding::Utf16Be { .. } => strict(UTF_16BE, body, offset),
            TextEncoding::Gb18030 => strict(GB18030, body, offset),
        }
    }

    /// The original file with `edits` (byte ranges of the decoded text → replacement) applied,
    /// every byte outside the edited ranges copied from `original`. `None` when the result
    /// would not decode back to `fixed` (then nothing must be written).
    pub fn splice(
        self,
        original: &[u8],
        text: &str,
        edits: &[(Range<usize>, String)],
        fixed: &str,
    ) -> Option<Vec<u8>> {
        let bom = self.bom().len();
        let mut out = Vec::with_capacity(original.len());
        out.extend_from_slice(&original[..bom]);
        // Walk the text once, turning each edit boundary into a byte offset of the original.
        let (mut at_text, mut at_bytes) = (0, bom);
        for (range, replacement) in edits {
            let start = at_bytes + self.encoded_len(&text[at_text..range.start]);
            let end = start + self.encoded_len(&text[range.clone()]);
            out.extend_from_slice(original.get(at_bytes..start)?);
            out.extend(self.encode(replacement));
            at_text = range.end;
            at_bytes = end;
        }
        out.extend_from_slice(original.get(at_bytes..)?);
        (self.decode(&out).ok()? == fixed).then_some(out)
    }
}

fn strict(encoding: &'static Encoding, body: &[u8], offset: usize) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .ok_or(offset)?;
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, extra) => {
            Err(offset + read.saturating_sub(bad as usize + extra as usize))
        }
        DecoderResult::OutputFull => Err(offset + read),
    }
}

/// What detection concluded about a file's bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Detected {
    Text(TextEncoding, String),
    /// NUL bytes and no UTF-16 BOM: not a text file; the offset of the first NUL.
    Binary(usize),
    /// Not UTF-8 and not GB18030; the byte offset of the first invalid UTF-8 byte.
    Undecodable(usize),
}

/// Detects the encoding: a BOM decides; NUL bytes mean binary; valid UTF-8 is UTF-8; else
/// GB18030 if it decodes cleanly.
pub fn detect(bytes: &[u8]) -> Detected {
    let by_bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some(TextEncoding::Utf8 { bom: true })
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(TextEncoding::Utf16Le { bom: true })
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(TextEncoding::Utf16Be { bom: true })
    } else {
        None
    };
    if let Some(enc) = by_bom {
        return match enc.decode(bytes) {
            Ok(text) => Detected::Text(enc, text),
            Err(at) => Detected::Undecodable(at),
        };
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Detected::Binary(nul);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Detected::Text(TextEncoding::Utf8 { bom: false }, text.to_string()),
        Err(e) => match TextEncoding::Gb18030.decode(bytes) {
            Ok(text) => Detected::Text(TextEncoding::Gb18030, text),
            Err(_) => Detected::Undecodable(e.valid_up_to()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "请按装调试。\r\n";
        for enc in [
            TextEncoding::Utf8 { bom: false },
            TextEncoding::Utf8 { bom: true },
            TextEncoding::Utf16Le { bom: true },
            TextEncoding::Utf16Be { bom: true },
            TextEncoding::Gb18030,
        ] {
            let mut bytes = enc.bom().to_vec();
            bytes.extend(enc.encode(text));
            assert_eq!(
                detect(&bytes),
                Detected::Text(enc, text.to_string()),
                "{enc:?}"
            );
        }
        assert_eq!(detect(b"ab\0cd"), Detected::Binary(2));
        assert_eq!(detect(b"\x80\x80\xff abc"), Detected::Undecodable(0));
    }

    #[test]
    fn splice_keeps_every_other_byte() {
        let text = "第一行按装\r\n第二行";
        for enc in [
            TextEncoding::Utf8 { bom: true },
            TextEncoding::Utf16Le { bom: true },
            TextEncoding::Gb18030,
        ] {
            let mut original = enc.bom().to_vec();
            original.extend(enc.encode(text));
            let at = text.find("按装").unwrap();
            let edits = vec![(at..at + 6, "安装".to_string())];
            let fixed = text.replace("按装", "安装");
            let out = enc.splice(&original, text, &edits, &fixed).unwrap();
            assert_eq!(out.len(), original.len());
            let differing = out.iter().zip(&original).filter(|(a, b)| a != b).count();
            assert!(differing <= 4, "{enc:?}: {differing} bytes changed");
            assert_eq!(enc.decode(&out).unwrap(), fixed);
        }
    }

    #[test]
    fn labels() {
        assert_eq!(TextEncoding::from_label("GBK"), Some(TextEncoding::Gb18030));
        assert_eq!(
            TextEncoding::from_label("utf_16le"),
            Some(TextEncoding::Utf16Le { bom: false })
        );
        assert_eq!(TextEncoding::from_label("latin1"), None);
    }
}
