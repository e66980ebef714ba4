//! The lock file of a pulled folder, `wixgen.lock`: where the pages came from, and per
//! page its URL, the SHA-256 of its bytes and when it was fetched. With the pages checked
//! in beside it, a checkout regenerates the same bindings without the network, and
//! `wixgen pull --check` can tell what changed in the docs since.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The lock file's name, in the pulled folder.
pub const FILE_NAME: &str = "wixgen.lock";

const HEADER: &str = "# Written by `wixgen pull`: where each page of this folder came from, and the SHA-256 of the\n\
# bytes fetched. `wixgen pull --check` compares them with the docs; `wixgen pull --update`\n\
# fetches them again. Do not edit.\n";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    pub version: u32,
    /// The docs URL the pull started from.
    pub source: String,
    /// Sorted by path.
    #[serde(rename = "page", default)]
    pub pages: Vec<LockedPage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedPage {
    /// Relative to the folder, `/`-separated.
    pub path: String,
    /// The URL fetched (the page's `.md` rendition).
    pub url: String,
    pub sha256: String,
    /// RFC 3339, UTC.
    pub fetched: String,
}

impl Lock {
    /// The lock file of `dir`, if it has one.
    pub fn read(dir: &Path) -> Result<Option<Lock>, String> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        toml::from_str(&text).map(Some).map_err(|e| format!("{}: not a wixgen lock file: {e}", path.display()))
    }

    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("{HEADER}\n{body}")
    }

    pub fn page(&self, path: &str) -> Option<&LockedPage> {
        self.pages.iter().find(|p| p.path == path)
    }
}

/// The SHA-256 of `bytes`, lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `t` as RFC 3339 in UTC, to the second: `2026-05-01T12:00:00Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_and_hashes() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(UNIX_EPOCH + Duration::from_secs(1_777_636_799)), "2026-05-01T11:59:59Z");
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_lock_reads_back_as_written() {
        let lock = Lock {
            version: 1,
            source: "https://dev.wix.com/docs/x".into(),
            pages: vec![LockedPage { path: "a/b.md".into(), url: "https://dev.wix.com/docs/x/a/b.md".into(), sha256: sha256(b""), fetched: rfc3339(UNIX_EPOCH) }],
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), lock.to_text()).unwrap();
        assert_eq!(Lock::read(dir.path()).unwrap(), Some(lock));
        assert_eq!(Lock::read(&dir.path().join("none")).unwrap(), None);
    }
}
