"""Envelope encryption with boto3 against Bulwark: a data key from KMS encrypts locally with AES-GCM; later only
the encrypted data key is kept, and KMS decrypts it to open the data again. Prints what it saw as JSON."""
import json
import os

import boto3
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

kms = boto3.client("kms", endpoint_url=os.environ["BULWARK_ENDPOINT"], region_name="us-east-1",
                   aws_access_key_id=os.environ["ADMIN_KEY"], aws_secret_access_key=os.environ["ADMIN_SECRET"])
key_id = kms.create_key(Description="envelope")["KeyMetadata"]["KeyId"]
context = {"bucket": "reports", "object": "q3.csv"}
data_key = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256", EncryptionContext=context)
nonce = os.urandom(12)
document = b"quarter,revenue\nq3,1234567\n"
sealed = AESGCM(data_key["Plaintext"]).encrypt(nonce, document, None)
stored_key = data_key["CiphertextBlob"]
del data_key

opened_key = kms.decrypt(CiphertextBlob=stored_key, EncryptionContext=context)
opened = AESGCM(opened_key["Plaintext"]).decrypt(nonce, sealed, None)
try:
    kms.decrypt(CiphertextBlob=stored_key, EncryptionContext={"bucket": "other"})
    wrong_context = "accepted"
except kms.exceptions.InvalidCiphertextException as e:
    wrong_context = e.response["Error"]["Code"]
print(json.dumps({
    "keyId": key_id,
    "decryptKeyId": opened_key["KeyId"],
    "roundTrip": opened == document,
    "sealedDiffers": sealed != document,
    "wrongContext": wrong_context,
}))
