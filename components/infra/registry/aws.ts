import * as pulumi from "@pulumi/pulumi";
import * as ecr from "@pulumi/aws/ecr/index.js";
import type { Driver } from "../../capability.ts";
import { repositoryName } from "../../clouds/aws/ecr-names.ts";
import { accountId } from "../../clouds/aws/account.ts";
import type { Registry, RegistryArgs } from "./registry.ts";

export interface AwsRegistry extends Registry {
  readonly native: { readonly repositories: Readonly<Record<string, ecr.Repository>>; readonly lifecyclePolicies: Readonly<Record<string, ecr.LifecyclePolicy>> };
}

/** One ECR repository per workload: immutable tags, scan on push, the registry key, a cleanup lifecycle. */
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
    const repositoryUrls: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(repositories).map(([w, r]) => [w, r.repositoryUrl]));
    // The host of the repositories' URLs (`<account>.dkr.ecr.<region>.amazonaws.com`), so login and push agree.
    const first = Object.values(repositoryUrls)[0];
    const host = first ? first.apply((url) => url.split("/")[0] ?? url) : pulumi.interpolate`${accountId(ctx)}.dkr.ecr.${ctx.region}.amazonaws.com`;
    return { repositoryUrls, host, native: { repositories, lifecyclePolicies } };
  },
};
