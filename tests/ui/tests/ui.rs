//! Compile-time guarantees of the bindings, checked with trybuild: every misuse in
//! `compile_fail/` fails with the message in its `.stderr` file, and every
//! legitimate use in `compile_pass/` compiles and runs.
//!
//! After changing a message on purpose: `TRYBUILD=overwrite cargo test -p wixgen-ui-tests`,
//! then read every changed `.stderr` file. The files belong to the machine's stable Rust:
//! a new compiler may word its own errors differently.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("compile_pass/*.rs");
    t.compile_fail("compile_fail/*.rs");
}

/// The proc macro's GUID check (compiled in here from its source) words every problem
/// exactly as the runtime's `Guid::parse` does, so a literal rejected at compile time
/// reads the same as a string rejected at run time.
#[path = "../../../macros/src/guid.rs"]
#[allow(dead_code)]
mod macro_guid;

#[test]
fn macro_and_runtime_agree_on_guids() {
    use wix_inbox::rt::Guid;

    const GOOD: &str = "b17c523c-6ec9-4b56-9d9d-123cc6978bdf";
    let mut inputs: Vec<String> = vec![
        String::new(),
        GOOD.into(),
        GOOD.to_uppercase(),
        format!("{GOOD}0"),
        GOOD.replace('-', ""),
        format!("{{{GOOD}}}"),
        format!(" {}", &GOOD[1..]),
        format!("{}é", &GOOD[..35]),
        format!("{}é", &GOOD[..34]),
        format!("é{}", &GOOD[1..]),
        "0f9e-8d7c6b5a-4938-8271-605f4e3d2c1b".into(),
    ];
    // Every prefix, and every position replaced by each of a few characters.
    for len in 0..GOOD.len() {
        inputs.push(GOOD[..len].into());
    }
    for position in 0..GOOD.len() {
        for c in ['-', 'g', 'G', '0', ' ', 'ü'] {
            let mut chars: Vec<char> = GOOD.chars().collect();
            chars[position] = c;
            inputs.push(chars.into_iter().collect());
        }
    }
    for input in &inputs {
        let runtime = Guid::parse(input).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(macro_guid::check(input), runtime, "input {input:?}");
    }
}
