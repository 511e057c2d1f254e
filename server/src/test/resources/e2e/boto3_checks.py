"""boto3 against a running Bulwark: prints one JSON object with what each check observed.

Environment: BULWARK_ENDPOINT, ADMIN_KEY, ADMIN_SECRET. The Java test asserts on the output; this script only
reports, so a wrong answer from the server shows up as a wrong value, not a crash.
"""
import json
import os

import boto3
import botocore.exceptions

endpoint = os.environ["BULWARK_ENDPOINT"]


def client(service, key, secret):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=botocore.config.Config(retries={"max_attempts": 1}))


def error_of(call):
    try:
        call()
        return None
    except botocore.exceptions.ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message"),
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}


admin_iam = client("iam", os.environ["ADMIN_KEY"], os.environ["ADMIN_SECRET"])
admin_sts = client("sts", os.environ["ADMIN_KEY"], os.environ["ADMIN_SECRET"])
out = {"callerArn": admin_sts.get_caller_identity()["Arn"]}

for name in ["b3-one", "b3-two", "b3-three"]:
    admin_iam.create_user(UserName=name, Path="/boto3/")
paginator = admin_iam.get_paginator("list_users")
out["pagedUsers"] = [u["UserName"] for page in paginator.paginate(PathPrefix="/boto3/", PaginationConfig={"PageSize": 2})
                     for u in page["Users"]]

admin_iam.create_user(UserName="b3-dave")
key = admin_iam.create_access_key(UserName="b3-dave")["AccessKey"]
dave_iam = client("iam", key["AccessKeyId"], key["SecretAccessKey"])
out["daveDenied"] = error_of(lambda: dave_iam.list_users())
admin_iam.put_user_policy(UserName="b3-dave", PolicyName="list", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}))
out["daveAllowedCount"] = len(dave_iam.list_users()["Users"])
out["wrongSecret"] = error_of(lambda: client("sts", key["AccessKeyId"], "wrong").get_caller_identity())
out["userPolicy"] = admin_iam.get_user_policy(UserName="b3-dave", PolicyName="list")["PolicyDocument"]
print(json.dumps(out))
