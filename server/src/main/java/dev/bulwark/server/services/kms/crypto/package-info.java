/**
 * KMS's cryptography on key material, with no storage and no service types: key specs and usages, material
 * generation, RSA/ECC operations (OAEP, PKCS#1 v1.5 and PSS signatures, ECDSA, ECDH), HMAC, and the unwrapping side
 * of imports. The KMS service keeps material sealed and hands it here only for one operation.
 */
package dev.bulwark.server.services.kms.crypto;
