//! Which files to check: paths as given, folders walked with the `ignore` crate (`.gitignore`,
//! `.ignore` and `.doclintignore` respected; hidden files skipped), `-` for stdin.

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use std::path::{Path, PathBuf};

/// The extensions checked when walking a folder, unless `--glob` says otherwise.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx"];

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk and the name it is shown under.
    File { path: PathBuf, name: String },
    /// Standard input, shown under `name`.
    Stdin { name: String },
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } | Input::Stdin { name } => name,
        }
    }
}

/// A problem met while collecting inputs; the other inputs are still checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: String,
    pub message: String,
}

/// Expands `paths` into inputs. Files named explicitly are checked whatever their extension;
/// files found in folders must match `globs` (if any) or have a default extension.
pub fn collect(
    paths: &[PathBuf],
    globs: &[String],
    stdin_name: Option<&str>,
) -> (Vec<Input>, Vec<WalkError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("<stdin>").to_string(),
            });
            continue;
        }
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, globs, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                name: shown,
            }),
            Err(e) => errors.push(WalkError {
                path: shown,
                message: e.to_string(),
            }),
        }
    }
    (inputs, errors)
}

fn walk(root: &Path, globs: &[String], inputs: &mut Vec<Input>, errors: &mut Vec<WalkError>) {
    let mut builder = WalkBuilder::new(root);
    builder
        .add_custom_ignore_filename(".doclintignore")
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !globs.is_empty() {
        let mut overrides = OverrideBuilder::new(root);
        for g in globs {
            if let Err(e) = overrides.add(g) {
                errors.push(WalkError {
                    path: g.clone(),
                    message: format!("invalid --glob: {e}"),
                });
                return;
            }
        }
        match overrides.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => {
                errors.push(WalkError {
                    path: root.display().to_string(),
                    message: format!("invalid --glob: {e}"),
                });
                return;
            }
        }
    }
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.path();
                let wanted = !globs.is_empty()
                    || path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        DEFAULT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d))
                    });
                if wanted {
                    inputs.push(Input::File {
                        path: path.to_path_buf(),
                        name: path.display().to_string(),
                    });
                }
            }
            Err(e) => errors.push(WalkError {
                path: root.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[Input]) -> Vec<String> {
        let mut v: Vec<String> = inputs.iter().map(|i| i.name().to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn walks_folders_with_ignore_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.txt",
            "b.md",
            "c.docx",
            "d.rs",
            "sub/e.txt",
            "skip/f.txt",
            ".hidden.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".doclintignore"), "skip/\n").unwrap();
        let (inputs, errors) = collect(&[root.to_path_buf()], &[], None);
        assert!(errors.is_empty(), "{errors:?}");
        let r = root.display().to_string();
        assert_eq!(
            names(&inputs),
            ["a.txt", "b.md", "c.docx", "sub/e.txt"].map(|f| format!("{r}/{f}"))
        );
        let (inputs, _) = collect(&[root.to_path_buf()], &["*.rs".to_string()], None);
        assert_eq!(names(&inputs), [format!("{r}/d.rs")]);
    }

    #[test]
    fn explicit_files_stdin_and_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.rs");
        std::fs::write(&file, "x").unwrap();
        let missing = dir.path().join("nope.txt");
        let (inputs, errors) = collect(
            &[file.clone(), PathBuf::from("-"), missing],
            &[],
            Some("x.md"),
        );
        assert_eq!(inputs.len(), 2);
        assert_eq!(
            inputs[1],
            Input::Stdin {
                name: "x.md".into()
            }
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("nope.txt"));
    }
}
