import { isSet } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";
import { gcpIamTypes } from "./gcp-iam.ts";

/**
 * Predefined roles whose resources take their own IAM bindings, and where to bind them instead. Granted on the
 * project they reach every bucket, dataset, secret, repository or key the project holds, present and future.
 * Cloud SQL's roles are not here: `roles/cloudsql.client` and `instanceUser` exist only at project level.
 */
const resourceBindable: readonly (readonly [RegExp, string])[] = [
  [/^roles\/storage\.(object|bucket|legacy)/, "the bucket (storage.BucketIAMMember)"],
  [/^roles\/bigquery\.data/, "the dataset (bigquery.DatasetIamMember)"],
  [/^roles\/secretmanager\.secret/, "the secret (secretmanager.SecretIamMember)"],
  [/^roles\/artifactregistry\.(reader|writer|repoAdmin|createOnPushWriter)/, "the repository (artifactregistry.RepositoryIamMember)"],
  [/^roles\/cloudkms\.cryptoKey/, "the key (kms.CryptoKeyIAMMember)"],
  [/^roles\/pubsub\.(publisher|subscriber|viewer)/, "the topic or subscription (pubsub.TopicIAMMember)"],
];

const projectWide: TypeCheck = (i) => {
  // An IAM condition on resource.name narrows a project grant to named resources, which is what a binding does.
  if (isSet(i["condition"])) return undefined;
  const where = resourceBindable.find(([pattern]) => pattern.test(String(i["role"] ?? "")))?.[1];
  return where === undefined ? undefined : `grants ${String(i["role"])} on the whole project; bind it on ${where}`;
};

/**
 * Advisory only: a project-wide grant of a role the resource itself can hold is wider than the workload needs,
 * but some are deliberate (an operator group reading every bucket, a role with a condition the plan cannot
 * read), so a reviewer judges each; the drivers bind on the resource by construction.
 */
export const resourceScopedGrants: Rule = {
  id: "resource-scoped-grants",
  description: "GCP roles that a bucket, dataset, secret, repository or key can hold are granted on that resource, not on the whole project (advisory).",
  severity: "medium",
  remediation: "Replace the projects.IAMMember (or IAMBinding) with a binding on the specific resource (storage.BucketIAMMember, bigquery.DatasetIamMember, secretmanager.SecretIamMember, artifactregistry.RepositoryIamMember, kms.CryptoKeyIAMMember), or add an IAM condition on resource.name.",
  controls: controlSets.leastPrivilege,
  advisoryOnly: true,
  ...byType(Object.fromEntries(gcpIamTypes.project.map((type) => [type, projectWide]))),
};
