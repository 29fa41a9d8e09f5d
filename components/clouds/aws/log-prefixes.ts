/** Prefixes in the audit log bucket, one per writer, so each service may write only under its own. */
export const logPrefixes = { trail: "cloudtrail", s3Access: "s3-access", cdn: "cloudfront" } as const;
