import { describe, expect, it } from "vitest";
import type { PlanResource } from "../../lib/plan/model.ts";
import type { PolicyContext } from "../../policy/context.ts";
import { findings } from "../../policy/evaluate.ts";
import { allRules } from "../../policy/rules/index.ts";
import { context, res, securePod, tags } from "./fixtures.ts";
import { packViolations } from "./pack-eval.ts";
import { azureCases } from "./cases-azure.ts";
import { gcpCases } from "./cases-gcp.ts";
import { lockedSink, mergeCases, one, type Case } from "./rule-case.ts";

const key = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k";
const vaultKey = { keyName: "k", keyVaultUri: "https://v.vault.azure.net" };
const deployment = (pod: Record<string, unknown>) => ({ metadata: { name: "api", labels: tags }, spec: { template: { spec: pod } } });
const container = (change: Record<string, unknown>) => ({ ...securePod, containers: [{ ...securePod.containers[0], ...change }] });
const bucket = res("aws:s3/bucket:Bucket", "b", { bucket: "acme-b", tags });
const trust = (sub: string, operator = "StringEquals") =>
  JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition: { [operator]: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": sub } } }] });
const policyDoc = (action: unknown, resource: unknown) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
const statementDoc = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const sg = (name: string, ingress: unknown[]) => res("aws:ec2/securityGroup:SecurityGroup", name, { vpcId: "vpc", ingress, egress: [] });
const ingressRule = (name: string, group: string, cidr: string) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { securityGroupId: group, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443 });
/** The shape stratum's own plans give a GitHub trust: the provider by reference, its placeholder ARN ending in the logical name. */
const oidcProvider = res("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "acme-github-oidc", { url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
const githubRole = (condition: unknown) =>
  res("aws:iam/role:Role", "deploy", {
    assumeRolePolicy: statementDoc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::000000000000:openidconnectprovider/acme-github-oidc" }, Action: ["sts:AssumeRoleWithWebIdentity"], ...(condition === undefined ? {} : { Condition: condition }) }),
  });
const gh = "token.actions.githubusercontent.com";
const pinned = { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: ["repo:acme/shop:environment:prod"] } };
const oidcCase = (condition: unknown): Case => ({ cloud: "aws", pass: [oidcProvider, githubRole(pinned)], fail: [oidcProvider, githubRole(condition)] });
const pod = (change: Record<string, unknown>) => deployment({ ...securePod, ...change });
const rbac = (rules: unknown[]) => ({ rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }], ...(rules.length ? { rules } : {}) });
const binding = (group: string) => ({ roleRef: { kind: "Role", name: "viewer" }, subjects: [{ kind: "Group", name: group }] });
const glueSecurity = { encryptionConfiguration: { s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: "arn:k" }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: "arn:k" }, jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: "arn:k" } } };
const catalogEncryption = (mode: string) => ({ dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: mode, sseAwsKmsKeyId: "arn:k" }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: "arn:k" } } });
const ingress = (tls: unknown, annotations: Record<string, string> = {}) => ({ metadata: { name: "api", annotations }, spec: { rules: [{ host: "api.acme.example.com" }, { host: "admin.acme.example.com" }], tls } });

const awsAndSharedCases: Readonly<Record<string, readonly Case[]>> = {
  "encryption-at-rest-cmk": [
    one("aws:glue/job:Job", { securityConfiguration: "pipelines-security" }, { command: { scriptLocation: "s3://b/main.py" } }, "aws"),
    one("aws:glue/crawler:Crawler", { securityConfiguration: "crawler-security" }, {}, "aws"),
    one("aws:glue/securityConfiguration:SecurityConfiguration", glueSecurity, { encryptionConfiguration: { ...glueSecurity.encryptionConfiguration, s3Encryption: { s3EncryptionMode: "DISABLED" } } }, "aws"),
    one("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", catalogEncryption("SSE-KMS"), catalogEncryption("DISABLED"), "aws"),
    {
      cloud: "aws",
      pass: [res("aws:glue/catalogDatabase:CatalogDatabase", "db", { name: "curated" }), res("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "enc", catalogEncryption("SSE-KMS"))],
      fail: [res("aws:glue/catalogDatabase:CatalogDatabase", "db", { name: "curated" })],
    },
    one("aws:rds/instance:Instance", { storageEncrypted: true, kmsKeyId: "arn:k" }, { storageEncrypted: false }, "aws"),
    one("aws:eks/cluster:Cluster", { encryptionConfig: { provider: { keyArn: "arn:k" }, resources: ["secrets"] } }, {}, "aws"),
    one("aws:ecr/repository:Repository", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:k" }] }, { encryptionConfigurations: [{ encryptionType: "AES256" }] }, "aws"),
    one("aws:redshiftserverless/namespace:Namespace", { kmsKeyId: "arn:k" }, {}, "aws"),
    one("aws:sagemaker/endpointConfiguration:EndpointConfiguration", { kmsKeyArn: "arn:k" }, {}, "aws"),
    {
      cloud: "aws",
      pass: [bucket, res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", { bucket: "acme-b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:k" } }] })],
      fail: [bucket, res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", { bucket: "acme-b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })],
    },
    one("gcp:storage/bucket:Bucket", { encryption: { defaultKmsKeyName: key } }, {}, "gcp"),
    one("gcp:sql/databaseInstance:DatabaseInstance", { encryptionKeyName: key }, {}, "gcp"),
    one("gcp:bigquery/dataset:Dataset", { defaultEncryptionConfiguration: { kmsKeyName: key } }, {}, "gcp"),
    one("gcp:container/cluster:Cluster", { databaseEncryption: { state: "ENCRYPTED", keyName: key } }, { databaseEncryption: { state: "DECRYPTED" } }, "gcp"),
    one("gcp:artifactregistry/repository:Repository", { kmsKeyName: key }, {}, "gcp"),
    one("gcp:vertex/aiEndpoint:AiEndpoint", { encryptionSpec: { kmsKeyName: key } }, {}, "gcp"),
    one("azure-native:storage:StorageAccount", { encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: vaultKey, requireInfrastructureEncryption: true } }, { encryption: { keySource: "Microsoft.Storage" } }, "azure"),
    one("azure-native:dbforpostgresql:Server", { dataEncryption: { type: "AzureKeyVault", primaryKeyURI: "https://v/keys/k", primaryUserAssignedIdentityId: "/id/db" } }, {}, "azure"),
    one("azure-native:synapse:Workspace", { encryption: { cmk: { key: { name: "k", keyVaultUrl: "https://v/keys/k" } } } }, {}, "azure"),
    one("azure-native:containerregistry:Registry", { encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: "https://v/keys/k" } } }, { encryption: { status: "disabled" } }, "azure"),
    one("azure-native:containerservice:ManagedCluster", { securityProfile: { azureKeyVaultKms: { enabled: true, keyId: "https://v/keys/k" } } }, {}, "azure"),
    one("azure-native:machinelearningservices:Workspace", { encryption: { status: "Enabled", keyVaultProperties: { keyIdentifier: "https://v/keys/k", keyVaultArmId: "/v" } } }, {}, "azure"),
  ],
  "key-rotation": [
    one("aws:kms/key:Key", { enableKeyRotation: true }, { enableKeyRotation: false }, "aws"),
    one("gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "7776000s" }, {}, "gcp"),
    one("azure-native:keyvault:Key", { properties: { rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] } } }, { properties: {} }, "azure"),
  ],
  "no-public-data": [
    {
      cloud: "aws",
      pass: [bucket, res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: "acme-b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true })],
      fail: [bucket, res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: "acme-b", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })],
    },
    one("aws:s3/bucketAcl:BucketAcl", { acl: "private" }, { acl: "public-read" }, "aws"),
    one("gcp:storage/bucket:Bucket", { publicAccessPrevention: "enforced", uniformBucketLevelAccess: true }, { publicAccessPrevention: "inherited", uniformBucketLevelAccess: true }, "gcp"),
    one("gcp:storage/bucketIAMMember:BucketIAMMember", { member: "serviceAccount:a@p.iam.gserviceaccount.com" }, { member: "allUsers" }, "gcp"),
    one("azure-native:storage:StorageAccount", { allowBlobPublicAccess: false }, { allowBlobPublicAccess: true }, "azure"),
    one("azure-native:storage:BlobContainer", { publicAccess: "None" }, { publicAccess: "Blob" }, "azure"),
  ],
  "no-public-database": [
    one("aws:rds/instance:Instance", { publiclyAccessible: false }, { publiclyAccessible: true }, "aws"),
    one("aws:redshiftserverless/workgroup:Workgroup", { publiclyAccessible: false }, { publiclyAccessible: true }, "aws"),
    one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { ipv4Enabled: false } } }, { settings: { ipConfiguration: { ipv4Enabled: true } } }, "gcp"),
    one("gcp:bigquery/dataset:Dataset", { accesses: [{ role: "READER", groupByEmail: "g@acme.com" }] }, { accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers" }] }, "gcp"),
    one("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Disabled" } }, { network: { publicNetworkAccess: "Enabled" } }, "azure"),
    one("azure-native:synapse:Workspace", { publicNetworkAccess: "Disabled" }, { publicNetworkAccess: "Enabled" }, "azure"),
  ],
  "private-cluster-endpoint": [
    one("aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: false } }, { vpcConfig: { endpointPublicAccess: true } }, "aws"),
    one("gcp:container/cluster:Cluster", { privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true } }, { privateClusterConfig: { enablePrivateEndpoint: false } }, "gcp"),
    one("azure-native:containerservice:ManagedCluster", { apiServerAccessProfile: { enablePrivateCluster: true } }, {}, "azure"),
    // Outside prod a public endpoint (restricted to CIDRs by the spec) is allowed.
    { cloud: "aws", pass: [res("aws:eks/cluster:Cluster", "c", { vpcConfig: { endpointPublicAccess: true } })], fail: [], ctx: { environment: "dev" }, passOnly: true },
  ],
  "tls-in-transit": [
    one("kubernetes:networking.k8s.io/v1:Ingress", ingress([{ hosts: ["api.acme.example.com", "admin.acme.example.com"], secretName: "tls" }]), ingress([]), "kubernetes"),
    one("kubernetes:networking.k8s.io/v1:Ingress", ingress([{ hosts: ["api.acme.example.com", "admin.acme.example.com"], secretName: "tls" }]), ingress([{ hosts: ["api.acme.example.com"], secretName: "tls" }]), "kubernetes"),
    one("kubernetes:networking.k8s.io/v1:Ingress", ingress([{ hosts: ["api.acme.example.com", "admin.acme.example.com"], secretName: "tls" }]), ingress([{ hosts: ["api.acme.example.com", "admin.acme.example.com"], secretName: "tls" }], { "nginx.ingress.kubernetes.io/ssl-redirect": "false" }), "kubernetes"),
    one(
      "aws:cloudfront/distribution:Distribution",
      { defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" }, viewerCertificate: { acmCertificateArn: "arn:c", minimumProtocolVersion: "TLSv1.2_2021" } },
      { defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" }, viewerCertificate: { acmCertificateArn: "arn:c", minimumProtocolVersion: "TLSv1_2016" } },
      "aws",
    ),
    one("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2", profile: "MODERN" }, { minTlsVersion: "TLS_1_0" }, "gcp"),
    one("azure-native:storage:StorageAccount", { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2" }, { enableHttpsTrafficOnly: false, minimumTlsVersion: "TLS1_0" }, "azure"),
    one("azure-native:cdn:Route", { httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly" }, { httpsRedirect: "Disabled", forwardingProtocol: "HttpsOnly" }, "azure"),
  ],
  "database-ssl": [
    one("aws:redshiftserverless/workgroup:Workgroup", { configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }] }, { configParameters: [{ parameterKey: "require_ssl", parameterValue: "false" }] }, "aws"),
    one("aws:redshiftserverless/workgroup:Workgroup", { configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }] }, {}, "aws"),
    {
      cloud: "aws",
      pass: [res("aws:rds/parameterGroup:ParameterGroup", "pg", { parameters: [{ name: "rds.force_ssl", value: "1" }] }), res("aws:rds/instance:Instance", "db", { engine: "postgres", parameterGroupName: "pg" })],
      fail: [res("aws:rds/parameterGroup:ParameterGroup", "pg", { parameters: [{ name: "rds.force_ssl", value: "0" }] }), res("aws:rds/instance:Instance", "db", { engine: "postgres", parameterGroupName: "pg" })],
    },
    one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { sslMode: "ENCRYPTED_ONLY" } } }, { settings: { ipConfiguration: { sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } }, "gcp"),
    one("azure-native:dbforpostgresql:Configuration", { configurationName: "require_secure_transport", value: "on" }, { configurationName: "require_secure_transport", value: "off" }, "azure"),
  ],
  "deny-insecure-transport": [
    {
      cloud: "aws",
      pass: [bucket, res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: statementDoc({ Effect: "Deny", Principal: { AWS: "*" }, Action: ["s3:*"], Condition: { Bool: { "aws:SecureTransport": false } } }) })],
      // Denying one action over plain HTTP leaves every other action open to it.
      fail: [bucket, res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: statementDoc({ Effect: "Deny", Principal: "*", Action: ["s3:PutObject"], Condition: { Bool: { "aws:SecureTransport": "false" } } }) })],
    },
    {
      cloud: "aws",
      pass: [bucket, res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) })],
      fail: [bucket, res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject" }] }) })],
    },
  ],
  "database-backups": [
    one("aws:rds/instance:Instance", { backupRetentionPeriod: 7 }, { backupRetentionPeriod: 1 }, "aws"),
    one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true } } }, { settings: { backupConfiguration: { enabled: true } } }, "gcp"),
    one("azure-native:dbforpostgresql:Server", { backup: { backupRetentionDays: 14, geoRedundantBackup: "Enabled" } }, { backup: { backupRetentionDays: 3 } }, "azure"),
  ],
  "deletion-protection": [
    one("aws:rds/instance:Instance", { deletionProtection: true }, { deletionProtection: false }, "aws"),
    one("gcp:sql/databaseInstance:DatabaseInstance", { deletionProtection: true }, { deletionProtection: false }, "gcp"),
    one("gcp:container/cluster:Cluster", {}, { deletionProtection: false }, "gcp"),
  ],
  "zone-redundancy": [
    one("aws:rds/instance:Instance", { multiAz: true }, { multiAz: false }, "aws"),
    one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { availabilityType: "REGIONAL" } }, { settings: { availabilityType: "ZONAL" } }, "gcp"),
    one("azure-native:dbforpostgresql:Server", { highAvailability: { mode: "ZoneRedundant" } }, { highAvailability: { mode: "Disabled" } }, "azure"),
  ],
  "audit-logging": [
    {
      cloud: "aws",
      pass: [res("aws:cloudtrail/trail:Trail", "t", { enableLogging: true, isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:k" })],
      fail: [res("aws:cloudtrail/trail:Trail", "t", { enableLogging: false, isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:k" })],
    },
    {
      cloud: "aws",
      pass: [res("aws:cloudtrail/trail:Trail", "t", { isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:k" }), res("aws:eks/cluster:Cluster", "c", { enabledClusterLogTypes: ["api", "audit", "authenticator"] })],
      fail: [res("aws:cloudtrail/trail:Trail", "t", { isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:k" }), res("aws:eks/cluster:Cluster", "c", { enabledClusterLogTypes: ["api"] })],
    },
    {
      cloud: "aws",
      pass: [res("aws:cloudtrail/trail:Trail", "t", { isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:k" })],
      fail: [res("aws:s3/bucket:Bucket", "b", {})],
      ctx: { cloud: "aws" },
    },
    {
      cloud: "gcp",
      pass: [res("gcp:projects/iAMAuditConfig:IAMAuditConfig", "a", { project: "p", service: "allServices", auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }, { logType: "ADMIN_READ" }] }), ...lockedSink],
      fail: [res("gcp:projects/iAMAuditConfig:IAMAuditConfig", "a", { project: "p", service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }] })],
      ctx: { cloud: "gcp" },
    },
    {
      cloud: "azure",
      pass: [res("azure-native:monitor:DiagnosticSetting", "d", { resourceUri: "/sub/x", workspaceId: "/sub/law" })],
      fail: [res("azure-native:storage:StorageAccount", "s", {})],
      ctx: { cloud: "azure" },
    },
  ],
  "vpc-flow-logs": [
    { cloud: "aws", pass: [res("aws:ec2/vpc:Vpc", "vpc", {}), res("aws:ec2/flowLog:FlowLog", "f", { vpcId: "vpc" })], fail: [res("aws:ec2/vpc:Vpc", "vpc", {}), res("aws:ec2/flowLog:FlowLog", "f", { vpcId: "other" })] },
    one("gcp:compute/subnetwork:Subnetwork", { logConfig: { aggregationInterval: "INTERVAL_5_SEC" } }, {}, "gcp"),
    {
      cloud: "azure",
      pass: [res("azure-native:network:VirtualNetwork", "vnet", { virtualNetworkName: "acme-vnet" }), res("azure-native:network:FlowLog", "f", { targetResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/acme-vnet" })],
      fail: [res("azure-native:network:VirtualNetwork", "vnet", { virtualNetworkName: "acme-vnet" })],
    },
  ],
  "no-wildcard-iam": [
    one("aws:iam/rolePolicy:RolePolicy", { policy: policyDoc(["iam:GetRole"], "*") }, { policy: policyDoc(["iam:*"], "*") }, "aws"),
    one("aws:iam/policy:Policy", { policy: policyDoc(["s3:*"], "arn:aws:s3:::b/*") }, { policy: policyDoc("s3:*", ["*"]) }, "aws"),
    one("aws:iam/rolePolicy:RolePolicy", { policy: policyDoc(["s3:GetObject"], "arn:aws:s3:::b/*") }, { policy: statementDoc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }) }, "aws"),
    one("aws:iam/rolePolicy:RolePolicy", { policy: policyDoc(["s3:GetObject"], "arn:aws:s3:::b/*") }, { policy: statementDoc({ Effect: "Allow", Action: ["s3:GetObject"], NotResource: "arn:aws:s3:::secrets/*" }) }, "aws"),
    one("aws:kms/key:Key", { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: ["kms:Decrypt"], Resource: "*" }) }, { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/app" }, Action: ["kms:*"], Resource: "*" }) }, "aws"),
    one("kubernetes:rbac.authorization.k8s.io/v1:Role", rbac([]), rbac([{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }]), "kubernetes"),
    one("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", rbac([]), rbac([{ apiGroups: [""], resources: ["*"], verbs: ["get"] }]), "kubernetes"),
    one("kubernetes:rbac.authorization.k8s.io/v1:Role", rbac([]), rbac([{ apiGroups: ["*"], resources: ["deployments"], verbs: ["get"] }]), "kubernetes"),
    one("aws:iam/rolePolicy:RolePolicy", { policy: policyDoc(["s3:GetObject"], "arn:aws:s3:::b/*") }, { policy: policyDoc("*", "*") }, "aws"),
    one("aws:iam/role:Role", { inlinePolicies: [{ name: "p", policy: policyDoc("s3:GetObject", "*") }] }, { inlinePolicies: [{ name: "p", policy: policyDoc(["*"], ["*"]) }] }, "aws"),
    one("azure-native:authorization:RoleDefinition", { permissions: [{ actions: ["Microsoft.Storage/storageAccounts/read"] }] }, { permissions: [{ actions: ["*"] }] }, "azure"),
  ],
  "no-privileged-roles": [
    one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" }, { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }, "aws"),
    one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly" }, { policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, "aws"),
    one("aws:iam/policyAttachment:PolicyAttachment", { policyArn: "arn:aws:iam::123456789012:policy/app" }, { policyArn: "arn:aws:iam::aws:policy/AWSLambda_FullAccess" }, "aws"),
    one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::123456789012:policy/app-readonly" }, { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess-Amplify" }, "aws"),
    one("aws:iam/role:Role", { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"] }, { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }, "aws"),
    one("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { policyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"] }, { policyArns: ["arn:aws:iam::aws:policy/job-function/SystemAdministrator"] }, "aws"),
    one("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", binding("platform-engineers"), binding("system:authenticated"), "kubernetes"),
    one("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", binding("platform-engineers"), binding("system:anonymous"), "kubernetes"),
    one("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", binding("platform-engineers"), { roleRef: { kind: "Role", name: "viewer" }, subjects: [{ kind: "User", name: "system:anonymous" }, { kind: "Group", name: "system:unauthenticated" }] }, "kubernetes"),
    one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, "aws"),
    one("gcp:projects/iAMMember:IAMMember", { role: "roles/storage.objectViewer", member: "serviceAccount:a@p" }, { role: "roles/editor", member: "serviceAccount:a@p" }, "gcp"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/lake" }, { roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635" }, "azure"),
    one("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", { roleRef: { kind: "ClusterRole", name: "view" } }, { roleRef: { kind: "ClusterRole", name: "cluster-admin" } }, "kubernetes"),
  ],
  "ci-identity-federated": [
    // Judged by the provider the plan creates, followed from the Federated reference (no issuer host in the ARN).
    oidcCase(undefined),
    oidcCase({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } }),
    oidcCase({ StringEquals: { [`${gh}:sub`]: "repo:acme/shop:environment:prod" } }),
    oidcCase({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${gh}:sub`]: "repo:acme/shop:*" } }),
    oidcCase({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: "repo:acme/shop:environment:prod" }, StringLike: { [`${gh}:sub`]: "repo:acme/*" } }),
    oidcCase({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: "repo:acme/*:environment:prod" } }),
    oidcCase({ StringLike: { [`${gh}:aud`]: "*", [`${gh}:sub`]: "repo:acme/shop:environment:prod" } }),
    oidcCase({ "ForAnyValue:StringLike": { [`${gh}:sub`]: ["repo:acme/shop:*"] }, StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" } }),
    // A branch-pinned subject is exact too (the publish identity: repo:OWNER/REPO:ref:refs/heads/main).
    { cloud: "aws", pass: [oidcProvider, githubRole({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: "repo:acme/shop:ref:refs/heads/main" } })], fail: [oidcProvider, githubRole({ StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com", [`${gh}:sub`]: "repo:acme/shop:ref:refs/heads/*" } })] },
    one("aws:iam/role:Role", { assumeRolePolicy: trust("repo:acme/shop:environment:prod") }, { assumeRolePolicy: trust("repo:acme/*", "StringLike") }, "aws"),
    one(
      "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
      { oidc: { issuerUri: "https://token.actions.githubusercontent.com" }, attributeCondition: "assertion.repository == 'acme/shop' && assertion.environment == 'prod'" },
      { oidc: { issuerUri: "https://token.actions.githubusercontent.com" } },
      "gcp",
    ),
    one(
      "azure-native:managedidentity:FederatedIdentityCredential",
      { issuer: "https://token.actions.githubusercontent.com", subject: "repo:acme/shop:environment:prod", audiences: ["api://AzureADTokenExchange"] },
      { issuer: "https://token.actions.githubusercontent.com", subject: "repo:acme/shop:pull_request", audiences: ["api://AzureADTokenExchange"] },
      "azure",
    ),
  ],
  "no-long-lived-credentials": [
    { cloud: "aws", pass: [res("aws:iam/role:Role", "r", {})], fail: [res("aws:iam/accessKey:AccessKey", "k", { user: "deploy" })] },
    { cloud: "gcp", pass: [res("gcp:serviceaccount/account:Account", "sa", { accountId: "api" })], fail: [res("gcp:serviceaccount/key:Key", "k", { serviceAccountId: "api" })] },
    one("azure-native:storage:StorageAccount", { allowSharedKeyAccess: false }, { allowSharedKeyAccess: true }, "azure"),
    { cloud: "azure", pass: [res("azure-native:managedidentity:UserAssignedIdentity", "id", {})], fail: [res("azuread:index/applicationPassword:ApplicationPassword", "secret", {})] },
  ],
  "k8s-restricted-pod-security": [
    one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ securityContext: { ...securePod.containers[0]!.securityContext, capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } } })), "kubernetes"),
    one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ securityContext: { ...securePod.containers[0]!.securityContext, runAsNonRoot: true, runAsUser: 0 } })), "kubernetes"),
    one("kubernetes:apps/v1:Deployment", deployment(securePod), pod({ securityContext: { ...securePod.securityContext, runAsUser: 0 } }), "kubernetes"),
    one("kubernetes:apps/v1:Deployment", deployment(securePod), pod({ automountServiceAccountToken: true }), "kubernetes"),
    one("kubernetes:core/v1:ServiceAccount", { automountServiceAccountToken: false }, { automountServiceAccountToken: true }, "kubernetes"),
    one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ securityContext: { privileged: true } })), "kubernetes"),
    one("kubernetes:batch/v1:CronJob", { spec: { jobTemplate: { spec: { template: { spec: securePod } } } } }, { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "c" }] } } } } } }, "kubernetes"),
  ],
  "no-internet-ingress": [
    one("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ cidrBlocks: ["10.0.0.0/16"], fromPort: 5432, toPort: 5432, protocol: "tcp" }] }, { ingress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 5432, toPort: 5432, protocol: "tcp" }] }, "aws"),
    one("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ ipv6CidrBlocks: ["fd00::/8"], fromPort: 0, toPort: 65535, protocol: "-1" }] }, { ingress: [{ ipv6CidrBlocks: ["::/0"], fromPort: 0, toPort: 65535, protocol: "-1" }] }, "aws"),
    // The internet in two halves, over two separate rule resources, is still the internet.
    { cloud: "aws", pass: [sg("web", []), ingressRule("a", "web", "10.0.0.0/9"), ingressRule("b", "web", "10.128.0.0/9")], fail: [sg("web", []), ingressRule("a", "web", "0.0.0.0/1"), ingressRule("b", "web", "128.0.0.0/1")] },
    { cloud: "aws", pass: [sg("web", [{ cidrBlocks: ["0.0.0.0/1"], fromPort: 22, toPort: 22 }])], fail: [sg("web", [{ cidrBlocks: ["0.0.0.0/1"], fromPort: 22, toPort: 22 }]), ingressRule("b", "web", "128.0.0.0/1")] },
    one("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", securityGroupId: "sg-elsewhere", cidrBlocks: ["192.168.0.0/16"], fromPort: 3389, toPort: 3389 }, { type: "ingress", securityGroupId: "sg-elsewhere", cidrBlocks: ["0.0.0.0/0"], fromPort: 3389, toPort: 3389 }, "aws"),
    one("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "egress", securityGroupId: "sg-elsewhere", cidrBlocks: ["0.0.0.0/0"], fromPort: 443, toPort: 443 }, { type: "ingress", securityGroupId: "sg-elsewhere", ipv6CidrBlocks: ["2000::/3"], fromPort: 443, toPort: 443 }, "aws"),
    one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", { vpcId: "vpc", ingress: [], egress: [] }, { vpcId: "vpc", ingress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 0, toPort: 0, protocol: "-1" }], egress: [] }, "aws"),
    one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", { vpcId: "vpc", ingress: [], egress: [] }, { vpcId: "vpc", ingress: [{ self: true, fromPort: 0, toPort: 0, protocol: "-1" }], egress: [] }, "aws"),
    one("aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.10/32"] } }, { vpcConfig: { endpointPublicAccess: true } }, "aws", { environment: "dev" }),
    one("aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: false } }, { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }, "aws", { environment: "dev" }),
    one("aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: false } }, { vpcConfig: { publicAccessCidrs: ["0.0.0.0/0"] } }, "aws"),
    one("gcp:compute/firewall:Firewall", { direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["443"] }], sourceRanges: ["10.0.0.0/8"] }, { direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] }, "gcp"),
    one("gcp:container/cluster:Cluster", { privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true } }, { masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "0.0.0.0/0" }] } }, "gcp"),
    one("azure-native:containerservice:ManagedCluster", { apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] } }, { apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/1", "128.0.0.0/1"] } }, "azure"),
  ],
  "no-public-principal": [
    {
      cloud: "aws",
      pass: [res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: statementDoc({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-b/*", Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudfront::1:distribution/D" } } }) })],
      fail: [res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: statementDoc({ Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-b/*" }) })],
    },
    one("aws:kms/key:Key", { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } }) }, { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*" }) }, "aws"),
    one("aws:kms/key:Key", { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }) }, { policy: statementDoc({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["kms:Decrypt"], Resource: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } }) }, "aws"),
    one("aws:iam/role:Role", { assumeRolePolicy: statementDoc({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole"] }) }, { assumeRolePolicy: statementDoc({ Effect: "Allow", Principal: "*", Action: ["sts:AssumeRole"] }) }, "aws"),
    one("aws:ecr/repositoryPolicy:RepositoryPolicy", { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/ci" }, Action: ["ecr:BatchGetImage"] }) }, { policy: statementDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["ecr:BatchGetImage"] }) }, "aws"),
  ],
  "cdn-waf": [
    one("aws:cloudfront/distribution:Distribution", { webAclId: "arn:aws:wafv2:us-east-1:1:global/webacl/site/1" }, { webAclId: "" }, "aws"),
  ],
  "registry-immutable-scanned": [
    one("aws:ecr/repository:Repository", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } }, { imageTagMutability: "MUTABLE", imageScanningConfiguration: { scanOnPush: true } }, "aws"),
    one("aws:ecr/repository:Repository", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } }, { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: false } }, "aws"),
    one("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", { scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] }, { scanType: "BASIC", rules: [{ scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] }, "aws"),
    one("gcp:artifactregistry/repository:Repository", { format: "DOCKER", dockerConfig: { immutableTags: true }, vulnerabilityScanningConfig: { enablementConfig: "INHERITED" } }, { format: "DOCKER", vulnerabilityScanningConfig: { enablementConfig: "INHERITED" } }, "gcp"),
  ],
  "k8s-service-exposure": [
    one("kubernetes:core/v1:Service", { metadata: { namespace: "shop" }, spec: { type: "ClusterIP" } }, { metadata: { namespace: "shop" }, spec: { type: "LoadBalancer" } }, "kubernetes"),
    one("kubernetes:core/v1:Service", { metadata: { namespace: "ingress-nginx" }, spec: { type: "LoadBalancer" } }, { metadata: { namespace: "shop" }, spec: { type: "NodePort" } }, "kubernetes"),
    one("kubernetes:core/v1:Service", { metadata: { namespace: "shop" }, spec: {} }, { metadata: { namespace: "shop" }, spec: { type: "ClusterIP", externalIPs: ["198.51.100.7"] } }, "kubernetes"),
  ],
  "k8s-requests-limits": [one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ resources: { requests: { cpu: "1" } } })), "kubernetes")],
  "k8s-image-digest": [one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ image: "nginx:latest" })), "kubernetes")],
  "k8s-no-host-access": [
    one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment(container({ ports: [{ name: "http", containerPort: 8080, hostPort: 8080 }] })), "kubernetes"),
    one("kubernetes:core/v1:Pod", { spec: securePod }, { spec: { ...securePod, hostNetwork: true } }, "kubernetes"),
    one("kubernetes:apps/v1:Deployment", deployment(securePod), deployment({ ...securePod, volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }), "kubernetes"),
  ],
  "k8s-default-deny-network-policy": [
    {
      cloud: "kubernetes",
      pass: [res("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "shop" } }), res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np", { metadata: { namespace: "shop" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } })],
      fail: [res("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "shop" } }), res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np", { metadata: { namespace: "shop" }, spec: { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"] } })],
    },
  ],
  "required-tags": [
    one("aws:s3/bucket:Bucket", { tags }, { tags: { owner: "platform" } }, "aws"),
    one("gcp:storage/bucket:Bucket", { labels: { owner: "platform", "cost-center": "cc-1" } }, { labels: { owner: "platform" } }, "gcp"),
    one("azure-native:storage:StorageAccount", { tags }, {}, "azure"),
    one("kubernetes:apps/v1:Deployment", { metadata: { labels: { "stratum.io/owner": "platform", "stratum.io/cost-center": "cc-1" } } }, { metadata: { labels: { owner: "platform", "cost-center": "cc-1" } } }, "kubernetes"),
  ],
  "data-residency": [
    one("aws:rds/instance:Instance", { region: "eu-west-1" }, { region: "us-east-1" }, "aws"),
    one("pulumi:providers:aws", { region: "eu-west-1" }, { region: "us-east-1" }, "aws"),
    one("gcp:storage/bucket:Bucket", { location: "EUROPE-WEST1" }, { location: "US" }, "gcp", { allowedRegions: ["europe-west1"] }),
    one("gcp:container/cluster:Cluster", { location: "europe-west1-b" }, { location: "us-central1-a" }, "gcp", { allowedRegions: ["europe-west1"] }),
    one("azure-native:storage:StorageAccount", { location: "West Europe" }, { location: "eastus" }, "azure", { allowedRegions: ["westeurope"] }),
  ],
};

/** Each rule's cases: those above, then each cloud's own file (test/policy/cases-gcp.ts, cases-azure.ts). */
const cases = mergeCases(awsAndSharedCases, gcpCases, azureCases);

describe("every rule", () => {
  it("has pass/violate cases", () => {
    expect(Object.keys(cases).sort()).toEqual(allRules.map((r) => r.id).sort());
  });
  it("carries id, description, severity, remediation and controls", () => {
    for (const rule of allRules) {
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(10);
      expect(Object.values(rule.controls).flat().length, rule.id).toBeGreaterThan(0);
    }
  });
});

for (const rule of allRules) {
  describe(rule.id, () => {
    (cases[rule.id] ?? []).forEach((c, i) => {
      const ctx = context(c.ctx);
      const label = `${c.cloud} #${i + 1} (${(c.fail.at(-1) ?? c.pass.at(-1))?.type})`;
      // Offline (`stratum plan`, `policy check`) and through the CrossGuard pack's own policy objects: the same verdict.
      it(`passes a compliant resource: ${label}`, async () => {
        expect(findings(rule, c.pass, ctx)).toEqual([]);
        expect(await packViolations(rule, c.pass, ctx)).toEqual([]);
      });
      if (!c.passOnly) {
        it(`catches a violating resource: ${label}`, async () => {
          const offline = findings(rule, c.fail, ctx);
          expect(offline.length).toBeGreaterThan(0);
          expect(await packViolations(rule, c.fail, ctx)).toEqual(offline.map((f) => ({ message: f.message, urn: f.urn })));
        });
      }
    });
  });
}
