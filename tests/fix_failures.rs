//! `--fix` when writing fails: the original is intact, no temporary file is left behind, the
//! error is reported with exit status 2, and the other files are still fixed.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const TYPO: &str = "请按装调试。\n";
const FIXED: &str = "请安装调试。\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_doclint"));
    c.args(args).current_dir(dir).env("NO_COLOR", "1");
    c
}

/// Every file under `dir` whose name says it is one of doclint's temporary files.
fn temp_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            found.extend(temp_files(&path));
        } else if entry.file_name().to_string_lossy().starts_with(".doclint-") {
            found.push(path.display().to_string());
        }
    }
    found
}

/// The findings left in the JSON output, as (path, matched).
fn left(out: &Output) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("one JSON document ({e}): {}", text(&out.stdout)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["matched"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid()
}

fn chown_all(path: &Path, uid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_all(&entry.unwrap().path(), uid);
        }
    }
}

#[test]
fn a_read_only_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("ro")).unwrap();
    std::fs::create_dir(root.join("rw")).unwrap();
    std::fs::write(root.join("ro/a.txt"), TYPO).unwrap();
    std::fs::write(root.join("rw/b.txt"), TYPO).unwrap();
    let mut c = command(root, &["--fix", "--format", "json", "ro/a.txt", "rw/b.txt"]);
    if euid() == 0 {
        // Root writes into any folder: run doclint as `nobody`, the owner of the files.
        chown_all(root, 65534);
        c.uid(65534).gid(65534);
    }
    std::fs::set_permissions(root.join("ro"), PermissionsExt::from_mode(0o555)).unwrap();
    let out = c.output();
    std::fs::set_permissions(root.join("ro"), PermissionsExt::from_mode(0o755)).unwrap();
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: cannot run doclint as another user ({e})");
            return;
        }
    };
    if text(&out.stderr).contains("rw/b.txt") {
        eprintln!(
            "skipped: the user `nobody` cannot reach the test folder: {}",
            text(&out.stderr)
        );
        return;
    }
    assert_eq!(
        text(&out.stderr),
        "error: ro/a.txt: cannot write the fixes (cannot create a temporary file in ro: Permission denied (os error 13)); file left unchanged\n\
         fixed 1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(root.join("ro/a.txt")).unwrap(),
        TYPO
    );
    assert_eq!(
        std::fs::read_to_string(root.join("rw/b.txt")).unwrap(),
        FIXED
    );
    assert_eq!(temp_files(root), Vec::<String>::new());
    // The report tells what is on disk: the finding in the file that could not be fixed.
    assert_eq!(left(&out), [("ro/a.txt".to_string(), "按装".to_string())]);
}

/// Runs `--fix --threads 1 a.txt b.txt c.txt` where c.txt is a FIFO: doclint checks a.txt and
/// b.txt, then waits to read c.txt; meanwhile `meddle` changes a.txt. Then c.txt gets a clean
/// text and doclint goes on to write its fixes.
fn fix_while(meddle: impl FnOnce(&Path)) -> (Output, tempfile::TempDir) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("a.txt"), TYPO).unwrap();
    std::fs::write(root.join("b.txt"), TYPO).unwrap();
    let status = Command::new("mkfifo").arg(root.join("c.txt")).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo");
    let child = command(
        root,
        &[
            "--fix",
            "--threads",
            "1",
            "--format",
            "json",
            "a.txt",
            "b.txt",
            "c.txt",
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Opening a FIFO for writing without blocking fails until a reader has it open: then
    // doclint has read a.txt and b.txt (one thread takes the files in order).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut fifo = loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(0o4000) // O_NONBLOCK
            .open(root.join("c.txt"))
        {
            Ok(f) => break f,
            Err(e) if std::time::Instant::now() < deadline => {
                let _ = e;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("doclint never opened the FIFO: {e}"),
        }
    };
    meddle(root);
    fifo.write_all("正文。\n".as_bytes()).unwrap();
    drop(fifo);
    (child.wait_with_output().unwrap(), dir)
}

#[test]
fn a_file_that_vanishes_between_check_and_write() {
    let (out, dir) = fix_while(|root| std::fs::remove_file(root.join("a.txt")).unwrap());
    let root = dir.path();
    assert_eq!(
        text(&out.stderr),
        "error: a.txt: it is gone since it was checked; the fixes are not written\n\
         fixed 1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.join("a.txt").exists(), "not written back from memory");
    assert_eq!(std::fs::read_to_string(root.join("b.txt")).unwrap(), FIXED);
    assert_eq!(temp_files(root), Vec::<String>::new());
}

#[test]
fn a_file_that_changes_between_check_and_write() {
    let edited = "请按装调试，马上。\n";
    let (out, dir) = fix_while(|root| std::fs::write(root.join("a.txt"), edited).unwrap());
    let root = dir.path();
    assert_eq!(
        text(&out.stderr),
        "error: a.txt: it changed after it was checked; the fixes are not written (run doclint again)\n\
         fixed 1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(root.join("a.txt")).unwrap(), edited);
    assert_eq!(std::fs::read_to_string(root.join("b.txt")).unwrap(), FIXED);
    assert_eq!(temp_files(root), Vec::<String>::new());
}

/// A file of about 12 KB with one typo at the start.
fn big_text() -> String {
    let mut s = String::from(TYPO);
    for n in 1.. {
        if s.len() >= 12 << 10 {
            break;
        }
        s.push_str(&format!(
            "县政府办公室第{n}项工作统筹推进，取得明显成效。\n"
        ));
    }
    s
}

/// A tmpfs mounted on a folder, unmounted when dropped.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::piped())
        .output();
    let _guard = match mounted {
        Ok(out) if out.status.success() => Mount(mnt.clone()),
        Ok(out) => {
            eprintln!(
                "skipped: cannot mount a small tmpfs ({}); a_write_error_through_the_file_size_limit covers a failing write",
                text(&out.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("skipped: cannot run mount ({e})");
            return;
        }
    };
    let big = big_text();
    std::fs::write(mnt.join("a-big.txt"), &big).unwrap();
    std::fs::write(mnt.join("b-small.txt"), TYPO).unwrap();
    // Fill the disk, then free one page: room for the small file's copy, not the big one's.
    let mut filler = std::fs::File::create(mnt.join("filler")).unwrap();
    let page = [0u8; 4096];
    while filler.write_all(&page).is_ok() {}
    let len = filler.metadata().unwrap().len();
    filler.set_len(len / 4096 * 4096 - 4096).unwrap();
    drop(filler);
    let out = command(
        &mnt,
        &["--fix", "--format", "json", "a-big.txt", "b-small.txt"],
    )
    .output()
    .unwrap();
    assert_eq!(
        text(&out.stderr),
        "error: a-big.txt: cannot write the fixes (cannot write a temporary file: No space left on device (os error 28)); file left unchanged\n\
         fixed 1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(mnt.join("a-big.txt")).unwrap(), big);
    assert_eq!(
        std::fs::read_to_string(mnt.join("b-small.txt")).unwrap(),
        FIXED
    );
    assert_eq!(temp_files(&mnt), Vec::<String>::new());
    assert_eq!(left(&out), [("a-big.txt".to_string(), "按装".to_string())]);
}

#[test]
fn a_write_error_through_the_file_size_limit() {
    // `ulimit -f 8`: no file may grow past 8 KB; the big file's copy fails mid-write like on a
    // full disk. SIGXFSZ is ignored so the write returns an error instead of killing doclint.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let big = big_text();
    std::fs::write(root.join("a-big.txt"), &big).unwrap();
    std::fs::write(root.join("b-small.txt"), TYPO).unwrap();
    let out = Command::new("bash")
        .args(["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_doclint"))
        .args(["--fix", "--format", "json", "a-big.txt", "b-small.txt"])
        .current_dir(root)
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: no bash to set the file size limit");
        return;
    };
    assert_eq!(
        text(&out.stderr),
        "error: a-big.txt: cannot write the fixes (cannot write a temporary file: File too large (os error 27)); file left unchanged\n\
         fixed 1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(root.join("a-big.txt")).unwrap(),
        big
    );
    assert_eq!(
        std::fs::read_to_string(root.join("b-small.txt")).unwrap(),
        FIXED
    );
    assert_eq!(temp_files(root), Vec::<String>::new());
}

#[test]
fn a_simulated_write_error_through_the_seam() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, TYPO).unwrap();
    let err = doclint::fix::write_back_with(&path, TYPO.as_bytes(), FIXED.as_bytes(), |f, b| {
        use std::io::Write;
        f.write_all(&b[..4])?; // half a character is on disk when the disk fills up
        Err(std::io::Error::from_raw_os_error(28))
    })
    .unwrap_err();
    assert_eq!(
        err,
        "cannot write the fixes (cannot write a temporary file: No space left on device (os error 28)); file left unchanged"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TYPO);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    // Gone before the write: not recreated from memory.
    std::fs::remove_file(&path).unwrap();
    let err = doclint::fix::write_back(&path, TYPO.as_bytes(), FIXED.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        "it is gone since it was checked; the fixes are not written"
    );
    assert!(!path.exists());
}
