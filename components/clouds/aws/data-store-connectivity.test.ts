import * as pulumi from "@pulumi/pulumi";
import { expect, test } from "vitest";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";
import { awsDataStoreConnectivity, dataStoreConnectivityOf } from "./data-store-connectivity.ts";
import { roleNameFromArn } from "./role-grant.ts";

test("the network's data-store handle is opaque to tiers and read back only by AWS's data-store drivers", () => {
  const value = { vpcId: pulumi.output("vpc-1"), subnetIds: pulumi.output(["subnet-d0"]), cidr: "10.0.0.0/16" };
  const handle = awsDataStoreConnectivity(value);
  expect(Object.keys(handle)).toEqual([]);
  expect(dataStoreConnectivityOf(handle)).toBe(value);
  // A handle another cloud's network made (or a copy) is refused, never guessed at.
  expect(() => dataStoreConnectivityOf({ ...handle } as DataStoreConnectivity)).toThrow(/not made by the AWS network driver/);
});

test("a grant attaches to the role its principal's ARN names, path or not; anything else is refused", () => {
  expect(roleNameFromArn("deploy", "arn:aws:iam::000000000000:role/acme-dev-deploy")).toBe("acme-dev-deploy");
  expect(roleNameFromArn("api", "arn:aws:iam::000000000000:role/acme-dev-workloads/acme-dev-api")).toBe("acme-dev-api");
  expect(() => roleNameFromArn("x", "arn:aws:iam::000000000000:user/someone")).toThrow('principal x: not an IAM role ARN: "arn:aws:iam::000000000000:user/someone"');
});
