#!/usr/bin/env python3
"""Generate Bulwark's committed AWS service data table from the botocore service models.

For each service this writes protocol/src/main/resources/dev/bulwark/protocol/model/<service>.json with:
  metadata    protocol, apiVersion, targetPrefix, jsonVersion, xmlNamespace, signingName, endpointPrefix
  operations  wire name -> HTTP method, request URI, success status when not 200, input/output shape, awsQuery result wrapper,
              restXml request root element (payload locationName) and response root element
  errors      exception shape -> wire code (awsQueryError overrides applied), HTTP status, sender fault
  shapes      only the shapes reachable from operation inputs, reduced to what input validation needs:
              required members, min/max (length or value), pattern, enum

Run from the repository root:  python3 tools/aws-models/generate.py
The SDK model classes carry none of this (see tools/aws-models/README.md).
"""
import gzip
import json
import os
import sys

import botocore

SERVICES = [
    "iam", "sts", "kms", "organizations", "cloudtrail", "config", "wafv2", "shield", "guardduty",
    "inspector2", "cognito-idp", "cognito-identity", "s3", "s3control", "ec2", "support", "artifact", "accessanalyzer",
]

OUT_DIR = os.path.join("protocol", "src", "main", "resources", "dev", "bulwark", "protocol", "model")
HERE = os.path.dirname(os.path.abspath(__file__))

# restXml response root element names are a Smithy @xmlName on the output structure, which botocore drops
# (its parser ignores the root). They come from the S3 API reference and are kept by hand in this file.
with open(os.path.join(HERE, "s3-response-roots.json")) as f:
    RESPONSE_ROOTS = {"s3": json.load(f)}

CONSTRAINT_KEYS = ("min", "max", "pattern", "enum")


def load_model(service):
    data = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(v for v in os.listdir(data) if os.path.isdir(os.path.join(data, v)))[-1]
    path = os.path.join(data, version, "service-2.json")
    opener = gzip.open if not os.path.exists(path) else open
    with opener(path if os.path.exists(path) else path + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def reduce_shape(shape):
    kind = shape["type"]
    out = {"type": kind}
    for key in CONSTRAINT_KEYS:
        if key in shape:
            out[key] = shape[key]
    if kind == "structure":
        if shape.get("required"):
            out["required"] = shape["required"]
        out["members"] = {name: ref["shape"] for name, ref in shape.get("members", {}).items()}
    elif kind == "list":
        out["member"] = shape["member"]["shape"]
    elif kind == "map":
        out["key"] = shape["key"]["shape"]
        out["value"] = shape["value"]["shape"]
    return out


def reachable(shapes, roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        if shape["type"] == "structure":
            todo.extend(ref["shape"] for ref in shape.get("members", {}).values())
        elif shape["type"] == "list":
            todo.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            todo.extend((shape["key"]["shape"], shape["value"]["shape"]))
    return seen


def worth_keeping(reduced):
    return reduced["type"] in ("structure", "list", "map") or any(k in reduced for k in CONSTRAINT_KEYS)


def payload_root(shapes, shape_name):
    """restXml: the element name of an explicit structure payload member, if the shape has one."""
    shape = shapes[shape_name]
    payload = shape.get("payload")
    if not payload:
        return None
    ref = shape["members"][payload]
    if shapes[ref["shape"]]["type"] != "structure":
        return None
    return ref.get("locationName", payload)


def error_row(name, shape):
    error = shape.get("error", {})
    server = shape.get("fault", False)
    return {
        "code": error.get("code", name),
        "status": error.get("httpStatusCode", 500 if server else 400),
        "sender": error.get("senderFault", not server),
    }


def generate(service):
    model = load_model(service)
    meta, shapes = model["metadata"], model["shapes"]
    metadata = {
        "protocol": meta["protocol"],
        "apiVersion": meta["apiVersion"],
        "signingName": meta.get("signingName", meta["endpointPrefix"]),
        "endpointPrefix": meta["endpointPrefix"],
    }
    for key in ("targetPrefix", "jsonVersion", "xmlNamespace"):
        if key in meta:
            metadata[key] = meta[key]
    if meta["protocol"] == "rest-xml" and "xmlNamespace" not in metadata:
        # restXml services declare their namespace on payload member references, not in the metadata.
        uris = sorted({ref["xmlNamespace"]["uri"] for shape in shapes.values() for ref in shape.get("members", {}).values()
                       if isinstance(ref.get("xmlNamespace"), dict) and "uri" in ref["xmlNamespace"]})
        if len(uris) == 1:
            metadata["xmlNamespace"] = uris[0]

    roots = RESPONSE_ROOTS.get(service, {})
    operations, inputs = {}, []
    for name, op in sorted(model["operations"].items()):
        row = {"method": op["http"]["method"], "uri": op["http"]["requestUri"]}
        if op["http"].get("responseCode", 200) != 200:
            row["responseCode"] = op["http"]["responseCode"]
        if "input" in op:
            row["input"] = op["input"]["shape"]
            inputs.append(row["input"])
            if meta["protocol"] == "rest-xml" and payload_root(shapes, row["input"]):
                row["requestRoot"] = payload_root(shapes, row["input"])
        if "output" in op:
            row["output"] = op["output"]["shape"]
            if "resultWrapper" in op["output"]:
                row["resultWrapper"] = op["output"]["resultWrapper"]
            if meta["protocol"] == "rest-xml":
                root = payload_root(shapes, row["output"]) or roots.get(name)
                if root:
                    row["responseRoot"] = root
        if "errors" in op:
            row["errors"] = [ref["shape"] for ref in op["errors"]]
        operations[name] = row

    errors = {name: error_row(name, shape) for name, shape in sorted(shapes.items()) if shape.get("exception")}
    kept = {}
    for name in sorted(reachable(shapes, inputs)):
        reduced = reduce_shape(shapes[name])
        if worth_keeping(reduced):
            kept[name] = reduced
    return {
        "service": service,
        "botocoreVersion": botocore.__version__,
        "metadata": metadata,
        "operations": operations,
        "errors": errors,
        "shapes": kept,
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for service in SERVICES:
        table = generate(service)
        path = os.path.join(OUT_DIR, service + ".json")
        with open(path, "w", encoding="utf-8") as f:
            # One top-level entry per line keeps diffs between botocore versions readable.
            f.write("{\n")
            items = list(table.items())
            for i, (key, value) in enumerate(items):
                if isinstance(value, dict) and key != "metadata":
                    f.write(json.dumps(key) + ": {\n")
                    inner = list(value.items())
                    for j, (k, v) in enumerate(inner):
                        f.write("  " + json.dumps(k) + ": " + json.dumps(v, separators=(",", ":"))
                                + ("," if j < len(inner) - 1 else "") + "\n")
                    f.write("}")
                else:
                    f.write(json.dumps(key) + ": " + json.dumps(value, separators=(",", ":")))
                f.write(",\n" if i < len(items) - 1 else "\n")
            f.write("}\n")
        print(f"{service}: {len(table['operations'])} operations, {len(table['errors'])} errors, "
              f"{len(table['shapes'])} shapes -> {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
