//! The intermediate representation: what the pages say, resolved and checked.
//!
//! Types live in one table keyed by [`TypeId`]; a field names its type by ID, never by a
//! nested box, so merging definitions from several pages, renaming a clashing type and
//! walking cycles are table look-ups. Every collection that reaches the output is ordered
//! (`BTreeMap`, or a `Vec` in page order), so the IR — and everything generated from it —
//! is byte-identical from run to run.
//!
//! Every node carries a [`Source`]: the page (relative to the spec root), line and column
//! it was read from, so that diagnostics and generated doc comments can point back at it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where a node was read from. `file` is relative to the spec root, with `/` separators.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Shared by every node of a page: a large corpus has millions of nodes and only
    /// thousands of file names.
    pub file: std::sync::Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// The key of a type in [`Api::types`].
///
/// Named types use their page name (`Message`); a name defined differently in two
/// namespaces is qualified (`conversations.IdentificationData`). Built-in and structural
/// entries have fixed spellings: `string`, `number`, `boolean`, `int64`, `timestamp`,
/// `object`, `Array<T>`, `Nullable<T>`, and `<Parent>OneOf` for one-of groups.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TypeId(pub String);

impl TypeId {
    pub fn new(s: impl Into<String>) -> Self {
        TypeId(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TypeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One API, as read from a directory of pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Api {
    /// Every page read, in path order.
    pub pages: Vec<Page>,
    pub types: BTreeMap<TypeId, TypeDef>,
    /// Keyed by the method's unique key (given by `lower::duplicates`):
    /// its camelCase name (`sendMessage`); `<namespace>.<name>` when several namespaces
    /// have a method of that name (`orders.get`); and a number after the name for the
    /// second and later methods of one name in one namespace (`getProduct2`).
    pub methods: BTreeMap<String, Method>,
    /// Keyed the same way by the event's name in PascalCase (`MessageSentToBusiness`,
    /// `checkouts.OrderUpdated`, `OrderUpdated2`).
    pub events: BTreeMap<String, Event>,
    /// Keyed by kind stem (`Conversation` for `ConversationId`).
    pub id_kinds: BTreeMap<String, IdKind>,
    /// From article tables that tie ID properties to kinds of participant, in table order.
    pub participant_kinds: Vec<ParticipantKind>,
    pub articles: Vec<Article>,
    /// Velo-portal method pages: signatures and examples only.
    pub velo_methods: Vec<VeloMethod>,
    pub menus: Vec<Menu>,
}

/// What kind of page a file is, told by its first headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    Method,
    Type,
    Webhook,
    Article,
    VeloMethod,
    Menu,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub kind: PageKind,
    /// The page's title: method name, type name, webhook name, article title.
    pub title: String,
    /// The page's own link (`Method link:`, `Link:`, ...), when it gives one.
    pub link: Option<String>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    pub id: TypeId,
    /// The name as the page writes it (`IdentificationData`), without namespace.
    pub name: String,
    /// Normalised namespace (`conversations`), when the type came from a namespaced page.
    pub namespace: Option<String>,
    pub description: String,
    /// The page that documents this type best: its type page if it has one.
    pub doc_link: Option<String>,
    pub kind: TypeKind,
    /// The first definition read.
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum TypeKind {
    /// An object. `one_ofs` are the IDs of its [`TypeKind::OneOf`] groups, in page order.
    Struct { fields: Vec<Field>, one_ofs: Vec<TypeId> },
    /// Mutually exclusive members of `parent`: at most one is set on the wire, each under
    /// its own key. `required` (`- ONE-OF: - required: true`): exactly one is set.
    OneOf {
        parent: TypeId,
        members: Vec<Field>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        required: bool,
    },
    /// A string enum; values travel as their names.
    Enum { values: Vec<EnumValue> },
    Scalar { scalar: Scalar },
    Array { items: TypeId },
    /// A protobuf wrapper folded back: the value may be JSON `null` or absent.
    Nullable { inner: TypeId },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scalar {
    String,
    /// `type: number`.
    Number,
    /// `type: integer`: a whole number.
    Integer,
    Boolean,
    /// `format int64`: an integer that travels as a JSON string.
    Int64,
    /// `string (date-time)`: RFC 3339 on the wire.
    Timestamp,
    /// `type: object` with no children: free JSON.
    Object,
}

impl Scalar {
    /// The fixed [`TypeId`] of this scalar in the table.
    pub fn type_id(self) -> TypeId {
        TypeId::new(match self {
            Scalar::String => "string",
            Scalar::Number => "number",
            Scalar::Integer => "integer",
            Scalar::Boolean => "boolean",
            Scalar::Int64 => "int64",
            Scalar::Timestamp => "timestamp",
            Scalar::Object => "object",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The wire (JSON) name.
    pub name: String,
    pub ty: TypeId,
    pub description: String,
    /// Marked `required: true`, or named by a method's `Required parameters:`.
    pub required: bool,
    /// Set by the server; never sent in a request.
    pub read_only: bool,
    /// `Some(note)` when deprecated; the note names the replacement where the page does.
    pub deprecated: Option<String>,
    pub rules: Vec<Rule>,
    /// The ID kind (key of [`Api::id_kinds`]) when this field, or its array's elements,
    /// hold IDs of one kind.
    pub id_kind: Option<String>,
    /// Why the field was judged to hold IDs (or judged not to, by an override): the rule
    /// that matched, in words. `None` for fields no rule looked at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_reason: Option<String>,
    /// Segments with keys the parser does not know, kept verbatim.
    pub extra: BTreeMap<String, String>,
    pub source: Source,
    /// Where the `type:` value was read: diagnostics about the type point here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_source: Option<Source>,
}

/// One `validation:` rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    MinLength(u64),
    MaxLength(u64),
    MinSize(u64),
    MaxSize(u64),
    Minimum(f64),
    Maximum(f64),
    /// `format GUID`, `format WEB_URL`, `format int64`, ...
    Format(String),
    Immutable,
    /// A rule this parser does not know, kept verbatim.
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    pub name: String,
    pub description: String,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpVerb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// Where a top-level request parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamLocation {
    /// Named by a variable of the URL template on its own (`{conversationId}`,
    /// `{slug=**}`). A parameter a field-path variable looks into (`{category.id}`) keeps
    /// its query or body location: it is sent whole, and also fills the path.
    Path,
    /// A GET's other parameters; nested fields are dotted (`paging.limit`).
    Query,
    /// Every other verb's other parameters: the JSON body.
    Body,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// camelCase (`sendMessage`).
    pub name: String,
    /// As the page's first heading writes it (`SendMessage`).
    pub title: String,
    pub package: String,
    pub namespace: String,
    pub description: String,
    pub doc_link: Option<String>,
    pub verb: HttpVerb,
    /// The full URL as written, template included.
    pub url: String,
    /// The path part of `url` (`/inbox/v2/conversations/{conversationId}`).
    pub path: String,
    /// A struct holding every parameter: `<Title>Request` (`<Title><N>Request` for the
    /// later methods of one name in one namespace; namespace-qualified when several
    /// namespaces have a method of that name).
    pub request: TypeId,
    /// Each top-level parameter's location, in page order.
    pub params: Vec<Param>,
    /// The variables of the URL template, in template order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_vars: Vec<PathVar>,
    /// Dotted paths; `a.b` is required only when `a` is present.
    pub required: Vec<String>,
    pub response: Option<TypeId>,
    pub errors: Vec<AppError>,
    pub scopes: Vec<Scope>,
    pub examples: Vec<Example>,
    pub source: Source,
}

/// A variable of a method's URL template: `{conversationId}`, a field path
/// (`{category.id}`) or a wildcard (`{slug=**}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathVar {
    /// The request field whose value fills it, from the request's top level
    /// (`["category", "id"]`). A one-field path takes the parameter out of the body or
    /// query; a longer one names a field of a parameter that is still sent there whole.
    pub field: Vec<String>,
    /// `{name=**}`: the value is the rest of the path, its `/` kept (each segment is
    /// escaped on its own).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wildcard: bool,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub location: ParamLocation,
    pub source: Source,
}

/// A documented application error (`details.applicationError.code`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppError {
    pub code: String,
    /// The HTTP status it comes with, when the page says.
    pub http_status: Option<u16>,
    /// The gRPC-style status name (`FAILED_PRECONDITION`), when the page says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    pub description: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    /// Display name (`Manage Inbox Messages`).
    pub name: String,
    /// `SCOPE.DC-INBOX.MANAGE-MSGS`.
    pub id: String,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleKind {
    Request,
    Response,
    /// A webhook's event body.
    Event,
}

/// A JSON example from under an examples heading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub kind: ExampleKind,
    pub title: String,
    pub json: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// As the page names it (`Message Sent To Business`).
    pub name: String,
    /// `wix.crm.inbox.v2.message_message_sent_to_business`: what Wix sends as `eventType`.
    /// Empty when neither the pages nor `wixgen.toml` say it (the event is then never
    /// decoded by type).
    pub event_type: String,
    pub package: String,
    pub namespace: String,
    pub description: String,
    pub doc_link: Option<String>,
    /// The whole event body: `<Payload>Event`.
    pub body: TypeId,
    /// The entity or action the event carries (`actionEvent.body`).
    pub payload: TypeId,
    pub examples: Vec<Example>,
    pub source: Source,
}

/// A family of IDs: every field holding an ID of one kind of entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdKind {
    /// PascalCase stem: `Conversation` (the Rust type is `ConversationId`).
    pub name: String,
    /// Values are GUIDs (8-4-4-4-12 hex digits).
    pub guid: bool,
    /// The fields holding it, as `Type.field`, sorted.
    pub fields: Vec<String>,
    pub source: Source,
}

/// A kind of participant, from an article table with an "ID property" column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantKind {
    /// As the table writes it (`Anonymous visitor`).
    pub label: String,
    /// The ID property (`anonymousVisitorId`).
    pub id_property: String,
    /// Key of [`Api::id_kinds`] (`AnonymousVisitor`).
    pub id_kind: String,
    pub details: String,
    /// False where the article says the ID is not available through the API.
    pub obtainable: bool,
    /// The article's section on getting this ID, as plain text.
    pub how_to_obtain: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub resource: String,
    pub title: String,
    pub link: Option<String>,
    pub tables: Vec<Table>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub headers: Vec<String>,
    /// Cells as plain text (inline code unwrapped, lists joined).
    pub rows: Vec<Vec<String>>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VeloMethod {
    pub name: String,
    /// `(name, type)` as the signature writes them.
    pub params: Vec<(String, String)>,
    pub package: String,
    pub menu_location: String,
    pub link: Option<String>,
    pub description: String,
    pub examples: Vec<CodeExample>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeExample {
    pub title: String,
    pub language: String,
    pub code: String,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Menu {
    pub title: String,
    pub link: Option<String>,
    pub entries: Vec<MenuEntry>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MenuEntry {
    pub label: String,
    pub url: String,
    /// 1 for the top heading; items sit one deeper than the heading above them.
    pub depth: u32,
    pub source: Source,
}
