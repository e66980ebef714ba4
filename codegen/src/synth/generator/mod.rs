//! The page generator: resources, their types, and the pages that expand them.

use super::*;

mod pages;

pub(super) struct Generator {
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
    pub(super) fn new(seed: u64) -> Self {
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

    pub(super) fn used_types(&self) -> usize {
        self.used.len()
    }

    /// The plain fields (one-of members left out) of every struct the pages so far define,
    /// by type name: what the reader must find, slips undone.
    #[cfg(test)]
    pub(super) fn struct_fields(&self) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for &i in &self.used {
            if let Def::Struct(items) = &self.types[i].def {
                let names = items.iter().filter_map(|it| if let Item::Field(f) = it { Some(f.name.clone()) } else { None }).collect();
                out.push((self.types[i].name.clone(), names));
            }
        }
        out.sort();
        out
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
                ], false),
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
                ], false),
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
    pub(super) fn resource(&mut self, files: &mut Vec<SourceFile>) {
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
                    Item::OneOf(ms, _) => ms.iter().collect(),
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
                    Item::OneOf(members, true),
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
            ], false));
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
            Item::Field(
                Field::new("name", Ty::Scalar(Str), format!("Name of the {words}, as shown to customers.")).rule("minLength 1").rule("maxLength 100").required_by_path(),
            ),
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
