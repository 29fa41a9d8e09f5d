import { describe, expect, test } from "vitest";
import { ciIdentity, fakeKey, fakeLogBucket, fakeProject, mandatoryViolations, ofType, planDriver, resource, valueOf } from "../../clouds/gcp/testing/driver-plan.ts";
import { gcpFrontend, invalidatePermissions } from "./gcp.ts";
import type { FrontendArgs } from "./frontend.ts";

const args = (domain = "dev.acme.example.com"): FrontendArgs => ({
  name: "frontend",
  path: "examples/frontend",
  ...(domain ? { domain } : {}),
  keyId: fakeKey("platform"),
  noncurrentVersionRetentionDays: 30,
  logDestination: fakeLogBucket,
  grants: [{ principal: ciIdentity("deploy"), access: "publish" }],
});
const site = "acme-dev-site";
const pool = `principalSet://iam.googleapis.com/projects/${fakeProject.projectNumber}/locations/global/workloadIdentityPools/acme-dev-deploy/*`;
const c = (type: string) => `gcp:compute/${type}`;
/** The global address's placeholder from offline.ts: both forwarding rules are on it. */
const address = "0.0.0.0";

describe("the front end on Cloud CDN", async () => {
  const plan = await planDriver(gcpFrontend, () => args());

  test("the site bucket is the secure bucket", () => {
    expect(resource(plan, "gcp:storage/bucket:Bucket", "acme-dev-site").inputs).toMatchObject({
      name: site,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      encryption: { defaultKmsKeyName: fakeKey("platform") },
      versioning: { enabled: true },
      forceDestroy: false,
    });
  });

  test("only Cloud CDN's fill agent reads the bucket, objects by name only; nobody public", () => {
    const readers = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((r) => r.inputs["member"] !== pool);
    expect(readers.map((r) => r.inputs)).toEqual([{ bucket: site, role: "roles/storage.legacyObjectReader", member: `serviceAccount:service-${fakeProject.projectNumber}@cloud-cdn-fill.iam.gserviceaccount.com` }]);
    expect(JSON.stringify(plan.resources.map((r) => r.inputs))).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });

  test("a CDN backend bucket behind a Cloud Armor edge policy, with security headers", () => {
    const backend = resource(plan, c("backendBucket:BackendBucket"), "acme-dev-site-backend");
    expect(backend.inputs).toMatchObject({ bucketName: site, enableCdn: true, edgeSecurityPolicy: "acme-dev-site-edge", cdnPolicy: { cacheMode: "CACHE_ALL_STATIC" } });
    expect(backend.inputs["customResponseHeaders"]).toContain("Strict-Transport-Security: max-age=31536000; includeSubDomains");
    expect(resource(plan, c("securityPolicy:SecurityPolicy"), "acme-dev-site-edge").inputs).toMatchObject({ type: "CLOUD_ARMOR_EDGE" });
  });

  test("HTTPS on 443: the managed certificate for the domain, a MODERN TLS 1.2 policy", () => {
    expect(resource(plan, c("managedSslCertificate:ManagedSslCertificate"), "acme-dev-site-cert").inputs).toMatchObject({ managed: { domains: ["dev.acme.example.com"] } });
    expect(resource(plan, c("sSLPolicy:SSLPolicy"), "acme-dev-site-tls").inputs).toMatchObject({ profile: "MODERN", minTlsVersion: "TLS_1_2" });
    expect(resource(plan, c("uRLMap:URLMap"), "acme-dev-site").inputs).toMatchObject({
      defaultService: "acme-dev-site-backend",
      hostRules: [{ hosts: ["*"], pathMatcher: "site" }],
      pathMatchers: [{ name: "site", defaultService: "acme-dev-site-backend", routeRules: [{ priority: 1, matchRules: [{ fullPathMatch: "/" }], service: "acme-dev-site-backend", routeAction: { urlRewrite: { pathPrefixRewrite: "/index.html" } } }] }],
    });
    expect(resource(plan, c("targetHttpsProxy:TargetHttpsProxy"), "acme-dev-site-https").inputs).toMatchObject({ urlMap: "acme-dev-site", sslCertificates: ["acme-dev-site-cert"], sslPolicy: "acme-dev-site-tls" });
    expect(resource(plan, c("globalForwardingRule:GlobalForwardingRule"), "acme-dev-site-https").inputs).toMatchObject({ target: "acme-dev-site-https", portRange: "443", ipAddress: address, loadBalancingScheme: "EXTERNAL_MANAGED" });
  });

  test("port 80, on the same address, only redirects to HTTPS", () => {
    expect(resource(plan, c("uRLMap:URLMap"), "acme-dev-site-redirect").inputs).toEqual(expect.objectContaining({ defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false } }));
    expect(resource(plan, c("uRLMap:URLMap"), "acme-dev-site-redirect").inputs["defaultService"]).toBeUndefined();
    expect(resource(plan, c("targetHttpProxy:TargetHttpProxy"), "acme-dev-site-http").inputs).toMatchObject({ urlMap: "acme-dev-site-redirect" });
    expect(resource(plan, c("globalForwardingRule:GlobalForwardingRule"), "acme-dev-site-http").inputs).toMatchObject({ target: "acme-dev-site-http", portRange: "80", ipAddress: address });
  });

  test("the publisher: objectUser on the bucket, and a one-permission custom role conditioned on this URL map", () => {
    const writers = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((r) => r.inputs["member"] === pool);
    expect(writers.map((r) => r.inputs)).toEqual([{ bucket: site, role: "roles/storage.objectUser", member: pool }]);
    const role = resource(plan, "gcp:projects/iAMCustomRole:IAMCustomRole", "acme-dev-cdn-invalidator");
    expect(role.inputs).toMatchObject({ project: fakeProject.projectId, roleId: "stratumCdnInvalidator_acme_dev_site", permissions: invalidatePermissions, stage: "GA" });
    expect(invalidatePermissions).toEqual(["compute.urlMaps.invalidateCache"]);
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember").map((r) => r.inputs)).toEqual([{
      project: fakeProject.projectId,
      role: `projects/${fakeProject.projectId}/roles/stratumCdnInvalidator_acme_dev_site`,
      member: pool,
      condition: { title: "only acme-dev-site", expression: `resource.type == 'compute.googleapis.com/UrlMap' && resource.name == 'projects/${fakeProject.projectId}/global/urlMaps/acme-dev-site'` },
    }]);
  });

  test("outputs: the domain's URL, the bucket, and the URL map's name for invalidate-cdn-cache", async () => {
    expect(await valueOf(plan.result.url)).toBe("https://dev.acme.example.com");
    expect(await valueOf(plan.result.siteLocation)).toBe(site);
    expect(await valueOf(plan.result.cdnId)).toBe("acme-dev-site");
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});

test("without a domain, a clear error: a Google load balancer has no default certificate", async () => {
  await expect(planDriver(gcpFrontend, () => args(""))).rejects.toThrow(/web\.frontend\.domain is required on GCP \(front end "frontend"\)/);
});
