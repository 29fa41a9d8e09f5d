import { refersTo } from "../inputs.ts";
import type { RuleResource, StackFinding } from "../rule.ts";

/** AWS v7 buckets; `BucketV2` is the deprecated alias that still exists. */
export const s3BucketTypes = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/**
 * In AWS v7 a bucket's encryption, public-access block and policy are separate resources that name the bucket
 * in their `bucket` input. Reports every bucket with no companion of `companionTypes` that `satisfies` holds for.
 */
export function bucketsLacking(
  resources: readonly RuleResource[],
  companionTypes: readonly string[],
  satisfies: (companion: RuleResource) => boolean,
  message: (bucket: RuleResource) => string,
): StackFinding[] {
  const companions = resources.filter((r) => companionTypes.includes(r.type));
  return resources
    .filter((r) => s3BucketTypes.includes(r.type))
    .filter((bucket) => !companions.some((c) => refersTo(c.inputs["bucket"], bucket) && satisfies(c)))
    .map((bucket) => ({ urn: bucket.urn, message: message(bucket) }));
}
