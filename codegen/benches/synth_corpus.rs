//! Not a benchmark: a tool that writes a synthetic spec corpus to a directory, for the
//! generated-code cost script (`benches/generated_cost.sh`) and for looking at the pages.
//!
//! ```text
//! cargo bench -p wixgen --bench synth_corpus -- --out DIR --pages 1000
//! cargo bench -p wixgen --bench synth_corpus -- --out DIR --types 1000
//! ```
//!
//! It is a bench target so that it builds with the benchmarks' (release) profile and needs
//! no manifest section of its own; run with no directory (as `cargo bench` does), it does
//! nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use wixgen::synth;

fn main() -> ExitCode {
    let mut dir = None;
    let mut pages = None;
    let mut types = None;
    let mut seed = synth::DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |what: &str| -> Option<u64> {
            let v = args.next().and_then(|v| v.replace('_', "").parse().ok());
            if v.is_none() {
                eprintln!("synth_corpus: {what} needs a number");
            }
            v
        };
        match a.as_str() {
            "--pages" => pages = Some(number("--pages")),
            "--types" => types = Some(number("--types")),
            "--seed" => seed = number("--seed").unwrap_or(seed),
            "--out" => dir = args.next().map(PathBuf::from),
            // Anything else is for criterion (`--bench`, filters): not ours.
            _ => {}
        }
    }
    let Some(dir) = dir else {
        println!("synth_corpus: nothing to measure (pass --out DIR --pages N or --out DIR --types N to write a corpus)");
        return ExitCode::SUCCESS;
    };
    let files = match (pages, types) {
        (Some(Some(n)), _) => synth::corpus_seeded(n as usize, seed),
        (None, Some(Some(n))) => synth::corpus_with_types(n as usize, seed),
        (None, None) => synth::corpus_seeded(100, seed),
        _ => return ExitCode::FAILURE,
    };
    if let Err(e) = synth::write_corpus(&dir, &files) {
        eprintln!("synth_corpus: cannot write {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} pages ({} bytes) to {}", files.len(), synth::total_bytes(&files), dir.display());
    ExitCode::SUCCESS
}
