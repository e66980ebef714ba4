#!/usr/bin/env bash
# Fills corpus/<target>/ with seed inputs: every page under specs/ and the parser's test
# fixtures, the schema blocks cut out of them (for `schema`), and for `pipeline` a few
# multi-page inputs (pages joined by NUL bytes, as the target splits them) plus 20 pages
# of the synthetic corpus (`wixgen::synth`).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
mkdir -p "$HERE/corpus/page" "$HERE/corpus/schema" "$HERE/corpus/pipeline"
n=0
while IFS= read -r f; do
    n=$((n + 1))
    cp "$f" "$HERE/corpus/page/seed-$n.md"
    cp "$f" "$HERE/corpus/pipeline/seed-$n.md"
    # The first fenced block after a "Schema" heading.
    awk '/^#+ Schema/ { s = 1; next } s == 1 && /^```/ { s = 2; next } s == 2 && /^```/ { exit } s == 2 { print }' "$f" >"$HERE/corpus/schema/seed-$n.txt"
    [ -s "$HERE/corpus/schema/seed-$n.txt" ] || rm "$HERE/corpus/schema/seed-$n.txt"
done < <(find "$ROOT/specs" "$ROOT/codegen/tests/fixtures" -name '*.md' | sort)
# Pages that share types, together.
for dir in "$ROOT"/specs/inbox/*/; do
    n=$((n + 1))
    first=1
    for f in "$dir"*.md; do
        [ $first = 1 ] || printf '\0'
        cat "$f"
        first=0
    done >"$HERE/corpus/pipeline/seed-$n.md"
done
# Synthetic pages (needs a release build of the benches; skipped if it fails).
if (cd "$ROOT" && cargo bench -p wixgen --bench synth_corpus -- --out "$HERE/corpus/synthetic" --pages 20 >/dev/null 2>&1); then
    find "$HERE/corpus/synthetic" -name '*.md' | while IFS= read -r f; do
        n=$((n + 1))
        base=$(echo "$f" | tr '/' '_')
        cp "$f" "$HERE/corpus/page/syn-$base"
        cp "$f" "$HERE/corpus/pipeline/syn-$base"
        awk '/^#+ Schema/ { s = 1; next } s == 1 && /^```/ { s = 2; next } s == 2 && /^```/ { exit } s == 2 { print }' "$f" >"$HERE/corpus/schema/syn-$base"
    done
    rm -rf "$HERE/corpus/synthetic"
fi
echo "seeds: $(ls "$HERE/corpus/page" | wc -l) page, $(ls "$HERE/corpus/schema" | wc -l) schema, $(ls "$HERE/corpus/pipeline" | wc -l) pipeline"
