//! Generated code for small fixture models, one concern each (see `tests/fixtures/snapshots/`).
//! Review changes with `cargo insta review`.

use codegen::{GeneratedFile, Options, generate};
use codegen_tests::fixture;

/// The generated sources of a fixture model, except the runtime copied verbatim.
fn generated_sources(name: &str) -> String {
    let model = fixture(&format!("snapshots/{name}.json"));
    let options = Options {
        source_name: format!("tests/fixtures/snapshots/{name}.json"),
        ..Options::default()
    };
    let files: Vec<GeneratedFile> =
        generate(&model, &options).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    files
        .iter()
        .filter(|file| file.path.ends_with(".rs") && !file.path.starts_with("src/runtime/"))
        .map(|file| format!("==> {} <==\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshot_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(generated_sources(stringify!($name)));
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
