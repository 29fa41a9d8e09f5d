import * as pulumi from "@pulumi/pulumi";
import * as acm from "@pulumi/aws/acm/index.js";
import * as cloudfront from "@pulumi/aws/cloudfront/index.js";
import * as cloudwatch from "@pulumi/aws/cloudwatch/index.js";
import * as wafv2 from "@pulumi/aws/wafv2/index.js";
import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { bucketArn, keysThroughS3 } from "../../clouds/aws/account.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import { secureBucketPolicy, secureBucketWithoutPolicy, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import { logPrefixes } from "../../clouds/aws/log-prefixes.ts";
import type { Frontend, FrontendArgs } from "./frontend.ts";

export interface AwsFrontend extends Frontend {
  readonly native: {
    readonly site: SecureBucket & { readonly policy: s3.BucketPolicy };
    readonly originAccessControl: cloudfront.OriginAccessControl;
    readonly distribution: cloudfront.Distribution;
    readonly webAcl: wafv2.WebAcl;
    readonly certificate?: acm.Certificate;
  };
}

/** CloudFront's certificates, web ACLs and log deliveries live in us-east-1 whatever the stack's region. */
const edgeRegion = "us-east-1";
const minimumTls = "TLSv1.2_2021";
/** AWS-managed CloudFront policies: CachingOptimized, and SecurityHeadersPolicy (HSTS, nosniff, frame options). */
const cachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const securityHeaders = "67f7725c-6f97-4210-82d7-5512b31e9d03";
const managedRuleGroups = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];
const originId = "site";

/**
 * The static front end: a private secure bucket read only by this distribution (origin access control, SigV4),
 * CloudFront over HTTPS only with TLS 1.2+, the security-headers policy and a WAF web ACL of AWS managed rules;
 * an ACM certificate for a custom domain (validated by DNS); access logs to the audit log bucket.
 */
export const awsFrontend: Driver<FrontendArgs, AwsFrontend> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const site = secureBucketWithoutPolicy(ctx, "site", { keyArn: args.keyId, noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays, accessLogBucket: args.logDestination });
    const originAccessControl = new cloudfront.OriginAccessControl(ctx.name("site-oac"), {
      name: ctx.name("site-oac"),
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    }, opts);
    const webAcl = createWebAcl(ctx);
    const certificate = args.domain
      ? new acm.Certificate(ctx.name("site-cert"), { region: edgeRegion, domainName: args.domain, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1" }, opts)
      : undefined;
    const distribution = new cloudfront.Distribution(ctx.name("cdn"), {
      enabled: true,
      comment: ctx.name(args.name),
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      defaultRootObject: "index.html",
      ...(args.domain ? { aliases: [args.domain] } : {}),
      origins: [{ originId, domainName: site.bucket.bucketRegionalDomainName, originAccessControlId: originAccessControl.id }],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: cachingOptimized,
        responseHeadersPolicyId: securityHeaders,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: certificate
        ? { acmCertificateArn: certificate.arn, sslSupportMethod: "sni-only", minimumProtocolVersion: minimumTls }
        : { cloudfrontDefaultCertificate: true, minimumProtocolVersion: minimumTls },
      webAclId: webAcl.arn,
    }, opts);
    const policy = secureBucketPolicy(ctx, "site", site, args.keyId, [{
      Sid: "OnlyThisDistributionReads",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: ["s3:GetObject"],
      Resource: [pulumi.interpolate`${site.bucket.arn}/*`],
      Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
    }]);
    deliverAccessLogs(ctx, distribution, args.logDestination);
    // `aws s3 sync --delete` of the built site and the invalidation after it, on exactly this bucket and distribution.
    for (const grant of args.grants) {
      roleGrant(ctx, grant.principal, "site", [
        { Sid: "ListSite", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [site.bucket.arn] },
        { Sid: "UploadSite", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: [pulumi.interpolate`${site.bucket.arn}/*`] },
        keysThroughS3(ctx.region, [args.keyId]),
        { Sid: "InvalidateCdn", Effect: "Allow", Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"], Resource: [distribution.arn] },
      ]);
    }
    return {
      url: args.domain ? pulumi.output(`https://${args.domain}`) : pulumi.interpolate`https://${distribution.domainName}`,
      siteLocation: site.bucket.bucket,
      cdnId: distribution.id,
      native: { site: { ...site, policy }, originAccessControl, distribution, webAcl, ...(certificate ? { certificate } : {}) },
    };
  },
};

function createWebAcl(ctx: DriverContext): wafv2.WebAcl {
  const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
  return new wafv2.WebAcl(ctx.name("site-waf"), {
    region: edgeRegion,
    scope: "CLOUDFRONT",
    defaultAction: { allow: {} },
    visibilityConfig: visibility(ctx.name("site-waf")),
    rules: managedRuleGroups.map((name, priority) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
      visibilityConfig: visibility(name),
    })),
  }, { parent: ctx.parent });
}

/** CloudFront standard logging (v2): access logs delivered to the log bucket's CDN prefix. */
function deliverAccessLogs(ctx: DriverContext, distribution: cloudfront.Distribution, logBucket: pulumi.Input<string>): cloudwatch.LogDelivery {
  const opts = { parent: ctx.parent };
  const source = new cloudwatch.LogDeliverySource(ctx.name("cdn-log-source"), { region: edgeRegion, name: ctx.name("cdn"), logType: "ACCESS_LOGS", resourceArn: distribution.arn }, opts);
  const destination = new cloudwatch.LogDeliveryDestination(ctx.name("cdn-log-destination"), {
    region: edgeRegion,
    name: ctx.name("cdn-logs"),
    outputFormat: "parquet",
    deliveryDestinationConfiguration: { destinationResourceArn: pulumi.interpolate`${bucketArn(logBucket)}/${logPrefixes.cdn}` },
  }, opts);
  return new cloudwatch.LogDelivery(ctx.name("cdn-log-delivery"), { region: edgeRegion, deliverySourceName: source.name, deliveryDestinationArn: destination.arn }, opts);
}
