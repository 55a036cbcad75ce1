//! `aws.parseArn`: splits `arn:partition:service:region:account:resource`.

use serde_json::{Map, Value};

/// A parsed ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Arn<'a> {
    partition: &'a str,
    service: &'a str,
    region: &'a str,
    account_id: &'a str,
    resource_id: Vec<&'a str>,
}

impl Arn<'_> {
    /// The `ARN` structure as a rules-engine value.
    pub(super) fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("partition".into(), Value::from(self.partition));
        map.insert("service".into(), Value::from(self.service));
        map.insert("region".into(), Value::from(self.region));
        map.insert("accountId".into(), Value::from(self.account_id));
        map.insert(
            "resourceId".into(),
            Value::Array(self.resource_id.iter().map(|s| Value::from(*s)).collect()),
        );
        Value::Object(map)
    }
}

/// Parses an ARN; `None` unless it has six `:`-separated components, starts
/// with `arn`, and has a non-empty partition, service and resource. The
/// resource is split on `:` and `/`.
pub(super) fn parse_arn(input: &str) -> Option<Arn<'_>> {
    let mut parts = input.splitn(6, ':');
    let prefix = parts.next()?;
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn spec_examples() {
        let v = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name")
            .map(|a| a.to_value());
        assert_eq!(
            v,
            Some(json!({
                "partition": "aws", "service": "sns", "region": "us-west-2",
                "accountId": "012345678910", "resourceId": ["example-sns-topic-name"]
            }))
        );
        let v = parse_arn("arn:aws:iam::012345678910:user/johndoe").map(|a| a.to_value());
        assert_eq!(v.as_ref().map(|v| &v["region"]), Some(&json!("")));
        assert_eq!(
            v.as_ref().map(|v| &v["resourceId"]),
            Some(&json!(["user", "johndoe"]))
        );
        let v = parse_arn("arn:aws:s3:::bucket_name").map(|a| a.to_value());
        assert_eq!(v.as_ref().map(|v| &v["accountId"]), Some(&json!("")));
        let v = parse_arn("arn:aws:s3-outposts:us-west-2:123:outpost:op-01:accesspoint/ap")
            .map(|a| a.to_value());
        assert_eq!(
            v.as_ref().map(|v| &v["resourceId"]),
            Some(&json!(["outpost", "op-01", "accesspoint", "ap"]))
        );
    }

    #[test]
    fn invalid_arns() {
        assert_eq!(parse_arn("11111111-2222-3333-4444-555555555555"), None);
        assert_eq!(parse_arn("arn:aws:s3:us-east-1:123"), None);
        assert_eq!(parse_arn("arn::s3:us-east-1:123:res"), None);
        assert_eq!(parse_arn("arn:aws::us-east-1:123:res"), None);
        assert_eq!(parse_arn("arn:aws:s3:us-east-1:123:"), None);
        assert_eq!(parse_arn("ARN:aws:s3:us-east-1:123:res"), None);
    }
}
