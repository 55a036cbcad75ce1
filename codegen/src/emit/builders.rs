//! Input builders: `builder()`, `validate()`, and a builder type per operation input with a
//! setter and an `Option` setter per member (lists and maps get appenders instead of plain
//! setters). The builder of an input the client sends is generic over an attached client,
//! so the same type serves `Input::builder()` and the client's fluent methods
//! (`client.list_users()`), whose `send` and paginators `emit/fluent.rs` adds.

use quote::quote;

use crate::emit::common::{deprecated, ident};
use crate::emit::syntax::{doc_attrs, into_of, option_of, parse_attrs, syn_type, var};
use crate::emit::template::{Fill, Template};
use crate::ir::{Member, RustType, SetterNames, Struct};
use crate::render::Items;

/// `builder()`, `validate()` and the builder type of an operation input.
pub fn input_impls(s: &Struct) -> Items {
    let builder_name = s
        .builder
        .as_ref()
        .map_or_else(|| format!("{}Builder", s.name), |b| b.name.clone());
    let sendable = s.builder.as_ref().is_some_and(|b| b.sendable);
    let mut items = Items::default();
    TEMPLATES.with(|templates| {
        let input = || Fill::Ident(ident(&s.name));
        let builder = || Fill::Ident(ident(&builder_name));
        let start_doc = format!(
            "Starts building this input; [`{builder_name}::build`] checks required members."
        );
        items.push(syn::Item::Impl(templates.input_impl.fill(&[
            ("__Input", input()),
            ("__Builder", builder()),
            ("__start_doc", Fill::Doc(start_doc)),
            ("__check", Fill::Expr(templates.check_required(s))),
        ])));
        let plain_doc = format!(
            "Builds a [`{name}`]; see [`{name}::builder`].",
            name = s.name
        );
        let (struct_template, docs) = if sendable {
            let docs = format!(
                "{plain_doc}\n\nWith a client attached (`C`: see \
                 [`with_client`](Self::with_client)) it can also send the request."
            );
            (&templates.sendable_struct, docs)
        } else {
            (&templates.plain_struct, plain_doc)
        };
        let mut builder_struct =
            struct_template.fill(&[("__Input", input()), ("__Builder", builder())]);
        builder_struct.attrs.splice(0..0, doc_attrs(&docs));
        items.push(syn::Item::Struct(builder_struct));
        let mut builder_impl = if sendable {
            &templates.sendable_impl
        } else {
            &templates.plain_impl
        }
        .fill(&[("__Input", input()), ("__Builder", builder())]);
        let setter_names = s.builder.as_ref().map_or(&[][..], |b| &b.setters[..]);
        let setters = s
            .members
            .iter()
            .zip(setter_names)
            .flat_map(|(member, names)| templates.member_setters(member, names))
            .map(syn::ImplItem::Fn);
        builder_impl.items.splice(0..0, setters);
        items.push(syn::Item::Impl(builder_impl));
    });
    items
}

/// An input's impl, its builder (without docs and setters) and the setters, parsed once
/// per thread.
struct Templates {
    /// `builder()` and `validate()` of the input.
    input_impl: Template<syn::ItemImpl>,
    /// `validate()`'s check when some members are required.
    check_required: Template<syn::Expr>,
    /// One entry of that check.
    required_member: Template<syn::Expr>,
    /// `validate()`'s check when none is.
    no_check: syn::Expr,
    /// The builder struct the client can send.
    sendable_struct: Template<syn::ItemStruct>,
    /// Any other input's builder struct.
    plain_struct: Template<syn::ItemStruct>,
    /// The impl of a builder the client can send.
    sendable_impl: Template<syn::ItemImpl>,
    /// The impl of any other input's builder.
    plain_impl: Template<syn::ItemImpl>,
    /// `foo(value)` of a member that is not a list or map.
    set: Template<syn::ImplItemFn>,
    /// `foo(item)` of a list member.
    push: Template<syn::ImplItemFn>,
    /// `foo(key, value)` of a map member.
    insert: Template<syn::ImplItemFn>,
    /// `set_foo(value)` of any member.
    set_option: Template<syn::ImplItemFn>,
    /// The list or map of an optional member, created when unset.
    optional_collection: Template<syn::Expr>,
    /// The list or map of a required member.
    required_collection: Template<syn::Expr>,
    /// Conversions of a setter's argument to the stored value.
    into: Template<syn::Expr>,
    some: Template<syn::Expr>,
    boxed: Template<syn::Expr>,
    map_boxed: Template<syn::Expr>,
    /// What an unset list or map starts as.
    new_vec: syn::Expr,
    new_map: syn::Expr,
}

thread_local! {
    static TEMPLATES: Templates = Templates::parse();
}

impl Templates {
    fn parse() -> Self {
        let build = quote! {
            /// Returns the input, or which required member is missing.
            pub fn build(self) -> Result<__Input, ::smithy_lean_runtime::BuildError> {
                self.inner.validate()?;
                Ok(self.inner)
            }
        };
        Templates {
            input_impl: Template::parse(quote! {
                impl __Input {
                    #[doc = __start_doc]
                    pub fn builder() -> __Builder {
                        __Builder::default()
                    }

                    /// Checks that every member the model marks required is set.
                    pub fn validate(&self) -> Result<(), ::smithy_lean_runtime::BuildError> {
                        __check
                    }
                }
            }),
            check_required: Template::parse(quote! {
                ::smithy_lean_runtime::__private::check_required(__shape, &__required)
            }),
            required_member: Template::parse(quote! { (__wire, self.__field.is_some()) }),
            no_check: syn::parse_quote! { Ok(()) },
            sendable_struct: Template::parse(quote! {
                #[derive(Clone, Debug, Default)]
                pub struct __Builder<C = ()> {
                    pub(crate) inner: __Input,
                    pub(crate) client: C,
                }
            }),
            plain_struct: Template::parse(quote! {
                #[derive(Clone, Debug, Default)]
                pub struct __Builder {
                    inner: __Input,
                }
            }),
            sendable_impl: Template::parse(quote! {
                impl<C> __Builder<C> {
                    /// Attaches `client`: the service's client or any implementation of its trait.
                    pub fn with_client<D>(self, client: D) -> __Builder<D> {
                        __Builder { inner: self.inner, client }
                    }

                    #build
                }
            }),
            plain_impl: Template::parse(quote! {
                impl __Builder {
                    #build
                }
            }),
            set: Template::parse(quote! {
                #[doc = __doc]
                pub fn __setter(self, value: __Param) -> Self {
                    self.__option_setter(__value)
                }
            }),
            push: Template::parse(quote! {
                #[doc = __doc]
                pub fn __setter(mut self, item: __Param) -> Self {
                    __collection.push(__value);
                    self
                }
            }),
            insert: Template::parse(quote! {
                #[doc = __doc]
                pub fn __setter(mut self, key: __KeyParam, value: __Param) -> Self {
                    __collection.insert(__key, __value);
                    self
                }
            }),
            set_option: Template::parse(quote! {
                #[doc = __doc]
                pub fn __option_setter(mut self, value: __Param) -> Self {
                    self.inner.__field = __value;
                    self
                }
            }),
            optional_collection: Template::parse(quote! {
                self.inner.__field.get_or_insert_with(__empty)
            }),
            required_collection: Template::parse(quote! { self.inner.__field }),
            into: Template::parse(quote! { __value.into() }),
            some: Template::parse(quote! { Some(__value) }),
            boxed: Template::parse(quote! { Box::new(__value) }),
            map_boxed: Template::parse(quote! { __value.map(Box::new) }),
            new_vec: syn::parse_quote! { Vec::new },
            new_map: syn::parse_quote! { ::std::collections::HashMap::new },
        }
    }

    /// `validate()`'s check: that every member marked required and `Option` is set.
    fn check_required(&self, s: &Struct) -> syn::Expr {
        let required: Vec<syn::Expr> = s
            .members
            .iter()
            .filter(|m| m.required && m.optional)
            .map(|member| {
                self.required_member.fill(&[
                    ("__wire", Fill::Str(member.wire_name.clone())),
                    ("__field", Fill::Ident(ident(&member.rust_name))),
                ])
            })
            .collect();
        if required.is_empty() {
            return self.no_check.clone();
        }
        self.check_required.fill(&[
            ("__shape", Fill::Str(s.wire_name.clone())),
            ("__required", Fill::Array(required)),
        ])
    }

    /// A member's two setters: `foo(value)` (for a list `foo(item)`, for a map
    /// `foo(key, value)`, adding to what is there) and `set_foo(Option<…>)`.
    fn member_setters(&self, member: &Member, names: &SetterNames) -> [syn::ImplItemFn; 2] {
        let field = || Fill::Ident(ident(&member.rust_name));
        let wire = &member.wire_name;
        let setter = Fill::Ident(ident(&names.setter));
        let option_setter = || Fill::Ident(ident(&names.option_setter));
        let mut plain = match (&member.ty, member.boxed) {
            (RustType::List { item, sparse }, false) => {
                let (param, value) = self.argument(item, *sparse, "item");
                self.push.fill(&[
                    ("__doc", Fill::Doc(format!("Adds one item to `{wire}`."))),
                    ("__setter", setter),
                    ("__Param", Fill::Type(param)),
                    (
                        "__collection",
                        Fill::Expr(self.collection(member, &self.new_vec)),
                    ),
                    ("__value", Fill::Expr(value)),
                ])
            }
            (RustType::Map { key, value, sparse }, false) => {
                let (key_param, key_value) = self.argument(key, false, "key");
                let (value_param, value_value) = self.argument(value, *sparse, "value");
                self.insert.fill(&[
                    (
                        "__doc",
                        Fill::Doc(format!(
                            "Adds one entry to `{wire}` (replacing one with the same key)."
                        )),
                    ),
                    ("__setter", setter),
                    ("__KeyParam", Fill::Type(key_param)),
                    ("__Param", Fill::Type(value_param)),
                    (
                        "__collection",
                        Fill::Expr(self.collection(member, &self.new_map)),
                    ),
                    ("__key", Fill::Expr(key_value)),
                    ("__value", Fill::Expr(value_value)),
                ])
            }
            _ => {
                let (param, mut value) = self.argument(&member.ty, false, "value");
                if member.optional {
                    value = self.some.fill(&[("__value", Fill::Expr(value))]);
                }
                self.set.fill(&[
                    ("__doc", Fill::Doc(format!("Sets `{wire}`."))),
                    ("__setter", setter),
                    ("__option_setter", option_setter()),
                    ("__Param", Fill::Type(param)),
                    ("__value", Fill::Expr(value)),
                ])
            }
        };
        let ty = syn_type(&member.ty);
        let value = Fill::Expr(var(&ident("value")));
        let (param, value, docs) = match (member.optional, member.boxed) {
            (true, true) => (
                option_of(ty),
                Fill::Expr(self.map_boxed.fill(&[("__value", value)])),
                format!("Sets or clears `{wire}`."),
            ),
            (true, false) => (option_of(ty), value, format!("Sets or clears `{wire}`.")),
            (false, true) => (
                ty,
                Fill::Expr(self.boxed.fill(&[("__value", value)])),
                format!("Sets `{wire}`."),
            ),
            (false, false) => (ty, value, format!("Sets `{wire}`.")),
        };
        let mut set_option = self.set_option.fill(&[
            ("__doc", Fill::Doc(docs)),
            ("__option_setter", option_setter()),
            ("__Param", Fill::Type(param)),
            ("__field", field()),
            ("__value", value),
        ]);
        let deprecated = parse_attrs(deprecated(&member.deprecated));
        plain.attrs.extend(deprecated.iter().cloned());
        set_option.attrs.extend(deprecated);
        [plain, set_option]
    }

    /// The parameter type a setter takes for a value of `ty` (`impl Into<…>` for strings
    /// and generated types) and the expression converting the parameter `name` to it.
    fn argument(&self, ty: &RustType, sparse: bool, name: &str) -> (syn::Type, syn::Expr) {
        let rust = syn_type(ty);
        let name = var(&ident(name));
        if sparse {
            (option_of(rust), name)
        } else if matches!(ty, RustType::String | RustType::Named(_)) {
            (
                into_of(rust),
                self.into.fill(&[("__value", Fill::Expr(name))]),
            )
        } else {
            (rust, name)
        }
    }

    /// The list or map a member's appender adds to, created with `empty` when unset.
    fn collection(&self, member: &Member, empty: &syn::Expr) -> syn::Expr {
        let field = Fill::Ident(ident(&member.rust_name));
        if member.optional {
            self.optional_collection
                .fill(&[("__field", field), ("__empty", Fill::Expr(empty.clone()))])
        } else {
            self.required_collection.fill(&[("__field", field)])
        }
    }
}
