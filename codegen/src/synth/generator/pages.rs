//! Writing a resource's pages: type, method and webhook pages, schema lines, examples.

use super::*;

impl Generator {
    pub(super) fn docs_url(r: &Resource, page: &str) -> String {
        let path = PACKAGES.iter().find(|(p, _)| *p == r.package).map_or("", |(_, d)| d);
        format!("https://dev.wix.com/docs/api-reference/{path}/{}/{page}.md", r.plural_kebab)
    }

    pub(super) fn file_name(r: &Resource, page: &str) -> String {
        format!("{}/{}/{page}.md", r.package, r.plural_kebab)
    }

    pub(super) fn type_page(&self, r: &Resource, idx: usize, slug: &str, _rng: &mut Rng) -> Page {
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
        // An enum's marker sits 6 to 11 spaces deeper than the `Type:` line.
        let indent = if matches!(t.def, Def::Enum(_)) { 5 } else { 7 };
        self.write_def(&mut s, indent, idx, false);
        s.push_str("```\n");
        Page { name: Self::file_name(r, &page), text: s, defines: vec![idx] }
    }

    pub(super) fn method_pages(&mut self, r: &Resource, rng: &mut Rng) -> Vec<Page> {
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

    pub(super) fn method_page(&mut self, r: &Resource, m: MethodSpec, rng: &mut Rng) -> Page {
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
        // Some requests slip: a tail of the object's fields is indented like the fields of
        // the field before it. The response tree and the type page expand the object
        // correctly, and the example and `Required parameters:` set the fields where
        // they belong: the evidence the reader weighs to put them back.
        let slip = if matches!(m.verb, "Create" | "Update") && rng.chance(45) { self.slip_point(r.main, rng) } else { None };
        self.write_tree(&mut s, &m, response, false, slip.map(|p| (r.main, p)));
        if !m.errors.is_empty() {
            s.push_str("\n Possible Errors:\n");
            for (code, app, desc) in &m.errors {
                let _ = writeln!(s, "   HTTP Code: {code} | Status Code: {} | Application Code: {app} | Description: {desc}", status_name(*code));
            }
        }
        s.push_str("\n\n```\n\n### Examples\n\n");
        let request_json = self.example_def(request, rng, 0);
        let _ = writeln!(s, "### {}\n```curl\n{}\n```\n", example_title(&m.intro[0]), curl(m.http, &m.url, &request_json));
        // Real method pages show no response; the Get page keeps one (a convention of
        // this project) so that responses are still decoded, and pages keep their size.
        if let Some(resp) = response.filter(|_| m.verb == "Get") {
            let response_json = self.example_def(resp, rng, 0);
            push_example(&mut s, &format!("Example response: {}", example_title(&m.intro[0])), &response_json);
        }
        s.push_str("---\n\n## JavaScript SDK\n\n### Schema\n\n```\n");
        let args: Vec<&str> = m.params.iter().map(|p| p.name.as_str()).collect();
        let _ = writeln!(s, " Method: wixClientAdmin.{}.{}Service.{method}({})", r.package, r.plural, args.join(", "));
        let _ = writeln!(s, " Description: {}", m.intro[0]);
        self.write_tree(&mut s, &m, response, true, None);
        s.push_str("\n\n```\n\n---\n");
        let mut defines = vec![request];
        defines.extend(response);
        Page { name: Self::file_name(r, &page), text: s, defines }
    }

    /// The parameters and return type of a method's schema block (REST or SDK). `slip`:
    /// the object whose field list slips in the request, and from which field on.
    fn write_tree(&self, s: &mut String, m: &MethodSpec, response: Option<usize>, sdk: bool, slip: Option<(usize, usize)>) {
        if !m.required.is_empty() {
            let _ = writeln!(s, " Required parameters: {}", m.required.join(", "));
        }
        s.push_str(" Method parameters: \n");
        for p in &m.params {
            match (slip, &p.ty) {
                (Some((main, split)), Ty::Named(i)) if *i == main => {
                    let Def::Struct(items) = &self.types[main].def else { unreachable!("slip_point takes structs") };
                    self.write_line(s, 3, p, true, sdk);
                    self.write_items(s, 5, &items[..split], sdk);
                    self.write_items(s, 7, &items[split..], sdk);
                }
                _ => self.write_field(s, 3, p, true, sdk),
            }
        }
        if let Some(resp) = response {
            let name = &self.types[resp].name;
            if sdk {
                let _ = writeln!(s, " Return type: PROMISE<{name}>");
            } else {
                let _ = writeln!(s, " Return type: {name}");
            }
            self.write_def(s, 2, resp, sdk);
        }
    }

    pub(super) fn add_def(&mut self, name: &str, description: &str, items: Vec<Item>) -> usize {
        self.add(name, description, Def::Struct(items))
    }

    pub(super) fn webhook_pages(&mut self, r: &Resource, rng: &mut Rng) -> Vec<Page> {
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

    pub(super) fn webhook_page(&mut self, r: &Resource, what: &str, payload: usize, intro: String, rng: &mut Rng) -> Page {
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
        self.write_def(&mut s, 1, envelope, false);
        s.push_str("```\n### Examples\n");
        let mut event = self.example_def(envelope, rng, 0);
        if let Value::Object(o) = &mut event {
            o.insert("entityFqdn".into(), json!(format!("wix.{}.v1.{}", r.package.replace('-', "_"), r.snake)));
            o.insert("slug".into(), json!(what.to_ascii_lowercase()));
        }
        push_example(&mut s, &format!("{title} event"), &event);
        Page { name: Self::file_name(r, &page), text: s, defines: vec![envelope] }
    }

    // -----------------------------------------------------------------------------------
    // Schema lines.

    pub(super) fn type_expr(&self, f: &Field, ty: &Ty, sdk: bool) -> String {
        match ty {
            Ty::Scalar(s) | Ty::Wrapped(s) => scalar_name(*s).to_string(),
            Ty::Time if sdk => "Date".into(),
            Ty::Time => "string (date-time)".into(),
            Ty::Free | Ty::Anon(_) => "object".into(),
            Ty::Named(i) => self.types[*i].name.clone(),
            // Real pages write an array of strings as a bare `array`.
            Ty::Array(inner) if matches!(**inner, Ty::Scalar(Sc::Str)) => "array".into(),
            Ty::Array(inner) => format!("array<{}>", self.type_expr(f, inner, sdk)),
            Ty::PathParam if sdk => "string".into(),
            Ty::PathParam => "none".into(),
            Ty::SelfNamed if sdk => "string".into(),
            Ty::SelfNamed => f.name.clone(),
        }
    }

    /// One field's own line. SDK blocks rename some fields (`_id`) and carry no rules.
    pub(super) fn write_line(&self, s: &mut String, indent: usize, f: &Field, param: bool, sdk: bool) {
        pad(s, indent);
        s.push_str(if param { "param name: " } else { "- name: " });
        if sdk && matches!(f.name.as_str(), "id" | "createdDate" | "updatedDate") {
            s.push('_');
        }
        s.push_str(&f.name);
        s.push_str(" | type: ");
        s.push_str(&self.type_expr(f, &f.ty, sdk));
        s.push_str(" | description: ");
        s.push_str(&f.description);
        if f.required {
            s.push_str(" | required: true");
        }
        if !sdk {
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
        }
        s.push('\n');
    }

    pub(super) fn write_field(&self, s: &mut String, indent: usize, f: &Field, param: bool, sdk: bool) {
        self.write_line(s, indent, f, param, sdk);
        self.write_children(s, indent + 2, &f.ty, sdk);
    }

    /// What goes under a field of type `ty`, its own fields at `indent`.
    pub(super) fn write_children(&self, s: &mut String, indent: usize, ty: &Ty, sdk: bool) {
        match ty {
            // The SDK unwraps protobuf wrappers, and its block (evidence only) is kept to
            // the outer levels, as on the abridged SDK blocks of real pages.
            Ty::Wrapped(_) if sdk => {}
            _ if sdk && indent > 5 => {}
            Ty::Wrapped(sc) => {
                pad(s, indent);
                let what = match sc {
                    Sc::Num => "numeric",
                    Sc::Bool => "boolean",
                    _ => "string",
                };
                let _ = writeln!(s, "- name: value | type: {} | description: The {what} value.", scalar_name(*sc));
            }
            Ty::Named(i) | Ty::Anon(i) => self.write_def(s, indent, *i, sdk),
            Ty::Array(inner) => self.write_children(s, indent, inner, sdk),
            _ => {}
        }
    }

    /// A type's fields at `indent`; an enum's marker 2 to 7 spaces deeper (4 to 9 deeper
    /// than its field), as real pages vary it.
    pub(super) fn write_def(&self, s: &mut String, indent: usize, idx: usize, sdk: bool) {
        match &self.types[idx].def {
            Def::Struct(items) => self.write_items(s, indent, items, sdk),
            Def::Enum(values) => {
                let marker = indent + 2 + (idx + indent) % 6;
                pad(s, marker);
                if values.len() <= 3 {
                    let names: Vec<&str> = values.iter().map(|(n, _)| n.as_str()).collect();
                    let _ = writeln!(s, "- enum: {}", names.join(", "));
                } else {
                    s.push_str("- enum:\n");
                    for (name, description) in values {
                        pad(s, marker);
                        let _ = writeln!(s, "-     {name}: {description}");
                    }
                }
            }
        }
    }

    pub(super) fn write_items(&self, s: &mut String, indent: usize, items: &[Item], sdk: bool) {
        for item in items {
            match item {
                Item::Field(f) => self.write_field(s, indent, f, false, sdk),
                Item::OneOf(members, required) => {
                    pad(s, indent);
                    s.push_str(if *required { "- ONE-OF: - required: true\n" } else { "- ONE-OF: \n" });
                    for m in members {
                        self.write_field(s, indent + 2, m, false, sdk);
                    }
                }
            }
        }
    }

    /// Where the main object's field list may slip on a page: a split point `p` such that
    /// `items[p..]` can be indented like the fields of the struct `items[p - 1]` expands
    /// without the page losing the evidence to put them back: they are plain fields
    /// whose names that struct does not have, and the object is expanded correctly
    /// elsewhere (the response tree, the type page).
    pub(super) fn slip_point(&self, main: usize, rng: &mut Rng) -> Option<usize> {
        let Def::Struct(items) = &self.types[main].def else { return None };
        let mut candidates = Vec::new();
        for p in 1..items.len() {
            let Item::Field(prev) = &items[p - 1] else { continue };
            let mut ty = &prev.ty;
            while let Ty::Array(inner) = ty {
                ty = inner;
            }
            let Ty::Named(t) = ty else { continue };
            let Def::Struct(inner) = &self.types[*t].def else { continue };
            let inner_names = item_names(inner);
            let tail_ok = items[p..].iter().all(|i| matches!(i, Item::Field(f) if !inner_names.contains(&f.name.as_str())));
            if tail_ok {
                candidates.push(p);
            }
        }
        (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len())])
    }

    // -----------------------------------------------------------------------------------
    // Examples: JSON that follows the schema.

    pub(super) fn example_def(&self, idx: usize, rng: &mut Rng, depth: usize) -> Value {
        match &self.types[idx].def {
            Def::Enum(values) => json!(values[1 + rng.below(values.len() - 1)].0),
            Def::Struct(items) => {
                let mut o = Map::new();
                for item in items {
                    match item {
                        Item::Field(f) => {
                            if f.required || f.required_by_path || (depth < 3 && rng.chance(60)) || (depth < 5 && rng.chance(25)) {
                                o.insert(f.name.clone(), self.example(f, &f.ty, rng, depth));
                            }
                        }
                        Item::OneOf(members, required) => {
                            if *required || depth < 4 || rng.chance(30) {
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

    pub(super) fn example(&self, f: &Field, ty: &Ty, rng: &mut Rng, depth: usize) -> Value {
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
pub(super) struct MethodSpec {
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

pub(super) struct Page {
    pub(super) name: String,
    pub(super) text: String,
    /// The types this page defines at its top level (everything under them too).
    pub(super) defines: Vec<usize>,
}

pub(super) fn push_example(s: &mut String, heading: &str, value: &Value) {
    let _ = writeln!(s, "### {heading}\n```json");
    s.push_str(&serde_json::to_string_pretty(value).unwrap_or_default());
    s.push_str("\n```\n");
}

pub(super) fn scalar_name(s: Sc) -> &'static str {
    match s {
        Sc::Str | Sc::Int64 => "string",
        Sc::Num => "number",
        Sc::Bool => "boolean",
    }
}

pub(super) fn pad(s: &mut String, indent: usize) {
    for _ in 0..indent {
        s.push(' ');
    }
}

/// The names of a field list, one-of members included.
pub(super) fn item_names(items: &[Item]) -> Vec<&str> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Field(f) => out.push(f.name.as_str()),
            Item::OneOf(ms, _) => out.extend(ms.iter().map(|m| m.name.as_str())),
        }
    }
    out
}

/// The status name real pages give an HTTP code under `Possible Errors:`.
fn status_name(code: u16) -> &'static str {
    match code {
        400 => "INVALID_ARGUMENT",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        428 => "FAILED_PRECONDITION",
        _ => "UNKNOWN",
    }
}

/// `Creates a gift card.` → `Create a gift card`.
fn example_title(intro: &str) -> String {
    let first = intro.split(':').next().unwrap_or(intro).trim_end_matches('.');
    match first.split_once(' ') {
        Some((verb, rest)) => format!("{} {rest}", verb.strip_suffix('s').unwrap_or(verb)),
        None => first.to_string(),
    }
}

/// A curl request for `request`: path parameters fill the URL template, a GET puts the
/// rest in the query string (dotted names nest), other methods send it with `-d`.
pub(super) fn curl(http: &str, template: &str, request: &Value) -> String {
    let mut body = request.as_object().cloned().unwrap_or_default();
    let mut url = template.to_string();
    while let Some(open) = url.find('{') {
        let Some(close) = url[open..].find('}').map(|c| open + c) else { break };
        let name = url[open + 1..close].to_string();
        let value = body.remove(&name).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        url.replace_range(open..=close, &value);
    }
    let mut s = format!("curl -X {http} \\\n'{url}");
    if http == "GET" && !body.is_empty() {
        let mut pairs = Vec::new();
        query_pairs("", &Value::Object(body.clone()), &mut pairs);
        s.push('?');
        s.push_str(&pairs.join("&"));
    }
    s.push_str("' \\\n-H 'Authorization: <AUTH>'");
    if http != "GET" && !body.is_empty() {
        s.push_str(" \\\n-d '");
        s.push_str(&serde_json::to_string_pretty(&Value::Object(body)).unwrap_or_default().replace('\'', "'\\''"));
        s.push('\'');
    }
    s
}

fn query_pairs(prefix: &str, v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                query_pairs(&name, x, out);
            }
        }
        Value::Array(xs) => xs.iter().for_each(|x| query_pairs(prefix, x, out)),
        Value::String(x) => out.push(format!("{prefix}={}", percent_encode(x))),
        other => out.push(format!("{prefix}={other}")),
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
