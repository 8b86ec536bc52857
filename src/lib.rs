//! hedgelint: a linter for prose that finds unsourced assertions, vague attributions and
//! hedges, and scores how certain a text sounds.
//!
//! The pipeline, one module a stage: [`files`] (discovery, reading) → [`markup`] (prose
//! ranges) → [`lexer`] (tokens) → [`sentence`] → [`engine`] (cues, assessments, findings,
//! driven by the [`rules`] compiled from [`pattern`]s) → [`report`]. Everything works in byte
//! offsets of the original source; only reporters compute lines and columns.

#![forbid(unsafe_code)]

pub mod check;
pub mod config;
pub mod diag;
pub mod engine;
pub mod eval;
pub mod files;
pub mod finding;
pub mod lexer;
pub mod literals;
pub mod markup;
pub mod pattern;
pub mod preset;
pub mod quotes;
pub mod report;
pub mod rules;
pub mod run;
pub mod score;
pub mod score_cmd;
pub mod sentence;
pub mod suppress;
