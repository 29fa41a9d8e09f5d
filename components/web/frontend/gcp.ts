import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute/index.js";
import * as projects from "@pulumi/gcp/projects/index.js";
import type * as storage from "@pulumi/gcp/storage/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { bucketGrant } from "../../clouds/gcp/bucket-grant.ts";
import { conditionalProjectGrant } from "../../clouds/gcp/project-grant.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { dataBucket } from "../../clouds/gcp/data-bucket.ts";
import { dataServiceAgent } from "../../clouds/gcp/data-service-agents.ts";
import type { Frontend, FrontendArgs } from "./frontend.ts";

export interface GcpFrontend extends Frontend {
  readonly native: {
    readonly site: storage.Bucket;
    readonly cdnRead: storage.BucketIAMMember;
    readonly edgePolicy: compute.SecurityPolicy;
    readonly backend: compute.BackendBucket;
    readonly address: compute.GlobalAddress;
    readonly certificate: compute.ManagedSslCertificate;
    readonly sslPolicy: compute.SSLPolicy;
    readonly urlMap: compute.URLMap;
    readonly httpsProxy: compute.TargetHttpsProxy;
    readonly https: compute.GlobalForwardingRule;
    readonly redirectMap: compute.URLMap;
    readonly httpProxy: compute.TargetHttpProxy;
    readonly http: compute.GlobalForwardingRule;
    readonly invalidator: projects.IAMCustomRole;
    readonly grants: readonly (storage.BucketIAMMember | projects.IAMMember)[];
  };
}

/** Uploads, overwrites and deletes the site's objects (`gcloud storage rsync --delete-unmatched-destination-objects`), no IAM. */
export const publishRole = "roles/storage.objectUser";
/** Gets an object by name and nothing else (no listing): what the CDN fills its cache with. */
export const siteReaderRole = "roles/storage.legacyObjectReader";
/** The only permission a cache invalidation takes; the predefined roles that hold it also change load balancers. */
export const invalidatePermissions = ["compute.urlMaps.invalidateCache"];
/** The global external Application Load Balancer (Envoy-based), which backend buckets and Cloud CDN both support. */
const scheme = "EXTERNAL_MANAGED";
/** Browsers keep to HTTPS for a year, sniff no types and frame the site nowhere. */
const securityHeaders = [
  "Strict-Transport-Security: max-age=31536000; includeSubDomains",
  "X-Content-Type-Options: nosniff",
  "X-Frame-Options: DENY",
  "Referrer-Policy: strict-origin-when-cross-origin",
];

/**
 * The static front end: a private secure bucket read only by Cloud CDN's fill agent, a backend bucket with CDN and
 * a Cloud Armor edge policy, a Google-managed certificate for the spec's domain, HTTPS on 443 with TLS 1.2+ (an SSL
 * policy, `MODERN`), and port 80 answering only with a redirect to HTTPS, on one global address.
 * The publisher may write the bucket's objects and invalidate exactly this URL map's cache (a custom role).
 */
export const gcpFrontend: Driver<FrontendArgs, GcpFrontend> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const domain = args.domain;
    if (!domain) {
      throw new Error(`web.frontend.domain is required on GCP (front end "${args.name}"): a Google load balancer has no default certificate, and a Google-managed one is issued for a domain; set web.frontend.domain to the host name the site is served on`);
    }
    const site = dataBucket(ctx, "site", { keyId: args.keyId, noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays });
    // Never public: Cloud CDN's fill agent is the only reader (Google's private bucket access), and it may get objects
    // by name only (legacyObjectReader: `storage.objects.get`), so nothing can list the bucket through the site.
    const cdnRead = bucketGrant(ctx, "site-read", { name: "cdn", id: pulumi.output(dataServiceAgent(ctx, "cdnFill")) }, site.name, siteReaderRole);
    const edgePolicy = new compute.SecurityPolicy(ctx.name("site-edge"), {
      name: ctx.name("site-edge"),
      type: "CLOUD_ARMOR_EDGE",
      description: `${ctx.name(args.name)}: edge policy in front of the CDN cache`,
      rules: [{ action: "allow", priority: 2147483647, description: "default: allow", match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } } }],
    }, opts);
    const backend = new compute.BackendBucket(ctx.name("site-backend"), {
      name: ctx.name("site-backend"),
      bucketName: site.name,
      enableCdn: true,
      compressionMode: "AUTOMATIC",
      edgeSecurityPolicy: edgePolicy.id,
      customResponseHeaders: securityHeaders,
      cdnPolicy: { cacheMode: "CACHE_ALL_STATIC", defaultTtl: 3600, clientTtl: 3600, maxTtl: 86400, negativeCaching: true, serveWhileStale: 86400, requestCoalescing: true },
    }, { ...opts, dependsOn: [cdnRead] });
    const address = new compute.GlobalAddress(ctx.name("site-ip"), { name: ctx.name("site-ip"), addressType: "EXTERNAL", ipVersion: "IPV4" }, opts);
    const certificate = new compute.ManagedSslCertificate(ctx.name("site-cert"), { name: ctx.name("site-cert"), managed: { domains: [domain] } }, opts);
    const sslPolicy = new compute.SSLPolicy(ctx.name("site-tls"), { name: ctx.name("site-tls"), profile: "MODERN", minTlsVersion: "TLS_1_2" }, opts);
    // `/` is the bucket itself, not an object: it is served the site's index.html (what a website bucket's main page
    // suffix would do, for a bucket the load balancer reads privately).
    const urlMap = new compute.URLMap(ctx.name("site"), {
      name: ctx.name("site"),
      defaultService: backend.id,
      hostRules: [{ hosts: ["*"], pathMatcher: "site" }],
      pathMatchers: [{
        name: "site",
        defaultService: backend.id,
        routeRules: [{ priority: 1, matchRules: [{ fullPathMatch: "/" }], service: backend.id, routeAction: { urlRewrite: { pathPrefixRewrite: "/index.html" } } }],
      }],
    }, opts);
    const httpsProxy = new compute.TargetHttpsProxy(ctx.name("site-https"), { name: ctx.name("site-https"), urlMap: urlMap.id, sslCertificates: [certificate.id], sslPolicy: sslPolicy.id }, opts);
    const https = forwardingRule(ctx, "site-https", address, httpsProxy.id, "443");
    const redirectMap = new compute.URLMap(ctx.name("site-redirect"), {
      name: ctx.name("site-redirect"),
      defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
    }, opts);
    const httpProxy = new compute.TargetHttpProxy(ctx.name("site-http"), { name: ctx.name("site-http"), urlMap: redirectMap.id }, opts);
    const http = forwardingRule(ctx, "site-http", address, httpProxy.id, "80");
    const { invalidator, grants } = publishGrants(ctx, args, site);
    return {
      url: pulumi.output(`https://${domain}`),
      siteLocation: site.name,
      cdnId: urlMap.name,
      native: { site, cdnRead, edgePolicy, backend, address, certificate, sslPolicy, urlMap, httpsProxy, https, redirectMap, httpProxy, http, invalidator, grants },
    };
  },
};

function forwardingRule(ctx: DriverContext, suffix: string, address: compute.GlobalAddress, target: pulumi.Input<string>, port: string): compute.GlobalForwardingRule {
  return new compute.GlobalForwardingRule(ctx.name(suffix), {
    name: ctx.name(suffix),
    target,
    ipAddress: address.address,
    ipProtocol: "TCP",
    portRange: port,
    loadBalancingScheme: scheme,
  }, { parent: ctx.parent });
}

/**
 * The publisher's access: object writes on the site bucket, and cache invalidation on this URL map only. A URL map
 * holds no IAM policy of its own (Compute Engine has no URL-map IAM resource), so the custom role is bound on the
 * project with an IAM condition on this URL map's resource name, which Compute Engine evaluates: it invalidates no
 * other load balancer's cache. The role's id is per stack: custom role ids are per project and stay reserved for
 * weeks after deletion, so two stacks in one project never share one.
 */
function publishGrants(ctx: DriverContext, args: FrontendArgs, site: storage.Bucket): { invalidator: projects.IAMCustomRole; grants: (storage.BucketIAMMember | projects.IAMMember)[] } {
  const { projectId } = projectOf(ctx);
  const invalidator = new projects.IAMCustomRole(ctx.name("cdn-invalidator"), {
    project: projectId,
    roleId: `stratumCdnInvalidator_${ctx.name("site").replace(/-/g, "_")}`,
    title: `${ctx.name(args.name)}: invalidate the CDN cache`,
    description: "Invalidates the front end's Cloud CDN cache; nothing else.",
    permissions: invalidatePermissions,
    stage: "GA",
  }, { parent: ctx.parent });
  const onUrlMap = {
    title: `only ${ctx.name("site")}`,
    expression: `resource.type == 'compute.googleapis.com/UrlMap' && resource.name == 'projects/${projectId}/global/urlMaps/${ctx.name("site")}'`,
  };
  const grants = args.grants.flatMap((grant) => [
    bucketGrant(ctx, "site", grant.principal, site.name, publishRole),
    conditionalProjectGrant(ctx, "cdn-invalidate", grant.principal, invalidator.name, onUrlMap),
  ]);
  return { invalidator, grants };
}
