//! Reading and generation throughput on synthetic corpora of 10, 100, 1,000 and 10,000
//! pages (`wixgen::synth`), all in one run and on the same bytes:
//!
//! - `lines`: the floor for any reader of these pages, a pass that touches every byte and
//!   splits every line (`memchr` for the line ends, each line trimmed and its bytes summed);
//! - `pulldown_cmark`: a plain pulldown-cmark pass over every page (events iterated,
//!   nothing built), with the options our page parser uses (none);
//! - `parse`: our page parser (pages into syntax: outline, schema blocks, tables, examples);
//! - `parse_validate`: `read_sources` (parse, lower into the IR, merge, validate);
//! - `full`: `read_sources` then `emit` (the Rust files, formatted by prettyplease, in
//!   memory).
//!
//! Criterion reports each as MiB/s (`Throughput::Bytes`). After it, a summary computed from
//! a timing loop of this process prints every stage's throughput, its time relative to the
//! line baseline, the 10,000-page / 1,000-page ratios of time and peak heap, and the peak
//! heap of the full pipeline (a counting global allocator) against the corpus size, each
//! checked against its target (issue 13, BENCHMARKS.md).
//!
//! Last, each pathological page shape of `synth::stress_page` is read at 1 MiB and at 10 MiB,
//! and put through the whole pipeline (emitting too) at 0.25 and 2.5 MiB: linear cost means
//! about the same time per byte at both sizes.
//!
//! Environment: `WIXGEN_BENCH_SIZES=10,100` to change the sizes; `WIXGEN_BENCH_CRITERION=0`
//! to print the summary only; `WIXGEN_BENCH_SUMMARY=0` to skip it; `WIXGEN_BENCH_STRESS_ONLY=1`
//! for the pathological pages only (`=OneOfs` for one shape); `WIXGEN_BENCH_PROFILE=full`
//! (or another stage) to run only that stage on each size, a few times, for a profiler.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use pulldown_cmark::{Options, Parser};
use wixgen::diag::SourceFile;
use wixgen::parse::page::parse_page;
use wixgen::{read_sources, synth, Settings};

// ---------------------------------------------------------------------------------------
// Peak heap: counting is switched on only around the memory measurement, so the timings
// pay one relaxed load per allocation.

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grow(by: isize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if COUNTING.load(Relaxed) && !p.is_null() {
            grow(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if COUNTING.load(Relaxed) && !p.is_null() {
            grow(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if COUNTING.load(Relaxed) && !p.is_null() {
            grow(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The largest heap in use while `f` runs, above what was in use when it started.
fn peak_heap<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let (r, peak, _) = heap(f);
    (r, peak)
}

/// The peak heap while `f` runs and the heap still in use when it returns (what its
/// result holds), both above what was in use when it started.
fn heap<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let r = f();
    COUNTING.store(false, Relaxed);
    (r, PEAK.load(Relaxed).max(0) as usize, LIVE.load(Relaxed).max(0) as usize)
}

/// Peak resident set size since the last reset (`VmHWM`), and a reset (`clear_refs` 5).
fn rss_peak() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn reset_rss_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

// ---------------------------------------------------------------------------------------
// The stages.

const STAGES: [&str; 5] = ["lines", "pulldown_cmark", "parse", "parse_validate", "full"];
/// Indices into [`STAGES`].
const LINES: usize = 0;
const READ: usize = 3;
const FULL: usize = 4;

fn lines(files: &[SourceFile]) -> usize {
    let mut n = 0usize;
    for f in files {
        let bytes = f.text.as_bytes();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
            // Every byte of the line is read: a reader cannot do less.
            let line = bytes[start..end].trim_ascii();
            n = n.wrapping_add(line.iter().map(|&b| b as usize).sum::<usize>());
            start = end + 1;
        }
    }
    black_box(n)
}

fn baseline(files: &[SourceFile]) -> usize {
    let mut n = 0;
    for f in files {
        for event in Parser::new_ext(&f.text, Options::empty()) {
            black_box(&event);
            n += 1;
        }
    }
    n
}

fn parse(files: &[SourceFile]) -> usize {
    let mut n = 0;
    for f in files {
        let (page, diags) = parse_page(f);
        n += usize::from(page.is_some()) + diags.len();
        black_box((page, diags));
    }
    n
}

fn parse_validate(files: Vec<SourceFile>) -> wixgen::Loaded {
    let loaded = read_sources(files);
    assert!(!loaded.has_errors(), "the synthetic corpus has errors:\n{}", loaded.render_diagnostics());
    loaded
}

fn full(files: Vec<SourceFile>, settings: &Settings) -> (wixgen::Loaded, wixgen::emit::Output) {
    let loaded = parse_validate(files);
    let output = match wixgen::emit::emit(&loaded.api, settings) {
        Ok(o) => o,
        Err(diags) => panic!("the emitter rejected the synthetic corpus: {diags:?}"),
    };
    (loaded, output)
}

/// Runs stage `i` once on a fresh copy of `files` (the copy is made before the clock starts).
fn run_stage(i: usize, files: &[SourceFile], settings: &Settings) -> Duration {
    match i {
        0 => time(|| lines(files)),
        1 => time(|| baseline(files)),
        2 => time(|| parse(files)),
        3 => {
            let input = files.to_vec();
            let start = Instant::now();
            let out = parse_validate(input);
            let t = start.elapsed();
            drop(out);
            t
        }
        _ => {
            let input = files.to_vec();
            let start = Instant::now();
            let out = full(input, settings);
            let t = start.elapsed();
            drop(out);
            t
        }
    }
}

fn time<R>(f: impl FnOnce() -> R) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

// ---------------------------------------------------------------------------------------

struct Corpus {
    /// `1000 pages`, `wix x10`: what the rows are labelled with.
    label: String,
    /// Which scaling pair it belongs to: corpora of one family differ only in size.
    family: Family,
    pages: usize,
    files: Vec<SourceFile>,
    bytes: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Family {
    Synthetic,
    /// `../shared/wix-corpus`, repeated `n` times.
    Wix(usize),
}

impl Corpus {
    fn synthetic(pages: usize) -> Self {
        let files = synth::corpus(pages);
        let bytes = synth::total_bytes(&files);
        Corpus { label: format!("{pages} pages"), family: Family::Synthetic, pages, files, bytes }
    }

    /// `pages` (the Wix corpus's pages) repeated `times` times, each copy in a folder of its
    /// own (`copy03/stores-catalog/...`), so that the copies are distinct pages that repeat
    /// each other's types and methods, as many APIs read as one do.
    fn wix(pages: &[SourceFile], times: usize) -> Self {
        let files: Vec<SourceFile> = if times == 1 {
            pages.to_vec()
        } else {
            (0..times).flat_map(|k| pages.iter().map(move |f| SourceFile::new(format!("copy{k:03}/{}", f.name), f.text.clone()))).collect()
        };
        let bytes = synth::total_bytes(&files);
        let label = if times == 1 { "wix".to_string() } else { format!("wix x{times}") };
        Corpus { label, family: Family::Wix(times), pages: files.len(), files, bytes }
    }

    /// The budget of the timing loops: (time, minimum runs).
    fn budget(&self) -> (Duration, usize) {
        match self.bytes >> 20 {
            0..=2 => (Duration::from_millis(1500), 5),
            3..=20 => (Duration::from_secs(3), 3),
            _ => (Duration::from_secs(4), 2),
        }
    }
}

/// The Wix corpus (`<workspace>/../shared/wix-corpus`: 27 APIs rendered from Wix's own
/// definitions, pages up to 89 KB) as one list of pages, its README left out; `None`, with
/// the reason printed, when it is not there.
fn wix_pages() -> Option<Vec<SourceFile>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wix-corpus");
    match wixgen::load::load_dir(&dir) {
        Ok((files, _)) if !files.is_empty() => Some(files.into_iter().filter(|f| wixgen::load::looks_like_page(&f.text)).collect()),
        _ => {
            println!("skipping the Wix corpus rows: {} is not there (it is in ../shared beside the workspace)", dir.display());
            None
        }
    }
}

/// The copies of the Wix corpus to read (`WIXGEN_BENCH_WIX=1,10,100`, the default; `0`: none).
fn wix_repeats() -> Vec<usize> {
    std::env::var("WIXGEN_BENCH_WIX")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).filter(|&n| n > 0).collect())
        .unwrap_or_else(|| vec![1, 10, 100])
}

fn sizes() -> Vec<usize> {
    std::env::var("WIXGEN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1_000, 10_000])
}

fn env_on(name: &str) -> bool {
    std::env::var(name).map_or(true, |v| v != "0")
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn criterion_benches(c: &mut Criterion, corpora: &[Corpus], settings: &Settings) {
    for corpus in corpora {
        // The 100-fold Wix corpus (530 MiB) is timed by the summary's loop only.
        if corpus.bytes > 100 << 20 {
            continue;
        }
        let mut group = c.benchmark_group(format!("read/{}", corpus.label.replace(' ', "_")));
        group.throughput(Throughput::Bytes(corpus.bytes as u64));
        // Fewer, longer samples for the large corpora, so that the whole run stays within
        // a few minutes on two cores.
        match corpus.bytes >> 20 {
            0..=1 => {
                group.sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
            }
            2..=20 => {
                group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
                group.sampling_mode(SamplingMode::Flat);
            }
            _ => {
                group.sample_size(10).warm_up_time(Duration::from_millis(100)).measurement_time(Duration::from_secs(5));
                group.sampling_mode(SamplingMode::Flat);
            }
        }
        let files = &corpus.files;
        group.bench_function(STAGES[0], |b| b.iter(|| lines(files)));
        group.bench_function(STAGES[1], |b| b.iter(|| baseline(files)));
        group.bench_function(STAGES[2], |b| b.iter(|| parse(files)));
        group.bench_function(STAGES[3], |b| b.iter_batched(|| files.to_vec(), parse_validate, BatchSize::PerIteration));
        if corpus.bytes <= 20 << 20 {
            group.bench_function(STAGES[4], |b| b.iter_batched(|| files.to_vec(), |f| full(f, settings), BatchSize::PerIteration));
        }
        group.finish();
    }
}

/// Median time of stage `i` over enough runs to fill about `budget` (at least `min_runs`).
fn median_time(i: usize, corpus: &Corpus, settings: &Settings, budget: Duration, min_runs: usize) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs || (start.elapsed() < budget && times.len() < 200) {
        times.push(run_stage(i, &corpus.files, settings));
    }
    times.sort();
    times[times.len() / 2]
}

/// The pairs of corpora whose ratios show how each stage grows: of one family, the larger
/// ten times the smaller. (The synthetic pair is 1,000 and 10,000 pages: both far larger
/// than the CPU caches, so the ratio shows the algorithms' growth without the cache
/// effects that flatter small corpora.)
fn scaling_pairs(corpora: &[Corpus]) -> Vec<(usize, usize)> {
    let find = |f: Family, pages: Option<usize>| {
        corpora.iter().position(|c| c.family == f && pages.is_none_or(|p| c.pages == p))
    };
    let mut pairs = Vec::new();
    if let (Some(a), Some(b)) = (find(Family::Synthetic, Some(1_000)), find(Family::Synthetic, Some(10_000))) {
        pairs.push((a, b));
    }
    for (small, big) in [(1, 10), (10, 100)] {
        if let (Some(a), Some(b)) = (find(Family::Wix(small), None), find(Family::Wix(big), None)) {
            pairs.push((a, b));
        }
    }
    pairs
}

fn summary(corpora: &[Corpus], settings: &Settings) {
    println!();
    println!("== wixgen reading and generation: summary (median of repeated runs in this process) ==");
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at the start: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    }
    println!("{:>12} {:>7} {:>9} {:>16} {:>11} {:>9} {:>13}", "corpus", "pages", "MiB", "stage", "time", "MiB/s", "x lines");
    let mut table: Vec<Vec<Duration>> = Vec::new();
    let row_line = |label: &str, pages: usize, bytes: usize, stage: &str, t: Duration, lines: Duration, note: &str| {
        println!(
            "{label:>12} {pages:>7} {:>9.2} {stage:>16} {:>9.1}ms {:>9.1} {:>12.2}x{note}",
            mib(bytes),
            t.as_secs_f64() * 1e3,
            mib(bytes) / t.as_secs_f64(),
            t.as_secs_f64() / lines.as_secs_f64()
        );
    };
    for corpus in corpora {
        let (budget, min_runs) = corpus.budget();
        let mut row = Vec::new();
        for (i, stage) in STAGES.iter().enumerate() {
            // The pipeline on the largest corpora is the slowest thing here: run it the minimum.
            let (budget, min_runs) = if i == FULL && corpus.bytes > 20 << 20 { (Duration::ZERO, if corpus.bytes > 200 << 20 { 1 } else { min_runs }) } else { (budget, min_runs) };
            let t = median_time(i, corpus, settings, budget, min_runs);
            row.push(t);
            row_line(&corpus.label, corpus.pages, corpus.bytes, stage, t, row[0], "");
        }
        table.push(row);
    }

    // The real pages of specs/ (the Inbox API), for comparison with the synthetic corpus.
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/inbox");
    if let Ok((files, _)) = wixgen::load::load_dir(&specs) {
        let real = Corpus { label: "specs/inbox".to_string(), family: Family::Synthetic, pages: files.len(), bytes: synth::total_bytes(&files), files };
        let mut row: Vec<Duration> = Vec::new();
        for (i, stage) in STAGES.iter().enumerate() {
            let t = median_time(i, &real, settings, Duration::from_millis(1500), 5);
            row.push(t);
            row_line(&real.label, real.pages, real.bytes, stage, t, row[0], "   (the real Inbox pages)");
        }
    }

    println!();
    println!("-- targets (issue 20) --");
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    for (c, row) in corpora.iter().zip(&table) {
        let secs = |i: usize| row[i].as_secs_f64();
        let read_mib = mib(c.bytes) / secs(READ);
        let full_mib = mib(c.bytes) / secs(FULL);
        let read_x = secs(READ) / secs(LINES);
        println!(
            "{:>12}: parse+validate {read_mib:.1} MiB/s (target >= 150: {}), {read_x:.1}x the line baseline's time (target <= 4: {}); full pipeline {full_mib:.1} MiB/s (target >= 25: {})",
            c.label,
            verdict(read_mib >= 150.0),
            verdict(read_x <= 4.0),
            verdict(full_mib >= 25.0)
        );
    }
    let pairs = scaling_pairs(corpora);
    for &(small, big) in &pairs {
        let bytes = corpora[big].bytes as f64 / corpora[small].bytes as f64;
        for (i, stage) in STAGES.iter().enumerate() {
            let ratio = table[big][i].as_secs_f64() / table[small][i].as_secs_f64();
            println!(
                "scaling {stage:>15}: {} takes {ratio:.1}x the time of {} (bytes: {bytes:.1}x; per byte {:.2}x; target <= 11x: {})",
                corpora[big].label,
                corpora[small].label,
                ratio / bytes,
                verdict(ratio <= 11.0)
            );
        }
    }

    println!();
    println!("-- peak heap (in use at once, the corpus handed in included) --");
    let mut read_peaks = Vec::new();
    let mut full_peaks = Vec::new();
    for c in corpora {
        // Every page's syntax tree held at once: what a reader that parses everything
        // before lowering would hold.
        let (_, parse_peak) = peak_heap(|| {
            let input = c.files.to_vec();
            let pages: Vec<_> = input.iter().map(parse_page).collect();
            drop(pages);
            drop(input);
        });
        let (loaded, read_peak, retained) = heap(|| parse_validate(c.files.to_vec()));
        drop(loaded);
        reset_rss_peak();
        let (_, peak) = peak_heap(|| {
            let input = c.files.to_vec();
            let out = full(input, settings);
            drop(out);
        });
        read_peaks.push(read_peak);
        full_peaks.push(peak);
        let rss = rss_peak();
        let limit = 2 * c.bytes + 50 * 1024 * 1024;
        println!(
            "{:>12}: corpus {:>7.2} MiB; all pages parsed {:>7.2} MiB ({:.1}x); parse+validate peak {:>7.2} MiB ({:.1}x; target <= 2x + 50 MiB = {:.2} MiB: {}), its result (IR, pages, diagnostics) {:>7.2} MiB ({:.1}x); full pipeline peak {:>7.2} MiB = {:.2}x corpus ({}){}",
            c.label,
            mib(c.bytes),
            mib(parse_peak),
            parse_peak as f64 / c.bytes as f64,
            mib(read_peak),
            read_peak as f64 / c.bytes as f64,
            mib(limit),
            verdict(read_peak <= limit),
            mib(retained),
            retained as f64 / c.bytes as f64,
            mib(peak),
            peak as f64 / c.bytes as f64,
            verdict(peak <= limit),
            rss.map_or(String::new(), |r| format!("; process peak RSS {:.0} MiB", mib(r)))
        );
    }
    for &(small, big) in &pairs {
        for (what, peaks) in [("parse+validate", &read_peaks), ("full", &full_peaks)] {
            let ratio = peaks[big] as f64 / peaks[small] as f64;
            println!(
                "scaling peak heap, {what:>14}: {} takes {ratio:.1}x the memory of {} (target <= 11x: {})",
                corpora[big].label,
                corpora[small].label,
                verdict(ratio <= 11.0)
            );
        }
    }
}

/// One pathological page: read, validate, render diagnostics; and emit when `emit` is set
/// and the page has no errors.
fn stress_run(text: &str, settings: &Settings, emit: bool) -> Duration {
    let file = SourceFile::new("stress.md", text);
    let start = Instant::now();
    let loaded = read_sources(vec![file]);
    black_box(loaded.render_diagnostics());
    if emit && !loaded.has_errors() {
        black_box(wixgen::emit::emit(&loaded.api, settings).ok());
    }
    let t = start.elapsed();
    drop(loaded);
    t
}

/// Time at `small` and `big` bytes, and the verdict on how it grows.
fn stress_ratio(kind: synth::Stress, small: usize, big: usize, settings: &Settings, emit: bool) -> String {
    let small = synth::stress_page(kind, small);
    let big = synth::stress_page(kind, big);
    let ts = (0..3).map(|_| stress_run(&small, settings, emit)).min().unwrap_or_default();
    let tb = stress_run(&big, settings, emit);
    let bytes = big.len() as f64 / small.len() as f64;
    let per_byte = tb.as_secs_f64() / ts.as_secs_f64() / bytes;
    format!(
        "{:>7.1} ms -> {:>8.1} ms, {:>5.2}x per byte ({})",
        ts.as_secs_f64() * 1e3,
        tb.as_secs_f64() * 1e3,
        per_byte,
        // A quadratic step shows as ~10x per byte; caches and allocator growth alone give
        // up to ~1.5x.
        if per_byte <= 1.5 { "linear" } else { "GROWS FASTER THAN THE SIZE" }
    )
}

fn stress_summary(settings: &Settings) {
    println!();
    println!("-- one pathological page: reading (parse, validate, render diagnostics) at 1 and 10 MiB; --");
    println!("-- the whole pipeline (emitting too, when the page has no errors) at 0.25 and 2.5 MiB      --");
    let only = std::env::var("WIXGEN_BENCH_STRESS_ONLY").ok().filter(|v| v != "1");
    for kind in synth::Stress::ALL {
        if only.as_deref().is_some_and(|o| o != format!("{kind:?}")) {
            continue;
        }
        let read = stress_ratio(kind, 1 << 20, 10 << 20, settings, false);
        let full = stress_ratio(kind, 1 << 18, 10 << 18, settings, true);
        println!("{:>15}: read {read}\n{:>15}  full {full}", format!("{kind:?}"), "");
    }
}

fn main() {
    let settings = Settings::default();
    if std::env::var("WIXGEN_BENCH_STRESS_ONLY").is_ok() {
        stress_summary(&settings);
        return;
    }
    let t = Instant::now();
    let mut corpora: Vec<Corpus> = sizes().into_iter().map(Corpus::synthetic).collect();
    let repeats = wix_repeats();
    if !repeats.is_empty() {
        if let Some(pages) = wix_pages() {
            corpora.extend(repeats.into_iter().map(|n| Corpus::wix(&pages, n)));
        }
    }
    eprintln!(
        "corpora: {} (made in {:.1}s)",
        corpora.iter().map(|c| format!("{} = {} pages, {:.2} MiB", c.label, c.pages, mib(c.bytes))).collect::<Vec<_>>().join("; "),
        t.elapsed().as_secs_f64()
    );
    if let Ok(stage) = std::env::var("WIXGEN_BENCH_PROFILE") {
        let i = STAGES.iter().position(|s| *s == stage).expect("WIXGEN_BENCH_PROFILE names a stage");
        for c in &corpora {
            for _ in 0..3 {
                let t = run_stage(i, &c.files, &settings);
                eprintln!("{stage} on {}: {:.1} ms", c.label, t.as_secs_f64() * 1e3);
            }
        }
        return;
    }
    if env_on("WIXGEN_BENCH_CRITERION") {
        let mut c = Criterion::default().configure_from_args();
        criterion_benches(&mut c, &corpora, &settings);
        c.final_summary();
    }
    if env_on("WIXGEN_BENCH_SUMMARY") {
        summary(&corpora, &settings);
        stress_summary(&settings);
    }
}
