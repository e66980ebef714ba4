#!/usr/bin/env bash
# Side by side: `cargo check` of the Inbox bindings against progenitor's client and typify's
# types generated from an equivalent OpenAPI document (ir_to_openapi.py), after a `touch`
# of each crate's lib.rs, interleaved, ROUNDS rounds; medians and ratios. Incremental
# compilation is off (CARGO_INCREMENTAL=0): after a touch, an incremental check reuses
# nearly everything and measures no type checking.
#
# progenitor and typify generate in a build script (into OUT_DIR, `include!`d), so that a
# touch re-checks their generated code without generating it again.
#
# Usage: bash codegen/benches/compare/compare.sh [ROUNDS]
# Environment: WIXGEN_COMPARE_DIR (scratch directory, default /tmp/wixgen-compare),
#              WIXGEN_OTHER_ROOT (another checkout of wixgen, e.g. `git archive` of an older
#              commit: its wix-inbox is measured in the same rounds, as "other"),
#              WIXGEN_IR (a file with `wixgen ir specs/inbox`'s output, to skip building wixgen),
#              PROGENITOR_VERSION (0.15), TYPIFY_VERSION (0.8).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
HERE="$ROOT/codegen/benches/compare"
WORK="${WIXGEN_COMPARE_DIR:-/tmp/wixgen-compare}"
ROUNDS="${1:-5}"
PROGENITOR="${PROGENITOR_VERSION:-0.15}"
TYPIFY="${TYPIFY_VERSION:-0.8}"
export CARGO_INCREMENTAL=0
mkdir -p "$WORK"

# The IR of the Inbox pages (WIXGEN_IR: a file holding it, to skip building wixgen).
if [ -n "${WIXGEN_IR:-}" ]; then cat "$WIXGEN_IR"; else (cd "$ROOT" && cargo run -q -p wixgen -- ir specs/inbox); fi \
    | python3 "$HERE/ir_to_openapi.py" "$WORK"

# typify: the types of the document's schemas.
mkdir -p "$WORK/typify/src"
cp "$WORK/schema.json" "$WORK/typify/"
cat >"$WORK/typify/Cargo.toml" <<TOML
[package]
name = "inbox-typify"
version = "0.1.0"
edition = "2021"
publish = false
[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["std", "serde"] }
[build-dependencies]
typify = "$TYPIFY"
schemars = "0.8"
serde_json = "1"
syn = "2"
prettyplease = "0.2"
[workspace]
TOML
cat >"$WORK/typify/build.rs" <<'RS'
fn main() {
    let text = std::fs::read_to_string("schema.json").unwrap();
    let schema: schemars::schema::RootSchema = serde_json::from_str(&text).unwrap();
    let mut space = typify::TypeSpace::new(&typify::TypeSpaceSettings::default());
    space.add_root_schema(schema).unwrap();
    let file: syn::File = syn::parse2(space.to_stream()).unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("types.rs");
    std::fs::write(out, prettyplease::unparse(&file)).unwrap();
    println!("cargo:rerun-if-changed=schema.json");
}
RS
printf '#![allow(clippy::all, dead_code)]\ninclude!(concat!(env!("OUT_DIR"), "/types.rs"));\n' >"$WORK/typify/src/lib.rs"

# progenitor: the client (types and methods).
mkdir -p "$WORK/progenitor/src"
cp "$WORK/openapi.json" "$WORK/progenitor/"
cat >"$WORK/progenitor/Cargo.toml" <<TOML
[package]
name = "inbox-progenitor"
version = "0.1.0"
edition = "2021"
publish = false
[dependencies]
futures = "0.3"
progenitor-client = "$PROGENITOR"
reqwest = { version = "0.13", features = ["json", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["std", "serde"] }
[build-dependencies]
progenitor = { version = "$PROGENITOR", default-features = false }
openapiv3 = "2"
serde_json = "1"
syn = "2"
prettyplease = "0.2"
[workspace]
TOML
cat >"$WORK/progenitor/build.rs" <<'RS'
fn main() {
    let text = std::fs::read_to_string("openapi.json").unwrap();
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).unwrap();
    let mut generator = progenitor::Generator::default();
    let file: syn::File = syn::parse2(generator.generate_tokens(&spec).unwrap()).unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("client.rs");
    std::fs::write(out, prettyplease::unparse(&file)).unwrap();
    println!("cargo:rerun-if-changed=openapi.json");
}
RS
printf '#![allow(clippy::all, dead_code)]\ninclude!(concat!(env!("OUT_DIR"), "/client.rs"));\n' >"$WORK/progenitor/src/lib.rs"

# name dir cargo-args...: one timed `cargo check` after a touch of the crate's lib.rs.
check() {
    local dir=$1 target=$2
    shift 2
    touch "$dir/src/lib.rs"
    local start=$EPOCHREALTIME
    (cd "$dir" && CARGO_TARGET_DIR="$target" cargo check -q "$@" >>"$WORK/cargo.log" 2>&1) || { tail -30 "$WORK/cargo.log" >&2; exit 1; }
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'
}

# Dependencies and generation first, untimed.
for crate in typify progenitor; do
    (cd "$WORK/$crate" && CARGO_TARGET_DIR="$WORK/target" cargo check -q >>"$WORK/cargo.log" 2>&1) || { tail -30 "$WORK/cargo.log" >&2; exit 1; }
done
OTHER="${WIXGEN_OTHER_ROOT:-}"
for root in "$ROOT" $OTHER; do
    (cd "$root" && CARGO_TARGET_DIR="$WORK/target-$(basename "$root")" cargo check -q -p wix-inbox --no-default-features \
        && CARGO_TARGET_DIR="$WORK/target-$(basename "$root")" cargo check -q -p wix-inbox) >>"$WORK/cargo.log" 2>&1
done

gen_lines() { find "$WORK/target/debug/build" -path "*inbox-$1*/out/*.rs" -exec cat {} + | wc -l; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(rustc --version)"
echo "generated lines: wix-inbox $(cat "$ROOT"/generated/inbox/src/api/*.rs | wc -l), typify $(gen_lines typify), progenitor $(gen_lines progenitor)"
declare -A times
keys="ours_types ours_full typify progenitor"
T="$WORK/target-$(basename "$ROOT")"
for round in $(seq 1 "$ROUNDS"); do
    times[ours_types]+="$(check "$ROOT/generated" "$T" -p wix-inbox --no-default-features) "
    times[typify]+="$(check "$WORK/typify" "$WORK/target") "
    times[ours_full]+="$(check "$ROOT/generated" "$T" -p wix-inbox) "
    times[progenitor]+="$(check "$WORK/progenitor" "$WORK/target") "
    if [ -n "$OTHER" ]; then
        keys="ours_types ours_full other_types other_full typify progenitor"
        O="$WORK/target-$(basename "$OTHER")"
        times[other_types]+="$(check "$OTHER/generated" "$O" -p wix-inbox --no-default-features) "
        times[other_full]+="$(check "$OTHER/generated" "$O" -p wix-inbox) "
    fi
    echo "round $round (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for k in $keys; do
    printf '%-12s median %6.2f s   (%s)\n' "$k" "$(median "${times[$k]}")" "${times[$k]}"
done
awk -v t="$(median "${times[ours_types]}")" -v f="$(median "${times[ours_full]}")" \
    -v y="$(median "${times[typify]}")" -v p="$(median "${times[progenitor]}")" 'BEGIN {
    printf "types only / typify: %.2f   default features / typify: %.2f   default features / progenitor: %.2f\n", t / y, f / y, f / p }'
if [ -n "$OTHER" ]; then
    awk -v t="$(median "${times[other_types]}")" -v f="$(median "${times[other_full]}")" \
        -v y="$(median "${times[typify]}")" -v p="$(median "${times[progenitor]}")" 'BEGIN {
        printf "other: types only / typify: %.2f   default features / typify: %.2f   default features / progenitor: %.2f\n", t / y, f / y, f / p }'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Macro expansion: lines of `-Zunpretty=expanded` over the lines of the source compiled.
expanded() {
    local dir=$1 target=$2
    shift 2
    (cd "$dir" && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target" cargo rustc -q --lib --profile check "$@" -- -Zunpretty=expanded 2>/dev/null | wc -l)
}
ratio() { awk -v e="$1" -v s="$2" 'BEGIN { printf "%d expanded / %d source lines = %.1fx", e, s, e / s }'; }
for root in "$ROOT" $OTHER; do
    t="$WORK/target-$(basename "$root")"
    src_types=$(cat "$root"/generated/inbox/src/lib.rs "$root"/generated/inbox/src/compose.rs "$root"/generated/inbox/src/api/*.rs | wc -l)
    src_full=$(find "$root/generated/inbox/src" -name '*.rs' -exec cat {} + | wc -l)
    echo "expansion, $(basename "$root") types only: $(ratio "$(expanded "$root/generated" "$t" -p wix-inbox --no-default-features)" "$src_types")"
    echo "expansion, $(basename "$root") default features: $(ratio "$(expanded "$root/generated" "$t" -p wix-inbox)" "$src_full")"
done
echo "expansion, typify: $(ratio "$(expanded "$WORK/typify" "$WORK/target")" "$(gen_lines typify)")"
echo "expansion, progenitor: $(ratio "$(expanded "$WORK/progenitor" "$WORK/target")" "$(gen_lines progenitor)")"
