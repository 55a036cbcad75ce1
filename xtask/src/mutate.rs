//! Seeded mutators shared by `cargo xtask fuzz` (models) and the response-decoding fuzz test
//! (`tests/tests/fuzz_responses.rs`): structure-aware mutation of JSON values and
//! character-level mutation of text, driven by a small PRNG so a seed replays a run.

use serde_json::Value;

/// Names that broke the generator before (issue 12), and their relatives.
pub const HOSTILE_NAMES: &[&str] = &[
    "",
    "-",
    "123",
    "名前",
    "²",
    "١٢٣",
    "ﾟ",
    "ﬁle",
    "ＦＵＬＬ",
    "ERR",
    "Err",
    "Self",
    "self",
    "self_",
    "Build",
    "SetBuild",
    "ServiceSpec",
    "OperationSpec",
    "GetError",
    "Unknown",
    "type",
    "_",
    "r#type",
    "a b",
    "\u{0}",
    "\r\n",
    "Option",
    "Box",
];

/// Numbers at and beyond the edges of Smithy's number types.
pub const EXTREME_NUMBERS: &[f64] = &[
    0.0, -1.0, 128.0, 300.0, 32768.0, 3e9, -3e9, 1e20, -1e20, 1e300, 0.5, 1.7e9,
];

/// A small, seeded PRNG (xorshift64*): the same seed replays the same run.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// A random item of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Flips, inserts or deletes a few bytes (keeping the text UTF-8 by working on chars).
pub fn mutate_bytes(seed: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for _ in 0..=rng.below(8) {
        if chars.is_empty() {
            break;
        }
        let at = rng.below(chars.len());
        match rng.below(3) {
            0 => chars[at] = *rng.pick(&['{', '}', '[', ']', '"', ',', ':', '0', 'x', '²', '\\']),
            1 => {
                chars.remove(at);
            }
            _ => chars.insert(at, *rng.pick(&['{', '[', '"', '-', '9', 'e'])),
        }
    }
    chars.into_iter().collect()
}

/// Applies one structural mutation at a random node of `model`.
pub fn mutate_structure(model: &mut Value, rng: &mut Rng) {
    let shape_ids: Vec<String> = model
        .get("shapes")
        .and_then(Value::as_object)
        .map(|shapes| shapes.keys().cloned().collect())
        .unwrap_or_default();
    // Choose a random path (as a JSON pointer), then mutate the node there.
    let mut pointer = String::new();
    let mut current: &Value = model;
    for _ in 0..rng.below(8) {
        let step = match current {
            Value::Object(map) if !map.is_empty() => map
                .iter()
                .nth(rng.below(map.len()))
                .map(|(key, value)| (key.replace('~', "~0").replace('/', "~1"), value)),
            Value::Array(items) if !items.is_empty() => {
                let at = rng.below(items.len());
                Some((at.to_string(), &items[at]))
            }
            _ => None,
        };
        let Some((segment, next)) = step else { break };
        pointer = format!("{pointer}/{segment}");
        current = next;
    }
    let Some(node) = model.pointer_mut(&pointer) else {
        return;
    };
    match node {
        Value::String(text) => {
            *text = match rng.below(3) {
                0 if !shape_ids.is_empty() => rng.pick(&shape_ids).clone(),
                1 => format!("{text}{}", rng.pick(HOSTILE_NAMES)),
                _ => (*rng.pick(HOSTILE_NAMES)).to_owned(),
            };
        }
        Value::Number(_) | Value::Bool(_) | Value::Null => {
            *node = serde_json::Number::from_f64(*rng.pick(EXTREME_NUMBERS))
                .map_or(Value::Null, Value::Number);
        }
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            match rng.below(3) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    let copy = map.get(&key).cloned().unwrap_or(Value::Null);
                    map.insert(format!("{key}{}", rng.pick(HOSTILE_NAMES)), copy);
                }
                _ => {
                    let kinds = [
                        "list",
                        "map",
                        "structure",
                        "union",
                        "enum",
                        "string",
                        "long",
                    ];
                    map.insert("type".to_owned(), Value::from(*rng.pick(&kinds)));
                }
            }
        }
        Value::Array(items) => {
            if items.is_empty() || rng.below(2) == 0 {
                items.clear();
            } else {
                let copy = items[rng.below(items.len())].clone();
                items.push(copy);
            }
        }
        Value::Object(_) => {}
    }
}
