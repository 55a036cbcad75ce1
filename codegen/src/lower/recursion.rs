//! Recursive shapes: a structure or union that contains itself (directly or through other
//! structures and unions, not through a list or map) needs a `Box` somewhere in the cycle.
//! We box every member whose target can reach back to the member's container.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Member, RustType, TypeDef};

/// Sets `boxed` on members that close a cycle of direct containment.
pub fn box_recursive_members(types: &mut [TypeDef]) {
    let edges: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .filter_map(|ty| {
            let members = members(ty)?;
            let targets = members
                .iter()
                .filter_map(|m| direct_target(&m.ty))
                .map(str::to_owned)
                .collect();
            Some((ty.name().to_owned(), targets))
        })
        .collect();
    for ty in types.iter_mut() {
        let container = ty.name().to_owned();
        let Some(members) = members_mut(ty) else {
            continue;
        };
        for member in members {
            if let Some(target) = direct_target(&member.ty) {
                member.boxed = reaches(&edges, target, &container);
            }
        }
    }
}

/// The named type a member holds inline (not through a collection).
fn direct_target(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Named(name) => Some(name),
        _ => None,
    }
}

/// Whether `to` is reachable from `from` along direct-containment edges.
fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(current) = stack.pop() {
        if current == to {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(next) = edges.get(current) {
            stack.extend(next.iter().map(String::as_str));
        }
    }
    false
}

fn members(ty: &TypeDef) -> Option<&[Member]> {
    match ty {
        TypeDef::Struct(s) => Some(&s.members),
        TypeDef::Union(u) => Some(&u.variants),
        _ => None,
    }
}

fn members_mut(ty: &mut TypeDef) -> Option<&mut Vec<Member>> {
    match ty {
        TypeDef::Struct(s) => Some(&mut s.members),
        TypeDef::Union(u) => Some(&mut u.variants),
        _ => None,
    }
}
