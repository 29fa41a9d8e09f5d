import { describe, expect, it } from "vitest";
import { serviceAccountId } from "./service-account-id.ts";
import { gcpSubnetRanges } from "./subnet-ranges.ts";
import { securityGroupFor } from "./google-groups.ts";
import { memberOf } from "./iam-member.ts";
import { gcpOffline } from "./offline.ts";
import { gcpWorkloadWiring } from "./workload-wiring.ts";
import { githubCondition } from "./workload-identity-federation.ts";
import { attributeConditionProblems } from "../../../policy/properties/github-subject.ts";
import type { PlatformSpec } from "../../spec/index.ts";

describe("serviceAccountId", () => {
  it("keeps a name that fits, and makes every other a valid, distinct id", () => {
    expect(serviceAccountId("acme-dev-orders")).toBe("acme-dev-orders");
    const long = serviceAccountId("acme-platform-staging-recommendation-engine");
    expect(long).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    expect(long).not.toBe(serviceAccountId("acme-platform-staging-recommendation-enginf"));
    expect(serviceAccountId("a-d-x")).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    expect(() => serviceAccountId("123")).toThrow(/no letter/);
  });
});

describe("gcpSubnetRanges", () => {
  it("carves nodes, services, the control plane, private services access and pods without overlap", () => {
    expect(gcpSubnetRanges("10.0.0.0/16")).toEqual({ nodes: "10.0.0.0/20", services: "10.0.16.0/20", controlPlane: "10.0.32.0/28", privateServices: "10.0.64.0/18", pods: "10.0.128.0/17" });
    expect(gcpSubnetRanges("172.16.0.0/12").pods).toBe("172.24.0.0/13");
  });
  it("refuses a network too small for private services access", () => {
    expect(() => gcpSubnetRanges("10.0.0.0/24")).toThrow(/\/20 or larger/);
  });
});

describe("securityGroupFor (Google Groups for RBAC)", () => {
  it("names the domain's gke-security-groups group", () => {
    expect(securityGroupFor([{ name: "a", group: "platform@acme.example.com" }, { name: "b", group: "analysts@acme.example.com" }])).toBe("gke-security-groups@acme.example.com");
    expect(securityGroupFor([])).toBeUndefined();
  });
  it("refuses a group that is not an email, and groups of two domains", () => {
    expect(() => securityGroupFor([{ name: "a", group: "arn:aws:iam::1:role/x" }])).toThrow(/team a: .* not a Google group email/);
    expect(() => securityGroupFor([{ name: "a", group: "a@one.com" }, { name: "b", group: "b@two.com" }])).toThrow(/one\.com, two\.com/);
  });
});

describe("memberOf", () => {
  it("types a service account email and keeps principal sets", () => {
    expect(memberOf("api@p.iam.gserviceaccount.com")).toBe("serviceAccount:api@p.iam.gserviceaccount.com");
    expect(memberOf("principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/x/*")).toMatch(/^principalSet:/);
    expect(() => memberOf("allUsers")).toThrow(/cannot grant/);
  });
});

describe("the GitHub provider condition", () => {
  it("passes the policy pack's pinning check for a branch and an environment", () => {
    expect(attributeConditionProblems(githubCondition({ repository: "acme/shop", subject: "repo:acme/shop:ref:refs/heads/main" }))).toEqual([]);
    expect(attributeConditionProblems(githubCondition({ repository: "acme/shop", subject: "repo:acme/shop:environment:production", environment: "production" }))).toEqual([]);
  });
});

describe("gcpOffline", () => {
  const offline = gcpOffline({ region: "us-central1", account: { gcp: { projectId: "acme-platform-dev", projectNumber: "123456789012" } } });
  it("fails the plan on an invoke it has no answer for", () => {
    expect(() => offline.invoke("gcp:organizations/getProject:getProject", {}, "us-central1")).toThrow(/no answer for the provider function gcp:organizations\/getProject/);
  });
  it("gives ids in GCP's resource paths, in the stack's project", () => {
    expect(offline.resourceId("gcp:kms/keyRing:KeyRing", "r", { name: "acme-dev-keys", location: "us-central1" })).toBe("projects/acme-platform-dev/locations/us-central1/keyRings/acme-dev-keys");
    expect(offline.computedOutputs("gcp:serviceaccount/account:Account", "x", { accountId: "acme-dev-api" }, "us-central1")).toMatchObject({ email: "acme-dev-api@acme-platform-dev.iam.gserviceaccount.com" });
    expect(String(offline.computedOutputs("gcp:container/cluster:Cluster", "c", { name: "c" }, "us-central1")["endpoint"])).toMatch(/\.offline\.invalid$/);
  });
});

describe("gcpWorkloadWiring", () => {
  const wiring = gcpWorkloadWiring({ name: "acme", environment: "dev", cloud: "gcp", account: { gcp: { projectId: "acme-platform-dev", projectNumber: "1" } } } as unknown as PlatformSpec);
  it("names Cloud SQL IAM users after the workload's service account, and Google's SDK variables", () => {
    expect(wiring.databaseUser("orders")).toBe("acme-dev-orders@acme-platform-dev.iam");
    expect(wiring.databaseAuth).toBe("gcp-iam");
    expect(wiring.storageUrl("acme-dev-lake-raw")).toBe("gs://acme-dev-lake-raw");
    expect(wiring.warehouseUrl("acme-platform-dev/analytics")).toBe("bigquery://acme-platform-dev/analytics");
    expect(wiring.warehousePort).toBeUndefined();
    expect(wiring.regionVariables("us-central1")).toEqual({ GOOGLE_CLOUD_PROJECT: "acme-platform-dev", GOOGLE_CLOUD_REGION: "us-central1" });
  });
});
