import type * as pulumi from "@pulumi/pulumi";
import type { FrontendSpec } from "../../spec/index.ts";

/**
 * The static front end behind a CDN with TLS. AWS: private S3 + CloudFront (OAC) + ACM + WAF. GCP: GCS +
 * backend bucket with Cloud CDN + managed certificate + Cloud Armor. Azure: storage + Front Door Premium + WAF.
 */
export interface FrontendArgs extends FrontendSpec {
  readonly keyId: pulumi.Input<string>;
  /** Where CDN access logs go. */
  readonly logDestination: pulumi.Input<string>;
}

export interface Frontend {
  readonly url: pulumi.Output<string>;
  /** The bucket (or container) the deploy workflow uploads the built site to. */
  readonly siteLocation: pulumi.Output<string>;
  /** The CDN the deploy invalidates after an upload (AWS: the CloudFront distribution's id). */
  readonly cdnId: pulumi.Output<string>;
}
