import type * as pulumi from "@pulumi/pulumi";
import type { FrontendSpec } from "../../spec/index.ts";
import type { Grant } from "../../grants.ts";

/**
 * The static front end behind a CDN with TLS. AWS: private S3 + CloudFront (OAC) + ACM + WAF. GCP: GCS +
 * backend bucket with Cloud CDN + managed certificate + Cloud Armor. Azure: storage + Front Door Premium + WAF.
 * Only the CDN reads the site's storage (AWS: origin access control; GCP: the backend bucket's service agent;
 * Azure: Front Door's private link origin).
 */
export interface FrontendArgs extends FrontendSpec {
  readonly keyId: pulumi.Input<string>;
  /** Days a non-current version of a site file is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** Where CDN access logs go. */
  readonly logDestination: pulumi.Input<string>;
  /**
   * Who publishes the built site: `publish` uploads and deletes its files and invalidates the CDN's cache. AWS:
   * a policy on the principal's role for the bucket, its key through S3 only and this distribution. GCP:
   * `roles/storage.objectUser` on the bucket and a custom role holding only
   * `compute.urlMaps.invalidateCache`, on the project with an IAM condition on the URL map (URL maps hold no IAM policy). Azure:
   * Storage Blob Data Contributor on the container and CDN Endpoint Contributor on the Front Door endpoint.
   */
  readonly grants: readonly Grant<"publish">[];
}

export interface Frontend {
  readonly url: pulumi.Output<string>;
  /** The bucket (or container) the deploy workflow uploads the built site to. */
  readonly siteLocation: pulumi.Output<string>;
  /** The CDN the deploy invalidates after an upload (AWS: the CloudFront distribution's id). */
  readonly cdnId: pulumi.Output<string>;
}
