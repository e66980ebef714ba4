//! Which URLs a pull may fetch, and where each page goes on disk.
//!
//! A page is named by its *canonical* URL: no query, no fragment, no trailing `/` and no
//! `.md` (the docs serve a page's markdown rendition at its URL with `.md` appended, and
//! menus link to pages both ways). A pull stays on the starting URL's host (scheme and
//! port included) and under its path: the start page itself, or any path below it.

use url::Url;

/// Where a pull may go: the start URL's origin and path prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The canonical start page.
    pub start: Url,
    /// The start page's path (`/docs/api-reference/crm/communication/inbox`), the prefix
    /// every page's path must equal or continue with `/`.
    prefix: String,
}

/// Why a link is not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutOfScope {
    /// Another scheme, host or port.
    OtherHost,
    /// On the host, outside the start URL's path.
    OutsidePrefix,
    /// Not an http(s) URL (`mailto:`), or not a URL at all.
    NotWeb,
}

impl std::fmt::Display for OutOfScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OutOfScope::OtherHost => "on another host",
            OutOfScope::OutsidePrefix => "outside the starting URL's path",
            OutOfScope::NotWeb => "not an http(s) link",
        })
    }
}

/// `url` without query, fragment, trailing `/` or `.md`.
pub fn canonical(mut url: Url) -> Url {
    url.set_query(None);
    url.set_fragment(None);
    let mut path = url.path().trim_end_matches('/').to_string();
    if let Some(stem) = path.strip_suffix(".md") {
        path = stem.trim_end_matches('/').to_string();
    }
    if path.is_empty() {
        path.push('/');
    }
    url.set_path(&path);
    url
}

/// The URL of a canonical page's markdown rendition: its URL with `.md` appended.
pub fn markdown_url(page: &Url) -> Url {
    let mut url = page.clone();
    let path = page.path().trim_end_matches('/');
    url.set_path(&format!("{}.md", if path.is_empty() { "/index" } else { path }));
    url
}

impl Scope {
    /// The scope of a pull starting at `start` (any docs URL, with or without `.md`).
    pub fn new(start: &str) -> Result<Scope, String> {
        let url = Url::parse(start.trim()).map_err(|e| format!("`{start}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{start}` is not an http(s) URL"));
        }
        let start = canonical(url);
        let prefix = start.path().trim_end_matches('/').to_string();
        Ok(Scope { start, prefix })
    }

    /// The canonical page a link on `base` points to, if the pull may fetch it.
    pub fn resolve(&self, base: &Url, link: &str) -> Result<Url, OutOfScope> {
        let url = base.join(link.trim()).map_err(|_| OutOfScope::NotWeb)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(OutOfScope::NotWeb);
        }
        let url = canonical(url);
        if url.origin() != self.start.origin() {
            return Err(OutOfScope::OtherHost);
        }
        if !self.contains_path(url.path()) {
            return Err(OutOfScope::OutsidePrefix);
        }
        Ok(url)
    }

    fn contains_path(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        path == self.prefix || path.strip_prefix(&self.prefix).is_some_and(|rest| rest.starts_with('/'))
    }

    /// Where a canonical page in scope is saved, relative to the target folder,
    /// `/`-separated: the docs' path below the prefix, with `.md` (`messages/send-message.md`).
    /// The start page itself is `menu.md` when it is a menu, else its last path segment
    /// (`send-message.md`).
    pub fn relative_path(&self, page: &Url, is_menu: bool) -> String {
        let path = page.path().trim_end_matches('/');
        let rest = path.strip_prefix(&self.prefix).unwrap_or(path);
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
        if segments.is_empty() {
            if is_menu {
                return "menu.md".to_string();
            }
            let last = self.prefix.rsplit('/').find(|s| !s.is_empty()).unwrap_or("index");
            return format!("{}.md", sanitize(last));
        }
        let mut out: Vec<String> = segments.iter().map(|s| sanitize(s)).collect();
        if let Some(last) = out.last_mut() {
            last.push_str(".md");
        }
        out.join("/")
    }

    /// The folder name a pull of this URL goes to by default: the start path's last segment.
    pub fn default_folder(&self) -> String {
        sanitize(self.prefix.rsplit('/').find(|s| !s.is_empty()).unwrap_or("docs"))
    }
}

/// A path segment as a file name: percent-escapes decoded where they give a plain name,
/// anything but letters, digits, `-`, `_` and `.` replaced by `_`.
fn sanitize(segment: &str) -> String {
    let decoded = percent_decode(segment);
    let name: String = decoded.chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    if name.starts_with('.') {
        format!("_{name}")
    } else {
        name
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_without_md_query_or_fragment() {
        let scope = Scope::new("https://dev.wix.com/docs/api-reference/crm/communication/inbox.md").unwrap();
        assert_eq!(scope.start.as_str(), "https://dev.wix.com/docs/api-reference/crm/communication/inbox");
        let base = Url::parse("https://dev.wix.com/docs/api-reference/crm/communication/inbox.md").unwrap();
        let page = scope.resolve(&base, "inbox/messages/send-message.md#top").unwrap();
        assert_eq!(page.as_str(), "https://dev.wix.com/docs/api-reference/crm/communication/inbox/messages/send-message");
        assert_eq!(markdown_url(&page).as_str(), "https://dev.wix.com/docs/api-reference/crm/communication/inbox/messages/send-message.md");
        assert_eq!(scope.relative_path(&page, false), "messages/send-message.md");
        assert_eq!(scope.relative_path(&scope.start, true), "menu.md");
        assert_eq!(scope.relative_path(&scope.start, false), "inbox.md");
        assert_eq!(scope.default_folder(), "inbox");
    }

    #[test]
    fn links_off_the_host_or_outside_the_path_are_refused() {
        let scope = Scope::new("https://dev.wix.com/docs/api/inbox").unwrap();
        let base = scope.start.clone();
        assert_eq!(scope.resolve(&base, "https://example.com/docs/api/inbox/x.md"), Err(OutOfScope::OtherHost));
        assert_eq!(scope.resolve(&base, "http://dev.wix.com/docs/api/inbox/x.md"), Err(OutOfScope::OtherHost));
        assert_eq!(scope.resolve(&base, "https://dev.wix.com/docs/api/inboxes/x.md"), Err(OutOfScope::OutsidePrefix));
        assert_eq!(scope.resolve(&base, "/docs/velo/x.md"), Err(OutOfScope::OutsidePrefix));
        assert_eq!(scope.resolve(&base, "mailto:someone@example.com"), Err(OutOfScope::NotWeb));
        assert!(scope.resolve(&base, "https://dev.wix.com/docs/api/inbox/a/b").is_ok());
        assert!(scope.resolve(&base, "https://dev.wix.com/docs/api/inbox/").is_ok());
    }

    #[test]
    fn odd_segments_make_plain_file_names() {
        let scope = Scope::new("http://127.0.0.1:8000/docs").unwrap();
        let page = Url::parse("http://127.0.0.1:8000/docs/a%20b/c:d").unwrap();
        assert_eq!(scope.relative_path(&page, false), "a_b/c_d.md");
    }
}
