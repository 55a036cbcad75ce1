//! Generated code for small fixture models, one concern each (see `tests/fixtures/snapshots/`).
//! Review changes with `cargo insta review`.

use codegen_tests::generated_sources;

macro_rules! snapshot_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(generated_sources(&format!(
                    "snapshots/{}.json",
                    stringify!($name)
                )));
            }
        )*
    };
}

snapshot_tests!(
    enum_values,
    structure_members,
    recursion,
    union_members,
    int_enum,
    naming_obstacles,
    documentation_html,
    auth_modes,
);
