#!/usr/bin/env bash
# Fetches the botocore cognito-idp models the diff and equivalence tests read:
#   1.5.95 and 1.6.0   the two sides of the 2017-08-11 "9 new 9 updated api methods" page;
#   1.37.27            built 2025-04-03, the same cognito-idp model as the Smithy model in
#                      ../shared/aws-models (113 operations);
#   1.44.8             the newest on PyPI when model/ was last imported (153 operations):
#                      `cargo xtask model check --against .ci/cache/botocore/1.44.8` must
#                      show no API difference. Raise it together with the next import.
# Output: .ci/cache/botocore/{version}/{service-2.json,paginators-1.json,
# endpoint-rule-set-1.json (where the version has one)}. Idempotent: a
# version whose files are present is skipped. Wheels are downloaded with pip (no install).
# Usage: .ci/fetch-botocore.sh [DEST]   (then: export BOTOCORE_MODELS_DIR=DEST)
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-.ci/cache/botocore}"
versions=(1.5.95 1.6.0 1.37.27 1.44.8)
mkdir -p "$dest/wheels"
for version in "${versions[@]}"; do
  if [ -s "$dest/$version/service-2.json" ] && [ -s "$dest/$version/paginators-1.json" ]; then
    continue
  fi
  python3 -m pip download --quiet --no-deps --only-binary=:all: \
    --dest "$dest/wheels" "botocore==$version"
  wheel=$(ls "$dest/wheels"/botocore-"$version"-*.whl)
  python3 - "$wheel" "$dest/$version" <<'PY'
import gzip, os, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
prefix = "botocore/data/cognito-idp/2016-04-18/"
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(wheel) as archive:
    names = set(archive.namelist())
    for name in ("service-2.json", "paginators-1.json", "endpoint-rule-set-1.json"):
        if prefix + name in names:
            data = archive.read(prefix + name)
        elif prefix + name + ".gz" in names:
            data = gzip.decompress(archive.read(prefix + name + ".gz"))
        elif name == "endpoint-rule-set-1.json":
            continue  # older botocore has no per-service rule set
        else:
            sys.exit(f"{wheel}: no {prefix}{name}")
        with open(os.path.join(out, name), "wb") as target:
            target.write(data)
PY
  rm -f "$wheel"
  echo "botocore $version: cognito-idp models in $dest/$version"
done
