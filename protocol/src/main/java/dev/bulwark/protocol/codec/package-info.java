/**
 * The AWS wire-protocol codecs, one per protocol, generic over the AWS SDK for Java v2 model classes
 * (SdkPojo, SdkField, traits): HTTP request to typed SDK request, typed SDK response to HTTP, errors in each
 * protocol's shape. JSON is read and written with Jackson, XML with StAX; nothing is written as strings.
 */
package dev.bulwark.protocol.codec;
