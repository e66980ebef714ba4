//! What the Members API has, by name, for the completeness test: every object type with its
//! fields and their flags (`read-only`, `deprecated`, `required`, `one-of`), and every enum
//! with its values. Names only; the descriptions live in `specs/`. Transcribed once from the
//! Members facts (the official SDK package's typings); `nullable` and `immutable` are not checked.

pub const TYPES: &[(&str, &[(&str, &str)])] = &[
    ("Member", &[("id", "read-only"), ("loginEmail", ""), ("loginEmailVerified", "read-only"), ("status", "read-only"), ("contactId", "read-only"), ("contact", ""), ("profile", ""), ("privacyStatus", ""), ("activityStatus", "read-only"), ("createdDate", "read-only"), ("updatedDate", "read-only"), ("lastLoginDate", "read-only")]),
    ("Contact", &[("firstName", ""), ("lastName", ""), ("phones", ""), ("emails", ""), ("addresses", ""), ("birthdate", ""), ("company", ""), ("jobTitle", ""), ("customFields", "")]),
    ("Address", &[("streetAddress", "one-of"), ("addressLine", "one-of"), ("id", "read-only"), ("addressLine2", ""), ("city", ""), ("subdivision", ""), ("country", ""), ("postalCode", "")]),
    ("StreetAddress", &[("number", ""), ("name", "")]),
    ("CustomField", &[("name", ""), ("value", "")]),
    ("Profile", &[("nickname", ""), ("slug", "read-only"), ("photo", ""), ("cover", ""), ("title", "")]),
    ("Image", &[("id", ""), ("url", ""), ("height", ""), ("width", ""), ("offsetX", ""), ("offsetY", "")]),
    ("GetMemberRequest", &[("id", "required"), ("fieldsets", "")]),
    ("GetMemberResponse", &[("member", "")]),
    ("MemberToMemberBlockedPayload", &[("memberId", "")]),
    ("QueryMembersRequest", &[("query", ""), ("fieldsets", ""), ("search", "")]),
    ("Query", &[("filter", ""), ("paging", ""), ("sorting", "")]),
    ("Paging", &[("limit", ""), ("offset", "")]),
    ("Sorting", &[("fieldName", ""), ("order", ""), ("origin", "")]),
    ("AddressLocation", &[("latitude", ""), ("longitude", "")]),
    ("Search", &[("expression", ""), ("fields", "")]),
    ("QueryMembersResponse", &[("members", ""), ("metadata", "")]),
    ("PagingMetadata", &[("count", ""), ("offset", ""), ("total", ""), ("tooManyToCount", "")]),
    ("CreateMemberRequest", &[("member", "")]),
    ("CreateMemberResponse", &[("member", "")]),
    ("DeleteMemberRequest", &[("id", "required")]),
    ("DeleteMemberResponse", &[]),
    ("DomainEvent", &[("createdEvent", "one-of"), ("updatedEvent", "one-of"), ("deletedEvent", "one-of"), ("actionEvent", "one-of"), ("id", ""), ("entityFqdn", ""), ("slug", ""), ("entityId", ""), ("eventTime", ""), ("triggeredByAnonymizeRequest", ""), ("originatedFrom", ""), ("entityEventSequence", "")]),
    ("EntityCreatedEvent", &[("entityAsJson", ""), ("restoreInfo", "")]),
    ("RestoreInfo", &[("deletedDate", "")]),
    ("EntityUpdatedEvent", &[("currentEntityAsJson", "")]),
    ("EntityDeletedEvent", &[("deletedEntityAsJson", "")]),
    ("ActionEvent", &[("bodyAsJson", "")]),
    ("MessageEnvelope", &[("instanceId", ""), ("eventType", ""), ("identity", ""), ("data", ""), ("accountInfo", "")]),
    ("IdentificationData", &[("anonymousVisitorId", "one-of"), ("memberId", "one-of"), ("wixUserId", "one-of"), ("appId", "one-of"), ("identityType", "read-only")]),
    ("AccountInfo", &[("accountId", ""), ("parentAccountId", ""), ("siteId", "")]),
];

pub const ENUMS: &[(&str, &[&str])] = &[
    ("Status", &["UNKNOWN", "PENDING", "APPROVED", "BLOCKED", "OFFLINE"]),
    ("PrivacyStatusStatus", &["UNKNOWN", "PRIVATE", "PUBLIC"]),
    ("ActivityStatusStatus", &["UNKNOWN", "ACTIVE", "MUTED"]),
    ("Set", &["PUBLIC", "EXTENDED", "FULL"]),
    ("SortOrder", &["ASC", "DESC"]),
    ("WebhookIdentityType", &["UNKNOWN", "ANONYMOUS_VISITOR", "MEMBER", "WIX_USER", "APP"]),
];
