import * as pulumi from "@pulumi/pulumi";
import * as ecr from "@pulumi/aws/ecr/index.js";
import type { Driver } from "../../capability.ts";
import { repositoryName } from "../../clouds/aws/ecr-names.ts";
import { accountId } from "../../clouds/aws/account.ts";
import type { Registry, RegistryArgs } from "./registry.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import { registryGrantStatements } from "./aws-grants.ts";
import { repositoryArnFromUrl } from "../../clouds/aws/ecr-repository-arn.ts";
import type * as iam from "@pulumi/aws/iam/index.js";

export interface AwsRegistry extends Registry {
  readonly native: { readonly repositories: Readonly<Record<string, ecr.Repository>>; readonly lifecyclePolicies: Readonly<Record<string, ecr.LifecyclePolicy>>; readonly grants: Readonly<Record<string, iam.RolePolicy>> };
}

/**
 * One ECR repository per workload: immutable tags, scan on push, the registry key, a cleanup lifecycle; each grant
 * a policy on the principal's role (`<prefix>-<principal>-registry`).
 */
export const awsRegistry: Driver<RegistryArgs, AwsRegistry> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { untaggedImageExpiryDays, imagesKept } = args;
    const lifecycle = JSON.stringify({
      rules: [
        { rulePriority: 1, description: "expire untagged images", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedImageExpiryDays }, action: { type: "expire" } },
        { rulePriority: 2, description: `keep the newest ${imagesKept} images`, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: imagesKept }, action: { type: "expire" } },
      ],
    });
    const repositories: Record<string, ecr.Repository> = {};
    const lifecyclePolicies: Record<string, ecr.LifecyclePolicy> = {};
    for (const workload of args.repositories) {
      const repository = new ecr.Repository(ctx.name(`${workload}-repo`), {
        name: repositoryName(ctx, workload),
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.keyId }],
        forceDelete: false,
      }, opts);
      repositories[workload] = repository;
      lifecyclePolicies[workload] = new ecr.LifecyclePolicy(ctx.name(`${workload}-repo-lifecycle`), { repository: repository.name, policy: lifecycle }, opts);
    }
    // Each grant on exactly the repositories it names (all by default), in name order.
    const grants = Object.fromEntries(args.grants.map((grant) => {
      const granted = [...(grant.access.workloads ?? Object.keys(repositories))].sort().map((w) => {
        const repository = repositories[w];
        if (!repository) throw new Error(`registry grant to ${grant.principal.name} on "${w}", which has no repository`);
        // From the repository's URL, which names the repository by its name (offline too), as ECR's ARNs do.
        return repositoryArnFromUrl(repository.repositoryUrl);
      });
      return [grant.principal.name, roleGrant(ctx, grant.principal, "registry", registryGrantStatements(ctx, grant.access, granted, args.keyId))];
    }));
    const repositoryUrls: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(repositories).map(([w, r]) => [w, r.repositoryUrl]));
    // The host of the repositories' URLs (`<account>.dkr.ecr.<region>.amazonaws.com`), so login and push agree.
    const first = Object.values(repositoryUrls)[0];
    const host = first ? first.apply((url) => url.split("/")[0] ?? url) : pulumi.interpolate`${accountId(ctx)}.dkr.ecr.${ctx.region}.amazonaws.com`;
    return { repositoryUrls, host, native: { repositories, lifecyclePolicies, grants } };
  },
};
