//! Results of pure text conversions kept per run: a model repeats the same member names
//! (`UserPoolId` in a hundred structures) and the same documentation (a shape's docs
//! reappear on every member that targets it without docs of its own), and case conversion
//! and HTML-to-Markdown rendering are the costliest steps of lowering.

use std::cell::RefCell;
use std::collections::HashMap;

/// A pure `fn(&str) -> String`, computed once per distinct input of one lowering run.
pub struct Memo<'a> {
    compute: fn(&str) -> String,
    known: RefCell<HashMap<&'a str, String>>,
}

impl<'a> Memo<'a> {
    /// A memo of `compute`, which must depend on its input only.
    pub fn new(compute: fn(&str) -> String) -> Self {
        Memo {
            compute,
            known: RefCell::default(),
        }
    }

    /// `compute(input)`, computed on the first request for `input` and copied after that.
    pub fn get(&self, input: &'a str) -> String {
        if let Some(known) = self.known.borrow().get(input) {
            return known.clone();
        }
        let value = (self.compute)(input);
        self.known.borrow_mut().insert(input, value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::Memo;

    thread_local! {
        static CALLS: Cell<usize> = const { Cell::new(0) };
    }

    fn shout(text: &str) -> String {
        CALLS.with(|calls| calls.set(calls.get() + 1));
        text.to_uppercase()
    }

    #[test]
    fn computes_each_distinct_input_once_and_answers_like_the_function() {
        let memo = Memo::new(shout);
        let inputs = ["a", "b", "a", "a", "b", "c"];
        let answers: Vec<String> = inputs.iter().map(|input| memo.get(input)).collect();
        assert_eq!(answers, ["A", "B", "A", "A", "B", "C"]);
        assert_eq!(CALLS.with(Cell::get), 3);
    }
}
