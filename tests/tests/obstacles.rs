//! Obstacles found in the AWS corpus, one tiny hand-written model each
//! (`tests/fixtures/corpus/`): the generated code is snapshotted here, and `fixtures_compile.rs`
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
    // Enum value `ERR` becomes `ErrValue` (`Self::Err` names `FromStr::Err`); `Self` becomes
    // `SelfValue`.
    enum_err,
    // Input members `Build`, `SetBuild` and `IsBuild`: the builder's own `build` is taken, so
    // each member keeps a unique setter pair.
    build_setter,
    // An input called `ServiceSpec` and an output called `OperationSpec` (runtime names).
    runtime_names,
    // Operation `Get` and a shape `GetError`: the error enum becomes `GetError2`.
    operation_error_name,
    // Timestamp defaults, whole and fractional, are `DateTime`s.
    timestamp_default,
    // An operation with no errors: its error enum holds only `Unhandled` (DynamoDB `DescribeEndpoints`).
    no_errors,
    // Two operations take the same input (DynamoDB's Enable/DisableKinesisStreamingDestination):
    // its builder cannot know which one `send()` means, so neither gets a fluent form; the
    // third operation, with an input of its own, does.
    shared_input,
    // Members `self` and `self_` become `self_` and `self_2`.
    self_members,
    // Names that start with non-ASCII digits or symbols, and non-NFKC names (`ﬁle`, `ＦＵＬＬ`),
    // are transliterated to ASCII identifiers.
    non_ascii_names,
    // A service without operations still has a client (with its `config()`).
    no_operations,
    // Setters that would collide: `Foo` and `SetFoo` both want `set_foo`, `Build`, `Send`,
    // `Items` and `WithClient` are builder methods, `Clone` a derived one; an operation
    // `New` would shadow `Client::new`. Each name stays unique (`set_foo_2`, `build_2`, …).
    builder_setter_names,
);
