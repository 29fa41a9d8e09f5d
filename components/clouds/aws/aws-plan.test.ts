import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../../lib/plan/model.ts";
import { deployTrustFor } from "../../github-environments.ts";
import { awsPolicies } from "./conformance-inspector.ts";
import type { Tier } from "../../../lib/plan/tiers.ts";
import { inventory, type PlannedStack } from "../../conformance/plan-stack.ts";
import { examplePlannedStack } from "../../../test/support/example-plans.ts";

/** AWS-specific checks on the example stacks' plans; the cloud-neutral ones are in the conformance suite. */
const plans = {} as Record<"dev" | "prod", PlannedStack>;
beforeAll(async () => {
  plans.dev = await examplePlannedStack("dev-aws");
  plans.prod = await examplePlannedStack("prod-aws");
});

const ofType = (plan: PlannedStack, type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);
const one = (plan: PlannedStack, type: string): Record<string, any> => {
  const found = ofType(plan, type);
  expect(found, type).toHaveLength(1);
  return found[0]!.inputs as Record<string, any>;
};
const countsByType = (resources: PlanResource[]) => resources.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.type]: (acc[r.type] ?? 0) + 1 }), {});

describe.each(["dev", "prod"] as const)("%s-aws inventory", (env) => {
  const managed = env === "prod" ? 1 : 0;
  const expected: Record<Tier, Record<string, number>> = {
    governance: { "aws:kms/key:Key": 8, "aws:kms/alias:Alias": 8, "aws:cloudtrail/trail:Trail": 1, "aws:s3/bucket:Bucket": 1 },
    infra: {
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/subnet:Subnet": 9,
      "aws:ec2/natGateway:NatGateway": env === "prod" ? 3 : 1,
      "aws:ec2/flowLog:FlowLog": 1,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 3,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
      "aws:eks/cluster:Cluster": 1,
      "aws:eks/nodeGroup:NodeGroup": 1,
      "aws:eks/addon:Addon": 1,
      // Deploy, preview and the two teams; dev stacks also the review identity.
      "aws:eks/accessEntry:AccessEntry": env === "prod" ? 4 : 5,
      "aws:ecr/repository:Repository": 4,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider": 1,
    },
    data: {
      "aws:rds/instance:Instance": 1,
      "aws:s3/bucket:Bucket": 2,
      "aws:redshiftserverless/namespace:Namespace": 1,
      "aws:redshiftserverless/workgroup:Workgroup": 1,
      // Pipelines run their scanned image as a CronJob on the cluster: no Glue job runs an unbuilt script.
      "aws:glue/job:Job": 0,
      "aws:glue/trigger:Trigger": 0,
      "aws:glue/crawler:Crawler": 2,
      "aws:glue/catalogDatabase:CatalogDatabase": 2,
      "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": 1,
      "aws:lakeformation/resource:Resource": 2,
    },
    ml: { "aws:s3/bucket:Bucket": 1, "aws:sagemaker/model:Model": managed, "aws:sagemaker/endpointConfiguration:EndpointConfiguration": managed, "aws:sagemaker/endpoint:Endpoint": managed },
    web: { "aws:s3/bucket:Bucket": 1, "aws:cloudfront/distribution:Distribution": 1, "aws:cloudfront/originAccessControl:OriginAccessControl": 1, "aws:wafv2/webAcl:WebAcl": 1, "aws:acm/certificate:Certificate": 1 },
  };
  it.each(Object.keys(expected) as Tier[])("%s tier", (tier) => {
    const counts = countsByType(inventory(plans[env])[tier]);
    for (const [type, count] of Object.entries(expected[tier])) expect(counts[type] ?? 0, type).toBe(count);
  });
});

describe.each(["dev", "prod"] as const)("%s-aws secure defaults", (env) => {
  const prod = env === "prod";
  const plan = () => plans[env];

  it("network: no public IPs on launch, data subnets without internet, default security group empty", () => {
    for (const subnet of ofType(plan(), "aws:ec2/subnet:Subnet")) expect(subnet.inputs["mapPublicIpOnLaunch"], subnet.name).toBe(false);
    const dataRoutes = ofType(plan(), "aws:ec2/routeTable:RouteTable").find((r) => r.name.endsWith("data-routes"))!;
    expect(dataRoutes.inputs["routes"] ?? []).toEqual([]);
    expect(one(plan(), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")).toMatchObject({ ingress: [], egress: [] });
    expect(one(plan(), "aws:ec2/flowLog:FlowLog")).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
    expect(ofType(plan(), "aws:ec2/eip:Eip")).toHaveLength(prod ? 3 : 1);
  });

  it("cluster: private endpoint, API access entries only, control-plane logs, IMDSv2, pod identity agent", () => {
    const cluster = one(plan(), "aws:eks/cluster:Cluster");
    expect(cluster["vpcConfig"]).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
    expect(cluster["accessConfig"]).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
    expect(cluster["enabledClusterLogTypes"]).toEqual(["api", "audit", "authenticator"]);
    expect(cluster["deletionProtection"]).toBe(prod);
    expect(one(plan(), "aws:ec2/launchTemplate:LaunchTemplate")["metadataOptions"]).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect(one(plan(), "aws:eks/nodeGroup:NodeGroup")["scalingConfig"]).toEqual(prod ? { minSize: 3, maxSize: 12, desiredSize: 3 } : { minSize: 1, maxSize: 3, desiredSize: 1 });
    expect(one(plan(), "aws:eks/addon:Addon")["addonName"]).toBe("eks-pod-identity-agent");
  });

  it("registry: immutable tags, scan on push, KMS, lifecycle", () => {
    for (const repo of ofType(plan(), "aws:ecr/repository:Repository")) {
      expect(repo.inputs, repo.name).toMatchObject({ imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS" }] });
    }
    expect(ofType(plan(), "aws:ecr/lifecyclePolicy:LifecyclePolicy")).toHaveLength(4);
  });

  it("database: managed password, TLS forced, IAM auth, logs; multi-AZ and deletion protection in prod only", () => {
    const db = one(plan(), "aws:rds/instance:Instance");
    expect(db).toMatchObject({ storageEncrypted: true, manageMasterUserPassword: true, publiclyAccessible: false, iamDatabaseAuthenticationEnabled: true, skipFinalSnapshot: false });
    expect(db["password"]).toBeUndefined();
    expect(db["kmsKeyId"]).toMatch(/^arn:aws:kms:/);
    expect(db["multiAz"]).toBe(prod);
    expect(db["deletionProtection"]).toBe(prod);
    expect(db["backupRetentionPeriod"]).toBe(prod ? 30 : 7);
    expect(db["enabledCloudwatchLogsExports"]).toContain("postgresql");
    expect(one(plan(), "aws:rds/parameterGroup:ParameterGroup")["parameters"]).toContainEqual({ name: "rds.force_ssl", value: "1" });
  });

  it("lake: SSE-KMS with a bucket key, access logs, policy denying plain HTTP and other encryption", () => {
    const sse = ofType(plan(), "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    for (const s of sse) expect((s.inputs["rules"] as any[])[0], s.name).toMatchObject({ bucketKeyEnabled: true, applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } });
    const lakeLogging = ofType(plan(), "aws:s3/bucketLogging:BucketLogging").filter((l) => l.name.includes("lake-"));
    expect(lakeLogging).toHaveLength(2);
    for (const policy of ofType(plan(), "aws:s3/bucketPolicy:BucketPolicy")) {
      const sids = (JSON.parse(policy.inputs["policy"] as string).Statement as { Sid: string }[]).map((s) => s.Sid);
      expect(sids, policy.name).toEqual(expect.arrayContaining(["DenyInsecureTransport", "DenyOtherEncryption", "DenyOtherKey"]));
    }
  });

  it("warehouse, pipelines, catalog, models: encrypted, private", () => {
    expect(one(plan(), "aws:redshiftserverless/workgroup:Workgroup")).toMatchObject({ publiclyAccessible: false, enhancedVpcRouting: true });
    expect(one(plan(), "aws:redshiftserverless/namespace:Namespace")).toMatchObject({ manageAdminPassword: true, kmsKeyId: expect.stringMatching(/^arn:aws:kms:/) });
    for (const config of ofType(plan(), "aws:glue/securityConfiguration:SecurityConfiguration")) {
      expect(config.inputs["encryptionConfiguration"], config.name).toMatchObject({
        s3Encryption: { s3EncryptionMode: "SSE-KMS" },
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS" },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS" },
      });
    }
    expect(one(plan(), "kubernetes:batch/v1:CronJob")["spec"]).toMatchObject({ schedule: "0 2 * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid" });
    expect(one(plan(), "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings")["dataCatalogEncryptionSettings"]).toMatchObject({ encryptionAtRest: { catalogEncryptionMode: "SSE-KMS" } });
    if (prod) {
      expect(one(plan(), "aws:sagemaker/model:Model")).toMatchObject({
        enableNetworkIsolation: true,
        vpcConfig: { subnets: expect.any(Array) },
        primaryContainer: { image: `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-prod-recommender@sha256:${"0".repeat(64)}`, environment: { PORT: "8080", MODEL_ARTIFACTS_URL: "s3://acme-prod-model-artifacts/recommender/", AWS_REGION: "us-east-1" } },
      });
      expect(one(plan(), "aws:sagemaker/model:Model")["primaryContainer"]).not.toHaveProperty("modelDataUrl");
      expect(one(plan(), "aws:sagemaker/endpointConfiguration:EndpointConfiguration")["kmsKeyArn"]).toMatch(/^arn:aws:kms:/);
    }
  });

  it("front end: HTTPS with TLS 1.2+, WAF, bucket readable only by this distribution", () => {
    const cdn = one(plan(), "aws:cloudfront/distribution:Distribution");
    expect(cdn["defaultCacheBehavior"]["viewerProtocolPolicy"]).toBe("redirect-to-https");
    expect(cdn["viewerCertificate"]).toMatchObject({ minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" });
    expect(cdn["webAclId"]).toMatch(/^arn:aws:wafv2:/);
    expect(cdn["origins"][0]["originAccessControlId"]).toBeTruthy();
    const site = ofType(plan(), "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.name.endsWith("site-policy"))!;
    const grant = JSON.parse(site.inputs["policy"] as string).Statement.find((s: { Sid: string }) => s.Sid === "OnlyThisDistributionReads");
    expect(grant).toMatchObject({ Principal: { Service: "cloudfront.amazonaws.com" }, Condition: { StringEquals: { "AWS:SourceArn": expect.stringMatching(/^arn:aws:cloudfront::/) } } });
  });

  it("IAM: every policy parses, and no Allow statement has a `*` action, nor a service-wide action on `*`", () => {
    const policies = awsPolicies(plan());
    expect(policies.length).toBeGreaterThan(20);
    for (const { urn, document } of policies) {
      for (const statement of document.Statement) {
        if (statement.Effect !== "Allow") continue;
        const actions = [statement.Action].flat() as string[];
        expect(actions, urn).not.toContain("*");
        const resources = [statement.Resource ?? []].flat() as string[];
        if (resources.includes("*")) expect(actions.filter((a) => a.endsWith(":*")), urn).toEqual([]);
      }
    }
  });

  it("keys: every key that encrypts CloudWatch Logs (log groups, Glue security configurations) lets the Logs service use it", () => {
    const logKeys = new Set([
      ...ofType(plan(), "aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs["kmsKeyId"] as string),
      ...ofType(plan(), "aws:glue/securityConfiguration:SecurityConfiguration").map((c) => (c.inputs["encryptionConfiguration"] as any).cloudwatchEncryption.kmsKeyArn as string),
    ]);
    expect(logKeys.size).toBeGreaterThan(1);
    for (const keyArn of logKeys) {
      const key = ofType(plan(), "aws:kms/key:Key").find((k) => keyArn.endsWith(`/${k.name}`));
      expect(key, keyArn).toBeDefined();
      const services = (JSON.parse(key!.inputs["policy"] as string).Statement as { Principal?: { Service?: string } }[]).map((s) => s.Principal?.Service);
      expect(services, keyArn).toContain(`logs.${plan().region}.amazonaws.com`);
    }
  });

  it("IAM: KMS data use (decrypt, encrypt, data keys, grants) is granted on named keys, never on every key of the account", () => {
    const use = /^kms:(Decrypt|Encrypt|ReEncrypt|GenerateDataKey|CreateGrant)/;
    const roles = ofType(plan(), "aws:iam/rolePolicy:RolePolicy");
    expect(roles.length).toBeGreaterThan(5);
    for (const role of roles) {
      for (const statement of JSON.parse(role.inputs["policy"] as string).Statement as { Action: string[]; Resource: string[] }[]) {
        if (!statement.Action.some((a) => use.test(a))) continue;
        for (const resource of statement.Resource) expect(resource, role.name).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[^*]+$/);
      }
    }
  });

  it("IAM: a role that reads or writes a bucket's objects may use the key that bucket is encrypted with", () => {
    const keyOfBucket = new Map(ofType(plan(), "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
      .map((c) => [c.inputs["bucket"] as string, (c.inputs["rules"] as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId as string]));
    const glob = (pattern: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    let checked = 0;
    for (const role of ofType(plan(), "aws:iam/rolePolicy:RolePolicy")) {
      const statements = JSON.parse(role.inputs["policy"] as string).Statement as { Action: string[]; Resource: string[] }[];
      const keys = statements.filter((s) => s.Action.includes("kms:Decrypt")).flatMap((s) => s.Resource);
      const objects = statements.filter((s) => s.Action.some((a) => a === "s3:GetObject" || a === "s3:PutObject")).flatMap((s) => s.Resource);
      for (const object of objects) {
        const pattern = glob(object.replace(/^arn:aws:s3:::/, "").split("/")[0]!);
        for (const [bucket, key] of keyOfBucket) {
          if (!pattern.test(bucket) && !pattern.test(`${bucket}-0123abc`)) continue;
          expect(keys, `${role.name} on ${bucket}`).toContain(key);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it("IAM: the Glue role (the catalog's crawlers) reaches only the lake zones' catalog databases and tables, by name", () => {
    const zoneDatabases = ofType(plan(), "aws:glue/catalogDatabase:CatalogDatabase").map((d) => d.inputs["name"] as string);
    const glueRoles = ofType(plan(), "aws:iam/role:Role").filter((r) => (r.inputs["assumeRolePolicy"] as string).includes('"glue.amazonaws.com"')).map((r) => r.name);
    expect(glueRoles).toEqual([`acme-${env}-crawler-role`]);
    const glueResources = ofType(plan(), "aws:iam/rolePolicy:RolePolicy")
      .filter((r) => glueRoles.includes(r.inputs["role"] as string))
      .flatMap((r) => JSON.parse(r.inputs["policy"] as string).Statement as { Action: string[]; Resource: string[] }[])
      .filter((s) => s.Action.some((a) => a.startsWith("glue:")))
      .flatMap((s) => s.Resource);
    expect(glueResources.length).toBeGreaterThan(0);
    for (const arn of glueResources) {
      const [, kind, database] = /^arn:aws:glue:[a-z0-9-]+:\d{12}:(catalog|database|table)\/?([^/]*)/.exec(arn) ?? [];
      expect(kind, arn).toBeDefined();
      if (kind !== "catalog") expect(zoneDatabases, arn).toContain(database);
    }
  });

  const trustOf = (role: string) => JSON.parse(ofType(plan(), "aws:iam/role:Role").find((r) => r.name === `acme-${env}-${role}`)!.inputs["assumeRolePolicy"] as string);
  const permissionsOf = (role: string) => JSON.parse(ofType(plan(), "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === `acme-${env}-${role}-permissions`)!.inputs["policy"] as string);

  it("deploy role: GitHub's issuer, STS audience and exactly the deploy environments' subjects, by StringEquals only", () => {
    const trust = trustOf("deploy");
    expect(trust.Statement).toHaveLength(1);
    const [statement] = trust.Statement;
    expect(statement.Principal.Federated).toMatch(/openidconnectprovider/i);
    const subjects = deployTrustFor(env).map((e) => `repo:acme/platform:environment:${e}`);
    expect(statement.Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": subjects.length === 1 ? subjects[0] : subjects },
    });
    // Never `review`: review environments are created by the dev stack's review identity (aws-review.ts).
    expect(subjects).toEqual(prod ? ["repo:acme/platform:environment:production"] : ["repo:acme/platform:environment:staging"]);
    expect(one(plan(), "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toMatchObject({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
  });

  it("deploy role: invalidates only the stack's own distribution, granted by the front end on its ARN (no name pattern, no tag condition)", () => {
    const grant = ofType(plan(), "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === `acme-${env}-deploy-site`)!;
    const invalidate = (JSON.parse(String(grant.inputs["policy"])).Statement as { Sid: string; Resource: string[]; Condition?: unknown }[]).find((s) => s.Sid === "InvalidateCdn");
    expect(invalidate?.Resource).toEqual([`arn:aws:cloudfront::000000000000:distribution/acme-${env}-cdn`]);
    expect(invalidate?.Condition).toBeUndefined();
  });

  it("preview role: trusted only in the preview environment, and reads configuration only", () => {
    expect(trustOf("preview").Statement[0].Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/platform:environment:preview" },
    });
    const actions = (permissionsOf("preview").Statement as { Action: string[] }[]).flatMap((s) => s.Action);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:(Get|List|Describe)/);
    for (const forbidden of ["s3:GetObject", "redshift-serverless:GetCredentials", "glue:GetConnection"]) expect(actions).not.toContain(forbidden);
    // Listing a bucket shows its object names: only the stack's own buckets.
    const listing = (permissionsOf("preview").Statement as { Action: string[]; Resource: string[] }[]).filter((s) => s.Action.includes("s3:ListBucket"));
    expect(listing.flatMap((s) => s.Resource)).toEqual([`arn:aws:s3:::acme-${env}-*`]);
    const access = ofType(plan(), "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find((a) => a.name === `acme-${env}-preview-access-policy`)!;
    expect(access.inputs["policyArn"]).toMatch(/AmazonEKSViewPolicy$/);
  });

  it("teams: an access entry maps each team's IAM role to its Kubernetes group, with no cluster-wide access policy", () => {
    const entries = ofType(plan(), "aws:eks/accessEntry:AccessEntry").filter((e) => e.name.includes("-team-"));
    expect(entries.map((e) => [e.inputs["principalArn"], e.inputs["kubernetesGroups"]])).toEqual([
      ["arn:aws:iam::111122223333:role/analysts", ["arn:aws:iam::111122223333:role/analysts"]],
      ["arn:aws:iam::111122223333:role/platform-engineers", ["arn:aws:iam::111122223333:role/platform-engineers"]],
    ]);
    expect(ofType(plan(), "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((a) => a.name.includes("-team-"))).toEqual([]);
  });

  it("provider: in the spec's region, and refusing credentials of any account but the spec's", () => {
    const provider = one(plan(), "pulumi:providers:aws");
    expect(provider["region"]).toBe(plan().spec.region);
    expect(JSON.parse(provider["allowedAccountIds"])).toEqual([plan().spec.account.aws?.accountId]);
    expect(plan().spec.account.aws?.accountId).toMatch(/^\d{12}$/);
    expect(plan().outputs["accountId"]).toBe(plan().spec.account.aws?.accountId);
  });

  it("outputs: secrets masked, the same names as every cloud", () => {
    const outputs = plan().outputs;
    expect(outputs["kubeconfig"]).toBe("[secret]");
    expect(outputs["databaseAdminSecret"]).toBe("[secret]");
    expect(outputs).toMatchObject({ clusterName: `acme-${env}-eks`, clusterOidcIssuer: expect.stringMatching(/^https:\/\//), deployIdentity: expect.stringMatching(/^arn:aws:iam::/) });
    expect(Object.keys(outputs["registryUrls"] as object).sort()).toEqual(["api", "etl", "orders", "recommender"]);
    expect(Object.keys(outputs["lakeZones"] as object).sort()).toEqual(["curated", "raw"]);
  });

  it("tags come from the Platform transform on every taggable resource", () => {
    const taggable = plan().resources.filter((r) => r.type.startsWith("aws:") && r.inputs["tags"] !== undefined);
    expect(taggable.length).toBeGreaterThan(50);
    for (const r of taggable) expect(r.inputs["tags"], r.name).toMatchObject({ "managed-by": "stratum", environment: env });
  });
});
