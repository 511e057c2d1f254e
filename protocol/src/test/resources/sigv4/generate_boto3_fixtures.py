#!/usr/bin/env python3
"""Signs a fixed set of requests with botocore's own SigV4 signers and writes boto3-signed-requests.json.

The Java tests replay these requests through SigV4Verifier, so they need no Python. The clock is pinned
(SIGNING_TIME) so the output is reproducible: run `python3 generate_boto3_fixtures.py` from this directory.
Each case records exactly what travels on the wire: method, raw path, raw query, headers in order, body.
"""
import base64
import datetime
import json
from urllib.parse import urlsplit

import boto3
import botocore
import botocore.auth
import botocore.parsers
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from botocore.credentials import Credentials

SIGNING_TIME = datetime.datetime(2025, 1, 1, 12, 0, 0)
botocore.auth.get_current_datetime = lambda: SIGNING_TIME

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TEMP_ACCESS_KEY = "ASIAIOSFODNN7EXAMPLE"
TEMP_SECRET_KEY = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE+token/with=base64+chars"


def long_term():
    return Credentials(ACCESS_KEY, SECRET_KEY)


def temporary():
    return Credentials(TEMP_ACCESS_KEY, TEMP_SECRET_KEY, SESSION_TOKEN)


def raw_body_of(prepared):
    body = prepared.body or b""
    return body.encode("utf-8") if isinstance(body, str) else body


def case(name, dialect, signer, method, url, headers=(), body=b"", params=None, context=None, now_offset=60):
    request = AWSRequest(method=method, url=url, data=body, params=params or {})
    for header, value in headers:
        # HTTPHeaders appends on assignment, which is how a header gets several values.
        request.headers[header] = value
    if context:
        request.context.update(context)
    signer.add_auth(request)
    prepared = request.prepare()
    parts = urlsplit(prepared.url)
    # The AWSRequest's headers keep every value of a repeated header; the prepared request's would not.
    wire_headers = [[k, v] for k, v in request.headers.items()]
    if raw_body_of(prepared) and not any(k.lower() == "content-length" for k, _ in wire_headers):
        wire_headers.append(["Content-Length", str(len(raw_body_of(prepared)))])
    if not any(k.lower() == "host" for k, _ in wire_headers):
        wire_headers.insert(0, ["Host", parts.netloc])
    raw_body = raw_body_of(prepared)
    credentials = signer.credentials
    return {
        "name": name,
        "dialect": dialect,
        "method": prepared.method,
        "rawPath": parts.path,
        "rawQuery": parts.query,
        "headers": wire_headers,
        "bodyBase64": base64.b64encode(raw_body).decode("ascii"),
        "accessKeyId": credentials.access_key,
        "secretKey": credentials.secret_key,
        "sessionToken": credentials.token,
        "signedAt": SIGNING_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verifyAt": (SIGNING_TIME + datetime.timedelta(seconds=now_offset)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


class _EmptyBody:
    def stream(self, **kwargs):
        return iter([b""])


def client_calls(credentials, region, service, endpoint, calls, dialect, config=None):
    """Real boto3 client calls; each request is captured just before it would be sent, and never sent."""
    captured = []

    def capture(request, **kwargs):
        body = request.body
        if hasattr(body, "read"):
            body = body.read()
        captured.append((request, body or b""))
        return AWSResponse(request.url, 200, {}, _EmptyBody())

    session = boto3.session.Session(aws_access_key_id=credentials.access_key, aws_secret_access_key=credentials.secret_key,
                                    aws_session_token=credentials.token, region_name=region)
    no_retries = Config(retries={"max_attempts": 1})
    client = session.client(service, endpoint_url=endpoint, config=no_retries.merge(config) if config else no_retries)
    client.meta.events.register("before-send", capture)
    cases = []
    for name, call in calls:
        captured.clear()
        try:
            call(client)
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError, botocore.parsers.ResponseParserError):
            pass  # parsing the empty fake response may fail; the request was captured before that
        assert captured, "nothing was sent for " + name
        request, body = captured[0]
        if isinstance(body, str):
            body = body.encode("utf-8")
        parts = urlsplit(request.url)
        headers = [[k, v.decode("utf-8") if isinstance(v, bytes) else v] for k, v in request.headers.items()
                   if k.lower() != "amz-sdk-invocation-id"]  # random per call, never signed
        headers.insert(0, ["Host", parts.netloc])
        cases.append({
            "name": "boto3 client: " + name,
            "dialect": dialect,
            "method": request.method,
            "rawPath": parts.path,
            "rawQuery": parts.query,
            "headers": headers,
            "bodyBase64": base64.b64encode(body).decode("ascii"),
            "accessKeyId": credentials.access_key,
            "secretKey": credentials.secret_key,
            "sessionToken": credentials.token,
            "signedAt": SIGNING_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "verifyAt": (SIGNING_TIME + datetime.timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        })
    return cases


def presigned_url_case(name, credentials, expires):
    # Without signature_version="s3v4", botocore presigns S3 URLs for us-east-1 with SigV2 (AWSAccessKeyId,
    # Signature, Expires), which the verifier does not implement.
    client = boto3.session.Session(aws_access_key_id=credentials.access_key, aws_secret_access_key=credentials.secret_key,
                                   aws_session_token=credentials.token, region_name="us-east-1").client(
        "s3", endpoint_url="http://127.0.0.1:4566", config=Config(signature_version="s3v4"))
    url = client.generate_presigned_url("get_object", Params={"Bucket": "bucket", "Key": "a b/\u00e9+x.txt"}, ExpiresIn=expires)
    parts = urlsplit(url)
    return {
        "name": "boto3 client: " + name, "dialect": "S3", "method": "GET", "rawPath": parts.path, "rawQuery": parts.query,
        "headers": [["Host", parts.netloc]], "bodyBase64": "",
        "accessKeyId": credentials.access_key, "secretKey": credentials.secret_key, "sessionToken": credentials.token,
        "signedAt": SIGNING_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verifyAt": (SIGNING_TIME + datetime.timedelta(seconds=expires)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def main():
    form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    cases = [
        case("iam POST ListUsers (awsQuery)", "QUERY", botocore.auth.SigV4Auth(long_term(), "iam", "us-east-1"),
             "POST", "https://iam.amazonaws.com/", headers=form.items(),
             body=b"Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fdivision_abc%2F"),
        case("sts POST GetCallerIdentity with session token", "QUERY", botocore.auth.SigV4Auth(temporary(), "sts", "eu-west-1"),
             "POST", "https://sts.eu-west-1.amazonaws.com/", headers=form.items(),
             body=b"Action=GetCallerIdentity&Version=2011-06-15"),
        case("kms POST awsJson1_1 with X-Amz-Target", "JSON", botocore.auth.SigV4Auth(long_term(), "kms", "us-west-2"),
             "POST", "https://kms.us-west-2.amazonaws.com/",
             headers=[("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "TrentService.ListKeys")],
             body=b'{"Limit": 10}'),
        case("GET query params: repeated, empty, no '=', unicode, reserved", "JSON",
             botocore.auth.SigV4Auth(long_term(), "execute-api", "us-east-1"),
             "GET", "https://api.example.com/items?b=2&a=z&a=1&empty=&flag&uni=%C3%A9%E2%82%AC&res=%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D&sp=a%20b&tilde=~x"),
        # botocore signs params with %20 but urlencode puts them on the wire with '+' for spaces.
        case("GET params sent form-encoded ('+' for space)", "JSON", botocore.auth.SigV4Auth(long_term(), "execute-api", "us-east-1"),
             "GET", "https://api.example.com/search", params={"q": "caf\u00e9 & cr\u00e8me", "plus": "1+1", "e": ""}),
        case("non-S3 path: unicode, reserved, dot segments, double slash", "JSON",
             botocore.auth.SigV4Auth(long_term(), "execute-api", "us-east-1"),
             "GET", "https://api.example.com/a/./b/../caf%C3%A9//x%2Fy/%20sp/~u/it's(1)"),
        case("header whitespace folding and multi-value header", "JSON",
             botocore.auth.SigV4Auth(long_term(), "execute-api", "us-east-1"),
             "POST", "https://api.example.com/v1",
             headers=[("X-Amz-Meta-Spaced", "  a   b \t c  "), ("X-Custom", "one"), ("X-Custom", " two  three "),
                      ("Content-Type", "application/json")],
             body=b'{"k":"v"}'),
        case("s3 PUT object: unicode key, metadata, signed payload", "S3", botocore.auth.S3SigV4Auth(long_term(), "s3", "us-east-1"),
             "PUT", "http://bucket.s3.amazonaws.com/photos/caf%C3%A9%20au%20lait%2B%21.jpg",
             headers=[("x-amz-meta-Owner", "  J\u00f6rg   Smith "), ("Content-Type", "image/jpeg")], body=b"\x00\x01binary\xffdata"),
        case("s3 GET list with prefix and delimiter, session token", "S3", botocore.auth.S3SigV4Auth(temporary(), "s3", "eu-central-1"),
             "GET", "https://s3.eu-central-1.amazonaws.com/bucket", params={"list-type": "2", "prefix": "a b/\u00fc+x", "delimiter": "/"}),
        case("s3 PUT UNSIGNED-PAYLOAD over https", "S3", botocore.auth.S3SigV4Auth(long_term(), "s3", "us-east-1"),
             "PUT", "https://bucket.s3.amazonaws.com/key.txt", body=b"hello world",
             context={"client_config": Config(s3={"payload_signing_enabled": False})}),
        case("s3 presigned GET, 3600 s", "S3", botocore.auth.S3SigV4QueryAuth(long_term(), "s3", "us-east-1", expires=3600),
             "GET", "https://bucket.s3.amazonaws.com/dir/file%20name.txt", now_offset=3599),
        case("s3 presigned GET with session token and response override", "S3",
             botocore.auth.S3SigV4QueryAuth(temporary(), "s3", "us-east-1", expires=604800),
             "GET", "https://bucket.s3.amazonaws.com/report.csv",
             params={"response-content-disposition": "attachment; filename=\"r\u00e9sum\u00e9.csv\""}, now_offset=604800),
        case("sts presigned GetCallerIdentity (query auth, non-S3)", "QUERY",
             botocore.auth.SigV4QueryAuth(long_term(), "sts", "us-east-1", expires=900),
             "GET", "https://sts.amazonaws.com/", params={"Action": "GetCallerIdentity", "Version": "2011-06-15"}, now_offset=300),
    ]
    cases += client_calls(long_term(), "us-east-1", "iam", "http://127.0.0.1:4566", [
        ("iam.list_users", lambda c: c.list_users(PathPrefix="/division abc/")),
        ("iam.create_user with tags", lambda c: c.create_user(UserName="al+ice", Tags=[{"Key": "team", "Value": "caf\u00e9 & co"}])),
    ], "QUERY")
    cases += client_calls(temporary(), "eu-west-1", "sts", "http://127.0.0.1:4566", [
        ("sts.get_caller_identity with session token", lambda c: c.get_caller_identity()),
    ], "QUERY")
    cases += client_calls(long_term(), "us-west-2", "kms", "http://127.0.0.1:4566", [
        ("kms.list_keys", lambda c: c.list_keys(Limit=5)),
    ], "JSON")
    cases += client_calls(long_term(), "us-east-1", "guardduty", "http://127.0.0.1:4566", [
        ("guardduty.get_detector (restJson path label)", lambda c: c.get_detector(DetectorId="12abc34d567e8fa901bc2d34e56789f0")),
        ("guardduty.list_findings", lambda c: c.list_findings(DetectorId="12abc34d567e8fa901bc2d34e56789f0", MaxResults=10)),
    ], "JSON")
    cases += client_calls(long_term(), "us-east-1", "s3", "https://s3.us-east-1.amazonaws.com", [
        ("s3.put_object over https (aws-chunked, unsigned payload, CRC32 trailer)",
         lambda c: c.put_object(Bucket="bucket", Key="dir/caf\u00e9 au lait.txt", Body=b"hello world", Metadata={"owner": "  J.   Smith "})),
        ("s3.list_objects_v2 with prefix needing encoding",
         lambda c: c.list_objects_v2(Bucket="bucket", Prefix="a b/\u00fc+x", Delimiter="/")),
    ], "S3")
    cases += client_calls(temporary(), "us-east-1", "s3", "http://127.0.0.1:4566", [
        ("s3.put_object over http, path-style, session token",
         lambda c: c.put_object(Bucket="bucket", Key="k/v.bin", Body=b"\x00\x01\x02 binary")),
    ], "S3", config=Config(s3={"addressing_style": "path"}))
    cases.append(presigned_url_case("s3.generate_presigned_url get_object, 1 hour", long_term(), 3600))
    cases.append(presigned_url_case("s3.generate_presigned_url get_object with session token, 7 days", temporary(), 604800))
    with open("boto3-signed-requests.json", "w", encoding="utf-8") as out:
        json.dump({"botocore": botocore.__version__, "cases": cases}, out, indent=2, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
