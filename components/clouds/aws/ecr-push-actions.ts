/**
 * The ECR actions a push by digest takes (`skopeo copy` to a repository), plus the look-up of a tag that makes a
 * re-run a no-op, and the layer reads of the digest check after it. One list for the identities that push and for
 * the workflow steps that declare what they do.
 */
export const ecrPushActions = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:PutImage",
  "ecr:BatchGetImage",
  "ecr:DescribeImages",
  "ecr:GetDownloadUrlForLayer",
] as const;
