//! The fuzzers' properties (tests/support/props.rs) on stable, briefly: every committed seed in
//! `fuzz/seeds/`, then seeded random inputs built from rule entries, fixture text, marks and
//! mutated seeds. Deterministic: a failure prints the seed and the input to reproduce it. The
//! long runs are `cargo fuzz` (see fuzz/README.md).

#[path = "support/props.rs"]
mod props;

use std::path::PathBuf;

/// xorshift64*: small, seeded, good enough to pick tokens.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Runs `property` on `input`; on a panic, says how to reproduce it.
fn run(target: &str, seed: u64, input: &[u8], property: fn(&[u8])) {
    let result = std::panic::catch_unwind(|| property(input));
    if let Err(e) = result {
        let message = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        panic!(
            "{target} property failed (seed {seed}): {message}\ninput ({} bytes): {:?}",
            input.len(),
            String::from_utf8_lossy(input)
        );
    }
}

/// Pieces of official-document text that make the rules and checks fire.
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = [
        "按装",
        "一如继往",
        "再接再励",
        "布署",
        "的的",
        "加强、改进、加强",
        "XX",
        "X月X日",
        "××",
        "○○",
        "X光",
        "2023年上半年",
        "2024年",
        "二〇二四年",
        "2O24年",
        "１２月",
        "2024年13月",
        "今年是“十四五”开局之年",
        "截止2024年底",
        "一、",
        "（一）",
        "（二）",
        "1.",
        "1、",
        "（1）",
        "三、",
        "，",
        "。",
        "、",
        "：",
        "“",
        "”",
        "‘",
        "’",
        "《",
        "》",
        "（",
        "）",
        ",",
        ".",
        ":",
        ";",
        "?",
        "!",
        "(",
        ")",
        "\"",
        "'",
        "...",
        "……",
        "。。",
        " ",
        "　",
        "\t",
        "\n",
        "\r\n",
        "\n\n",
        "工作总结",
        "通知",
        "现将有关情况报告如下",
        "这是一句话。",
        "https://www.gov.cn/a,b",
        "a@b.cn",
        "😀",
        "\u{0301}",
        "\u{200b}",
        "\u{feff}",
        "\0",
        "<!-- doclint-disable-next-line DL101 -->",
        "<!-- doclint-disable -->",
        "<!-- doclint-enable -->",
        "# 标题",
        "`按装`",
        "```\n按装\n```",
        "[链接](http://a/按装)",
        "---\ntitle: x\n---\n",
        "|甲|乙|\n|---|---|\n",
        "- ",
        "> ",
        "*",
        "_",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A sample of the shipped entries and their fixes.
    for rule in props::engine().rules() {
        for e in rule.entries.iter().step_by(40) {
            words.push(e.found.clone());
            words.extend(e.fix.clone());
            words.extend(e.unless.first().cloned());
        }
    }
    let fixture = include_str!("../fixtures/2024年上半年工作总结.txt");
    words.extend(fixture.split(['。', '\n']).take(40).map(str::to_string));
    words
}

fn text(rng: &mut Rng, words: &[String]) -> Vec<u8> {
    let mut s = Vec::new();
    for _ in 0..1 + rng.below(30) {
        s.extend_from_slice(rng.pick(words).as_bytes());
    }
    s
}

/// A seed with a few byte-level changes: a range deleted, duplicated or overwritten.
fn mutate(rng: &mut Rng, bytes: &[u8], words: &[String]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        let len = rng.below(16).min(b.len() - at);
        match rng.below(4) {
            0 => {
                b.drain(at..at + len);
            }
            1 => {
                let piece = b[at..at + len].to_vec();
                b.splice(at..at, piece);
            }
            2 => {
                let word = rng.pick(words).as_bytes().to_vec();
                b.splice(at..at, word);
            }
            _ => {
                for x in &mut b[at..at + len] {
                    *x = rng.next() as u8;
                }
            }
        }
    }
    b
}

const ROUNDS: u64 = 150;

fn random(target: &str, property: fn(&[u8]), make: impl Fn(&mut Rng, &[String]) -> Vec<u8>) {
    let words = vocabulary();
    for (name, bytes) in seeds(target) {
        run(&name, 0, &bytes, property);
    }
    for seed in 1..=ROUNDS {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let input = make(&mut rng, &words);
        run(target, seed, &input, property);
    }
}

fn with_selector(rng: &mut Rng, body: Vec<u8>) -> Vec<u8> {
    let mut v = vec![rng.next() as u8];
    v.extend(body);
    v
}

#[test]
fn full_check_renders_fix_and_recheck() {
    random("check", props::check, |rng, words| {
        let body = text(rng, words);
        with_selector(rng, body)
    });
}

#[test]
fn decoding_in_every_encoding() {
    random("decode", props::decode, |rng, words| {
        let s = String::from_utf8_lossy(&text(rng, words)).into_owned();
        let body = match rng.below(6) {
            0 => s.into_bytes(),
            1 => [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat(),
            2 => [
                vec![0xFF, 0xFE],
                s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ]
            .concat(),
            3 => s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            4 => encoding_gb18030(&s),
            _ => {
                let b = s.into_bytes();
                mutate(rng, &b, words)
            }
        };
        with_selector(rng, body)
    });
}

fn encoding_gb18030(s: &str) -> Vec<u8> {
    doclint::source::TextEncoding::Gb18030.encode(s)
}

#[test]
fn docx_extraction() {
    let zips: Vec<Vec<u8>> = seeds("docx").into_iter().map(|(_, b)| b).collect();
    random("docx", props::docx, move |rng, words| {
        if rng.below(2) == 0 {
            let seed = rng.pick(&zips);
            mutate(rng, seed, words)
        } else {
            let mut xml = b"<w:document xmlns:w=\"w\"><w:body>".to_vec();
            for _ in 0..rng.below(6) {
                let (open, close) = *rng.pick(&[
                    ("<w:p><w:r><w:t>", "</w:t></w:r></w:p>"),
                    ("<w:p><w:del><w:r><w:t>", "</w:t></w:r></w:del></w:p>"),
                    ("<w:p><w:ins><w:r><w:t>", "</w:t></w:r></w:ins>"),
                    ("<w:t>", "</w:p>"),
                    ("<w:p><w:r><w:tab/><w:t><![CDATA[", "]]></w:t></w:r></w:p>"),
                ]);
                xml.extend_from_slice(open.as_bytes());
                xml.extend(text(rng, words));
                xml.extend_from_slice(close.as_bytes());
            }
            let xml = mutate(rng, &xml, words);
            let mut input = with_selector(rng, xml);
            input[0] |= 1; // wrapped in a zip as word/document.xml
            input
        }
    });
}

#[test]
fn rule_sets() {
    let files: Vec<Vec<u8>> = seeds("rules").into_iter().map(|(_, b)| b).collect();
    random("rules", props::rules, move |rng, words| {
        let seed = rng.pick(&files);
        mutate(rng, seed, words)
    });
}

#[test]
fn configurations() {
    let files: Vec<Vec<u8>> = seeds("config").into_iter().map(|(_, b)| b).collect();
    random("config", props::config, move |rng, words| {
        let seed = rng.pick(&files);
        mutate(rng, seed, words)
    });
}
