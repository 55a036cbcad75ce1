//! Obstacles found in the AWS corpus, one tiny hand-written model each
//! (`tests/fixtures/corpus/`): the generated code is snapshotted here, and `.ci/compile-sample.sh`
//! compiles every fixture with warnings denied. Review changes with `cargo insta review`.

use codegen_tests::generated_sources;

macro_rules! obstacle_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(generated_sources(&format!(
                    "corpus/{}.json",
                    stringify!($name)
                )));
            }
        )*
    };
}

obstacle_tests!(
    // `GraphQLApiType` keeps its suffix because `GraphqlApi` exists (ignoring case).
    type_suffix_case_collision,
    // The crate names its own deprecated items (`#![allow(deprecated)]` per module).
    deprecated_shapes,
    // A required union member outside an input: unions implement `Default`.
    required_union,
    // A map-typed pagination token gets no paginator; items that are maps import `HashMap`.
    pagination_tokens,
    // An event stream operation gets no client method; the docs say so.
    event_stream,
    // A tab and carriage return in a `@pattern` are shown escaped (rustc rejects a bare CR
    // in a doc comment); a lone CR in documentation becomes a space.
    control_characters,
    // Setters that would collide: `Foo` and `SetFoo` both want `set_foo`, `Build`, `Send`,
    // `Items` and `WithClient` are builder methods, `Clone` a derived one; an operation
    // `New` would shadow `Client::new`. Each name stays unique (`set_foo_2`, `build_2`, …).
    builder_setter_names,
);
