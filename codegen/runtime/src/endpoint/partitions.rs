//! AWS partition facts and the `aws.partition` lookup.
//!
//! The data is written out as Rust statics. A region resolves to a partition
//! by exact match against the known regions first, then by the partition's
//! region pattern, and otherwise falls back to the `aws` partition.

use serde_json::{Map, Value};

/// One AWS partition and the outputs `aws.partition` returns for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    id: &'static str,
    name: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: &'static str,
    /// Human-readable form of the region pattern.
    region_regex: &'static str,
    /// The pattern is `^(<one of these>)-\w+-\d+$`.
    region_prefixes: &'static [&'static str],
    regions: &'static [&'static str],
}

impl Partition {
    /// The partition id, e.g. `aws-cn`.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The partition name (the `name` output), e.g. `aws-cn`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The default DNS suffix, e.g. `amazonaws.com`.
    pub fn dns_suffix(&self) -> &'static str {
        self.dns_suffix
    }

    /// The dual-stack DNS suffix, e.g. `api.aws`.
    pub fn dual_stack_dns_suffix(&self) -> &'static str {
        self.dual_stack_dns_suffix
    }

    /// Whether the partition offers FIPS endpoints.
    pub fn supports_fips(&self) -> bool {
        self.supports_fips
    }

    /// Whether the partition offers dual-stack endpoints.
    pub fn supports_dual_stack(&self) -> bool {
        self.supports_dual_stack
    }

    /// The region global endpoints of this partition live in.
    pub fn implicit_global_region(&self) -> &'static str {
        self.implicit_global_region
    }

    /// The partition's region regular expression, for documentation.
    pub fn region_regex(&self) -> &'static str {
        self.region_regex
    }

    /// The explicitly known regions, including global pseudo-regions.
    pub fn regions(&self) -> &'static [&'static str] {
        self.regions
    }

    /// Whether `region` matches this partition's region pattern.
    pub fn matches_region_pattern(&self, region: &str) -> bool {
        self.region_prefixes.iter().any(|prefix| {
            region
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(word_dash_digits)
        })
    }

    /// The `Partition` structure as a rules-engine value.
    pub(super) fn to_value(self) -> Value {
        let mut map = Map::new();
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_owned(), value);
        };
        put("name", Value::from(self.name));
        put("dnsSuffix", Value::from(self.dns_suffix));
        put(
            "dualStackDnsSuffix",
            Value::from(self.dual_stack_dns_suffix),
        );
        put("supportsFIPS", Value::Bool(self.supports_fips));
        put("supportsDualStack", Value::Bool(self.supports_dual_stack));
        put(
            "implicitGlobalRegion",
            Value::from(self.implicit_global_region),
        );
        Value::Object(map)
    }
}

/// Matches `\w+-\d+` against the whole input (`\w` being `[A-Za-z0-9_]`).
fn word_dash_digits(rest: &str) -> bool {
    let Some((word, digits)) = rest.split_once('-') else {
        return false;
    };
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// All known partitions, in lookup order; the first is the fallback.
pub static PARTITIONS: [Partition; 8] = [
    Partition {
        id: "aws",
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
        region_regex: r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
        region_prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    },
    Partition {
        id: "aws-cn",
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
        region_regex: r"^cn\-\w+\-\d+$",
        region_prefixes: &["cn"],
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
    },
    Partition {
        id: "aws-us-gov",
        name: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
        region_regex: r"^us\-gov\-\w+\-\d+$",
        region_prefixes: &["us-gov"],
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
    },
    Partition {
        id: "aws-iso",
        name: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "c2s.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-iso-east-1",
        region_regex: r"^us\-iso\-\w+\-\d+$",
        region_prefixes: &["us-iso"],
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
    },
    Partition {
        id: "aws-iso-b",
        name: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "sc2s.sgov.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-isob-east-1",
        region_regex: r"^us\-isob\-\w+\-\d+$",
        region_prefixes: &["us-isob"],
        regions: &["aws-iso-b-global", "us-isob-east-1"],
    },
    Partition {
        id: "aws-iso-e",
        name: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "cloud.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "eu-isoe-west-1",
        region_regex: r"^eu\-isoe\-\w+\-\d+$",
        region_prefixes: &["eu-isoe"],
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
    },
    Partition {
        id: "aws-iso-f",
        name: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "csp.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "us-isof-south-1",
        region_regex: r"^us\-isof\-\w+\-\d+$",
        region_prefixes: &["us-isof"],
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
    },
    Partition {
        id: "aws-eusc",
        name: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "amazonaws.eu",
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "eusc-de-east-1",
        region_regex: r"^eusc\-(de)\-\w+\-\d+$",
        region_prefixes: &["eusc-de"],
        regions: &["eusc-de-east-1"],
    },
];

/// The partition a region belongs to: exact region match, then region
/// pattern, then the `aws` partition.
pub fn partition_for_region(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| p.matches_region_pattern(region)))
        .unwrap_or(&PARTITIONS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(region: &str) -> &'static str {
        partition_for_region(region).id()
    }

    #[test]
    fn exact_regions_and_global_pseudo_regions() {
        assert_eq!(id("us-east-1"), "aws");
        assert_eq!(id("aws-global"), "aws");
        assert_eq!(id("cn-north-1"), "aws-cn");
        assert_eq!(id("aws-cn-global"), "aws-cn");
        assert_eq!(id("us-gov-west-1"), "aws-us-gov");
        assert_eq!(id("aws-us-gov-global"), "aws-us-gov");
        assert_eq!(id("us-iso-west-1"), "aws-iso");
        assert_eq!(id("aws-iso-global"), "aws-iso");
        assert_eq!(id("aws-iso-b-global"), "aws-iso-b");
        assert_eq!(id("aws-iso-e-global"), "aws-iso-e");
        assert_eq!(id("us-isof-south-1"), "aws-iso-f");
        assert_eq!(id("eusc-de-east-1"), "aws-eusc");
    }

    #[test]
    fn pattern_matches() {
        assert_eq!(id("us-west-9"), "aws");
        assert_eq!(id("mx-south-3"), "aws");
        assert_eq!(id("cn-south-7"), "aws-cn");
        assert_eq!(id("us-gov-south-3"), "aws-us-gov");
        assert_eq!(id("us-iso-north-2"), "aws-iso");
        assert_eq!(id("us-isob-west-1"), "aws-iso-b");
        assert_eq!(id("eu-isoe-north-4"), "aws-iso-e");
        assert_eq!(id("us-isof-west-2"), "aws-iso-f");
        assert_eq!(id("eusc-de-west-2"), "aws-eusc");
        let gov = partition_for_region("us-gov-east-9");
        assert!(!PARTITIONS[0].matches_region_pattern("us-gov-east-9"));
        assert!(gov.matches_region_pattern("us-gov-east-9"));
    }

    #[test]
    fn unknown_regions_fall_back_to_aws() {
        for region in [
            "",
            "local",
            "a b",
            "us-east-1a",
            "us-east-",
            "us--1",
            "eusc-fr-east-1",
        ] {
            assert_eq!(id(region), "aws", "{region}");
        }
        assert_eq!(*partition_for_region("nowhere"), PARTITIONS[0]);
    }

    #[test]
    fn outputs() {
        let cn = partition_for_region("cn-northwest-1").to_value();
        assert_eq!(cn["dnsSuffix"], "amazonaws.com.cn");
        assert_eq!(cn["dualStackDnsSuffix"], "api.amazonwebservices.com.cn");
        assert_eq!(cn["implicitGlobalRegion"], "cn-northwest-1");
        let iso = partition_for_region("us-iso-east-1").to_value();
        assert_eq!(iso["supportsDualStack"], false);
        assert_eq!(iso["supportsFIPS"], true);
        assert_eq!(iso["name"], "aws-iso");
        let gov = partition_for_region("us-gov-east-1");
        assert_eq!(gov.dual_stack_dns_suffix(), "api.aws");
        assert_eq!(gov.implicit_global_region(), "us-gov-west-1");
        let ids: Vec<_> = PARTITIONS.iter().map(Partition::id).collect();
        assert_eq!(
            ids,
            [
                "aws",
                "aws-cn",
                "aws-us-gov",
                "aws-iso",
                "aws-iso-b",
                "aws-iso-e",
                "aws-iso-f",
                "aws-eusc"
            ]
        );
    }
}
