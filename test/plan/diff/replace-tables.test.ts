import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceVerdict } from "../../../lib/plan/diff/replace-tables.ts";
import { tableFromSchema, type PulumiSchema } from "../../../lib/plan/diff/schema-table.ts";
import { repoRoot } from "../../support/shared-dir.ts";

describe("replace-on-change verdicts", () => {
  it.each([
    ["kubernetes:apps/v1:Deployment", 'spec.selector.matchLabels["app.kubernetes.io/name"]', "replaces", ".spec.selector"],
    ["kubernetes:apps/v1:Deployment", "spec.replicas", "in-place", ""],
    ["kubernetes:apps/v1:Deployment", "spec.template.spec.containers[0].image", "in-place", ""],
    ["kubernetes:batch/v1:Job", "spec.template.spec.containers[0].image", "replaces", ".spec.template"],
    ["kubernetes:core/v1:Pod", "spec.containers[1].image", "replaces", ".spec.containers[*].image"],
    ["kubernetes:core/v1:ConfigMap", "metadata.name", "replaces", ".metadata.name"],
    ["kubernetes:core/v1:ConfigMap", "data.key", "replaces", ".data"],
    ["kubernetes:core/v1:Service", "spec.ports", "in-place", ""],
    // A whole object changed that holds a path the provider replaces on: which part changed is not compared.
    ["kubernetes:apps/v1:Deployment", "spec", "unknown", ".spec.selector"],
  ])("%s %s: %s", (type, path, verdict, hit) => {
    const v = replaceVerdict(type, path);
    expect(v.replace).toBe(verdict);
    expect(v.source).toContain("pulumi/pulumi-kubernetes v4.32.0 provider/pkg/provider/diff.go");
    if (hit) expect(v.source).toContain(hit);
  });

  it("a provider without a table is unknown, never a guess; components update in place; provider config is unknown", () => {
    for (const type of ["random:index/randomPassword:RandomPassword", "tls:index/privateKey:PrivateKey"]) {
      expect(replaceVerdict(type, "length")).toEqual({ replace: "unknown", source: `${type.split(":")[0]}: no replace-on-change table for this provider yet` });
    }
    expect(replaceVerdict("stratum:data:Database", "size").replace).toBe("in-place");
    expect(replaceVerdict("pulumi:providers:kubernetes", "kubeconfig").replace).toBe("unknown");
  });

  it("the Kubernetes table names its source: repository, file, version and commit", () => {
    const table = JSON.parse(readFileSync(join(repoRoot, "lib/plan/diff/replace/kubernetes.json"), "utf8")) as { source: Record<string, string>; complete: boolean; always: string[] };
    expect(table.source).toEqual({ repository: "pulumi/pulumi-kubernetes", path: "provider/pkg/provider/diff.go", version: "v4.32.0", commit: "94977969d64112b04e19945818a7d5d5f38f631d" });
    expect(table.always).toEqual([".metadata.name", ".metadata.namespace"]);
    expect(table.complete).toBe(true);
  });
});

describe("a replace table from a Pulumi package schema", () => {
  const schema: PulumiSchema = {
    name: "aws",
    version: "7.1.0",
    resources: {
      "aws:rds/instance:Instance": {
        inputProperties: { identifier: { willReplaceOnChanges: true }, instanceClass: {}, blueGreen: { $ref: "#/types/aws:rds%2FInstanceBlueGreenUpdate:InstanceBlueGreenUpdate" } },
      },
      "aws:s3/bucket:Bucket": { inputProperties: { bucket: { willReplaceOnChanges: true }, rules: { items: { $ref: "#/types/aws:s3/Rule:Rule" } }, tags: { additionalProperties: {} } } },
      "aws:iam/role:Role": { inputProperties: { name: {} } },
    },
    types: {
      "aws:rds/InstanceBlueGreenUpdate:InstanceBlueGreenUpdate": { properties: { enabled: {} } },
      "aws:s3/Rule:Rule": { properties: { id: { willReplaceOnChanges: true }, self: { $ref: "#/types/aws:s3/Rule:Rule" } } },
    },
  };
  const table = tableFromSchema(schema, ["aws:rds/instance:Instance", "aws:s3/bucket:Bucket", "aws:iam/role:Role", "aws:ec2/vpc:Vpc", "kubernetes:core/v1:Service", "aws:s3/bucket:Bucket"], { repository: "pulumi/pulumi-aws", path: "provider/cmd/pulumi-resource-aws/schema.json", commit: "0".repeat(40) });

  it("lists, for the types used, the inputs marked willReplaceOnChanges, nested types and lists included", () => {
    expect(table.types).toEqual({
      "aws:iam/role:Role": [],
      "aws:rds/instance:Instance": [".identifier"],
      // A type is not entered again inside itself: deeper paths stay unknown (the table is not complete).
      "aws:s3/bucket:Bucket": [".bucket", ".rules[*].id"],
    });
    expect(table.source.version).toBe("7.1.0");
    // Types the schema lacks are left out, and the table is not complete: the rest stays unknown.
    expect(table.complete).toBe(false);
  });
});
