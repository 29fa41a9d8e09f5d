import { describe, expect, it } from "vitest";
import { Region } from "@pulumi/aws/types/enums/index.js";
import { cloudRegions } from "../../spec/regions.ts";

describe("the spec's AWS regions", () => {
  it("are regions the provider SDK knows", () => {
    const known = new Set<string>(Object.values(Region));
    expect(cloudRegions.aws.filter((r) => !known.has(r))).toEqual([]);
  });
});
