//! What a pull shows while it runs: a progress bar on a terminal, one plain line per
//! page otherwise (logs, CI), or nothing (in-process callers).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// How a pull reports its progress.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when standard error is a terminal, else plain lines.
    #[default]
    Auto,
    /// Plain lines on standard error.
    Lines,
    /// Nothing.
    Quiet,
}

/// The progress display of one pull, shared by its tasks.
pub struct Progress {
    bar: Option<ProgressBar>,
    lines: bool,
}

impl Progress {
    pub fn new(mode: ProgressMode) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        match mode {
            ProgressMode::Auto if terminal => {
                let bar = ProgressBar::new(0);
                if let Ok(style) = ProgressStyle::with_template("{spinner} fetching pages {pos}/{len} {wide_msg}") {
                    bar.set_style(style);
                }
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
                Progress { bar: Some(bar), lines: false }
            }
            ProgressMode::Auto | ProgressMode::Lines => Progress { bar: None, lines: true },
            ProgressMode::Quiet => Progress { bar: None, lines: false },
        }
    }

    /// `n` more pages to fetch.
    pub fn found(&self, n: usize) {
        if let Some(bar) = &self.bar {
            bar.inc_length(n as u64);
        }
    }

    /// A page arrived.
    pub fn fetched(&self, url: &str, bytes: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(url.to_string());
        } else if self.lines {
            eprintln!("fetched {url} ({bytes} bytes)");
        }
    }

    /// A line worth keeping (a retry, a failure), above the bar.
    pub fn note(&self, line: &str) {
        if let Some(bar) = &self.bar {
            bar.println(line);
        } else if self.lines {
            eprintln!("{line}");
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
