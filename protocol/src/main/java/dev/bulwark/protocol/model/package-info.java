/**
 * The service model index: per AWS service its wire protocol, operations bound to the AWS SDK for Java v2
 * request/response classes, modeled errors (code, HTTP status, fault) and input constraints.
 *
 * <p>The SDK's model classes describe shapes (SdkField and traits) but not error codes, constraints or the
 * restXml root element names; those come from a data table generated once from the AWS service models by
 * {@code tools/aws-models/generate.py} and committed under {@code resources/dev/bulwark/protocol/model}.
 */
package dev.bulwark.protocol.model;
