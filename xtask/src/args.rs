//! A tiny flag parser: `--name value` options and `--switch` flags, nothing else.

use std::collections::BTreeMap;

/// Parsed command-line options of one command.
#[derive(Debug, Default)]
pub struct Args {
    values: BTreeMap<String, String>,
    switches: Vec<String>,
    /// Arguments that are not options, in order.
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `args`; `value_options` take a value, `switch_options` do not.
    pub fn parse(
        args: &[String],
        value_options: &[&str],
        switch_options: &[&str],
    ) -> Result<Args, String> {
        let mut parsed = Args::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((name, value)) => (name, Some(value.to_owned())),
                    None => (name, None),
                };
                if value_options.contains(&name) {
                    let value = match inline {
                        Some(value) => value,
                        None => iter
                            .next()
                            .cloned()
                            .ok_or_else(|| format!("--{name} needs a value"))?,
                    };
                    parsed.values.insert(name.to_owned(), value);
                } else if switch_options.contains(&name) && inline.is_none() {
                    parsed.switches.push(name.to_owned());
                } else {
                    return Err(format!("unknown option `{arg}`"));
                }
            } else {
                parsed.positional.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    /// The value of `--name`, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether `--name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }
}
