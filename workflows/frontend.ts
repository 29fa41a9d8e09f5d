import type { Cloud } from "../components/spec/schema.ts";
import { pulumiAccess, siteInvalidateAccess, siteUploadAccess } from "./cloud-access.ts";
import type { Step } from "./model.ts";
import type { StackTarget } from "./platform.ts";

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
}

/**
 * One switch per cloud, on the same outputs: `frontendBucket` is the S3 bucket, the GCS bucket, or the ARM id of the
 * storage account whose static website container (`$web`) serves the site; `frontendCdnId` is the CloudFront distribution
 * id, the URL map name, or the Front Door endpoint's resource id. Each upload keeps its log, whose lines (or
 * counters) say whether anything changed, so an unchanged site costs no invalidation.
 */
/** A step's default shell is `bash -e`, without pipefail: a failed upload piped into `tee` would pass unseen. */
const pipefail = "set -o pipefail";

const commands: Record<Cloud, SiteCommands> = {
  aws: {
    upload: [
      pipefail,
      'bucket=$(pulumi stack output frontendBucket --stack "$STACK")',
      `aws s3 sync "$SITE" "s3://$bucket" --delete --no-progress --cache-control "$CACHE_CONTROL" | tee "$RUNNER_TEMP/site-sync.log"`,
      'if [ -s "$RUNNER_TEMP/site-sync.log" ]; then echo "changed=true" >> "$GITHUB_OUTPUT"; fi',
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `aws cloudfront create-invalidation --distribution-id "$cdn" --paths '/*' > /dev/null`],
  },
  gcp: {
    upload: [
      pipefail,
      'bucket=$(pulumi stack output frontendBucket --stack "$STACK")',
      // gcloud reports each object it copies or removes ("Copying file://…", "Removing gs://…") on stderr.
      'gcloud storage rsync "$SITE" "gs://$bucket" --recursive --delete-unmatched-destination-objects --cache-control="$CACHE_CONTROL" 2>&1 | tee "$RUNNER_TEMP/site-sync.log"',
      `if grep -Eq '^(Copying|Removing) ' "$RUNNER_TEMP/site-sync.log"; then echo "changed=true" >> "$GITHUB_OUTPUT"; fi`,
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `gcloud compute url-maps invalidate-cdn-cache "$cdn" --path '/*' --async`],
  },
  azure: {
    upload: [
      pipefail,
      // frontendBucket is the storage account's ARM id (the scope of the upload's role); its last segment is the name.
      'account=$(pulumi stack output frontendBucket --stack "$STACK")',
      // With the job's Entra ID login (no account key: shared keys are off); azcopy prints its transfer counters.
      `az storage blob sync --auth-mode login --account-name "\${account##*/}" --container "\\$web" --source "$SITE" --delete-destination true | tee "$RUNNER_TEMP/site-sync.log"`,
      `if grep -Eq 'Number of (Copy Transfers Completed|Deletions at Destination): *[1-9]' "$RUNNER_TEMP/site-sync.log"; then echo "changed=true" >> "$GITHUB_OUTPUT"; fi`,
    ],
    invalidate: ['cdn=$(pulumi stack output frontendCdnId --stack "$STACK")', `az afd endpoint purge --ids "$cdn" --content-paths '/*'`],
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
      cloudAccess: [...pulumiAccess(stack, "output"), ...siteUploadAccess(stack.cloud)],
    },
    {
      name: "Invalidate the CDN",
      if: "steps.site.outputs.changed == 'true'",
      run: c.invalidate.join("\n"),
      cloudAccess: [...pulumiAccess(stack, "output"), ...siteInvalidateAccess(stack.cloud)],
    },
  ];
}
