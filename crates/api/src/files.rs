//! Reading and writing the files a person names: plan files, exported documents and papers.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::AppError;

/// The bytes of a file the person chose; `what` says what it should be ("the plan file").
pub fn read(path: &Path, what: &str) -> Result<Vec<u8>, AppError> {
    std::fs::read(path).map_err(|e| {
        AppError::new(
            "A-FILE",
            format!("cannot read {what} '{}': {e}", path.display()),
        )
    })
}

/// Writes a file, refusing to replace one that exists unless `replace`; the data is on disk
/// when this returns. Returns the file's full path, as the audit trail records it.
pub fn write(path: &Path, bytes: &[u8], replace: bool) -> Result<PathBuf, AppError> {
    let cannot = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            AppError::new(
                "A-EXISTS",
                format!("{} already exists; nothing was written", path.display()),
            )
        } else {
            AppError::new("A-FILE", format!("cannot write {}: {e}", path.display()))
        }
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!replace)
        .truncate(true)
        .open(path)
        .map_err(cannot)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(cannot)?;
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
}

/// The file's name alone, for the audit trail and titles.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
