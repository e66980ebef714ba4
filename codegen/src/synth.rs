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
//! four to six levels deep, with one-of groups, enums listed under their fields,
//! protobuf wrappers (`- name: value`), `Array<T>` fields, validation rules, read-only and
//! deprecated flags, path and query parameters, the top-level scalar quirk
//! (`param name: reason | type: reason`), errors tables, and JSON examples built from the
//! schema so they decode into the generated types.
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
            "       - name: g{i} | type: G{i} | description: A group.\n         - ONE-OF:\n           - name: a{i} | type: string | description: A.\n           - name: b{i} | type: Array<B{i}> | description: B.\n             - name: x | type: number | description: X.\n             - name: e | type: E{i} | description: E.\n               - ENUM:\n                 - ONE: One.\n                 - TWO: Two.\n",
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
        Field { name: name.to_string(), ty, description: description.into(), required: false, read_only: false, deprecated: None, rules }
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
    OneOf(Vec<Field>),
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

struct Generator {
    seed: u64,
    types: Vec<TypeDef>,
    /// Every type and method name handed out: resource names are chosen to avoid them.
    names: HashSet<String>,
    /// Types that some page written so far defines.
    used: HashSet<usize>,
    shared: Shared,
    resources: Vec<Resource>,
    /// Next resource-name candidate.
    candidate: usize,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let mut g = Generator {
            seed,
            types: Vec::new(),
            names: HashSet::new(),
            used: HashSet::new(),
            shared: Shared { address: 0, image: 0, money: 0, identification: 0, paging: 0, paging_metadata: 0, sorting: 0, extended_fields: 0 },
            resources: Vec::new(),
            candidate: 0,
        };
        g.shared = g.shared_types();
        g
    }

    fn used_types(&self) -> usize {
        self.used.len()
    }

    fn add(&mut self, name: &str, description: &str, def: Def) -> usize {
        self.names.insert(name.to_string());
        self.types.push(TypeDef { name: name.to_string(), description: description.to_string(), def });
        self.types.len() - 1
    }

    fn shared_types(&mut self) -> Shared {
        use Sc::*;
        let wrap = |n: &str, s: Sc, d: &str| Item::Field(Field::new(n, Ty::Wrapped(s), d));
        let street = self.add(
            "StreetAddress",
            "A street address, in parts.",
            Def::Struct(vec![
                Item::Field(Field::new("number", Ty::Scalar(Str), "Street number.").rule("maxLength 20")),
                Item::Field(Field::new("name", Ty::Scalar(Str), "Street name.").rule("maxLength 200")),
                Item::Field(Field::new("apt", Ty::Scalar(Str), "Apartment, suite or unit.").rule("maxLength 50")),
            ]),
        );
        let location = self.add(
            "AddressLocation",
            "Geographic coordinates of an address.",
            Def::Struct(vec![wrap("latitude", Num, "Latitude, from -90 to 90."), wrap("longitude", Num, "Longitude, from -180 to 180.")]),
        );
        let address = self.add(
            "Address",
            "A physical address.",
            Def::Struct(vec![
                wrap("country", Str, "Two-letter country code in [ISO-3166 alpha-2](https://www.iso.org/iso-3166-country-codes.html) format."),
                wrap("subdivision", Str, "Code of a subdivision, such as a state or province."),
                wrap("city", Str, "City name."),
                wrap("postalCode", Str, "Postal or ZIP code."),
                Item::OneOf(vec![
                    Field::new("streetAddress", Ty::Named(street), "The street address, in parts."),
                    Field::new("addressLine", Ty::Scalar(Str), "The street address on one line.").rule("maxLength 500"),
                ]),
                wrap("addressLine2", Str, "Second line of the address: floor, building, and the like."),
                Item::Field(Field::new("location", Ty::Named(location), "Coordinates of the address.")),
                wrap("formattedAddress", Str, "The whole address on one line, as shown to readers.").into_read_only(),
            ]),
        );
        let image = self.add(
            "Image",
            "An image in the Wix Media Manager.",
            Def::Struct(vec![
                Item::Field(Field::new("id", Ty::Scalar(Str), "ID of the image in the Wix Media Manager.").rule("maxLength 2000")),
                Item::Field(Field::new("url", Ty::Scalar(Str), "Address of the image.").rule("format WEB_URL")),
                Item::Field(Field::new("height", Ty::Scalar(Num), "Height of the image in pixels.")),
                Item::Field(Field::new("width", Ty::Scalar(Num), "Width of the image in pixels.")),
                wrap("altText", Str, "Text shown when the image cannot be, and read by screen readers."),
                wrap("filename", Str, "File name of the image."),
            ]),
        );
        let money = self.add(
            "Money",
            "An amount of money.",
            Def::Struct(vec![
                Item::Field(Field::new("value", Ty::Scalar(Str), "Amount, as a decimal number in a string, such as `\"3.99\"`.").rule("format DECIMAL_VALUE")),
                Item::Field(Field::new("currency", Ty::Scalar(Str), "Three-letter currency code in ISO-4217 format.").rule("format CURRENCY")),
                wrap("formattedValue", Str, "The amount with its currency sign, as shown to readers, such as `$3.99`.").into_read_only(),
            ]),
        );
        let identification = self.add(
            "IdentificationData",
            "Who someone is: a visitor, a member, a Wix user or an app.",
            Def::Struct(vec![
                Item::OneOf(vec![
                    Field::new("anonymousVisitorId", Ty::Scalar(Str), "ID of a site visitor who is not logged in.").guid(),
                    Field::new("memberId", Ty::Scalar(Str), "ID of a site member.").guid(),
                    Field::new("wixUserId", Ty::Scalar(Str), "ID of a Wix user, such as the site owner or a collaborator.").guid(),
                    Field::new("appId", Ty::Scalar(Str), "ID of an app.").guid(),
                ]),
                Item::Field(
                    Field::new("contactId", Ty::Wrapped(Str), "ID of the contact linked to this identity, when there is one.").read_only().guid(),
                ),
            ]),
        );
        let paging = self.add(
            "CursorPaging",
            "Which page of results to return.",
            Def::Struct(vec![
                Item::Field(Field::new("limit", Ty::Wrapped(Num), "How many items to return.").rule("maximum 100")),
                Item::Field(
                    Field::new(
                        "cursor",
                        Ty::Wrapped(Str),
                        "Cursor of the page to return, from `pagingMetadata.cursors` of the previous response. Not set for the first page.",
                    )
                    .rule("maxLength 16000"),
                ),
            ]),
        );
        let cursors = self.add(
            "Cursors",
            "Cursors to the neighbouring pages.",
            Def::Struct(vec![
                Item::Field(Field::new("next", Ty::Wrapped(Str), "Cursor of the following page. Not set on the last page.").rule("maxLength 16000")),
                Item::Field(Field::new("prev", Ty::Wrapped(Str), "Cursor of the page before this one.").rule("maxLength 16000")),
            ]),
        );
        let paging_metadata = self.add(
            "PagingMetadataV2",
            "Where a page of results is and how to reach the next one.",
            Def::Struct(vec![
                wrap("count", Num, "How many items this page holds."),
                wrap("offset", Num, "Offset of this page, when paging by offset."),
                wrap("total", Num, "How many items there are in all, when known."),
                wrap("tooManyToCount", Bool, "Whether there were too many items to count."),
                Item::Field(Field::new("cursors", Ty::Named(cursors), "Cursors to the neighbouring pages.")),
            ]),
        );
        let order = self.add(
            "SortOrder",
            "Which way to sort.",
            Def::Enum(vec![("ASC".into(), "Smallest first.".into()), ("DESC".into(), "Largest first.".into())]),
        );
        let sorting = self.add(
            "Sorting",
            "How to sort results.",
            Def::Struct(vec![
                Item::Field(Field::new("fieldName", Ty::Scalar(Str), "Name of the field to sort by.").rule("maxLength 512")),
                Item::Field(Field::new("order", Ty::Named(order), "Sort order.")),
            ]),
        );
        let extended_fields = self.add(
            "ExtendedFields",
            "Data that apps add to the object, by namespace.",
            Def::Struct(vec![Item::Field(Field::new(
                "namespaces",
                Ty::Free,
                "Extended field data, keyed by app namespace. Each app's data is free JSON that the app defines.",
            ))]),
        );
        Shared { address, image, money, identification, paging, paging_metadata, sorting, extended_fields }
    }

    /// The names a resource called `name` would take.
    fn taken_by(name: &str, plural: &str) -> Vec<String> {
        let mut out: Vec<String> = [
            "", "Status", "Details", "DetailsSection", "Visibility", "LineItem", "LineItemOneOf", "Link", "Settings", "Platform",
            "OnlineOptions", "InPersonOptions", "OneOf", "Created", "Deleted", "CreatedEvent", "DeletedEvent",
            "CreatedEventActionEvent", "DeletedEventActionEvent",
        ]
        .iter()
        .map(|s| format!("{name}{s}"))
        .collect();
        for verb in ["Create", "Get", "Update", "Delete", "Archive"] {
            out.push(format!("{verb}{name}Request"));
            out.push(format!("{verb}{name}Response"));
            out.push(format!("{}{name}", verb.to_ascii_lowercase()));
        }
        out.push(format!("List{plural}Request"));
        out.push(format!("List{plural}Response"));
        out.push(format!("list{plural}"));
        out
    }

    fn next_name(&mut self) -> String {
        loop {
            let c = self.candidate;
            self.candidate += 1;
            let noun = NOUNS[c % NOUNS.len()];
            let prefix = PREFIXES[(c / NOUNS.len()) % PREFIXES.len()];
            let round = c / (NOUNS.len() * PREFIXES.len());
            let qualifier = QUALIFIERS[round % QUALIFIERS.len()];
            let number = round / QUALIFIERS.len();
            let name = if number == 0 { format!("{qualifier}{prefix}{noun}") } else { format!("{qualifier}{prefix}V{}{noun}", number + 1) };
            let taken = Self::taken_by(&name, &plural(&name));
            if taken.iter().all(|t| !self.names.contains(t)) {
                self.names.extend(taken);
                return name;
            }
        }
    }

    /// Adds the next resource's pages to `files`.
    fn resource(&mut self, files: &mut Vec<SourceFile>) {
        let k = self.resources.len();
        let mut rng = Rng::new(self.seed ^ (k as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
        let name = self.next_name();
        let r = self.build_resource(k, &name, &mut rng);
        let mut pages = Vec::new();
        pages.push(self.type_page(&r, r.main, "object", &mut rng));
        pages.extend(self.method_pages(&r, &mut rng));
        pages.extend(self.webhook_pages(&r, &mut rng));
        pages.push(self.type_page(&r, r.status, "status", &mut rng));
        if let Some(d) = r.details {
            pages.push(self.type_page(&r, d, "details", &mut rng));
        }
        self.resources.push(r);
        let mut used = Vec::new();
        for p in pages {
            used.extend(p.defines.iter().copied());
            files.push(SourceFile::new(p.name, p.text));
        }
        for u in used {
            self.mark_used(u);
        }
    }

    fn mark_used(&mut self, idx: usize) {
        if !self.used.insert(idx) {
            return;
        }
        let mut children = Vec::new();
        if let Def::Struct(items) = &self.types[idx].def {
            for item in items {
                let fields: Vec<&Field> = match item {
                    Item::Field(f) => vec![f],
                    Item::OneOf(ms) => ms.iter().collect(),
                };
                for f in fields {
                    let mut ty = &f.ty;
                    while let Ty::Array(inner) = ty {
                        ty = inner;
                    }
                    if let Ty::Named(i) | Ty::Anon(i) = ty {
                        children.push(*i);
                    }
                }
            }
        }
        for c in children {
            self.mark_used(c);
        }
    }

    fn build_resource(&mut self, k: usize, name: &str, rng: &mut Rng) -> Resource {
        use Sc::*;
        let words = words_of(name);
        let plural_name = plural(name);
        let plural_words = words_of(&plural_name);
        let lower = lower_first(name);
        let a = article(&words);
        let a_cap = capitalize(a);
        let upper = words.to_ascii_uppercase().replace(' ', "_");
        let package = PACKAGES[(k / 7) % PACKAGES.len()].0;
        let sh = &self.shared;
        let (address, image, money, identification, extended_fields) = (sh.address, sh.image, sh.money, sh.identification, sh.extended_fields);

        let mut values = vec![("UNKNOWN_STATUS".to_string(), "Status not known.".to_string())];
        let mut pool: Vec<(&str, &str)> = STATUS_VALUES.to_vec();
        rng.shuffle(&mut pool);
        for (v, d) in pool.into_iter().take(rng.range(2, 6)) {
            values.push((v.to_string(), d.to_string()));
        }
        let status = self.add(&format!("{name}Status"), &format!("Where {a} {words} is in its life."), Def::Enum(values));

        let mut optional: Vec<Item> = Vec::new();
        let mut details = None;
        if rng.chance(70) {
            optional.push(Item::Field(Field::new("description", Ty::Wrapped(Str), format!("Description of the {words}, shown to customers.")).rule("maxLength 2000")));
        }
        if rng.chance(60) {
            let vis = self.add(
                &format!("{name}Visibility"),
                &format!("Who can see {a} {words}."),
                Def::Enum(VISIBILITIES.iter().map(|(v, d)| (v.to_string(), d.to_string())).collect()),
            );
            let section = self.add(
                &format!("{name}DetailsSection"),
                &format!("A section of {a} {words}'s details."),
                Def::Struct(vec![
                    Item::Field(Field::new("title", Ty::Scalar(Str), "Heading of the section.").rule("minLength 1").rule("maxLength 200")),
                    Item::Field(Field::new("body", Ty::Scalar(Str), "Text of the section. May hold basic markdown.").rule("maxLength 16384")),
                    Item::Field(Field::new("lines", Ty::Array(Box::new(Ty::Scalar(Str))), "Bullet points shown under the text.").rule("maxSize 10")),
                    Item::Field(Field::new("image", Ty::Named(image), "Image shown beside the section.")),
                ]),
            );
            let d = self.add(
                &format!("{name}Details"),
                &format!("More about {a} {words}: a summary and sections of text."),
                Def::Struct(vec![
                    Item::Field(Field::new("summary", Ty::Wrapped(Str), "One-line summary.").rule("maxLength 300")),
                    Item::Field(Field::new("sections", Ty::Array(Box::new(Ty::Named(section))), "Sections, in the order shown.").rule("maxSize 20")),
                    Item::Field(Field::new("visibility", Ty::Named(vis), "Who can see the details.")),
                ]),
            );
            details = Some(d);
            optional.push(Item::Field(Field::new("details", Ty::Named(d), format!("More about the {words}."))));
        }
        let platform = if rng.chance(50) {
            let mut ps: Vec<(String, String)> = vec![("UNKNOWN_PLATFORM".into(), "Platform not known.".into())];
            ps.extend(PLATFORMS.iter().take(rng.range(2, 4)).map(|(v, d)| (v.to_string(), d.to_string())));
            Some(self.add(&format!("{name}Platform"), &format!("Where {a} {words} is offered."), Def::Enum(ps)))
        } else {
            None
        };
        if rng.chance(60) {
            let link = self.add(
                &format!("{name}Link"),
                "A link to a page.",
                Def::Struct(vec![
                    Item::Field(Field::new("url", Ty::Scalar(Str), "Address of the page.").rule("format WEB_URL").rule("maxLength 2000")),
                    Item::Field(Field::new("label", Ty::Wrapped(Str), "Text of the link.").rule("maxLength 100")),
                    Item::Field(Field::new("openInNewTab", Ty::Scalar(Bool), "Whether the page opens in a new tab.")),
                ]),
            );
            let mut members = vec![
                Field::new("text", Ty::Scalar(Str), "Plain text.").rule("minLength 1").rule("maxLength 16384"),
                Field::new("image", Ty::Named(image), "An image."),
                Field::new("link", Ty::Named(link), "A link."),
                Field::new("price", Ty::Named(money), "A price."),
                Field::new("catalogItemId", Ty::Scalar(Str), "ID of an item in the site's catalog.").guid(),
            ];
            rng.shuffle(&mut members);
            members.truncate(rng.range(2, 4));
            let item = self.add(
                &format!("{name}LineItem"),
                &format!("One line of {a} {words}."),
                Def::Struct(vec![
                    Item::Field(Field::new("id", Ty::Scalar(Str), "ID of the line.").read_only().guid()),
                    Item::Field(Field::new("name", Ty::Scalar(Str), "Name of the line, as shown to customers.").rule("maxLength 200")),
                    Item::Field(Field::new("quantity", Ty::Scalar(Num), "How many.").rule("minimum 1").rule("maximum 100000")),
                    Item::OneOf(members),
                ]),
            );
            optional.push(Item::Field(
                Field::new("lineItems", Ty::Array(Box::new(Ty::Named(item))), format!("Lines of the {words}, in order.")).rule("maxSize 300"),
            ));
        }
        if rng.chance(50) {
            optional.push(Item::Field(Field::new("createdBy", Ty::Named(identification), format!("Who created the {words}.")).read_only()));
        }
        if rng.chance(40) {
            optional.push(Item::Field(Field::new("address", Ty::Named(address), format!("Where the {words} takes place."))));
        }
        if rng.chance(40) {
            optional.push(Item::Field(Field::new("price", Ty::Named(money), format!("Price of the {words}."))));
        }
        if rng.chance(40) {
            optional.push(Item::Field(Field::new("media", Ty::Array(Box::new(Ty::Named(image))), "Images shown with it.").rule("maxSize 50")));
        }
        if rng.chance(50) {
            optional.push(Item::Field(
                Field::new("tags", Ty::Array(Box::new(Ty::Scalar(Str))), format!("Tags for finding the {words}. See [Tags](https://dev.wix.com/docs/api-reference/business-management/tags/introduction.md).")).rule("maxSize 100"),
            ));
        }
        if rng.chance(40) {
            let mut fields = vec![
                Item::Field(Field::new("enabled", Ty::Scalar(Bool), format!("Whether the {words} can be used."))),
                Item::Field(Field::new("visibleToMembers", Ty::Wrapped(Bool), "Whether site members can see it in their account.")),
                Item::Field(Field::new("maxParticipants", Ty::Wrapped(Num), "Largest number of participants.").rule("minimum 1").rule("maximum 1000")),
            ];
            if let Some(p) = platform {
                fields.push(Item::Field(Field::new("platform", Ty::Named(p), "Where it is offered.")));
            }
            let settings = self.add(&format!("{name}Settings"), &format!("Settings of {a} {words}."), Def::Struct(fields));
            optional.push(Item::Field(Field::new("settings", Ty::Named(settings), format!("Settings of the {words}."))));
        }
        if rng.chance(35) {
            let mut online = vec![Item::Field(Field::new("url", Ty::Scalar(Str), "Address where it takes place.").rule("format WEB_URL"))];
            if let Some(p) = platform {
                online.push(Item::Field(Field::new("platform", Ty::Named(p), "Platform it runs on.")));
            }
            let online = self.add(&format!("{name}OnlineOptions"), "Where an online one takes place.", Def::Struct(online));
            let in_person = self.add(
                &format!("{name}InPersonOptions"),
                "Where an in-person one takes place.",
                Def::Struct(vec![
                    Item::Field(Field::new("address", Ty::Named(address), "Address of the venue.")),
                    Item::Field(Field::new("instructions", Ty::Wrapped(Str), "How to get there.").rule("maxLength 2000")),
                ]),
            );
            optional.push(Item::OneOf(vec![
                Field::new("onlineOptions", Ty::Named(online), format!("Set when the {words} takes place online.")),
                Field::new("inPersonOptions", Ty::Named(in_person), format!("Set when the {words} takes place in person.")),
            ]));
        }
        if k > 0 && rng.chance(50) {
            let other = &self.resources[rng.below(k)];
            optional.push(Item::Field(
                Field::new(&format!("{}Id", other.lower), Ty::Scalar(Str), format!("ID of the {} this {words} belongs to.", other.words)).guid(),
            ));
        }
        if rng.chance(20) {
            optional.push(Item::Field(Field::new("legacyCode", Ty::Scalar(Str), "Code of the item in the previous version of the API.").deprecated("Use id instead.")));
        }
        if rng.chance(30) {
            optional.push(Item::Field(Field::new("extendedFields", Ty::Named(extended_fields), "Data added by apps.")));
        }
        if rng.chance(30) {
            optional.push(Item::Field(Field::new("sortOrder", Ty::Scalar(Num), "Position in lists; smaller first.")));
        }
        if rng.chance(40) {
            optional.push(Item::Field(Field::new("visible", Ty::Scalar(Bool), format!("Whether the {words} is shown on the site."))));
        }
        rng.shuffle(&mut optional);
        let mut items = vec![
            Item::Field(Field::new("id", Ty::Scalar(Str), format!("{} ID.", capitalize(&words))).read_only().guid()),
            Item::Field(
                Field::new("revision", Ty::Wrapped(Int64), format!("Revision number, which increments by 1 each time the {words} is updated. To prevent conflicting changes, pass the current revision when updating."))
                    .read_only(),
            ),
            Item::Field(Field::new("createdDate", Ty::Time, format!("When the {words} was created.")).read_only()),
            Item::Field(Field::new("updatedDate", Ty::Time, format!("When the {words} was last updated.")).read_only()),
            Item::Field(Field::new("name", Ty::Scalar(Str), format!("Name of the {words}, as shown to customers.")).rule("minLength 1").rule("maxLength 100")),
            Item::Field(Field::new("status", Ty::Named(status), format!("Where the {words} is in its life."))),
        ];
        items.extend(optional);
        let main = self.add(
            name,
            &format!("{a_cap} {words}: what the {plural_words} API creates, reads, updates and deletes. Each {words} belongs to one site."),
            Def::Struct(items),
        );
        Resource {
            name: name.to_string(),
            lower,
            plural_lower: lower_first(&plural_name),
            plural_kebab: plural_words.replace(' ', "-"),
            plural: plural_name,
            kebab: words.replace(' ', "-"),
            snake: words.replace(' ', "_"),
            upper,
            words,
            plural_words,
            package,
            main,
            status,
            details,
        }
    }

    // -----------------------------------------------------------------------------------
    // Pages.

    fn docs_url(r: &Resource, page: &str) -> String {
        let path = PACKAGES.iter().find(|(p, _)| *p == r.package).map_or("", |(_, d)| d);
        format!("https://dev.wix.com/docs/api-reference/{path}/{}/{page}.md", r.plural_kebab)
    }

    fn file_name(r: &Resource, page: &str) -> String {
        format!("{}/{}/{page}.md", r.package, r.plural_kebab)
    }

    fn type_page(&self, r: &Resource, idx: usize, slug: &str, _rng: &mut Rng) -> Page {
        let t = &self.types[idx];
        let page = format!("{}-{slug}", r.kebab);
        let mut s = String::with_capacity(8 * 1024);
        let _ = writeln!(s, "# Resource: {}", r.plural);
        let _ = writeln!(s, "# Type: {} Object", t.name);
        let _ = writeln!(s, "# Link: {}", Self::docs_url(r, &page));
        let _ = writeln!(s, "## Description: {}", t.description);
        s.push_str("## Schema:\n```json\n");
        let _ = writeln!(s, " Type: {} Object | type: {}", t.name, t.name);
        let _ = writeln!(s, " Description: {}", t.description);
        self.write_def(&mut s, 7, idx);
        s.push_str("```\n");
        Page { name: Self::file_name(r, &page), text: s, defines: vec![idx] }
    }

    fn method_pages(&mut self, r: &Resource, rng: &mut Rng) -> Vec<Page> {
        let main = r.main;
        let (words, lower) = (&r.words, &r.lower);
        let a = article(words);
        let id_param = || {
            Field::new(&format!("{lower}Id"), Ty::PathParam, format!("ID of the {words}.")).required().guid()
        };
        let base = format!("https://www.wixapis.com/{}/v1/{}", r.package, r.plural_kebab);
        let pkg_upper = r.package.to_ascii_uppercase().replace('-', "_");
        let manage = (format!("Manage {}", capitalize(&r.plural_words)), format!("SCOPE.{pkg_upper}.MANAGE-{}", r.plural_kebab.to_ascii_uppercase()));
        let read = (format!("Read {}", capitalize(&r.plural_words)), format!("SCOPE.{pkg_upper}.READ-{}", r.plural_kebab.to_ascii_uppercase()));
        let not_found = (404u16, format!("{}_NOT_FOUND", r.upper), format!("No {words} has this ID."));
        let mut specs = vec![
            MethodSpec {
                verb: "Create",
                http: "POST",
                url: base.clone(),
                intro: vec![
                    format!("Creates {a} {words}."),
                    format!("The new {words} starts as a draft unless `{lower}.status` says otherwise. Its `id`, `revision` and dates are set by Wix and returned in the response."),
                ],
                scopes: vec![manage.clone()],
                params: vec![Field::new(lower, Ty::Named(main), format!("The {words} to create.")).required()],
                required: vec![lower.clone(), format!("{lower}.name")],
                response: Some(vec![Field::new(lower, Ty::Named(main), format!("The created {words}."))]),
                errors: vec![(400, format!("INVALID_{}", r.upper), format!("The {words} is missing a field or holds an invalid value."))],
            },
            MethodSpec {
                verb: "Get",
                http: "GET",
                url: format!("{base}/{{{lower}Id}}"),
                intro: vec![format!("Retrieves {a} {words} by its ID.")],
                scopes: vec![read.clone(), manage.clone()],
                params: vec![id_param()],
                required: vec![format!("{lower}Id")],
                response: Some(vec![Field::new(lower, Ty::Named(main), format!("The requested {words}."))]),
                errors: vec![not_found.clone()],
            },
            MethodSpec {
                verb: "Update",
                http: "PATCH",
                url: format!("{base}/{{{lower}Id}}"),
                intro: vec![
                    format!("Updates {a} {words}."),
                    format!("Only the fields that are set are changed. Pass the current `revision`: if the {words} changed since it was read, the call fails and nothing is written."),
                ],
                scopes: vec![manage.clone()],
                params: vec![id_param(), Field::new(lower, Ty::Named(main), format!("The fields of the {words} to change.")).required()],
                required: vec![format!("{lower}Id"), lower.clone()],
                response: Some(vec![Field::new(lower, Ty::Named(main), format!("The updated {words}."))]),
                errors: vec![not_found.clone(), (409, "REVISION_MISMATCH".into(), format!("The {words} was changed since it was read."))],
            },
            MethodSpec {
                verb: "Delete",
                http: "DELETE",
                url: format!("{base}/{{{lower}Id}}"),
                intro: vec![format!("Deletes {a} {words}. This cannot be undone.")],
                scopes: vec![manage.clone()],
                params: vec![id_param()],
                required: vec![format!("{lower}Id")],
                response: None,
                errors: vec![not_found.clone()],
            },
        ];
        let mut list_params = vec![
            Field::new("paging", Ty::Named(self.shared.paging), "Which page of results to return."),
            Field::new("sort", Ty::Named(self.shared.sorting), "How to sort the results. Default: by `createdDate`, newest first."),
        ];
        if rng.chance(50) {
            list_params.push(Field::new("status", Ty::Named(r.status), format!("Return only {} with this status.", r.plural_words)));
        }
        specs.push(MethodSpec {
            verb: "List",
            http: "GET",
            url: base.clone(),
            intro: vec![
                format!("Retrieves a list of {}, up to 100 at a time.", r.plural_words),
                format!("To get the next page, pass `pagingMetadata.cursors.next` of the response as `paging.cursor`. See [Paging](https://dev.wix.com/docs/rest/articles/getting-started/api-query-language#paging)."),
            ],
            scopes: vec![read, manage.clone()],
            params: list_params,
            required: vec![],
            response: Some(vec![
                Field::new(&r.plural_lower, Ty::Array(Box::new(Ty::Named(main))), format!("The {}.", r.plural_words)),
                Field::new("pagingMetadata", Ty::Named(self.shared.paging_metadata), "Where this page is and how to reach the next one."),
            ]),
            errors: vec![],
        });
        if rng.chance(40) {
            specs.push(MethodSpec {
                verb: "Archive",
                http: "POST",
                url: format!("{base}/{{{lower}Id}}/archive"),
                intro: vec![format!("Archives {a} {words}: it keeps its data but can no longer be changed or used.")],
                scopes: vec![manage],
                params: vec![id_param(), Field::new("reason", Ty::SelfNamed, "Why the item is archived, for the record.").rule("maxLength 500")],
                required: vec![format!("{lower}Id")],
                response: Some(vec![Field::new(lower, Ty::Named(main), format!("The archived {words}."))]),
                errors: vec![not_found],
            });
        }
        specs.into_iter().map(|m| self.method_page(r, m, rng)).collect()
    }

    fn method_page(&mut self, r: &Resource, m: MethodSpec, rng: &mut Rng) -> Page {
        let object = if m.verb == "List" { r.plural.clone() } else { r.name.clone() };
        let title = format!("{}{object}", m.verb);
        let method = lower_first(&title);
        let page = if m.verb == "List" { format!("list-{}", r.plural_kebab) } else { format!("{}-{}", m.verb.to_ascii_lowercase(), r.kebab) };
        let request = self.add_def(&format!("{title}Request"), &m.intro[0], m.params.iter().cloned().map(Item::Field).collect());
        let response = m.response.as_ref().map(|fields| self.add_def(&format!("{title}Response"), &format!("What `{method}` returns."), fields.iter().cloned().map(Item::Field).collect()));
        let mut s = String::with_capacity(16 * 1024);
        let _ = writeln!(s, "# {title}");
        let _ = writeln!(s, "# Package: {}", r.package);
        let _ = writeln!(s, "# Namespace: {}Service", r.plural);
        let _ = writeln!(s, "# Method link: {}", Self::docs_url(r, &page));
        s.push_str("## Permission Scopes:\n");
        for (name, id) in &m.scopes {
            let _ = writeln!(s, "{name}: {id}");
        }
        s.push_str("## Introduction\n");
        s.push_str(&m.intro.join("\n\n"));
        s.push_str("\n---\n## REST API\n### Schema\n```\n");
        let _ = writeln!(s, " Method: {method}");
        let _ = writeln!(s, " Description: {}", m.intro.join("  "));
        let _ = writeln!(s, " URL: {}", m.url);
        let _ = writeln!(s, " Method: {}", m.http);
        s.push_str(" # Note: If the parameter `a.b` is listed under required parameters, `b` is only required if `a` is also present.\n");
        if !m.required.is_empty() {
            let _ = writeln!(s, " Required parameters: {}", m.required.join(", "));
        }
        s.push_str(" Method parameters:\n");
        for p in &m.params {
            self.write_field(&mut s, 1, p, true);
        }
        if let Some(resp) = response {
            let _ = writeln!(s, " Return type: {}", self.types[resp].name);
            self.write_def(&mut s, 1, resp);
        }
        s.push_str("```\n");
        if !m.errors.is_empty() {
            s.push_str("### Errors\n| HTTP Code | Application Code | Description |\n| --- | --- | --- |\n");
            for (code, app, desc) in &m.errors {
                let _ = writeln!(s, "| {code} | {app} | {desc} |");
            }
        }
        s.push_str("### Examples\n");
        let request_json = self.example_def(request, rng, 0);
        push_example(&mut s, "Example request", &request_json);
        if let Some(resp) = response {
            let response_json = self.example_def(resp, rng, 0);
            push_example(&mut s, "Example response", &response_json);
        }
        let mut defines = vec![request];
        defines.extend(response);
        Page { name: Self::file_name(r, &page), text: s, defines }
    }

    fn add_def(&mut self, name: &str, description: &str, items: Vec<Item>) -> usize {
        self.add(name, description, Def::Struct(items))
    }

    fn webhook_pages(&mut self, r: &Resource, rng: &mut Rng) -> Vec<Page> {
        let words = &r.words;
        let a = article(words);
        let created = self.add_def(
            &format!("{}Created", r.name),
            &format!("Payload of the {} Created event.", capitalize(words)),
            vec![Item::Field(Field::new(&r.lower, Ty::Named(r.main), format!("The new {words}.")))],
        );
        let deleted = self.add_def(
            &format!("{}Deleted", r.name),
            &format!("Payload of the {} Deleted event.", capitalize(words)),
            vec![Item::Field(Field::new(&format!("{}Id", r.lower), Ty::Scalar(Sc::Str), format!("ID of the deleted {words}.")).guid())],
        );
        vec![
            self.webhook_page(r, "Created", created, format!("Sent when {a} {words} is created."), rng),
            self.webhook_page(r, "Deleted", deleted, format!("Sent when {a} {words} is deleted. The event carries only the {words}'s ID."), rng),
        ]
    }

    fn webhook_page(&mut self, r: &Resource, what: &str, payload: usize, intro: String, rng: &mut Rng) -> Page {
        use Sc::*;
        let payload_name = self.types[payload].name.clone();
        let action = self.add_def(
            &format!("{payload_name}EventActionEvent"),
            "The action the event reports.",
            vec![Item::Field(Field::new("body", Ty::Named(payload), "The event's payload."))],
        );
        let envelope = self.add_def(
            &format!("{payload_name}Event"),
            &intro,
            vec![
                Item::Field(Field::new("id", Ty::Scalar(Str), "Event ID. A receiver can use it to ignore an event delivered more than once.")),
                Item::Field(Field::new("entityFqdn", Ty::Scalar(Str), "Fully qualified name of the entity the event is about.")),
                Item::Field(Field::new("slug", Ty::Scalar(Str), "Short name of what happened, such as `created`.")),
                Item::Field(Field::new("entityId", Ty::Scalar(Str), "ID of the entity the event is about.")),
                Item::Field(Field::new("eventTime", Ty::Time, "When the event happened.")),
                Item::Field(Field::new("triggeredByAnonymizeRequest", Ty::Wrapped(Bool), "Whether the event was caused by a request to anonymize personal data.")),
                Item::Field(Field::new("originatedFrom", Ty::Wrapped(Str), "Where the event came from, when it was not caused directly by a call.")),
                Item::Field(Field::new("actionEvent", Ty::Anon(action), "The action the event reports.")),
            ],
        );
        let page = format!("{}-{}", r.kebab, what.to_ascii_lowercase());
        let title = format!("{} {what}", capitalize(&r.words));
        let event_type = format!("wix.{}.v1.{}_{}", r.package.replace('-', "_"), r.snake, what.to_ascii_lowercase());
        let mut s = String::with_capacity(12 * 1024);
        let _ = writeln!(s, "# Package: {}", r.package);
        let _ = writeln!(s, "# Namespace: {}", r.plural_lower);
        let _ = writeln!(s, "# Webhook link: {}", Self::docs_url(r, &page));
        let _ = writeln!(s, "## Introduction\n{intro}\n---\n## REST API\n### Schema\n```");
        let _ = writeln!(s, " Webhook: {title}");
        let _ = writeln!(s, " Event type: {event_type}");
        let _ = writeln!(s, " Description: {intro}");
        s.push_str(" Event body:\n");
        self.write_def(&mut s, 1, envelope);
        s.push_str("```\n### Examples\n");
        let mut event = self.example_def(envelope, rng, 0);
        if let Value::Object(o) = &mut event {
            o.insert("entityFqdn".into(), json!(format!("wix.{}.v1.{}", r.package.replace('-', "_"), r.snake)));
            o.insert("slug".into(), json!(what.to_ascii_lowercase()));
        }
        push_example(&mut s, "Example event", &event);
        Page { name: Self::file_name(r, &page), text: s, defines: vec![envelope] }
    }

    // -----------------------------------------------------------------------------------
    // Schema lines.

    fn type_expr(&self, f: &Field, ty: &Ty) -> String {
        match ty {
            Ty::Scalar(s) | Ty::Wrapped(s) => scalar_name(*s).to_string(),
            Ty::Time => "string (date-time)".into(),
            Ty::Free | Ty::Anon(_) => "object".into(),
            Ty::Named(i) => self.types[*i].name.clone(),
            Ty::Array(inner) => format!("Array<{}>", self.type_expr(f, inner)),
            Ty::PathParam => "none".into(),
            Ty::SelfNamed => f.name.clone(),
        }
    }

    fn write_field(&self, s: &mut String, indent: usize, f: &Field, param: bool) {
        pad(s, indent);
        s.push_str(if param { "param name: " } else { "- name: " });
        s.push_str(&f.name);
        s.push_str(" | type: ");
        s.push_str(&self.type_expr(f, &f.ty));
        s.push_str(" | description: ");
        s.push_str(&f.description);
        if f.required {
            s.push_str(" | required: true");
        }
        if f.read_only {
            s.push_str(" | read-only: true");
        }
        if !f.rules.is_empty() {
            s.push_str(" | validation: ");
            s.push_str(&f.rules.join(", "));
        }
        if let Some(note) = &f.deprecated {
            s.push_str(" | deprecated: ");
            s.push_str(note);
        }
        s.push('\n');
        self.write_children(s, indent + 2, &f.ty);
    }

    fn write_children(&self, s: &mut String, indent: usize, ty: &Ty) {
        match ty {
            Ty::Wrapped(sc) => {
                pad(s, indent);
                let what = match sc {
                    Sc::Num => "numeric",
                    Sc::Bool => "boolean",
                    _ => "string",
                };
                let _ = writeln!(s, "- name: value | type: {} | description: The {what} value.", scalar_name(*sc));
            }
            Ty::Named(i) | Ty::Anon(i) => self.write_def(s, indent, *i),
            Ty::Array(inner) => self.write_children(s, indent, inner),
            _ => {}
        }
    }

    fn write_def(&self, s: &mut String, indent: usize, idx: usize) {
        match &self.types[idx].def {
            Def::Struct(items) => {
                for item in items {
                    match item {
                        Item::Field(f) => self.write_field(s, indent, f, false),
                        Item::OneOf(members) => {
                            pad(s, indent);
                            s.push_str("- ONE-OF:\n");
                            for m in members {
                                self.write_field(s, indent + 2, m, false);
                            }
                        }
                    }
                }
            }
            Def::Enum(values) => {
                pad(s, indent);
                s.push_str("- ENUM:\n");
                for (name, description) in values {
                    pad(s, indent + 2);
                    let _ = writeln!(s, "- {name}: {description}");
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Examples: JSON that follows the schema.

    fn example_def(&self, idx: usize, rng: &mut Rng, depth: usize) -> Value {
        match &self.types[idx].def {
            Def::Enum(values) => json!(values[1 + rng.below(values.len() - 1)].0),
            Def::Struct(items) => {
                let mut o = Map::new();
                for item in items {
                    match item {
                        Item::Field(f) => {
                            if f.required || (depth < 3 && rng.chance(60)) || (depth < 5 && rng.chance(25)) {
                                o.insert(f.name.clone(), self.example(f, &f.ty, rng, depth));
                            }
                        }
                        Item::OneOf(members) => {
                            if depth < 4 || rng.chance(30) {
                                let m = &members[rng.below(members.len())];
                                o.insert(m.name.clone(), self.example(m, &m.ty, rng, depth));
                            }
                        }
                    }
                }
                Value::Object(o)
            }
        }
    }

    fn example(&self, f: &Field, ty: &Ty, rng: &mut Rng, depth: usize) -> Value {
        match ty {
            Ty::Scalar(Sc::Str) | Ty::Wrapped(Sc::Str) | Ty::PathParam | Ty::SelfNamed => {
                let has = |r: &str| f.rules.iter().any(|x| x == r);
                if has("format GUID") {
                    json!(rng.guid())
                } else if has("format WEB_URL") {
                    json!(format!("https://www.example.com/{}/{}", f.name.to_ascii_lowercase(), rng.below(10_000)))
                } else if has("format CURRENCY") {
                    json!(rng.pick(&["USD", "EUR", "ILS", "GBP"]))
                } else if has("format DECIMAL_VALUE") {
                    json!(format!("{}.{:02}", rng.range(1, 500), rng.below(100)))
                } else {
                    json!(format!("Sample {} {}", words_of(&f.name), rng.range(1, 999)))
                }
            }
            Ty::Scalar(Sc::Int64) | Ty::Wrapped(Sc::Int64) => json!(rng.range(1, 1 << 40).to_string()),
            Ty::Scalar(Sc::Num) | Ty::Wrapped(Sc::Num) => json!(rng.range(1, 500)),
            Ty::Scalar(Sc::Bool) | Ty::Wrapped(Sc::Bool) => json!(rng.chance(50)),
            Ty::Time => json!(format!(
                "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                rng.range(1, 12),
                rng.range(1, 28),
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.below(1000)
            )),
            Ty::Free => json!({ "@apps/loyalty": { "tier": "gold", "points": rng.range(1, 900) } }),
            Ty::Named(i) | Ty::Anon(i) => self.example_def(*i, rng, depth + 1),
            Ty::Array(inner) => Value::Array((0..rng.range(1, 2)).map(|_| self.example(f, inner, rng, depth)).collect()),
        }
    }
}

/// What a method page needs beyond the resource.
struct MethodSpec {
    verb: &'static str,
    http: &'static str,
    url: String,
    intro: Vec<String>,
    scopes: Vec<(String, String)>,
    params: Vec<Field>,
    required: Vec<String>,
    response: Option<Vec<Field>>,
    errors: Vec<(u16, String, String)>,
}

struct Page {
    name: String,
    text: String,
    /// The types this page defines at its top level (everything under them too).
    defines: Vec<usize>,
}

trait ReadOnlyItem {
    fn into_read_only(self) -> Self;
}

impl ReadOnlyItem for Item {
    fn into_read_only(self) -> Self {
        match self {
            Item::Field(f) => Item::Field(f.read_only()),
            other => other,
        }
    }
}

fn push_example(s: &mut String, heading: &str, value: &Value) {
    let _ = writeln!(s, "#### {heading}\n```json");
    s.push_str(&serde_json::to_string_pretty(value).unwrap_or_default());
    s.push_str("\n```\n");
}

fn scalar_name(s: Sc) -> &'static str {
    match s {
        Sc::Str | Sc::Int64 => "string",
        Sc::Num => "number",
        Sc::Bool => "boolean",
    }
}

fn pad(s: &mut String, indent: usize) {
    for _ in 0..indent {
        s.push(' ');
    }
}

/// `GiftCard` → `gift card`; `lineItems` → `line items`.
fn words_of(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `a` or `an`, by the first letter.
fn article(words: &str) -> &'static str {
    if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// English plural of a PascalCase name's last word.
fn plural(name: &str) -> String {
    let b = name.as_bytes();
    let vowel_before_y = b.len() >= 2 && matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    if name.ends_with('y') && !vowel_before_y {
        format!("{}ies", &name[..name.len() - 1])
    } else if name.ends_with('s') || name.ends_with('x') || name.ends_with("ch") || name.ends_with("sh") {
        format!("{name}es")
    } else {
        format!("{name}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeKind;

    fn errors(files: Vec<SourceFile>) -> crate::Loaded {
        let loaded = crate::read_sources(files);
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        loaded
    }

    #[test]
    fn ten_pages_read_without_errors() {
        let files = corpus(10);
        assert_eq!(files.len(), 10);
        let loaded = errors(files);
        assert!(!loaded.api.methods.is_empty());
    }

    #[test]
    fn a_hundred_pages_read_without_errors_or_warnings() {
        let files = corpus(100);
        assert_eq!(files.len(), 100);
        let loaded = errors(files);
        assert!(loaded.diagnostics.is_empty(), "{}", loaded.render_diagnostics());
        let api = &loaded.api;
        assert!(api.methods.len() >= 50, "{} methods", api.methods.len());
        assert!(api.events.len() >= 15, "{} events", api.events.len());
        // Every page kind the generator writes is there.
        let kinds: std::collections::BTreeSet<_> = api.pages.iter().map(|p| format!("{:?}", p.kind)).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        // One-of groups, enums and wrappers made it into the IR.
        assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::OneOf { .. })));
        assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::Enum { .. })));
        assert!(api.types.values().any(|t| matches!(t.kind, TypeKind::Nullable { .. })));
    }

    #[test]
    fn a_hundred_pages_go_through_the_emitter() {
        let loaded = errors(corpus(100));
        let output = crate::emit::emit(&loaded.api, &crate::Settings::default());
        assert!(output.is_ok(), "{:?}", output.err());
    }

    #[test]
    fn shared_types_are_expanded_on_many_pages_and_merge_into_one() {
        let files = corpus(100);
        let expanding = files.iter().filter(|f| f.text.contains("| type: PagingMetadataV2 |")).count();
        assert!(expanding >= 5, "PagingMetadataV2 expanded on {expanding} pages");
        let main = files.iter().filter(|f| f.text.contains("order | type: Order |") || f.text.contains("| type: Array<Order> |")).count();
        assert!(main >= 5, "Order expanded on {main} pages");
        let loaded = errors(files);
        let ids: Vec<_> = loaded.api.types.keys().filter(|id| id.0.ends_with("PagingMetadataV2") || id.0 == "Order").collect();
        assert_eq!(ids.len(), 2, "{ids:?}: shared types must merge, not split by namespace");
    }

    #[test]
    fn the_corpus_is_deterministic_and_grows_by_appending() {
        let a = corpus(40);
        let b = corpus(40);
        let c = corpus(90);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.name, &x.text), (&y.name, &y.text));
        }
        for (x, y) in a.iter().zip(&c) {
            assert_eq!((&x.name, &x.text), (&y.name, &y.text));
        }
        let other = corpus_seeded(40, 7);
        assert!(a.iter().zip(&other).any(|(x, y)| x.text != y.text));
    }

    #[test]
    fn page_names_are_unique() {
        let files = corpus(2000);
        let names: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), files.len());
    }

    #[test]
    fn examples_are_json() {
        for f in corpus(30) {
            let mut rest = f.text.as_str();
            while let Some(at) = rest.find("```json\n") {
                let body = &rest[at + 8..];
                let end = body.find("```").expect("closed fence");
                // Type pages fence their schema as `json` too, as real pages do.
                if body.trim_start().starts_with('{') {
                    serde_json::from_str::<Value>(&body[..end]).unwrap_or_else(|e| panic!("{}: {e}", f.name));
                }
                rest = &body[end + 3..];
            }
        }
    }

    #[test]
    fn corpus_with_types_reaches_the_count_with_whole_resources() {
        let files = corpus_with_types(300, DEFAULT_SEED);
        let loaded = errors(files);
        let named = loaded.api.types.values().filter(|t| matches!(t.kind, TypeKind::Struct { .. } | TypeKind::Enum { .. })).count();
        assert!(named >= 300, "{named} named types");
    }

    #[test]
    fn written_corpora_read_back_the_same() {
        let dir = std::env::temp_dir().join(format!("wixgen-synth-{}", std::process::id()));
        let files = corpus(25);
        write_corpus(&dir, &files).unwrap();
        let loaded = crate::read_specs(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
        assert_eq!(loaded.files.len(), 25);
    }
}
