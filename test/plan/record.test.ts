import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3/index.js";
import * as ec2 from "@pulumi/aws/ec2/index.js";
import { describe, expect, it } from "vitest";
import { recordProgram } from "../../lib/plan/record.ts";

class Box extends pulumi.ComponentResource {
  constructor(name: string, build: (parent: Box) => void, opts: pulumi.ComponentResourceOptions = {}) {
    super("test:index:Box", name, {}, opts);
    build(this);
    this.registerOutputs({});
  }
}

const base = { project: "stratum", stack: "unit", config: { "stratum:greeting": "hello" }, region: "eu-west-1" };
const addTag = (key: string, value: string): pulumi.ResourceTransform => (args) =>
  args.type.startsWith("aws:") ? { props: { ...args.props, tags: { ...(args.props["tags"] ?? {}), [key]: value } }, opts: args.opts } : undefined;

describe("recordProgram", () => {
  it("records type, name, parent URN and inputs of every registration, with the config the program reads", async () => {
    const { resources, outputs } = await recordProgram({
      ...base,
      program: async () => {
        const box = new Box("box", (parent) => new s3.Bucket("logs", { bucket: "acme-logs", forceDestroy: false }, { parent }));
        return { greeting: new pulumi.Config("stratum").require("greeting"), box: box.urn };
      },
    });
    const bucket = resources.find((r) => r.type === "aws:s3/bucket:Bucket");
    expect(bucket).toEqual({
      urn: "urn:pulumi:unit::stratum::test:index:Box$aws:s3/bucket:Bucket::logs",
      type: "aws:s3/bucket:Bucket",
      name: "logs",
      parent: "urn:pulumi:unit::stratum::pulumi:pulumi:Stack$test:index:Box::box",
      inputs: { bucket: "acme-logs", forceDestroy: false },
    });
    expect(resources.find((r) => r.type === "pulumi:pulumi:Stack")?.parent).toBeNull();
    expect(outputs["greeting"]).toBe("hello");
  });

  it("records what each resource waits for: dependsOn and the resources its inputs read", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        const bucket = new s3.Bucket("data", { bucket: "acme-data" });
        const vpc = new ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
        new s3.BucketVersioning("data", { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } }, { dependsOn: [vpc] });
      },
    });
    const urnOf = (type: string) => resources.find((r) => r.type === type)!.urn;
    expect(resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")?.dependencies).toEqual([urnOf("aws:ec2/vpc:Vpc"), urnOf("aws:s3/bucket:Bucket")].sort());
    expect(resources.find((r) => r.type === "aws:ec2/vpc:Vpc")).not.toHaveProperty("dependencies");
  });

  it("masks secrets in inputs and outputs as the CLI does", async () => {
    const { resources, outputs } = await recordProgram({
      ...base,
      program: async () => {
        new s3.BucketPolicy("policy", { bucket: "b", policy: pulumi.secret('{"Version":"2012-10-17"}') });
        return { token: pulumi.secret("s3cr3t"), plain: "visible" };
      },
    });
    expect(resources.find((r) => r.name === "policy")?.inputs["policy"]).toBe("[secret]");
    expect(outputs).toEqual({ plain: "visible", token: "[secret]" });
    expect(JSON.stringify(resources)).not.toContain("s3cr3t");
  });

  it("applies transforms the way the engine does: the resource's own, then each ancestor's, then the stack's", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        pulumi.runtime.registerResourceTransform(addTag("order", "stack"));
        new Box("outer", (outer) => new Box("inner", (inner) => new ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" }, { parent: inner, transforms: [addTag("order", "own")] }), { parent: outer, transforms: [addTag("inner", "yes")] }), {
          transforms: [addTag("outer", "yes"), addTag("order", "outer")],
        });
      },
    });
    // Later transforms see (and here overwrite) what earlier ones set: the stack's runs last.
    expect(resources.find((r) => r.type === "aws:ec2/vpc:Vpc")?.inputs["tags"]).toEqual({ order: "stack", inner: "yes", outer: "yes" });
  });

  it("wires outputs through placeholders the cloud would assign", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        const bucket = new s3.Bucket("data", { bucket: "acme-data" });
        new s3.BucketVersioning("data", { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } });
        new s3.BucketPolicy("data", { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify({ Resource: arn })) });
      },
    });
    expect(resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")?.inputs["bucket"]).toBe("acme-data");
    // An S3 bucket's ARN is global (no region, no account) and its id is its name, as AWS assigns them.
    expect(resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")?.inputs["policy"]).toBe('{"Resource":"arn:aws:s3:::acme-data"}');
  });

  it("fails on a provider function it has no answer for, rather than inventing one", async () => {
    const iam = await import("@pulumi/aws/iam/index.js");
    await expect(
      recordProgram({ ...base, program: async () => ({ doc: (await iam.getPolicyDocument({ statements: [] })).json }) }),
    ).rejects.toThrow(/no answer for the provider function aws:iam\/getPolicyDocument:getPolicyDocument/);
  });

  it("rethrows the program's error and leaves nothing pending behind it", async () => {
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    const again = await recordProgram({ ...base, program: async () => ({ ok: true }) });
    expect(again.outputs).toEqual({ ok: true });
  });

  it("gives the same recording twice", async () => {
    const program = async () => {
      new Box("a", (parent) => ["x", "y", "z"].forEach((n) => new s3.Bucket(n, { bucket: `acme-${n}` }, { parent })));
    };
    const first = await recordProgram({ ...base, program });
    const second = await recordProgram({ ...base, program });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.resources.map((r) => r.urn)).toEqual([...first.resources.map((r) => r.urn)].sort());
  });
});
