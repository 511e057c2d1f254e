"""Runs the stock AWS CLI's CloudTrail digest validation (awscli.customizations.cloudtrail.validation) over trail
objects a Bulwark DirectorySink wrote, with ListPublicKeys answered by the Bulwark server itself.

Only S3 is stood in for: a directory <root>/<bucket>/<key> with <key>.metadata.json beside each object. The digest
traversal, signature check and chain following are the CLI's own classes; the log file check mirrors the CLI's
_download_log (gunzip, SHA-256, compare with hashValue). Prints one line per file as the CLI does and exits 1 when
anything is invalid, missing or broken.

Environment: BULWARK_ENDPOINT, ADMIN_KEY, ADMIN_SECRET, ROOT, TRAIL_ARN, BUCKET, PREFIX (may be empty), ACCOUNT,
REGION (source region), START (ISO time), ORG_ID (may be empty).
"""
import hashlib
import io
import json
import os
import sys
import zlib

import botocore.session
from botocore.exceptions import ClientError
from dateutil import parser

from awscli.customizations.cloudtrail.validation import DigestProvider, DigestTraverser, PublicKeyProvider


class DirectoryS3:
    def __init__(self, root):
        self.root = root

    def get_object(self, Bucket, Key):
        path = os.path.join(self.root, Bucket, Key)
        if not os.path.isfile(path):
            raise ClientError({'Error': {'Code': 'NoSuchKey', 'Message': 'The specified key does not exist.'}}, 'GetObject')
        with open(path, 'rb') as f:
            body = f.read()
        with open(path + '.metadata.json') as f:
            metadata = json.load(f)
        return {'Body': io.BytesIO(body), 'Metadata': metadata}

    def get_paginator(self, name):
        assert name == 'list_objects'
        return self

    def paginate(self, Bucket, Marker, Prefix):
        base = os.path.join(self.root, Bucket)
        keys = []
        for directory, _, files in os.walk(base):
            for file in files:
                if file.endswith('.metadata.json') or file.endswith('.tmp'):
                    continue
                key = os.path.relpath(os.path.join(directory, file), base).replace(os.sep, '/')
                if key.startswith(Prefix) and key > Marker:
                    keys.append(key)
        return Pages(sorted(keys))


class Pages:
    def __init__(self, keys):
        self.keys = keys

    def search(self, expression):
        assert expression == 'Contents[*].Key'
        return iter(self.keys)


class Clients:
    def __init__(self, s3):
        self.s3 = s3

    def get_client(self, bucket):
        return self.s3


def main():
    env = os.environ
    session = botocore.session.get_session()
    # As the AWS CLI does (its scalar parsers): blobs stay base64 text, which the validator decodes itself.
    session.get_component('response_parser_factory').set_parser_defaults(blob_parser=lambda value: value)
    cloudtrail = session.create_client('cloudtrail', region_name=env['REGION'], endpoint_url=env['BULWARK_ENDPOINT'],
                                       aws_access_key_id=env['ADMIN_KEY'], aws_secret_access_key=env['ADMIN_SECRET'])
    s3 = DirectoryS3(env['ROOT'])
    trail_arn = env['TRAIL_ARN']
    problems = []

    def on_invalid(message=None, **kwargs):
        problems.append(message)
        print(message)

    def on_missing(bucket=None, last_key=None, **kwargs):
        line = 'Digest file\ts3://%s/%s\tINVALID: not found' % (bucket, last_key)
        problems.append(line)
        print(line)

    def on_gap(**kwargs):
        print('GAP')

    provider = DigestProvider(s3_client_provider=Clients(s3), account_id=env['ACCOUNT'], trail_name=trail_arn.split('/')[-1],
                              trail_home_region=trail_arn.split(':')[3], trail_source_region=env['REGION'],
                              organization_id=env.get('ORG_ID') or None)
    traverser = DigestTraverser(digest_provider=provider, starting_bucket=env['BUCKET'], starting_prefix=env.get('PREFIX') or None,
                                public_key_provider=PublicKeyProvider(cloudtrail), on_invalid=on_invalid, on_gap=on_gap,
                                on_missing=on_missing)
    digests = 0
    logs = 0
    for digest in traverser.traverse_digests(parser.parse(env['START'])):
        digests += 1
        print('Digest file\ts3://%s/%s\tvalid' % (digest['digestS3Bucket'], digest['digestS3Object']))
        for log in digest['logFiles']:
            try:
                body = s3.get_object(Bucket=log['s3Bucket'], Key=log['s3Object'])['Body'].read()
            except ClientError:
                line = 'Log file\ts3://%s/%s\tINVALID: not found' % (log['s3Bucket'], log['s3Object'])
                problems.append(line)
                print(line)
                continue
            try:
                computed = hashlib.sha256(zlib.decompress(body, zlib.MAX_WBITS | 16)).hexdigest()
            except zlib.error:
                computed = None
            if computed != log['hashValue']:
                line = "Log file\ts3://%s/%s\tINVALID: hash value doesn't match" % (log['s3Bucket'], log['s3Object'])
                problems.append(line)
                print(line)
            else:
                logs += 1
                print('Log file\ts3://%s/%s\tvalid' % (log['s3Bucket'], log['s3Object']))
    print('SUMMARY\t%d valid digests\t%d valid logs\t%d problems' % (digests, logs, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
