import type { Cloud } from "../components/spec/schema.ts";
import type { CloudAccess, Step } from "./model.ts";
import type { StackTarget } from "./platform.ts";
import { pulumiAccess } from "./steps.ts";

/**
 * The deploy publishes the front end after `pulumi up`: the files built once (build-once.ts) go to the stack's
 * front-end bucket, files gone from the build are deleted, and the CDN is invalidated when anything changed. The
 * bucket and the CDN come from the stack outputs `frontendBucket` and `frontendCdnId`, read in the step, so no
 * name from a spec or an output is ever part of the script.
 */

/** Where the deploy job downloads the built site to. */
export const siteDir = "site";

/**
 * `no-cache` stores and revalidates (a 304 costs one round trip): the example's file names carry no content hash,
 * so a long max-age would serve stale files after a deploy no matter what the CDN holds.
 */
const cacheControl = "no-cache";

interface SiteCommands {
  /** Sets `changed=true` in `$GITHUB_OUTPUT` when the upload changed anything. */
  readonly upload: readonly string[];
  readonly invalidate: readonly string[];
  readonly uploadAccess: readonly CloudAccess[];
  readonly invalidateAccess: readonly CloudAccess[];
}

const bucket = { output: "frontendBucket" };

/** One switch per cloud. GCP and Azure are written to the same outputs contract and not yet run against a real stack. */
const commands: Record<Cloud, SiteCommands> = {
  aws: {
    upload: [
      'bucket=$(pulumi stack output frontendBucket --stack "$STACK")',
      `aws s3 sync "$SITE" "s3://$bucket" --delete --no-progress --cache-control "$CACHE_CONTROL" | tee "$RUNNER_TEMP/site-sync.log"`,
      'if [ -s "$RUNNER_TEMP/site-sync.log" ]; then echo "changed=true" >> "$GITHUB_OUTPUT"; fi',
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `aws cloudfront create-invalidation --distribution-id "$cdn" --paths '/*' > /dev/null`],
    uploadAccess: [
      { action: "s3:ListBucket", resource: bucket },
      { action: "s3:PutObject", resource: { ...bucket, suffix: "/*" } },
      { action: "s3:DeleteObject", resource: { ...bucket, suffix: "/*" } },
    ],
    invalidateAccess: [{ action: "cloudfront:CreateInvalidation", resource: { output: "frontendCdnId" } }],
  },
  gcp: {
    upload: [
      'bucket=$(pulumi stack output frontendBucket --stack "$STACK")',
      'gcloud storage rsync "$SITE" "gs://$bucket" --recursive --delete-unmatched-destination-objects --cache-control="$CACHE_CONTROL"',
      'echo "changed=true" >> "$GITHUB_OUTPUT"',
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `gcloud compute url-maps invalidate-cdn-cache "$cdn" --path '/*' --async`],
    uploadAccess: [],
    invalidateAccess: [],
  },
  azure: {
    upload: [
      'account=$(pulumi stack output frontendBucket --stack "$STACK")',
      `az storage blob sync --auth-mode login --account-name "$account" --container "\\$web" --source "$SITE" --delete-destination true`,
      'echo "changed=true" >> "$GITHUB_OUTPUT"',
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `az afd endpoint purge --ids "$cdn" --content-paths '/*'`],
    uploadAccess: [],
    invalidateAccess: [],
  },
};

/** Upload and invalidate, for a deploy job whose env has `STACK` and whose site is in `siteDir`. */
export function publishSite(stack: StackTarget): Step[] {
  const c = commands[stack.cloud];
  return [
    {
      name: "Upload the front end",
      id: "site",
      env: { SITE: siteDir, CACHE_CONTROL: cacheControl },
      run: c.upload.join("\n"),
      cloudAccess: [...pulumiAccess(stack, "output"), ...c.uploadAccess],
    },
    {
      name: "Invalidate the CDN",
      if: "steps.site.outputs.changed == 'true'",
      run: c.invalidate.join("\n"),
      cloudAccess: [...pulumiAccess(stack, "output"), ...c.invalidateAccess],
    },
  ];
}
