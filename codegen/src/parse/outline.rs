//! A page's outline: headings, fenced blocks, thematic breaks and links, with byte offsets,
//! read by pulldown-cmark. Whitespace-collapsed pages, where pulldown-cmark sees one long
//! heading, are cut into pseudo-headings at their `#` markers instead.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A heading: `level` 1–6, `text` as plain text (inline code and link labels kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// Byte offset of the heading line; `end` is where the heading ends.
    pub offset: usize,
    pub end: usize,
    /// Links inside the heading: `(label, url)`.
    pub links: Vec<(String, String)>,
}

impl Heading {
    /// The value of a `Key: value` heading, when its key is `key` (case-insensitive).
    pub fn value_of(&self, key: &str) -> Option<&str> {
        let (k, v) = self.text.split_once(':')?;
        k.trim().eq_ignore_ascii_case(key).then(|| v.trim())
    }
}

/// A fenced block; `start..end` is its content, without the fence lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Fence {
    pub lang: String,
    pub offset: usize,
    pub start: usize,
    pub end: usize,
}

/// A link in a list item: `- [label](url)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemLink {
    pub label: String,
    pub url: String,
    pub offset: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub fences: Vec<Fence>,
    /// Offsets of `---` breaks.
    pub rules: Vec<usize>,
    pub item_links: Vec<ItemLink>,
    /// True when the page's white space was collapsed and the outline is a reconstruction.
    pub collapsed: bool,
}

impl Outline {
    /// The first heading at or after `from` whose `Key:` is `key`.
    pub fn header(&self, key: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.value_of(key).is_some())
    }

    /// The first heading whose text, without a trailing colon, is `text`.
    pub fn heading(&self, text: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.text.trim().trim_end_matches(':').trim().eq_ignore_ascii_case(text))
    }

    /// Where the section that starts after `h` ends: the next heading of any level, or `len`.
    /// (Headings are in page order: a binary search, so that reading every section of a
    /// page with thousands of headings stays linear.)
    pub fn section_end(&self, h: &Heading, len: usize) -> usize {
        let next = self.headings.partition_point(|n| n.offset <= h.offset);
        self.headings.get(next).map_or(len, |n| n.offset)
    }

    /// The first fence inside `from..to`. (Fences are in page order: a binary search.)
    pub fn fence_in(&self, from: usize, to: usize) -> Option<&Fence> {
        let first = self.fences.partition_point(|f| f.offset < from);
        self.fences.get(first).filter(|f| f.offset < to)
    }
}

/// Outlines `text[from..]`; offsets are offsets in `text`.
pub fn outline(text: &str, from: usize) -> Outline {
    let body = &text[from..];
    let mut out = Outline::default();
    let mut heading: Option<Heading> = None;
    let mut fence: Option<Fence> = None;
    let mut item_depth = 0usize;
    let mut link: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let (start, end) = (range.start + from, range.end + from);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading { level: level_number(level), text: String::new(), offset: start, end, links: Vec::new() });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = heading.take() {
                    // Wix pages use `---` only as a separator: a paragraph line right above
                    // one reads as a setext heading in CommonMark, but it is prose and a rule.
                    if !text[h.offset..].starts_with('#') {
                        let underline = text[h.offset..end].trim_end().rfind('\n').map_or(end, |n| h.offset + n + 1);
                        out.rules.push(underline);
                        continue;
                    }
                    h.text = h.text.trim().to_string();
                    out.headings.push(h);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let content = text[start..end].find('\n').map_or(end, |n| start + n + 1);
                fence = Some(Fence { lang, offset: start, start: content, end: content });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut f) = fence.take() {
                    // The content ends where the closing fence line starts (if there is one).
                    let block = &text[f.start.min(end)..end];
                    let trimmed = block.trim_end_matches(['\n', '\r']);
                    let last_line = trimmed.rfind('\n').map_or(0, |n| n + 1);
                    let closing = trimmed[last_line..].trim_start();
                    f.end = if closing.starts_with("```") || closing.starts_with("~~~") {
                        f.start.min(end) + last_line
                    } else {
                        end
                    };
                    f.end = f.end.max(f.start.min(end));
                    f.start = f.start.min(f.end);
                    out.fences.push(f);
                }
            }
            Event::Rule => out.rules.push(start),
            Event::Start(Tag::Item) => item_depth += 1,
            Event::End(TagEnd::Item) => item_depth = item_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((String::new(), dest_url.to_string(), start)),
            Event::End(TagEnd::Link) => {
                if let Some((label, url, offset)) = link.take() {
                    if let Some(h) = heading.as_mut() {
                        h.links.push((label.clone(), url.clone()));
                    } else if item_depth > 0 {
                        out.item_links.push(ItemLink { label, url, offset });
                    }
                }
            }
            Event::Text(t) => {
                if let Some((label, _, _)) = link.as_mut() {
                    label.push_str(&t);
                }
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
            }
            // Inline code keeps its backticks in heading text, so headings read as written.
            Event::Code(t) => {
                if let Some((label, _, _)) = link.as_mut() {
                    label.push_str(&t);
                }
                if let Some(h) = heading.as_mut() {
                    h.text.push('`');
                    h.text.push_str(&t);
                    h.text.push('`');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The outline of a page whose white space was collapsed into single spaces: pseudo-
/// headings at each ` #`, ` ##`, ... marker outside fences, fences at "```" pairs.
pub fn collapsed_outline(text: &str, from: usize) -> Outline {
    let mut out = Outline { collapsed: true, ..Outline::default() };
    let bytes = text.as_bytes();
    // Fences first: a run of three backticks opens, the next closes.
    let mut ticks = Vec::new();
    let mut i = from;
    while let Some(p) = text[i..].find("```") {
        ticks.push(i + p);
        i += p + 3;
    }
    let mut fence_ranges = Vec::new();
    for pair in ticks.chunks(2) {
        let open = pair[0];
        let close = pair.get(1).copied().unwrap_or(text.len());
        let after_ticks = open + 3;
        // The info string runs to the first space.
        let lang_end = text[after_ticks..close].find(' ').map_or(close, |p| after_ticks + p);
        out.fences.push(Fence {
            lang: text[after_ticks..lang_end].to_string(),
            offset: open,
            start: lang_end.min(close),
            end: close,
        });
        fence_ranges.push(open..(close + 3).min(text.len()));
    }
    // Heading markers: '#'+ then a space, at the start or after white space, outside fences.
    let mut marks = Vec::new();
    let mut pos = from;
    // The fence ranges are in page order and `pos` only grows: the first range that does
    // not end before `pos` is the only one that can hold it.
    let mut next_range = 0;
    while pos < bytes.len() {
        while fence_ranges.get(next_range).is_some_and(|r| r.end <= pos) {
            next_range += 1;
        }
        if let Some(r) = fence_ranges.get(next_range).filter(|r| r.contains(&pos)) {
            pos = r.end;
            continue;
        }
        if bytes[pos] == b'#' && (pos == from || bytes[pos - 1].is_ascii_whitespace()) {
            let hashes = bytes[pos..].iter().take_while(|&&b| b == b'#').count();
            if (1..=6).contains(&hashes) && bytes.get(pos + hashes) == Some(&b' ') {
                marks.push((pos, hashes as u8));
                pos += hashes;
                continue;
            }
        }
        pos += 1;
    }
    for (n, &(offset, level)) in marks.iter().enumerate() {
        let next_mark = marks.get(n + 1).map_or(text.len(), |m| m.0);
        let after = fence_ranges.partition_point(|r| r.start <= offset);
        let next_fence = fence_ranges.get(after).map_or(text.len(), |r| r.start);
        let end = next_mark.min(next_fence);
        let raw = &text[offset + level as usize..end];
        // A `---` break ends the heading text.
        let raw = raw.split(" --- ").next().unwrap_or(raw);
        out.headings.push(Heading { level, text: raw.trim().to_string(), offset, end, links: Vec::new() });
    }
    out
}

/// True when the page reads as whitespace-collapsed: its first heading swallowed the
/// header lines that should follow it.
pub fn looks_collapsed(outline: &Outline) -> bool {
    const MARKERS: [&str; 6] = ["# Package:", "# Type:", "## Article:", "# Webhook link:", "# Method package:", "# Namespace:"];
    outline.headings.first().is_some_and(|h| MARKERS.iter().any(|m| h.text.contains(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_fences_and_links_keep_their_offsets() {
        let text = "# SendMessage\n# Package: inbox\n### Schema\n```\n Method: x\n```\n- [A](a.md)\n---\n";
        let o = outline(text, 0);
        let texts: Vec<_> = o.headings.iter().map(|h| (h.level, h.text.as_str(), h.offset)).collect();
        assert_eq!(texts, [(1, "SendMessage", 0), (1, "Package: inbox", 14), (3, "Schema", 31)]);
        assert_eq!(o.headings[1].value_of("package"), Some("inbox"));
        assert_eq!(o.fences.len(), 1);
        assert_eq!(&text[o.fences[0].start..o.fences[0].end], " Method: x\n");
        assert_eq!(o.item_links, [ItemLink { label: "A".into(), url: "a.md".into(), offset: text.find("[A]").unwrap() }]);
        assert_eq!(o.rules, [text.find("---").unwrap()]);
        assert!(!looks_collapsed(&o));
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        let text = "### Schema\n```\n Method: x\n param name: a";
        let o = outline(text, 0);
        assert_eq!(&text[o.fences[0].start..o.fences[0].end], " Method: x\n param name: a");
    }

    #[test]
    fn a_collapsed_page_is_cut_at_its_markers() {
        let text = "# SendMessage # Package: inbox # Namespace: MessagesService ## Introduction Sends. --- ## REST API ### Schema ``` Method: sendMessage URL: https://x/y Method: POST ```";
        let o = outline(text, 0);
        assert!(looks_collapsed(&o));
        let c = collapsed_outline(text, 0);
        let texts: Vec<_> = c.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["SendMessage", "Package: inbox", "Namespace: MessagesService", "Introduction Sends.", "REST API", "Schema"]);
        assert_eq!(c.fences.len(), 1);
        assert_eq!(text[c.fences[0].start..c.fences[0].end].trim(), "Method: sendMessage URL: https://x/y Method: POST");
    }
}
