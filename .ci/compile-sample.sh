#!/usr/bin/env bash
# CI: generate a fixed, diverse sample of the AWS corpus and compile it with warnings denied
# (`cargo xtask corpus --compile`: cargo check, RUSTFLAGS=-D warnings, one shared target dir
# in target/corpus/). The fixture models are compiled by the test suite
# (tests/tests/fixtures_compile.rs).
# Needs the corpus at $AWS_MODELS_DIR or ../shared/aws-models. Budget: about 6 minutes on
# 2 cores with a cold target/corpus/, much less when it is cached.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

sample=(
  dynamodb-2012-08-10                  # awsJson1_0; map pagination tokens (no paginator)
  cognito-identity-provider-2016-04-18 # awsJson1_1; the service this repository is about
  kinesis-2013-12-02                   # an event-stream operation (left out of the client)
  cloudwatch-logs-2014-03-28           # event stream; deprecated operations and shapes
  ssm-2014-11-06                       # awsJson1_1; many paginators
  glue-2017-03-31                      # awsJson1_1; large, deep recursion
  secrets-manager-2017-10-17           # awsJson1_1
  sqs-2012-11-05                       # awsJson1_0 with awsQueryCompatible
  sagemaker-2017-07-24                 # the largest awsJson model
  lambda-2015-03-31                    # restJson1: types only
  s3-2006-03-01                        # restXml: types only
)
only=$(IFS=,; echo "${sample[*]}")

echo "=== corpus sample (${#sample[@]} models)"
cargo xtask corpus --only "$only" --compile all
echo "=== compile sample took $(( $(date +%s) - started ))s"
