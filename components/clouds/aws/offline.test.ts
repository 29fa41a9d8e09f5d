import * as s3 from "@pulumi/aws/s3/index.js";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones.js";
import { describe, expect, it } from "vitest";
import { recordProgram } from "../../../lib/plan/record.ts";
import { awsOffline } from "./offline.ts";

const base = { project: "stratum", stack: "unit", config: { "aws:region": "eu-west-1" }, region: "eu-west-1", offline: awsOffline };

describe("AWS's offline answers", () => {
  it("give a bucket the ARN and id AWS gives it: global, no account, its name", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        const bucket = new s3.Bucket("data", { bucket: "acme-data" });
        new s3.BucketVersioning("data", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
        new s3.BucketPolicy("data", { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify({ Resource: arn })) });
      },
    });
    expect(resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")?.inputs["bucket"]).toBe("acme-data");
    expect(resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")?.inputs["policy"]).toBe('{"Resource":"arn:aws:s3:::acme-data"}');
  });

  it("answer the availability zones of the stack's region", async () => {
    const { outputs } = await recordProgram({ ...base, program: async () => ({ zones: getAvailabilityZonesOutput({ state: "available" }).names }) });
    expect(outputs["zones"]).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
  });

  it("fail the plan on a provider function they have no answer for, rather than inventing one", async () => {
    const iam = await import("@pulumi/aws/iam/index.js");
    await expect(
      recordProgram({ ...base, program: async () => ({ doc: (await iam.getPolicyDocument({ statements: [] })).json }) }),
    ).rejects.toThrow(/no answer for the provider function aws:iam\/getPolicyDocument:getPolicyDocument/);
  });

  it("compute nothing for another provider's types", () => {
    expect(awsOffline.computedOutputs("kubernetes:core/v1:Namespace", "apps", {}, "eu-west-1")).toEqual({});
    expect(awsOffline.resourceId("kubernetes:core/v1:Namespace", "apps", {})).toBe("apps");
  });
});
