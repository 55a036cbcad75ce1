#!/usr/bin/env python3
"""Sanity checks for model/cognito-identity-provider.json.

Usage: python3 model/check.py [path/to/aws-model.json]

Always checks that the model is well formed (valid JSON, deterministic
formatting, every target resolves, operations wired to the service,
pagination members exist, endpoint tests pass against the rule set).

If the public AWS model is given (or found at the default shared path), it
also reports every place where a shape we define disagrees with the AWS
shape of the same id: kind, member targets, required/default/sensitive/
deprecated/constraint traits, enum member names and values, error lists
and pagination. Differences that are deliberate (the seed pages list fewer
enum values or members) are reported as notes, not failures.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "cognito-identity-provider.json")
AWS_DEFAULT = "/work/shared/aws-models/cognito-identity-provider-2016-04-18.json"
NS = "com.amazonaws.cognitoidentityprovider#"
SERVICE = NS + "AWSCognitoIdentityProviderService"
PRELUDE = {
    "smithy.api#" + n for n in (
        "String Blob BigInteger BigDecimal Timestamp Document Boolean Byte Short Integer Long Float "
        "Double Unit PrimitiveBoolean PrimitiveByte PrimitiveShort PrimitiveInteger PrimitiveLong "
        "PrimitiveFloat PrimitiveDouble").split()
}
# Traits whose values must agree with AWS when both sides set them.
FACT_TRAITS = ["smithy.api#required", "smithy.api#default", "smithy.api#sensitive",
               "smithy.api#error", "smithy.api#httpError", "smithy.api#retryable",
               "smithy.api#input", "smithy.api#output", "smithy.api#paginated",
               "smithy.api#auth", "smithy.api#optionalAuth"]
CONSTRAINTS = ["smithy.api#length", "smithy.api#range", "smithy.api#pattern"]

failures, notes = [], []


def fail(msg):
    failures.append(msg)


def short(s):
    return s[len(NS):] if s.startswith(NS) else s


def targets_of(shape):
    if "input" in shape:
        yield "input", shape["input"]["target"]
    if "output" in shape:
        yield "output", shape["output"]["target"]
    for e in shape.get("errors", []):
        yield "error", e["target"]
    for o in shape.get("operations", []):
        yield "operation", o["target"]
    for k in ("member", "key", "value"):
        if k in shape:
            yield k, shape[k]["target"]
    for name, m in shape.get("members", {}).items():
        yield name, m["target"]


def check_structure(model, text):
    if model.get("smithy") != "2.0":
        fail('"smithy" must be "2.0"')
    shapes = model["shapes"]
    if list(shapes) != sorted(shapes):
        fail("shapes are not sorted by shape id")
    if json.dumps(model, indent=2, ensure_ascii=False) + "\n" != text:
        fail("file is not in canonical 2-space pretty form")
    for sid, shape in shapes.items():
        if not sid.startswith(NS):
            fail(f"{sid}: outside namespace")
        for where, t in targets_of(shape):
            if t not in shapes and t not in PRELUDE:
                fail(f"{short(sid)}.{where}: unresolved target {t}")
        if shape["type"] in ("enum", "intEnum"):
            for m, mv in shape["members"].items():
                if mv["target"] != "smithy.api#Unit" or "smithy.api#enumValue" not in mv.get("traits", {}):
                    fail(f"{short(sid)}.{m}: enum member needs Unit target and enumValue")

    svc = shapes.get(SERVICE)
    if not svc:
        fail("service shape missing")
        return []
    ops = [o["target"] for o in svc["operations"]]
    if ops != sorted(ops):
        fail("service operations are not sorted")
    all_ops = sorted(s for s, v in shapes.items() if v["type"] == "operation")
    if sorted(ops) != all_ops:
        fail(f"operations not bound to the service: {set(all_ops) ^ set(ops)}")
    for o in ops:
        op = shapes[o]
        for kind in ("input", "output"):
            t = op[kind]["target"]
            if t == "smithy.api#Unit":
                continue
            if shapes[t]["type"] != "structure" or f"smithy.api#{kind}" not in shapes[t].get("traits", {}):
                fail(f"{short(o)}: {kind} {short(t)} must be a structure with smithy.api#{kind}")
        for e in op.get("errors", []):
            if "smithy.api#error" not in shapes[e["target"]].get("traits", {}):
                fail(f"{short(o)}: {short(e['target'])} lacks smithy.api#error")
        pg = op.get("traits", {}).get("smithy.api#paginated")
        if pg:
            inp = shapes[op["input"]["target"]]["members"]
            out = shapes[op["output"]["target"]]["members"]
            for key, side in (("inputToken", inp), ("pageSize", inp), ("outputToken", out), ("items", out)):
                if pg.get(key) not in side:
                    fail(f"{short(o)}: paginated {key}={pg.get(key)} is not a member")

    reach, stack = set(), [SERVICE]
    while stack:
        s = stack.pop()
        if s in reach or s not in shapes:
            continue
        reach.add(s)
        stack.extend(t for _, t in targets_of(shapes[s]))
    for s in shapes:
        if s not in reach:
            fail(f"{short(s)}: not reachable from the service")
    return ops


# --- tiny endpoint rules evaluator, enough for our own rule set ----------------
PARTITIONS = [
    ("aws-cn", r"^cn\-\w+\-\d+$", "amazonaws.com.cn", "api.amazonwebservices.com.cn", True, True),
    ("aws-us-gov", r"^us\-gov\-\w+\-\d+$", "amazonaws.com", "api.aws", True, True),
    ("aws-iso", r"^us\-iso\-\w+\-\d+$", "c2s.ic.gov", "c2s.ic.gov", True, False),
    ("aws", r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$", "amazonaws.com", "api.aws", True, True),
]


def partition(region):
    for name, rx, dns, ds, fips, dual in PARTITIONS:
        if re.match(rx, region):
            break
    else:
        name, _, dns, ds, fips, dual = PARTITIONS[-1]
    return {"name": name, "dnsSuffix": dns, "dualStackDnsSuffix": ds,
            "supportsFIPS": fips, "supportsDualStack": dual}


def evaluate(expr, scope):
    if isinstance(expr, dict) and "ref" in expr:
        return scope.get(expr["ref"])
    if isinstance(expr, dict) and "fn" in expr:
        args = [evaluate(a, scope) for a in expr["argv"]]
        fn = expr["fn"]
        if fn == "isSet":
            return args[0] is not None
        if fn == "not":
            return not args[0]
        if fn == "booleanEquals":
            return args[0] == args[1]
        if fn == "stringEquals":
            return args[0] == args[1]
        if fn == "aws.partition":
            return partition(args[0]) if args[0] is not None else None
        if fn == "getAttr":
            return None if args[0] is None else args[0].get(args[1])
        raise ValueError(f"unsupported function {fn}")
    if isinstance(expr, str):
        def sub(m):
            name, _, attr = m.group(1).partition("#")
            v = scope[name]
            return str(v[attr] if attr else v)
        return re.sub(r"\{([^}]+)\}", sub, expr)
    return expr


def run_rules(rules, scope):
    for rule in rules:
        local = dict(scope)
        ok = True
        for c in rule["conditions"]:
            v = evaluate(c, local)
            if v is None or v is False:
                ok = False
                break
            if "assign" in c:
                local[c["assign"]] = v
        if not ok:
            continue
        if rule["type"] == "error":
            return {"error": rule["error"]}
        if rule["type"] == "endpoint":
            return {"endpoint": {"url": evaluate(rule["endpoint"]["url"], local)}}
        result = run_rules(rule["rules"], local)
        if result is not None:
            return result
        raise ValueError("tree rule fell through")
    return None


def check_endpoints(svc):
    rs = svc["traits"]["smithy.rules#endpointRuleSet"]
    tests = svc["traits"]["smithy.rules#endpointTests"]["testCases"]
    for t in tests:
        scope = {}
        for p, spec in rs["parameters"].items():
            scope[p] = t.get("params", {}).get(p, spec.get("default"))
        got = run_rules(rs["rules"], scope)
        if got != t["expect"]:
            fail(f"endpoint test '{t['documentation']}': expected {t['expect']}, got {got}")
    return len(tests)


# --- comparison with the public AWS model ---------------------------------------
def norm_doc(s):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", s or "")).strip().lower()


def compare(ours, aws):
    A = aws["shapes"]
    aws_docs = set()
    for v in A.values():
        aws_docs.add(norm_doc(v.get("traits", {}).get("smithy.api#documentation")))
        for m in v.get("members", {}).values():
            aws_docs.add(norm_doc(m.get("traits", {}).get("smithy.api#documentation")))
    aws_docs.discard("")

    for sid, s in ours["shapes"].items():
        t = s.get("traits", {})
        d = norm_doc(t.get("smithy.api#documentation"))
        if d and d in aws_docs and len(d) > 40:
            notes.append(f"{short(sid)}: documentation identical to AWS text")
        a = A.get(sid)
        if a is None:
            fail(f"{short(sid)}: shape id does not exist in the AWS model")
            continue
        if s["type"] != a["type"]:
            fail(f"{short(sid)}: kind {s['type']} but AWS has {a['type']}")
            continue
        at = a.get("traits", {})
        for k in FACT_TRAITS:
            if k == "smithy.api#paginated" or t.get(k) == at.get(k):
                continue
            fail(f"{short(sid)}: trait {k} is {t.get(k)!r}, AWS has {at.get(k)!r}")
        if t.get("smithy.api#paginated") != at.get("smithy.api#paginated"):
            fail(f"{short(sid)}: paginated {t.get('smithy.api#paginated')} vs AWS {at.get('smithy.api#paginated')}")
        for k in CONSTRAINTS:
            if k in t and t[k] != at.get(k):
                fail(f"{short(sid)}: {k} {t[k]!r} vs AWS {at.get(k)!r}")
        if s["type"] in ("list", "map"):
            for k in ("member", "key", "value"):
                if k in s and s[k]["target"] != a[k]["target"]:
                    fail(f"{short(sid)}.{k}: {short(s[k]['target'])} vs AWS {short(a[k]['target'])}")
        if s["type"] == "operation":
            for k in ("input", "output"):
                if s[k] != a[k]:
                    fail(f"{short(sid)}: {k} {short(s[k]['target'])} vs AWS {short(a[k]['target'])}")
            mine = {e["target"] for e in s.get("errors", [])}
            theirs = {e["target"] for e in a.get("errors", [])}
            if mine - theirs:
                fail(f"{short(sid)}: errors not in AWS: {sorted(map(short, mine - theirs))}")
            if theirs - mine:
                notes.append(f"{short(sid)}: AWS lists more errors: {sorted(map(short, theirs - mine))}")
        if s["type"] == "enum":
            am = a["members"]
            for m, mv in s["members"].items():
                if m not in am:
                    fail(f"{short(sid)}: enum member {m} not in AWS")
                elif mv["traits"]["smithy.api#enumValue"] != am[m]["traits"]["smithy.api#enumValue"]:
                    fail(f"{short(sid)}.{m}: enum value differs from AWS")
            extra = [m for m in am if m not in s["members"]]
            if extra:
                notes.append(f"{short(sid)}: AWS has extra enum values {extra}")
        if s["type"] == "structure":
            am = a.get("members", {})
            for m, mv in s["members"].items():
                if m not in am:
                    fail(f"{short(sid)}.{m}: member not in AWS")
                    continue
                if mv["target"] != am[m]["target"]:
                    fail(f"{short(sid)}.{m}: target {short(mv['target'])} vs AWS {short(am[m]['target'])}")
                mt, amt = mv.get("traits", {}), am[m].get("traits", {})
                for k in ("smithy.api#required", "smithy.api#default"):
                    if mt.get(k, "<unset>") != amt.get(k, "<unset>"):
                        fail(f"{short(sid)}.{m}: {k} {mt.get(k, '<unset>')!r} vs AWS {amt.get(k, '<unset>')!r}")
                if ("smithy.api#deprecated" in mt) != ("smithy.api#deprecated" in amt):
                    fail(f"{short(sid)}.{m}: deprecated differs from AWS")
            missing = [m for m in am if m not in s["members"]]
            if missing:
                notes.append(f"{short(sid)}: AWS has extra members {missing}")
        if s["type"] == "service":
            for k in ("aws.api#service", "aws.auth#sigv4", "aws.protocols#awsJson1_1", "smithy.api#title"):
                if t.get(k) != at.get(k):
                    fail(f"service trait {k} differs from AWS")
            if s["version"] != a["version"]:
                fail("service version differs from AWS")


def main():
    with open(MODEL) as f:
        text = f.read()
    model = json.loads(text)
    ops = check_structure(model, text)
    n_tests = check_endpoints(model["shapes"][SERVICE])
    aws_path = sys.argv[1] if len(sys.argv) > 1 else AWS_DEFAULT
    if os.path.exists(aws_path):
        with open(aws_path) as f:
            compare(model, json.load(f))
    else:
        print(f"(AWS model not found at {aws_path}; comparison skipped)")

    kinds = {}
    for v in model["shapes"].values():
        kinds[v["type"]] = kinds.get(v["type"], 0) + 1
    print(f"{len(ops)} operations: " + ", ".join(short(o) for o in ops))
    print("shapes by kind: " + ", ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    print(f"endpoint tests: {n_tests}")
    for n in notes:
        print("note:", n)
    for f_ in failures:
        print("FAIL:", f_)
    print("OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
