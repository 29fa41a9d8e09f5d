import { asArray, asRecord, get, isSet } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { rotationProblem } from "../properties/rotation-period.ts";
import { bucketsLacking } from "./aws-s3.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const cmk = "is not encrypted with a customer-managed key";

/** A Glue security configuration encrypts what jobs and crawlers write: S3 output, CloudWatch logs, job bookmarks. */
function glueSecurityProblems(i: Readonly<Record<string, unknown>>): string[] {
  const config = asRecord(i["encryptionConfiguration"]);
  return problems(
    [!(get(config, "s3Encryption.s3EncryptionMode") === "SSE-KMS" && isSet(get(config, "s3Encryption.kmsKeyArn"))), `Glue S3 output ${cmk} (s3Encryption SSE-KMS with kmsKeyArn)`],
    [!(get(config, "cloudwatchEncryption.cloudwatchEncryptionMode") === "SSE-KMS" && isSet(get(config, "cloudwatchEncryption.kmsKeyArn"))), `Glue logs ${cmk} (cloudwatchEncryption SSE-KMS with kmsKeyArn)`],
    [!(get(config, "jobBookmarksEncryption.jobBookmarksEncryptionMode") === "CSE-KMS" && isSet(get(config, "jobBookmarksEncryption.kmsKeyArn"))), `Glue job bookmarks ${cmk} (jobBookmarksEncryption CSE-KMS with kmsKeyArn)`],
  );
}

/** The Data Catalog's encryption is one account-wide setting: a stack with a Glue catalog must set it. */
function glueCatalogFindings(resources: readonly RuleResource[]): StackFinding[] {
  const databases = resources.filter((r) => r.type === "aws:glue/catalogDatabase:CatalogDatabase");
  const settings = resources.some((r) => r.type === "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings");
  return databases.length > 0 && !settings ? [{ urn: databases[0]!.urn, message: `the Glue Data Catalog ${cmk}: the stack has catalog databases but no DataCatalogEncryptionSettings` }] : [];
}

export const encryptionAtRest: Rule = {
  id: "encryption-at-rest-cmk",
  description: "Object storage, databases, the warehouse, cluster secrets, registries, ML endpoints, Glue jobs and crawlers and the Glue Data Catalog are encrypted at rest with a customer-managed key.",
  severity: "high",
  remediation: "Create a KMS key (Cloud KMS crypto key, Key Vault key) with rotation on and reference it from the resource's encryption settings; on Azure storage accounts also encryption.requireInfrastructureEncryption true; on AWS S3 add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and kmsMasterKeyId; give Glue jobs and crawlers a glue.SecurityConfiguration (S3 SSE-KMS, CloudWatch SSE-KMS, job bookmarks CSE-KMS) and the account a glue.DataCatalogEncryptionSettings (SSE-KMS, encrypted connection passwords).",
  controls: controlSets.encryptionAtRest,
  ...byType({
    "aws:rds/instance:Instance": (i) => problems([i["storageEncrypted"] !== true, "storageEncrypted is not true"], [!isSet(i["kmsKeyId"]), `database ${cmk} (kmsKeyId unset)`]),
    "aws:rds/cluster:Cluster": (i) => problems([i["storageEncrypted"] !== true, "storageEncrypted is not true"], [!isSet(i["kmsKeyId"]), `database ${cmk} (kmsKeyId unset)`]),
    "aws:redshiftserverless/namespace:Namespace": (i) => (isSet(i["kmsKeyId"]) ? undefined : `warehouse namespace ${cmk} (kmsKeyId unset)`),
    "aws:eks/cluster:Cluster": (i) =>
      isSet(get(i, "encryptionConfig.provider.keyArn")) && asArray(get(i, "encryptionConfig.resources")).includes("secrets")
        ? undefined
        : `cluster secrets are not envelope-encrypted with a KMS key (encryptionConfig with resources ["secrets"])`,
    "aws:ecr/repository:Repository": (i) => {
      const config = asRecord(asArray(i["encryptionConfigurations"])[0]);
      return config["encryptionType"] === "KMS" && isSet(config["kmsKey"]) ? undefined : `registry ${cmk} (encryptionConfigurations: encryptionType KMS with kmsKey)`;
    },
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": (i) => (isSet(i["kmsKeyArn"]) ? undefined : `ML endpoint ${cmk} (kmsKeyArn unset)`),
    "aws:glue/job:Job": (i) => (isSet(i["securityConfiguration"]) ? undefined : "Glue job writes its output, logs and bookmarks unencrypted (securityConfiguration unset)"),
    "aws:glue/crawler:Crawler": (i) => (isSet(i["securityConfiguration"]) ? undefined : "Glue crawler writes its logs unencrypted (securityConfiguration unset)"),
    "aws:glue/securityConfiguration:SecurityConfiguration": (i) => glueSecurityProblems(i),
    "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": (i) =>
      problems(
        [!(get(i, "dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode") === "SSE-KMS" && isSet(get(i, "dataCatalogEncryptionSettings.encryptionAtRest.sseAwsKmsKeyId"))), `Glue catalog metadata ${cmk} (encryptionAtRest.catalogEncryptionMode SSE-KMS with sseAwsKmsKeyId)`],
        [get(i, "dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted") !== true, "Glue connection passwords are not encrypted (connectionPasswordEncryption.returnConnectionPasswordEncrypted is not true)"],
      ),
    "gcp:storage/bucket:Bucket": (i) => (isSet(get(i, "encryption.defaultKmsKeyName")) ? undefined : `bucket ${cmk} (encryption.defaultKmsKeyName unset)`),
    "gcp:sql/databaseInstance:DatabaseInstance": (i) => (isSet(i["encryptionKeyName"]) ? undefined : `database ${cmk} (encryptionKeyName unset)`),
    "gcp:bigquery/dataset:Dataset": (i) => (isSet(get(i, "defaultEncryptionConfiguration.kmsKeyName")) ? undefined : `dataset ${cmk} (defaultEncryptionConfiguration.kmsKeyName unset)`),
    "gcp:container/cluster:Cluster": (i) =>
      get(i, "databaseEncryption.state") === "ENCRYPTED" && isSet(get(i, "databaseEncryption.keyName")) ? undefined : `cluster secrets ${cmk} (databaseEncryption state ENCRYPTED with keyName)`,
    "gcp:artifactregistry/repository:Repository": (i) => (isSet(i["kmsKeyName"]) ? undefined : `registry ${cmk} (kmsKeyName unset)`),
    "gcp:vertex/aiEndpoint:AiEndpoint": (i) => (isSet(get(i, "encryptionSpec.kmsKeyName")) ? undefined : `ML endpoint ${cmk} (encryptionSpec.kmsKeyName unset)`),
    "azure-native:storage:StorageAccount": (i) =>
      problems(
        [!(get(i, "encryption.keySource") === "Microsoft.Keyvault" && isSet(get(i, "encryption.keyVaultProperties.keyName"))), `storage account ${cmk} (encryption.keySource Microsoft.Keyvault with keyVaultProperties)`],
        // A second, platform-managed layer under the customer's key: one broken algorithm or key does not expose the data.
        [get(i, "encryption.requireInfrastructureEncryption") !== true, "storage account has no infrastructure encryption (encryption.requireInfrastructureEncryption is not true)"],
      ),
    "azure-native:dbforpostgresql:Server": (i) =>
      get(i, "dataEncryption.type") === "AzureKeyVault" && isSet(get(i, "dataEncryption.primaryKeyURI")) && isSet(get(i, "dataEncryption.primaryUserAssignedIdentityId"))
        ? undefined
        : `database ${cmk} (dataEncryption: type AzureKeyVault with primaryKeyURI and primaryUserAssignedIdentityId)`,
    "azure-native:synapse:Workspace": (i) => (isSet(get(i, "encryption.cmk.key.keyVaultUrl")) ? undefined : `warehouse ${cmk} (encryption.cmk.key.keyVaultUrl unset)`),
    "azure-native:containerregistry:Registry": (i) =>
      String(get(i, "encryption.status")).toLowerCase() === "enabled" && isSet(get(i, "encryption.keyVaultProperties.keyIdentifier"))
        ? undefined
        : `registry ${cmk} (encryption.status "enabled" with keyVaultProperties.keyIdentifier)`,
    "azure-native:containerservice:ManagedCluster": (i) => (get(i, "securityProfile.azureKeyVaultKms.enabled") === true ? undefined : `cluster secrets ${cmk} (securityProfile.azureKeyVaultKms.enabled is not true)`),
    "azure-native:machinelearningservices:Workspace": (i) =>
      String(get(i, "encryption.status")).toLowerCase() === "enabled" && isSet(get(i, "encryption.keyVaultProperties.keyIdentifier")) ? undefined : `ML workspace ${cmk} (encryption.status Enabled with keyVaultProperties)`,
  }),
  checkStack: (resources) => [
    ...glueCatalogFindings(resources),
    ...bucketsLacking(
      resources,
      ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"],
      (sse) =>
        asArray(sse.inputs["rules"]).some((r) => {
          const byDefault = asRecord(get(r, "applyServerSideEncryptionByDefault"));
          return String(byDefault["sseAlgorithm"]).startsWith("aws:kms") && isSet(byDefault["kmsMasterKeyId"]);
        }),
      (bucket) => `bucket ${bucket.name} ${cmk}: no BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and kmsMasterKeyId`,
    ),
  ],
};

/**
 * A Key Vault key rotates when its policy has a Rotate action; how often is the action's timeAfterCreate, or,
 * when it triggers timeBeforeExpiry, the policy's expiryTime (the key rotates before it expires).
 */
function azureKeyRotationProblem(policy: Record<string, unknown>): string | undefined {
  const rotate = asArray(policy["lifetimeActions"]).find((a) => String(get(a, "action.type")).toLowerCase() === "rotate");
  if (rotate === undefined) return "key rotation is off (properties.rotationPolicy has no Rotate lifetime action)";
  const afterCreate = get(rotate, "trigger.timeAfterCreate");
  const period = afterCreate !== undefined ? afterCreate : get(policy, "attributes.expiryTime");
  const problem = rotationProblem(period);
  return problem === undefined ? undefined : `key ${problem} (rotationPolicy trigger.timeAfterCreate, or attributes.expiryTime with timeBeforeExpiry)`;
}

export const keyRotation: Rule = {
  id: "key-rotation",
  description: "Customer-managed keys rotate automatically, on GCP and Azure at least every 90 days.",
  severity: "medium",
  remediation: "AWS: enableKeyRotation true on the kms.Key. GCP: set rotationPeriod on the CryptoKey, at most 90 days (\"7776000s\"). Azure: give the Key Vault key a rotationPolicy with a Rotate lifetime action triggered at most 90 days after creation (timeAfterCreate \"P90D\"), or before an expiryTime of at most 90 days.",
  controls: controlSets.encryptionAtRest,
  ...byType({
    "aws:kms/key:Key": (i) => {
      // Only symmetric keys can rotate automatically; asymmetric and HMAC keys are out of scope.
      const spec = i["keySpec"] ?? i["customerMasterKeySpec"] ?? "SYMMETRIC_DEFAULT";
      return spec !== "SYMMETRIC_DEFAULT" || i["enableKeyRotation"] === true ? undefined : "key rotation is off (enableKeyRotation is not true)";
    },
    "gcp:kms/cryptoKey:CryptoKey": (i) => {
      if (!isSet(i["rotationPeriod"])) return "key rotation is off (rotationPeriod unset)";
      const problem = rotationProblem(i["rotationPeriod"]);
      return problem === undefined ? undefined : `key ${problem} (rotationPeriod)`;
    },
    "azure-native:keyvault:Key": (i) => azureKeyRotationProblem(asRecord(get(i, "properties.rotationPolicy"))),
  }),
};
