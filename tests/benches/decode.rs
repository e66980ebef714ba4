//! Decode speed: a `ListMessagesResponse` of 100 messages decoded into the generated types
//! (`wix_inbox::ListMessagesResponse`) and into `serde_json::Value`, same run, same bytes.
//!
//! The messages are the ones in the List Messages page's examples (every kind of content,
//! sender and flag the page shows), cycled to 100 with distinct IDs and sequence numbers.
//! After criterion, a summary from a timing loop of this process prints both throughputs
//! and their ratio, and checks that the typed decode round-trips.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use serde_json::Value;
use wix_inbox::ListMessagesResponse;

const PAGE: &str = include_str!("../../specs/inbox/messages/list-messages.md");

/// The JSON fences under `#### Example response` headings.
fn example_responses(page: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for part in page.split("#### Example response").skip(1) {
        let Some(start) = part.find("```json\n") else { continue };
        let body = &part[start + 8..];
        let Some(end) = body.find("```") else { continue };
        out.push(serde_json::from_str(&body[..end]).expect("the page's examples are JSON"));
    }
    out
}

fn hundred_messages() -> String {
    let examples = example_responses(PAGE);
    let messages: Vec<&Value> = examples.iter().filter_map(|e| e["messages"].as_array()).flatten().collect();
    assert!(!messages.is_empty(), "the List Messages page has example messages");
    let mut list = Vec::new();
    for i in 0..100 {
        let mut m = messages[i % messages.len()].clone();
        let seq = (1_714_558_000_000u64 + i as u64).to_string();
        m["id"] = Value::String(seq.clone());
        m["sequence"] = Value::String(seq);
        list.push(m);
    }
    let mut response = examples[0].clone();
    response["messages"] = Value::Array(list);
    response["pagingMetadata"]["count"] = Value::from(100);
    serde_json::to_string_pretty(&response).expect("serialisable")
}

fn typed(json: &str) -> ListMessagesResponse {
    serde_json::from_str(json).expect("the generated types decode the example messages")
}

fn untyped(json: &str) -> Value {
    serde_json::from_str(json).expect("JSON")
}

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 20 || (start.elapsed() < Duration::from_secs(2) && times.len() < 5_000) {
        times.push(f());
    }
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let json = hundred_messages();
    // The typed decode must keep every field: encode it back and compare.
    let back = serde_json::to_value(typed(&json)).expect("encodes");
    assert_eq!(back, untyped(&json), "decoding into the generated types and encoding back changes the JSON");

    let mut c = Criterion::default().configure_from_args();
    {
        let mut group = c.benchmark_group("decode/list_messages_100");
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
        group.bench_function("generated_types", |b| b.iter(|| typed(black_box(&json))));
        group.bench_function("serde_json_value", |b| b.iter(|| untyped(black_box(&json))));
        group.finish();
    }
    c.final_summary();

    let t = median(|| {
        let s = Instant::now();
        black_box(typed(black_box(&json)));
        s.elapsed()
    });
    let v = median(|| {
        let s = Instant::now();
        black_box(untyped(black_box(&json)));
        s.elapsed()
    });
    let mib = json.len() as f64 / (1024.0 * 1024.0);
    println!();
    println!("== decode: ListMessagesResponse with 100 messages ({} bytes), median of repeated runs ==", json.len());
    println!("  generated types   {:>8.1} us  {:>7.1} MiB/s", t.as_secs_f64() * 1e6, mib / t.as_secs_f64());
    println!("  serde_json::Value {:>8.1} us  {:>7.1} MiB/s", v.as_secs_f64() * 1e6, mib / v.as_secs_f64());
    println!("  generated types take {:.2}x the time of serde_json::Value (round trip checked)", t.as_secs_f64() / v.as_secs_f64());
}
