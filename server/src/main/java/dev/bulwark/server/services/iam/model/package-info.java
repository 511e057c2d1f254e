/**
 * IAM's persistent entities as immutable records (accounts, users, groups, access keys, managed and inline
 * policies, attachments) and the generator of AWS-format identifiers ({@link dev.bulwark.server.services.iam.model.IamIds}).
 * Records validate structure only; AWS input validation with AWS's messages belongs to the service.
 */
package dev.bulwark.server.services.iam.model;
