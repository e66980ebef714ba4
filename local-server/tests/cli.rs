//! The command as a user runs it: `--help` is an answer, not an error.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wix-local-server"))
        .args(args)
        .output()
        .expect("the server binary runs")
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{flag}: {stderr}");
        assert!(
            stdout.starts_with("usage: wix-local-server"),
            "{flag}: {stdout}"
        );
        assert!(stdout.contains("--webhook-key"), "{flag}: {stdout}");
        assert!(stderr.is_empty(), "{flag}: {stderr}");
    }
    // Help wins wherever it is, without starting a server.
    let out = run(&["--port", "1", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage:"));
}

#[test]
fn a_bad_argument_is_an_error_with_the_usage_on_stderr() {
    let out = run(&["--bogus"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with("error: unknown argument `--bogus`"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: wix-local-server"), "{stderr}");
}
