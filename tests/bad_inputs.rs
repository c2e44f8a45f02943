//! The bad-input matrix: every kind of input that is not a good document gets an exact message
//! and exit status, and a good file named in the same run is still checked.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

fn doclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run doclint")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A folder holding `ok.txt`, a good file with one finding (按装 → 安装).
fn dir_with_good_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ok.txt"), "请按装调试。\n").unwrap();
    dir
}

/// The good file was checked: its one finding is in the JSON output.
fn assert_good_file_checked(out: &Output, files: u64) {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("one JSON document on stdout ({e}): {}", text(&out.stdout)));
    assert_eq!(json["summary"]["files"], files, "{json}");
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{json}");
    assert_eq!(diags[0]["path"], "ok.txt");
    assert_eq!(diags[0]["matched"], "按装");
}

/// Runs `--format json BAD ok.txt` and checks stderr and the exit status exactly.
fn check_bad(name: &str, bytes: &[u8], stderr: &str, status: i32) -> Output {
    let dir = dir_with_good_file();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = doclint(dir.path(), &["--format", "json", name, "ok.txt"]);
    assert_eq!(text(&out.stderr), stderr);
    assert_eq!(out.status.code(), Some(status), "{}", text(&out.stderr));
    out
}

#[test]
fn an_empty_file_is_checked_and_clean() {
    let out = check_bad("empty.txt", b"", "", 1);
    assert_good_file_checked(&out, 2);
}

#[test]
fn a_file_of_only_a_bom_is_checked_and_clean() {
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        let out = check_bad("bom.txt", bom, "", 1);
        assert_good_file_checked(&out, 2);
    }
}

#[test]
fn invalid_utf8_that_is_not_gb18030() {
    // 0xFF never starts a GB18030 sequence; the UTF-8 error is at byte 9.
    let bytes = b"\xE6\x8C\x89\xE8\xA3\x85\xE8\xB0\x83\xFF\xFE\xFF";
    let out = check_bad(
        "latin.txt",
        bytes,
        "error: latin.txt: not UTF-8, UTF-16 or GB18030 text (invalid byte at offset 9); name the encoding with --encoding\n",
        2,
    );
    assert_good_file_checked(&out, 1);
}

#[test]
fn a_binary_file_is_skipped_with_a_note() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    let out = check_bad(
        "image.txt",
        png,
        "note: image.txt: binary file skipped (a NUL byte at offset 8); if it is text, name its encoding with --encoding\n",
        1,
    );
    assert_good_file_checked(&out, 1);
}

#[test]
fn nul_bytes_inside_text() {
    let bytes = "第一段。\0\0第二段按装。\n".as_bytes();
    let out = check_bad(
        "nul.txt",
        bytes,
        "note: nul.txt: binary file skipped (a NUL byte at offset 12); if it is text, name its encoding with --encoding\n",
        1,
    );
    assert_good_file_checked(&out, 1);
    // Named as UTF-8, it is checked: the NULs are characters like any other.
    let dir = dir_with_good_file();
    std::fs::write(dir.path().join("nul.txt"), bytes).unwrap();
    let out = doclint(
        dir.path(),
        &["--encoding", "utf-8", "--format", "json", "nul.txt"],
    );
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["matched"], "按装");
    assert_eq!(d["start"]["column"], 10);
}

/// A .docx (deflated) with `body` inside its document.xml.
fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

const DOCUMENT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>第一段再接再厉。</w:t></w:r></w:p><w:p><w:r><w:t>第二段。</w:t></w:r></w:p></w:body></w:document>";

#[test]
fn a_truncated_docx() {
    let whole = docx(DOCUMENT);
    let out = check_bad(
        "cut.docx",
        &whole[..whole.len() * 2 / 3],
        "error: cut.docx: a damaged .docx: the zip archive is cut short or corrupt (invalid Zip archive: Could not find EOCD)\n",
        2,
    );
    assert_good_file_checked(&out, 1);
}

#[test]
fn a_docx_whose_xml_is_cut_short() {
    let cut = &DOCUMENT[..DOCUMENT.find("第二段").unwrap()];
    let out = check_bad(
        "cut.docx",
        &docx(cut),
        "error: cut.docx: word/document.xml is cut short: it ends inside a paragraph (a damaged file)\n",
        2,
    );
    assert_good_file_checked(&out, 1);
}

#[test]
fn a_zip_that_is_not_a_docx() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all("按装".as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let out = check_bad(
        "archive.docx",
        &bytes,
        "error: archive.docx: not a .docx (the zip archive has no word/document.xml)\n",
        2,
    );
    assert_good_file_checked(&out, 1);
}

/// Bits of a deflate stream, least significant first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn push(&mut self, value: u64, bits: u32) {
        self.acc |= value << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code goes in most significant bit first.
    fn code(&mut self, code: u64, bits: u32) {
        let reversed = (0..bits).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.push(reversed, bits);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A .docx whose document.xml is `prefix` and then `spaces` spaces, built as a raw deflate
/// stream (a fixed-Huffman block of 258-byte back-references) so that making 300 MB of XML
/// takes milliseconds and 2 MB.
fn zip_bomb(prefix: &str, spaces: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(1, 1); // the last block
    bits.push(1, 2); // fixed Huffman codes
    for b in prefix.bytes().chain([b' ']) {
        assert!(b < 144);
        bits.code(0x30 + b as u64, 8);
    }
    for _ in 0..spaces / 258 {
        bits.code(0xC0 + 5, 8); // length 258
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block
    let data = bits.finish();
    let size = (prefix.len() as u64 + 1 + spaces / 258 * 258) as u32;
    let name = b"word/document.xml";
    let mut zip = Vec::new();
    let header = |zip: &mut Vec<u8>, signature: u32| {
        zip.extend(signature.to_le_bytes());
        if signature == 0x0201_4b50 {
            zip.extend(20u16.to_le_bytes()); // made by
        }
        zip.extend(20u16.to_le_bytes()); // needed
        zip.extend(0u16.to_le_bytes()); // flags
        zip.extend(8u16.to_le_bytes()); // deflate
        zip.extend([0, 0, 0x21, 0]); // time, date
        zip.extend(0u32.to_le_bytes()); // CRC: never reached, the limit stops reading first
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend(size.to_le_bytes());
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend(0u16.to_le_bytes()); // extra
    };
    header(&mut zip, 0x0403_4b50);
    zip.extend(name);
    zip.extend(&data);
    let directory = zip.len() as u32;
    header(&mut zip, 0x0201_4b50);
    zip.extend([0; 14]); // comment length, disk, attributes, local header at 0
    zip.extend(name);
    let directory_len = zip.len() as u32 - directory;
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    zip.extend(directory_len.to_le_bytes());
    zip.extend(directory.to_le_bytes());
    zip.extend([0, 0]);
    zip
}

#[test]
fn a_docx_zip_bomb_stops_at_the_limit() {
    let bomb = zip_bomb("<w:document xmlns:w=\"w\"><w:body>", 300 << 20);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let out = check_bad(
        "bomb.docx",
        &bomb,
        "error: bomb.docx: word/document.xml inflates past 256 MB of XML, the limit for a .docx; stopped there (a damaged file or a zip bomb)\n",
        2,
    );
    assert_good_file_checked(&out, 1);
}

#[test]
fn a_folder_symlink_loop() {
    let dir = dir_with_good_file();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs/sub")).unwrap();
    std::fs::write(root.join("docs/sub/a.txt"), "再接再励。\n").unwrap();
    std::os::unix::fs::symlink("..", root.join("docs/sub/up")).unwrap();
    std::os::unix::fs::symlink(".", root.join("docs/self")).unwrap();
    std::os::unix::fs::symlink("l2.txt", root.join("docs/l1.txt")).unwrap();
    std::os::unix::fs::symlink("l1.txt", root.join("docs/l2.txt")).unwrap();
    // Walking a folder does not follow links: each file is checked once and the walk ends.
    let out = doclint(root, &["--format", "json", "docs", "ok.txt"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    let paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/sub/a.txt", "ok.txt"]);
    // A loop named on the command line is an error for that path only.
    let out = doclint(root, &["--format", "json", "docs/l1.txt", "ok.txt"]);
    assert_eq!(
        text(&out.stderr),
        "error: docs/l1.txt: Too many levels of symbolic links (os error 40)\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_good_file_checked(&out, 1);
}

/// The effective user id, from the owner of a file this process creates.
fn euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid()
}

#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = dir_with_good_file();
    let root = dir.path();
    std::fs::write(root.join("secret.txt"), "按装。\n").unwrap();
    std::fs::set_permissions(root.join("secret.txt"), PermissionsExt::from_mode(0o000)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_doclint"));
    command
        .args(["--format", "json", "secret.txt", "ok.txt"])
        .current_dir(root);
    if euid() == 0 {
        // Root reads any file: run doclint as `nobody`, who may read the folder but not the file.
        std::fs::set_permissions(root, PermissionsExt::from_mode(0o755)).unwrap();
        command.uid(65534).gid(65534);
    }
    let out = match command.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: cannot run doclint as another user ({e})");
            return;
        }
    };
    if euid() == 0 && String::from_utf8_lossy(&out.stderr).contains("ok.txt") {
        eprintln!(
            "skipped: the user `nobody` cannot read the test folder: {}",
            text(&out.stderr)
        );
        return;
    }
    assert_eq!(
        text(&out.stderr),
        "error: secret.txt: Permission denied (os error 13)\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_good_file_checked(&out, 1);
}

#[test]
fn a_path_that_does_not_exist() {
    let dir = dir_with_good_file();
    let out = doclint(dir.path(), &["--format", "json", "nope.txt", "ok.txt"]);
    assert_eq!(
        text(&out.stderr),
        "error: nope.txt: No such file or directory (os error 2)\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_good_file_checked(&out, 1);
}

const RULE: &str = r#"[[rule]]
code = "U900"
name = "long-words"
family = "house"
severity = "warning"
summary = "s"
message = "“{found}”"
[[rule.regex]]
pattern = '\w{1000}\w{1000}'
[[rule.example]]
bad = "x"
"#;

#[test]
fn a_rule_regex_past_the_size_limit() {
    // A broken rule set changes every result: the run stops before checking anything.
    let dir = dir_with_good_file();
    std::fs::write(dir.path().join("big.toml"), RULE).unwrap();
    let out = doclint(dir.path(), &["--rules", "big.toml", "ok.txt"]);
    assert_eq!(
        text(&out.stderr),
        "error: regex too big
  --> big.toml:9:11
  |
9 | pattern = '\\w{1000}\\w{1000}'
  |           ^^^^^^^^^^^^^^^^^^ in this pattern
  |
  = compiled, it needs more than the limit of 4 MB; use smaller counted repetitions (`{1000}`) or split it into several entries

error: could not load the rule sets due to 1 previous error
"
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn an_allow_regex_past_the_size_limit() {
    let dir = dir_with_good_file();
    std::fs::write(
        dir.path().join("doclint.toml"),
        "allow-regex = ['\\w{1000}\\w{1000}']\n",
    )
    .unwrap();
    let out = doclint(dir.path(), &["ok.txt"]);
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: regex too big\n"), "{stderr}");
    assert!(
        stderr.ends_with("error: could not load the configuration due to 1 previous error\n"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_config_naming_an_unknown_rule() {
    // Like a broken rule set, a broken configuration stops the run: checking with part of it
    // would report what the user switched off.
    let dir = dir_with_good_file();
    std::fs::write(
        dir.path().join("doclint.toml"),
        "select = [\"typos\", \"DL999\"]\nignore = [\"no-such-rule\"]\n",
    )
    .unwrap();
    let out = doclint(dir.path(), &["--config", "doclint.toml", "ok.txt"]);
    assert_eq!(
        text(&out.stderr),
        "error: no rule `DL999`
  --> doclint.toml:1:20
  |
1 | select = [\"typos\", \"DL999\"]
  |                    ^^^^^^^

error: no rule `no-such-rule`
  --> doclint.toml:2:11
  |
2 | ignore = [\"no-such-rule\"]
  |           ^^^^^^^^^^^^^^

error: could not load the configuration due to 2 previous errors
"
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The size of the single-line test file: small in a debug build; `DOCLINT_BIG_LINE_MB=50`
/// gives the 50 MB run (with `cargo test --release`, see docs/reliability.md).
fn big_line_bytes() -> usize {
    std::env::var("DOCLINT_BIG_LINE_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(512 << 10, |mb| mb << 20)
}

#[test]
fn a_big_single_line_file() {
    // One paragraph without a line break: distinct clean sentences, and a typo planted every
    // 16 KB; every finding must be found, at its byte and its character column.
    let target = big_line_bytes();
    let mut line = String::with_capacity(target + 1024);
    let mut planted = Vec::new(); // (byte, column) of each planted 按装
    let mut column = 1;
    let mut n = 0;
    while line.len() < target {
        if line.len() >= planted.len() * (16 << 10) {
            planted.push((line.len(), column));
            line.push_str("按装设备。");
            column += 5;
        }
        n += 1;
        let clean = format!("县政府办公室第{n}项工作统筹推进，取得了明显成效。");
        line.push_str(&clean);
        column += clean.chars().count();
    }
    let dir = dir_with_good_file();
    std::fs::write(dir.path().join("big.txt"), &line).unwrap();
    let out = doclint(dir.path(), &["--format", "json", "big.txt", "ok.txt"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(u64, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "big.txt")
        .map(|d| {
            assert_eq!(d["matched"], "按装", "{d}");
            assert_eq!(d["start"]["line"], 1);
            (
                d["span"]["start"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(u64, u64)> = planted.iter().map(|&(b, c)| (b as u64, c as u64)).collect();
    assert_eq!(found, want);
    assert_eq!(json["summary"]["files"], 2);
}
