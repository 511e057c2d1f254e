-- A CLI-sized awsQuery POST: form body and the headers the AWS CLI sends.
wrk.method = "POST"
wrk.body = "Action=GetCallerIdentity&Version=2011-06-15"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.headers["X-Amz-Date"] = "20261123T120000Z"
wrk.headers["User-Agent"] = "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux lang/python#3.11.7"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE01/20261123/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=3fc3b4dc51597973cf8245457e739705af5efd620d969f3e18b448a22b172fc9"
