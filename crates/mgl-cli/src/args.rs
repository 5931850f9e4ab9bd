//! The command table's machinery: each command of `mgl` is one row (its name, operand, options,
//! help and the function that runs it), from which both the usage text and the argument parser
//! come, so the two cannot disagree. The rows are in `main.rs`'s `COMMANDS`.

use crate::say;
use mgl_domain::Date;
use std::process::ExitCode;

/// What an option takes after its name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Takes {
    /// Nothing: a switch (`--json`).
    Nothing,
    /// One value, shown as this placeholder (`--out NAME`).
    Value(&'static str),
    /// A YYYY-MM-DD date, checked as it is read.
    Date,
    /// A value, given once per item (`--key K.key --key N.key`).
    Repeated(&'static str),
}

/// One option of a command.
pub struct Opt {
    pub name: &'static str,
    pub takes: Takes,
    /// When the command cannot run without it: the message id saying so (with `{usage}`).
    pub required: Option<&'static str>,
    /// Its meaning, a message id; printed under the command when not empty.
    pub help: &'static str,
}

/// One command of `mgl`.
pub struct Command {
    pub name: &'static str,
    /// Its operands as the usage shows them (`DRAFT.json`, `DRAFT.json FILE`), or "" when it takes
    /// none.
    pub operand: &'static str,
    /// The message id asking for a missing operand (with `{usage}`).
    pub missing_operand: &'static str,
    pub options: &'static [Opt],
    /// What it does, a message id.
    pub help: &'static str,
    pub run: fn(&Args) -> Result<ExitCode, String>,
}

pub const fn flag(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        takes: Takes::Nothing,
        required: None,
        help,
    }
}

pub const fn value(name: &'static str, placeholder: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        takes: Takes::Value(placeholder),
        required: None,
        help,
    }
}

pub const fn date(name: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        takes: Takes::Date,
        required: None,
        help,
    }
}

impl Opt {
    /// The same option, without which the command does not run (`missing` says so).
    pub const fn required(self, missing: &'static str) -> Opt {
        Opt {
            required: Some(missing),
            ..self
        }
    }

    fn synopsis(&self) -> String {
        let shown = match self.takes {
            Takes::Nothing => self.name.to_owned(),
            Takes::Value(v) => format!("{} {v}", self.name),
            Takes::Date => format!("{} YYYY-MM-DD", self.name),
            Takes::Repeated(v) => format!("{} {v}...", self.name),
        };
        match self.required {
            Some(_) => shown,
            None => format!("[{shown}]"),
        }
    }
}

/// A command's arguments as read against its row.
#[derive(Debug, Default)]
pub struct Args {
    operands: Vec<String>,
    given: Vec<(&'static str, String)>,
}

impl Args {
    pub fn flag(&self, name: &str) -> bool {
        self.given.iter().any(|(n, _)| *n == name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.given
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn values(&self, name: &str) -> Vec<&str> {
        self.given
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A date option, already checked when read.
    pub fn date(&self, name: &str) -> Option<Date> {
        self.value(name).and_then(Date::parse_iso)
    }

    /// The (first) operand, which `parse` made sure of when the command takes one.
    pub fn operand(&self) -> &str {
        self.operand_at(0)
    }

    /// Operand `i` (from 0), which `parse` made sure of.
    pub fn operand_at(&self, i: usize) -> &str {
        self.operands.get(i).map_or("", String::as_str)
    }
}

impl Command {
    /// How it is typed: `mgl check DRAFT.json [--json] [--profile PROFILE.json]...`.
    pub fn synopsis(&self) -> String {
        let mut parts = vec![format!("mgl {}", self.name)];
        parts.extend(self.arguments());
        parts.join(" ")
    }

    /// What follows the command's name in its synopsis, each operand or option as one unit.
    pub fn arguments(&self) -> Vec<String> {
        let operand = (!self.operand.is_empty()).then(|| self.operand.to_owned());
        operand
            .into_iter()
            .chain(self.options.iter().map(Opt::synopsis))
            .collect()
    }

    /// How many operands it takes at most, and how many of them are required (an operand in
    /// brackets, `[INPUT.json]`, may be left out).
    fn operand_count(&self) -> (usize, usize) {
        let all = self.operand.split_whitespace();
        let required = all.clone().filter(|o| !o.starts_with('[')).count();
        (all.count(), required)
    }

    /// Reads `args` (what follows the command's name) against the row: unknown options, missing
    /// values, bad dates and extra operands are refused, in the order given; then a missing
    /// operand or required option.
    pub fn parse(&self, args: &[String]) -> Result<Args, String> {
        let mut parsed = Args::default();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if arg.starts_with("--") {
                let opt = self
                    .options
                    .iter()
                    .find(|o| o.name == arg)
                    .ok_or_else(|| say("unknown option {option}", &[("option", arg)]))?;
                let given = match opt.takes {
                    Takes::Nothing => String::new(),
                    Takes::Value(_) | Takes::Repeated(_) | Takes::Date => rest
                        .next()
                        .ok_or_else(|| say("{option} needs a value", &[("option", arg)]))?
                        .clone(),
                };
                if opt.takes == Takes::Date && Date::parse_iso(&given).is_none() {
                    return Err(say(
                        "{option} {date}: not a YYYY-MM-DD date",
                        &[("option", arg), ("date", &given)],
                    ));
                }
                parsed.given.push((opt.name, given));
            } else if parsed.operands.len() < self.operand_count().0 {
                parsed.operands.push(arg.clone());
            } else {
                return Err(say("unexpected argument {argument}", &[("argument", arg)]));
            }
        }
        let usage = self.synopsis();
        if parsed.operands.len() < self.operand_count().1 {
            return Err(say(self.missing_operand, &[("usage", &usage)]));
        }
        for opt in self.options {
            if let Some(missing) = opt.required {
                if !parsed.flag(opt.name) {
                    return Err(say(missing, &[("usage", &usage)]));
                }
            }
        }
        Ok(parsed)
    }
}
