//! Synthetic spec corpora: any number of pages in the real formats, for benchmarks and
//! robustness tests.
//!
//! A corpus is a list of API resources (`GiftCard`, `BookingSession`, ...). Each resource
//! gets the pages a real Wix API has for it: its object's type page, Create / Get / Update /
//! Delete / List (and sometimes Archive) method pages, Created and Deleted webhook pages, and
//! a type page for its status enum (sometimes one for a nested object too). As on real pages,
//! every page expands the types it uses in full: the resource's object is written out
//! identically on a dozen pages, and a few types shared by all resources (`Address`,
//! `Image`, `Money`, `IdentificationData`, `CursorPaging`, `PagingMetadataV2`, ...) on
//! hundreds, so reading a corpus exercises merging the way the real docs do. Objects nest
//! four to six levels deep, in the 2026 dialect of `FORMAT.md`: one-of groups (some
//! `- ONE-OF: - required: true`), enums in both forms (`- enum: A, B` and `- enum:` with
//! `-     NAME: description` lines, the marker 4 to 9 spaces deeper than its field),
//! protobuf wrappers (`- name: value`), `array<T>` and bare `array` fields, validation
//! rules, read-only and deprecated flags, path and query parameters, the top-level scalar
//! quirk (`param name: reason | type: reason`), `Possible Errors:` lines, an abridged
//! `## JavaScript SDK` block (`_id`, `Date`, `PROMISE<T>`), curl request examples built
//! from the schema, and indentation slips: on some Create and Update pages a tail of the
//! object's fields is indented like the fields of the field before it, where the response
//! tree, the type page and the example hold the evidence to put it back (the reader warns
//! of each move).
//!
//! [`stress_page`] writes single oversized or pathological pages (one struct of 50,000
//! fields, one line of 10 MB, indentation past the nesting cap, thousands of headings, ...)
//! for the robustness tests and for checking that a page's cost grows with its size.
//!
//! The corpus is a function of the seed and the page count only (a small SplitMix64
//! generator, no outside randomness), and the pages of a smaller corpus are the first pages
//! of a larger one with the same seed: 10, 100, 1,000 and 10,000 pages grow one corpus.
//!
//! ```
//! let files = wixgen::synth::corpus(20);
//! let loaded = wixgen::read_sources(files);
//! assert!(!loaded.has_errors());
//! ```

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::diag::SourceFile;

/// The seed of [`corpus`].
pub const DEFAULT_SEED: u64 = 0x5_EED0_F1A5_C0DE;

/// `pages` pages with the default seed.
pub fn corpus(pages: usize) -> Vec<SourceFile> {
    corpus_seeded(pages, DEFAULT_SEED)
}

/// `pages` pages generated from `seed`. The first `n` pages of any corpus are the corpus of
/// `n` pages with the same seed.
pub fn corpus_seeded(pages: usize, seed: u64) -> Vec<SourceFile> {
    let mut g = Generator::new(seed);
    let mut files = Vec::with_capacity(pages);
    while files.len() < pages {
        g.resource(&mut files);
    }
    files.truncate(pages);
    files
}

/// Whole resources (all their pages) until the pages define at least `types` named types
/// (objects, enums, requests, responses and event bodies; one-of groups not counted).
pub fn corpus_with_types(types: usize, seed: u64) -> Vec<SourceFile> {
    let mut g = Generator::new(seed);
    let mut files = Vec::new();
    while g.used_types() < types {
        g.resource(&mut files);
    }
    files
}

/// The corpus's size in bytes: what throughput is measured against.
pub fn total_bytes(files: &[SourceFile]) -> usize {
    files.iter().map(|f| f.text.len()).sum()
}

/// Writes each page under `dir` at its name (`stores/gift-cards/get-gift-card.md`),
/// creating directories as needed.
pub fn write_corpus(dir: &Path, files: &[SourceFile]) -> io::Result<()> {
    for f in files {
        let path = dir.join(&f.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &f.text)?;
    }
    Ok(())
}

/// Shapes of oversized or pathological single pages, for robustness tests and for measuring
/// that a page's cost grows in proportion to its size ([`stress_page`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stress {
    /// A method page whose request holds one field after another (each a wrapper).
    Fields,
    /// A type page of one-of groups, arrays and enums, one after another.
    OneOfs,
    /// No line breaks at all: one enormous line of segments.
    OneLine,
    /// Lines indented one deeper each, past the nesting cap, again and again.
    Staircase,
    /// Headings, errors tables, fences and example headings, over and over.
    Headings,
    /// An unclosed fence of backticks and pipes inside one description.
    Backticks,
    /// The synthetic corpus's pages glued into one page.
    Glued,
    /// One line (white space collapsed) of heading markers and fenced blocks.
    CollapsedFences,
}

impl Stress {
    pub const ALL: [Stress; 8] = [
        Stress::Fields,
        Stress::OneOfs,
        Stress::OneLine,
        Stress::Staircase,
        Stress::Headings,
        Stress::Backticks,
        Stress::Glued,
        Stress::CollapsedFences,
    ];
}

/// One page of at least `bytes` bytes (a unit repeated; `{i}` in a unit is a counter).
pub fn stress_page(kind: Stress, bytes: usize) -> String {
    let repeat = |head: &str, unit: &str, tail: &str| {
        let mut s = String::with_capacity(bytes + unit.len() + head.len() + tail.len());
        s.push_str(head);
        let mut i = 0usize;
        while s.len() < bytes {
            s.push_str(&unit.replace("{i}", &i.to_string()));
            i += 1;
        }
        s.push_str(tail);
        s
    };
    let method = "# GetThing\n# Package: things\n# Namespace: ThingsService\n# Method link: https://x/get-thing.md\n## Introduction\nGets a thing.\n---\n## REST API\n### Schema\n```\n Method: getThing\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n Method parameters:\n param name: thing | type: Thing | description: The thing. | required: true\n";
    let type_page = "# Resource: Things\n# Type: Thing Object\n## Schema:\n```json\n Type: Thing Object | type: Thing\n";
    match kind {
        Stress::Fields => repeat(
            method,
            "   - name: field{i} | type: string | description: Field number {i}, with `code` and a [link](https://x). | validation: maxLength 100\n     - name: value | type: string | description: The string value.\n",
            "```\n",
        ),
        Stress::OneOfs => repeat(
            type_page,
            "       - name: g{i} | type: G{i} | description: A group.\n         - ONE-OF:\n           - name: a{i} | type: string | description: A.\n           - name: b{i} | type: array<B{i}> | description: B.\n             - name: x | type: number | description: X.\n             - name: e | type: E{i} | description: E.\n                  - enum:\n                  -     ONE: One.\n                  -     TWO: Two.\n",
            "```\n",
        ),
        Stress::OneLine => {
            repeat("# GetThing # Package: things ### Schema ``` param name: x ", "| type: string | description: a `b | c` d ", " ```")
        }
        Stress::Staircase => {
            let mut unit = String::new();
            for depth in 0..300 {
                unit.push_str(&" ".repeat(depth + 1));
                unit.push_str("- name: deeper | type: Deeper | description: Deeper.\n");
            }
            repeat(type_page, &unit, "```\n")
        }
        Stress::Headings => repeat(
            "# GetThing\n# Package: things\n",
            "## Heading {i}\n| HTTP Code | Application Code | Description |\n| --- | --- | --- |\n| 404 | NOT_FOUND_{i} | No. |\n```json\n{\"a\": {i}}\n```\n#### Example response\n",
            "",
        ),
        Stress::Backticks => repeat("# GetThing\n# Package: things\n### Schema\n```\n param name: x | type: string | description: ", "`|``|```|", ""),
        Stress::CollapsedFences => repeat(
            "# GetThing # Package: things # Namespace: ThingsService ",
            "## Section {i} ``` param name: x{i} | type: string ``` #### Example response ```json {\"a\": {i}} ``` ",
            "",
        ),
        Stress::Glued => {
            let mut text = String::with_capacity(bytes + 64 * 1024);
            let mut pages = 16;
            loop {
                text.clear();
                for p in corpus(pages) {
                    text.push_str(&p.text);
                    if text.len() >= bytes {
                        return text;
                    }
                }
                pages *= 2;
            }
        }
    }
}

/// SplitMix64: tiny, fast, and the same on every platform.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }

    fn guid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }
}

// ---------------------------------------------------------------------------------------
// The model: types as the pages write them.

#[derive(Clone, Copy, Debug, PartialEq)]
enum Sc {
    Str,
    Num,
    Bool,
    /// A string with `format int64`.
    Int64,
}

#[derive(Clone, Debug)]
enum Ty {
    Scalar(Sc),
    /// `string (date-time)`.
    Time,
    /// `object` with nothing under it: free JSON.
    Free,
    /// A nullable scalar: the field with one `- name: value` child.
    Wrapped(Sc),
    /// A named type, expanded under the field.
    Named(usize),
    /// `type: object` with the type's fields under it (the reader derives its name).
    Anon(usize),
    Array(Box<Ty>),
    /// `type: none`: a path parameter.
    PathParam,
    /// `type: <its own name>`: a top-level scalar parameter.
    SelfNamed,
}

#[derive(Clone, Debug)]
struct Field {
    name: String,
    ty: Ty,
    description: String,
    required: bool,
    /// Required through a create method's `Required parameters:` path (the line does not
    /// say so): required in the type everywhere, so every example sets it.
    required_by_path: bool,
    read_only: bool,
    deprecated: Option<String>,
    rules: Vec<String>,
}

impl Field {
    fn new(name: &str, ty: Ty, description: impl Into<String>) -> Self {
        let mut rules = Vec::new();
        if matches!(ty, Ty::Scalar(Sc::Int64) | Ty::Wrapped(Sc::Int64)) {
            rules.push("format int64".to_string());
        }
        Field {
            name: name.to_string(),
            ty,
            description: description.into(),
            required: false,
            required_by_path: false,
            read_only: false,
            deprecated: None,
            rules,
        }
    }

    fn required_by_path(mut self) -> Self {
        self.required_by_path = true;
        self
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }

    fn read_only(mut self) -> Self {
        self.read_only = true;
        if !self.description.contains("Set by Wix") {
            self.description.push_str(" Set by Wix.");
        }
        self
    }

    fn rule(mut self, rule: &str) -> Self {
        self.rules.push(rule.to_string());
        self
    }

    fn deprecated(mut self, note: &str) -> Self {
        self.deprecated = Some(note.to_string());
        self
    }

    fn guid(self) -> Self {
        self.rule("format GUID")
    }
}

#[derive(Clone, Debug)]
enum Item {
    Field(Field),
    /// A one-of group; `true`: exactly one member must be set (`- ONE-OF: - required: true`).
    OneOf(Vec<Field>, bool),
}

#[derive(Clone, Debug)]
enum Def {
    Struct(Vec<Item>),
    Enum(Vec<(String, String)>),
}

#[derive(Clone, Debug)]
struct TypeDef {
    name: String,
    description: String,
    def: Def,
}

/// Names of the types shared by every resource.
struct Shared {
    address: usize,
    image: usize,
    money: usize,
    identification: usize,
    paging: usize,
    paging_metadata: usize,
    sorting: usize,
    extended_fields: usize,
}

/// One resource and the names its pages use.
struct Resource {
    /// `GiftCard`.
    name: String,
    /// `giftCard`.
    lower: String,
    /// `GiftCards`.
    plural: String,
    /// `giftCards`.
    plural_lower: String,
    /// `gift card`.
    words: String,
    /// `gift cards`.
    plural_words: String,
    /// `gift-card`.
    kebab: String,
    /// `gift-cards`.
    plural_kebab: String,
    /// `GIFT_CARD`.
    upper: String,
    /// `gift_card`.
    snake: String,
    package: &'static str,
    main: usize,
    status: usize,
    details: Option<usize>,
}

const PACKAGES: &[(&str, &str)] = &[
    ("stores", "business-solutions/stores"),
    ("bookings", "business-solutions/bookings"),
    ("events", "business-solutions/events"),
    ("blog", "business-solutions/blog"),
    ("forum", "business-solutions/forum"),
    ("members", "crm/members-contacts/members"),
    ("pricing-plans", "business-solutions/pricing-plans"),
    ("loyalty", "crm/loyalty-program"),
    ("marketing", "marketing/campaigns"),
    ("media", "assets/media"),
    ("payments", "business-management/payments"),
    ("crm", "crm/community"),
];

const NOUNS: &[&str] = &[
    "Order", "Invoice", "Card", "Ticket", "Post", "Product", "Category", "Collection", "Plan", "Program", "Reward",
    "Session", "Instructor", "Resource", "Location", "Form", "Submission", "Comment", "Badge", "Label", "Rule",
    "Campaign", "Account", "Policy", "Schedule", "Slot", "Offering", "Fee", "Tax", "Discount", "Cart", "Checkout",
    "Subscription", "Folder", "File", "Report", "Notification", "Task", "Project", "Note",
];

const PREFIXES: &[&str] = &[
    "", "Gift", "Loyalty", "Booking", "Event", "Store", "Blog", "Forum", "Member", "Site", "Payment", "Shipping",
    "Pricing", "Catalog", "Media", "Calendar", "Contact", "Coupon", "Review", "Inventory",
];

const QUALIFIERS: &[&str] = &["", "Legacy", "External", "Custom", "Shared", "Partner", "Draft", "Scheduled"];

const STATUS_VALUES: &[(&str, &str)] = &[
    ("DRAFT", "Not published yet."),
    ("ACTIVE", "In use."),
    ("PAUSED", "Temporarily out of use."),
    ("ARCHIVED", "Kept for the record; can no longer be changed."),
    ("PENDING", "Waiting for approval."),
    ("EXPIRED", "Past its end date."),
    ("CANCELED", "Canceled by the business or the customer."),
];

const PLATFORMS: &[(&str, &str)] = &[
    ("WEB", "The site, in a browser."),
    ("MOBILE_APP", "The Wix mobile app."),
    ("EMAIL", "Email."),
    ("POS", "A point-of-sale device."),
];

const VISIBILITIES: &[(&str, &str)] = &[
    ("PUBLIC", "Visible to everyone."),
    ("MEMBERS_ONLY", "Visible to site members only."),
    ("PRIVATE", "Visible to the business only."),
];

mod generator;
#[cfg(test)]
mod tests;

use generator::Generator;
