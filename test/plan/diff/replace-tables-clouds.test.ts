import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { comparePlans } from "../../../lib/plan/diff/compare-plans.ts";
import { providerOf, replaceVerdict, type ReplaceTable } from "../../../lib/plan/diff/replace-tables.ts";
import type { PlanReport, PlanResource } from "../../../lib/plan/model.ts";
import { listStacks } from "../../../lib/stack-config/stack-config.ts";
import { repoRoot } from "../../support/shared-dir.ts";
import { examplePlannedStack } from "../../support/example-plans.ts";

/*
 * The replace-on-change tables of the three clouds, on the real example stacks: every type a stack plans has an
 * entry naming the provider file it was read from, and a diff of a real plan with one input changed says
 * "replaces", "in-place" or "unknown" as that file does, never a guess.
 */
const table = (provider: string) => JSON.parse(readFileSync(join(repoRoot, `lib/plan/diff/replace/${provider}.json`), "utf8")) as ReplaceTable;
const clouds = ["aws", "gcp", "azure-native"] as const;
const plans = new Map<string, PlanReport>();

beforeAll(async () => {
  // One after the other: the mock runtime a plan runs under is process-wide.
  for (const stack of listStacks(repoRoot)) plans.set(stack, await examplePlannedStack(stack));
}, 180_000);

/** The stack's plan with one resource's inputs changed by `edit`, compared with the plan as it is. */
function changed(stack: string, type: string, edit: (inputs: Record<string, unknown>) => void) {
  const base = plans.get(stack)!;
  const target = base.resources.find((r) => r.type === type);
  if (!target) throw new Error(`${stack} plans no ${type}`);
  const inputs = structuredClone(target.inputs) as Record<string, unknown>;
  edit(inputs);
  const next = { ...base, resources: base.resources.map((r): PlanResource => (r === target ? { ...r, inputs } : r)) };
  const diff = comparePlans(base, next, "urn");
  expect(diff.resources).toHaveLength(1);
  return diff.resources[0]!;
}

describe("every resource type the example stacks plan has an entry in its provider's table", () => {
  it.each(clouds)("%s", (provider) => {
    const planned = new Set([...plans.values()].flatMap((p) => p.resources.map((r) => r.type)).filter((t) => providerOf(t) === provider));
    expect(planned.size).toBeGreaterThan(30);
    const t = table(provider);
    const missing = [...planned].filter((type) => !t.types[type] || !t.typeSources?.[type]);
    expect(missing, `types without an entry in lib/plan/diff/replace/${provider}.json: regenerate it with its scripts/replace-table-*.ts`).toEqual([]);
  });

  it("gcp and azure-native entries each name the provider file they were read from; aws names it where transcribed", () => {
    for (const provider of ["gcp", "azure-native"]) for (const source of Object.values(table(provider).typeSources ?? {})) expect(source.path).toMatch(/\.(go|yaml|go\.tmpl|d\.ts)\b/);
    const aws = table("aws");
    const transcribed = Object.entries(aws.typeSources ?? {}).filter(([, s]) => s.path !== "(not transcribed)");
    for (const [, s] of transcribed) expect(s.path).toMatch(/^internal\/service\/\w+\/\w+\.go$/);
    // Every planned AWS type has been read; none is complete while the bridged commit is unknown.
    expect(transcribed.length).toBe(57);
    expect(Object.values(aws.typeSources ?? {}).filter((s) => s.complete)).toEqual([]);
  });

  it("the tables name their sources: repository and commit", () => {
    expect(table("gcp").source).toMatchObject({ repository: "GoogleCloudPlatform/magic-modules", commit: "d57784406a440397f4edea072ae4f606a57e172d" });
    expect(table("gcp").naming).toMatchObject({ repository: "pulumi/pulumi-gcp", commit: "ed6078aacc64ac656da0f719a2c1186e092399cd" });
    expect(table("azure-native").source).toMatchObject({ repository: "pulumi/pulumi-azure-native", path: "provider/pkg/provider/diff.go", commit: "03707ff7fc10b70f7dd23ec847a3ce1e9264c124" });
    expect(table("aws").typeSources?.["aws:eks/cluster:Cluster"]).toMatchObject({ path: "internal/service/eks/cluster.go", commit: "00555dc5b38f92abbfa230badea0ed0754cea81e" });
  });
});

type Edit = (inputs: Record<string, unknown>) => void;
type Case = readonly [stack: string, type: string, edit: Edit, path: string, verdict: string, source: string];

describe("a real plan with one input changed", () => {
  const cases: readonly Case[] = [
    // AWS: transcribed from terraform-provider-aws; nothing is complete (the bridged commit is not known), so an
    // input not listed is unknown.
    ["dev-aws", "aws:rds/instance:Instance", (i) => void (i.engine = "mysql"), "engine", "replaces", "internal/service/rds/instance.go: .engine"],
    ["dev-aws", "aws:rds/instance:Instance", (i) => void (i.kmsKeyId = "arn:aws:kms:us-east-1:111122223333:key/other"), "kmsKeyId", "replaces", ".kmsKeyId"],
    // The identifier was ForceNew in older provider versions and is updatable in the one read: not a guess either way.
    ["dev-aws", "aws:rds/instance:Instance", (i) => void (i.identifier = "acme-dev-orders-2"), "identifier", "unknown", "not listed"],
    ["dev-aws", "aws:rds/instance:Instance", (i) => void (i.allocatedStorage = 50), "allocatedStorage", "unknown", "bridges is not known"],
    ["dev-aws", "aws:s3/bucket:Bucket", (i) => void (i.bucket = "acme-dev-renamed"), "bucket", "replaces", "internal/service/s3/bucket.go: .bucket"],
    ["dev-aws", "aws:ec2/subnet:Subnet", (i) => void (i.cidrBlock = "10.9.0.0/24"), "cidrBlock", "replaces", "vpc_subnet.go: .cidrBlock"],
    ["dev-aws", "aws:eks/nodeGroup:NodeGroup", (i) => void (i.instanceTypes = ["m7g.2xlarge"]), "instanceTypes[0]", "replaces", ".instanceTypes[*]"],
    ["dev-aws", "aws:kms/key:Key", (i) => void (i.customerMasterKeySpec = "RSA_4096"), "customerMasterKeySpec", "replaces", "internal/service/kms/key.go: .customerMasterKeySpec"],
    // Rotation is updated in place by the provider, but the key's entry is not complete: unknown, not in-place.
    ["dev-aws", "aws:kms/key:Key", (i) => void (i.deletionWindowInDays = 30), "deletionWindowInDays", "unknown", "not complete"],
    ["dev-aws", "aws:cloudwatch/logGroup:LogGroup", (i) => void (i.name = "/aws/eks/acme-dev-eks/renamed"), "name", "replaces", "internal/service/logs/group.go: .name"],
    ["dev-aws", "aws:ec2/natGateway:NatGateway", (i) => void (i.subnetId = "acme-dev-public-1"), "subnetId", "replaces", "vpc_nat_gateway.go: .subnetId"],
    ["prod-aws", "aws:sagemaker/model:Model", (i) => void ((i.primaryContainer as Record<string, unknown>).image = "000000000000.dkr.ecr.us-east-1.amazonaws.com/other:1"), "primaryContainer.image", "replaces", ".primaryContainer.image"],
    // An endpoint configuration is immutable but for tags: a variant's instance count replaces it.
    ["prod-aws", "aws:sagemaker/endpointConfiguration:EndpointConfiguration", (i) => void ((i.productionVariants as Record<string, unknown>[])[0]!.initialInstanceCount = 4), "productionVariants[0].initialInstanceCount", "replaces", ".productionVariants[*].initialInstanceCount"],
    ["dev-aws", "aws:lakeformation/permissions:Permissions", (i) => void (i.principal = "arn:aws:iam::000000000000:role/acme-dev-analyst"), "principal", "replaces", "internal/service/lakeformation/permissions.go: .principal"],
    // A launch template's tags update in place in the file read, but the file is not the bridged version nor read
    // whole: unknown, and the note says why (complete would make it in-place).
    ["dev-aws", "aws:ec2/launchTemplate:LaunchTemplate", (i) => void ((i.tags as Record<string, unknown>).owner = "data-team"), "tags.owner", "unknown", "not read whole"],
    // A VPC endpoint's private DNS replaces only when the endpoint is not of type Interface (its CustomizeDiff).
    ["dev-aws", "aws:ec2/vpcEndpoint:VpcEndpoint", (i) => void (i.privateDnsEnabled = false), "privateDnsEnabled", "unknown", "only under a condition"],
    // The provider's own region argument replaces unless it moves between unset and the provider's region.
    ["dev-aws", "aws:acm/certificate:Certificate", (i) => void (i.region = "eu-west-1"), "region", "unknown", ".region replaces only under a condition"],
    // The file read is older than the SDK: the SDK's inputs it lacks are named.
    ["dev-aws", "aws:wafv2/webAcl:WebAcl", (i) => void (i.description = "changed"), "description", "unknown", "has inputs this version does not declare"],
    // GCP: generated from magic-modules.
    ["dev-gcp", "gcp:sql/databaseInstance:DatabaseInstance", (i) => void (i.region = "europe-west1"), "region", "replaces", "resource_sql_database_instance.go.tmpl: .region"],
    ["dev-gcp", "gcp:sql/databaseInstance:DatabaseInstance", (i) => void (i.name = "acme-dev-orders-2"), "name", "replaces", ".name"],
    // Cloud SQL's CustomizeDiff forces a new instance on a key it computes: the type is not complete.
    ["dev-gcp", "gcp:sql/databaseInstance:DatabaseInstance", (i) => void ((i.settings as Record<string, unknown>).tier = "db-custom-4-16384"), "settings.tier", "unknown", "not complete"],
    ["dev-gcp", "gcp:storage/bucket:Bucket", (i) => void (i.versioning = { enabled: false }), "versioning.enabled", "in-place", "resource_storage_bucket.go.tmpl"],
    ["dev-gcp", "gcp:storage/bucket:Bucket", (i) => void (i.location = "EU"), "location", "replaces", ".location"],
    ["dev-gcp", "gcp:container/nodePool:NodePool", (i) => void ((i.autoscaling as Record<string, unknown>).totalMaxNodeCount = 9), "autoscaling.totalMaxNodeCount", "in-place", "resource_container_node_pool.go.tmpl"],
    ["dev-gcp", "gcp:kms/cryptoKey:CryptoKey", (i) => void (i.rotationPeriod = "86400s"), "rotationPeriod", "in-place", "mmv1/products/kms/CryptoKey.yaml"],
    // Azure: path parameters and forceNewMap replace; the REST specs' create-only properties are not read here.
    ["dev-azure", "azure-native:storage:StorageAccount", (i) => void (i.accountName = "acmedevrenamed"), "accountName", "replaces", ".accountName"],
    ["dev-azure", "azure-native:storage:StorageAccount", (i) => void (i.location = "westeurope"), "location", "replaces", ".location"],
    ["dev-azure", "azure-native:storage:StorageAccount", (i) => void (i.minimumTlsVersion = "TLS1_3"), "minimumTlsVersion", "unknown", "x-ms-mutability"],
  ];
  it.each(cases)("%s %s %s", (stack, type, edit, path, verdict, source) => {
    const resource = changed(stack, type, edit);
    const change = resource.changes?.find((c) => c.path === path);
    expect(change, `${resource.changes?.map((c) => c.path).join(", ")}`).toBeDefined();
    expect(change!.replace).toBe(verdict);
    expect(change!.replaceSource).toContain(source);
    expect(resource.replace).toBe(verdict);
  });

  it("a change that replaces only under a condition the provider checks is unknown", () => {
    expect(replaceVerdict("gcp:storage/bucket:Bucket", "retentionPolicy.isLocked")).toMatchObject({ replace: "unknown", source: expect.stringContaining("only under a condition") });
    expect(replaceVerdict("aws:eks/cluster:Cluster", "encryptionConfig.resources[0]")).toMatchObject({ replace: "unknown" });
  });

  it("a type the table does not cover stays unknown and says so", () => {
    expect(replaceVerdict("gcp:compute/firewall:Firewall", "priority")).toMatchObject({ replace: "unknown", source: expect.stringContaining("is not in the table") });
    expect(replaceVerdict("azure-native:web:WebApp", "siteConfig")).toMatchObject({ replace: "unknown", source: expect.stringContaining("is not in the table") });
  });
});
