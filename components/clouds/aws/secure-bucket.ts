import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3/index.js";
import type { DriverContext } from "../../capability.ts";
import { logPrefixes } from "./log-prefixes.ts";
import { policyDocument, policyJson, type PolicyStatement } from "./iam-policy.ts";

/**
 * The one way stratum makes an S3 bucket (lake zones, the front-end site, the log bucket, model artifacts, job
 * scripts): all four public-access blocks, `BucketOwnerEnforced` (no ACLs), SSE-KMS with a customer-managed key
 * and a bucket key, versioning, a lifecycle, server access logging, and a policy that denies plain HTTP and
 * uploads that ask for another encryption or key.
 */
export interface SecureBucketArgs {
  readonly keyArn: pulumi.Input<string>;
  /** Days a non-current object version is kept (the name every contract uses for this idea). */
  readonly noncurrentVersionRetentionDays: number;
  /** Days after which current objects expire (log buckets). Absent: objects never expire. */
  readonly expireAfterDays?: number;
  /** The bucket server access logs go to, under `s3-access/<bucket>/`. Absent only for the log bucket itself. */
  readonly accessLogBucket?: pulumi.Input<string>;
}

export interface SecureBucket {
  readonly bucket: s3.Bucket;
  readonly publicAccessBlock: s3.BucketPublicAccessBlock;
  readonly ownership: s3.BucketOwnershipControls;
  readonly encryption: s3.BucketServerSideEncryptionConfiguration;
  readonly versioning: s3.BucketVersioning;
  readonly lifecycle: s3.BucketLifecycleConfiguration;
  readonly logging?: s3.BucketLogging;
}

/** Days an incomplete multipart upload is kept: its parts are invisible and only cost money. */
const abortIncompleteUploadDays = 7;

/** A secure bucket with its policy. `grants` adds service access (CloudTrail, log delivery) to the denies. */
export function secureBucket(ctx: DriverContext, suffix: string, args: SecureBucketArgs, grants: (arn: pulumi.Output<string>) => PolicyStatement[] = () => []): SecureBucket & { readonly policy: s3.BucketPolicy } {
  const made = secureBucketWithoutPolicy(ctx, suffix, args);
  return { ...made, policy: secureBucketPolicy(ctx, suffix, made, args.keyArn, grants(made.bucket.arn)) };
}

/**
 * The bucket without its policy, for a caller whose grants name a resource created after the bucket (the
 * front end's CloudFront distribution): it must call `secureBucketPolicy` itself.
 */
export function secureBucketWithoutPolicy(ctx: DriverContext, suffix: string, args: SecureBucketArgs): SecureBucket {
  const opts = { parent: ctx.parent };
  const bucket = new s3.Bucket(ctx.name(suffix), { forceDestroy: false }, opts);
  const publicAccessBlock = new s3.BucketPublicAccessBlock(ctx.name(`${suffix}-public-access`), {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  }, opts);
  const ownership = new s3.BucketOwnershipControls(ctx.name(`${suffix}-ownership`), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts);
  const encryption = new s3.BucketServerSideEncryptionConfiguration(ctx.name(`${suffix}-encryption`), {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn }, bucketKeyEnabled: true }],
  }, opts);
  const versioning = new s3.BucketVersioning(ctx.name(`${suffix}-versioning`), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
  const lifecycle = new s3.BucketLifecycleConfiguration(ctx.name(`${suffix}-lifecycle`), {
    bucket: bucket.id,
    rules: [{
      id: "retention",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionRetentionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: abortIncompleteUploadDays },
      ...(args.expireAfterDays !== undefined ? { expiration: { days: args.expireAfterDays } } : {}),
    }],
  }, { ...opts, dependsOn: [versioning] });
  const logging = args.accessLogBucket === undefined
    ? undefined
    : new s3.BucketLogging(ctx.name(`${suffix}-access-logs`), { bucket: bucket.id, targetBucket: args.accessLogBucket, targetPrefix: pulumi.interpolate`${logPrefixes.s3Access}/${bucket.id}/` }, opts);
  return { bucket, publicAccessBlock, ownership, encryption, versioning, lifecycle, ...(logging ? { logging } : {}) };
}

/** The bucket policy: TLS only, uploads only with the bucket's own KMS key, plus the caller's grants. */
export function secureBucketPolicy(ctx: DriverContext, suffix: string, made: SecureBucket, keyArn: pulumi.Input<string>, grants: PolicyStatement[]): s3.BucketPolicy {
  const arn = made.bucket.arn;
  const objects = pulumi.interpolate`${arn}/*`;
  const document = policyDocument(
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: ["s3:*"], Resource: [arn, objects], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    // Only uploads that ask for something else are refused: a negated condition is true when its key is absent,
    // so without the Null guard every upload that relies on the bucket's default encryption (this key) would be.
    { Sid: "DenyOtherEncryption", Effect: "Deny", Principal: "*", Action: ["s3:PutObject"], Resource: [objects], Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" }, Null: { "s3:x-amz-server-side-encryption": "false" } } },
    { Sid: "DenyOtherKey", Effect: "Deny", Principal: "*", Action: ["s3:PutObject"], Resource: [objects], Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } } },
    ...grants,
  );
  // The public-access block goes first: S3 rejects a policy change while it is being applied.
  return new s3.BucketPolicy(ctx.name(`${suffix}-policy`), { bucket: made.bucket.id, policy: policyJson(document) }, { parent: ctx.parent, dependsOn: [made.publicAccessBlock] });
}
