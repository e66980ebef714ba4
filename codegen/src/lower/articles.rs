//! Articles into the IR, and participant kinds from their ID-property tables.

use crate::diag::{Diagnostic, SourceFile};
use crate::ir::{Api, Article, ParticipantKind, Table};
use crate::parse::page::{ArticleSyntax, ParsedPage};

pub fn article(api: &mut Api, file: &SourceFile, page: &ParsedPage, a: &ArticleSyntax) {
    for table in &a.tables {
        let Some(id_col) = table.column("id property") else { continue };
        for row in &table.rows {
            let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
            let label = cell(0);
            let id_property = cell(id_col);
            if label.is_empty() || id_property.is_empty() {
                continue;
            }
            let details = (0..row.cells.len()).filter(|&i| i != 0 && i != id_col).map(cell).collect::<Vec<_>>().join(" ");
            let section_title = format!("{label} ID");
            let how_to_obtain = a
                .sections
                .iter()
                .find(|s| s.title.eq_ignore_ascii_case(&section_title))
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let obtainable = !how_to_obtain.to_ascii_lowercase().contains("not available");
            api.participant_kinds.push(ParticipantKind {
                label,
                id_property,
                // Filled in once ID kinds are known.
                id_kind: String::new(),
                details,
                obtainable,
                how_to_obtain,
                source: file.source(row.offset),
            });
        }
    }
    api.articles.push(Article {
        resource: a.resource.clone(),
        title: page.title.value.clone(),
        link: page.link.clone(),
        tables: a
            .tables
            .iter()
            .map(|t| Table {
                headers: t.headers.clone(),
                rows: t.rows.iter().map(|r| r.cells.clone()).collect(),
                source: file.source(t.offset),
            })
            .collect(),
        source: file.source(page.title.offset),
    });
}

/// Ties each participant kind's ID property to an ID kind.
pub fn participant_kinds(api: &mut Api, diags: &mut Vec<Diagnostic>) {
    for p in &mut api.participant_kinds {
        let stem = p.id_property.strip_suffix("Id").unwrap_or(&p.id_property);
        let kind = crate::lower::collect::pascal(stem);
        if api.id_kinds.contains_key(&kind) {
            p.id_kind = kind;
        } else {
            diags.push(
                Diagnostic::error_at(&p.source, format!("ID property `{}` of participant kind `{}` is held by no GUID ID field", p.id_property, p.label))
                    .with_help("a field of that name described as a GUID (or with `validation: format GUID`) must appear in some schema"),
            );
        }
    }
}
