import * as pulumi from "@pulumi/pulumi";

/**
 * The ARN of the ECR repository a repository URL names (`<account>.dkr.ecr.<region>.<domain>/<name>` →
 * `arn:aws:ecr:<region>:<account>:repository/<name>`), so a grant follows the registry's own output rather than
 * a name pattern.
 */
export function repositoryArnFromUrl(url: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(url).apply((value) => {
    const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.[^/]+\/(.+)$/.exec(value);
    if (!match) throw new Error(`not an ECR repository URL: "${value}" (expected <account>.dkr.ecr.<region>.amazonaws.com/<name>)`);
    const [, account, region, name] = match;
    return `arn:aws:ecr:${region}:${account}:repository/${name}`;
  });
}
