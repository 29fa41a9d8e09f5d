import * as pulumi from "@pulumi/pulumi";
import * as artifactregistry from "@pulumi/gcp/artifactregistry/index.js";
import type { Driver } from "../../capability.ts";
import { iamMember } from "../../clouds/gcp/iam-member.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import type { Registry, RegistryAccess, RegistryArgs } from "./registry.ts";

export interface GcpRegistry extends Registry {
  readonly native: {
    readonly repositories: Readonly<Record<string, artifactregistry.Repository>>;
    /** Per principal, its IAM members on the repositories it was granted. */
    readonly grants: Readonly<Record<string, readonly artifactregistry.RepositoryIamMember[]>>;
  };
}

/** Push (and cosign's signature, read back) or pull, as Artifact Registry's predefined repository roles. */
export const registryRoles: Readonly<Record<RegistryAccess["images"], string>> = {
  push: "roles/artifactregistry.writer",
  pull: "roles/artifactregistry.reader",
};

const day = 86_400;

/**
 * One Docker repository in Artifact Registry per workload (`<prefix>-<workload>`, in the stack's region), every
 * field set, since @pulumi/gcp 9 fills in no defaults: a standard repository, tags immutable, encrypted with the
 * registry key, vulnerability scanning as the project's Container Scanning enables it (INHERITED: the API must be
 * on), and cleanup policies applied for real (not a dry run): untagged images deleted after
 * `untaggedImageExpiryDays`, and of the tagged ones only the newest `imagesKept` kept. Each grant is an IAM member
 * on exactly the repositories it names, with the repository role of its access (writer or reader).
 * `repositoryUrls[w]` is the image path `<region>-docker.pkg.dev/<project>/<repository>/<w>`.
 */
export const gcpRegistry: Driver<RegistryArgs, GcpRegistry> = {
  create(args, ctx) {
    const { projectId } = projectOf(ctx);
    const opts = { parent: ctx.parent };
    const host = `${ctx.region}-docker.pkg.dev`;
    const repositories: Record<string, artifactregistry.Repository> = {};
    for (const workload of args.repositories) {
      repositories[workload] = new artifactregistry.Repository(ctx.name(`${workload}-repo`), {
        repositoryId: ctx.name(workload),
        location: ctx.region,
        format: "DOCKER",
        mode: "STANDARD_REPOSITORY",
        description: `${workload}'s images`,
        kmsKeyName: args.keyId,
        dockerConfig: { immutableTags: true },
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        cleanupPolicyDryRun: false,
        cleanupPolicies: [
          { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${args.untaggedImageExpiryDays * day}s` } },
          { id: "delete-tagged", action: "DELETE", condition: { tagState: "TAGGED" } },
          // A KEEP policy wins over every DELETE: the newest images stay whatever their age.
          { id: `keep-newest-${args.imagesKept}`, action: "KEEP", mostRecentVersions: { keepCount: args.imagesKept } },
        ],
      }, opts);
    }
    const grants = Object.fromEntries(args.grants.map((grant) => {
      const member = iamMember(grant.principal);
      const workloads = [...(grant.access.workloads ?? Object.keys(repositories))].sort();
      return [grant.principal.name, workloads.map((w) => {
        const repository = repositories[w];
        if (!repository) throw new Error(`registry grant to ${grant.principal.name} on "${w}", which has no repository`);
        return new artifactregistry.RepositoryIamMember(ctx.name(`${w}-repo-${grant.principal.name}`), {
          project: projectId,
          location: ctx.region,
          repository: repository.repositoryId,
          role: registryRoles[grant.access.images],
          member,
        }, opts);
      })];
    }));
    const repositoryUrls = Object.fromEntries(Object.entries(repositories).map(([w, r]) => [w, pulumi.interpolate`${host}/${projectId}/${r.repositoryId}/${w}`]));
    return { repositoryUrls, host: pulumi.output(host), native: { repositories, grants } };
  },
};
