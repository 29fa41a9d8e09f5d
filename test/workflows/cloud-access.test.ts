import { describe, expect, it } from "vitest";
import type { CloudAccess, Step } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { fixturePlatform, repoRoot } from "./fixture.ts";

/**
 * Each step that acts in the cloud declares what it does (`Step.cloudAccess`), which the offline permission check
 * evaluates against the identity its job logs in as. These tests pin the declarations to the commands.
 */
const repo = workflows(workflowPlatform(loadStackSpecs(repoRoot)));
const fixtures = workflows(fixturePlatform());
const job = (all: typeof repo, file: string, id: string) => all.find((w) => w.fileName === file)!.jobs[id]!;
const stepOf = (all: typeof repo, file: string, id: string, name: string): Step => job(all, file, id).steps.find((s) => s.name === name)!;
const has = (step: Step, access: CloudAccess) => expect(step.cloudAccess ?? [], step.name).toContainEqual(access);

/** A command line that acts in the cloud, by the tool it calls. */
const actsInCloud = /(^|\s|\$\()(aws |gcloud (storage|compute|container) |az (storage|afd|acr) |skopeo (copy|inspect)|cosign (sign|verify)|pulumi (up|preview|stack output))/m;

describe("cloudAccess", () => {
  it("is declared on every step of an AWS stack's jobs that acts in the cloud", () => {
    let checked = 0;
    for (const w of [...repo, ...fixtures].filter((w) => w.fileName !== "review.yml")) {
      for (const [id, j] of Object.entries(w.jobs)) {
        if (!/-(dev|prod)-aws$/.test(id)) continue;
        for (const step of j.steps.filter((s) => s.run && actsInCloud.test(s.run))) {
          expect(step.cloudAccess?.length ?? 0, `${w.fileName}#${id}/${step.name}`).toBeGreaterThan(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it.each([["gcp", /-dev-gcp$/], ["azure", /-prod-azure$/]] as const)("is declared on every step of a %s stack's jobs that acts in the cloud", (_cloud, stackJob) => {
    let checked = 0;
    for (const w of fixtures.filter((w) => w.fileName !== "review.yml")) {
      for (const [id, j] of Object.entries(w.jobs)) {
        if (!stackJob.test(id)) continue;
        for (const step of j.steps.filter((s) => s.run && actsInCloud.test(s.run))) {
          expect(step.cloudAccess?.length ?? 0, `${w.fileName}#${id}/${step.name}`).toBeGreaterThan(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("names GCP's permissions on the cloud-neutral outputs", () => {
    const copy = stepOf(fixtures, "deploy.yml", "publish-dev-gcp", "Copy orders into the registry");
    for (const action of ["artifactregistry.repositories.uploadArtifacts", "artifactregistry.repositories.downloadArtifacts", "artifactregistry.tags.create"]) has(copy, { action, resource: { output: "registryUrls", key: "orders" } });
    has(stepOf(fixtures, "deploy.yml", "deploy-dev-gcp", "Verify the signature of every image the stack will run"), { action: "artifactregistry.repositories.downloadArtifacts", resource: { output: "registryUrls", key: "etl" } });
    const upload = stepOf(fixtures, "deploy.yml", "deploy-dev-gcp", "Upload the front end");
    for (const action of ["storage.objects.create", "storage.objects.delete", "storage.objects.list"]) has(upload, { action, resource: { output: "frontendBucket" } });
    has(stepOf(fixtures, "deploy.yml", "deploy-dev-gcp", "Invalidate the CDN"), { action: "compute.urlMaps.invalidateCache", resource: { output: "frontendCdnId" } });
    const up = stepOf(fixtures, "deploy.yml", "deploy-dev-gcp", "Update the stack");
    has(up, { action: "container.clusters.get", resource: { output: "clusterName" } });
    has(up, { action: "storage.objects.create", resource: "pulumi-state" });
    has(up, { action: "cloudkms.cryptoKeyVersions.useToDecrypt", resource: "pulumi-state" });
    const preview = stepOf(fixtures, "preview.yml", "preview-dev-gcp", "Preview with policies");
    has(preview, { action: "container.clusters.get", resource: { output: "clusterName" } });
    expect(preview.cloudAccess!.map((a) => a.action)).not.toContain("storage.objects.create");
    // GCP's registry login uses the job's own access token: nothing to declare, and no AWS action leaks in.
    expect(stepOf(fixtures, "deploy.yml", "publish-dev-gcp", "Log in to the stack's registry").cloudAccess).toEqual([]);
    for (const w of fixtures) for (const [id, j] of Object.entries(w.jobs)) if (id.endsWith("-dev-gcp")) for (const st of j.steps) for (const a of st.cloudAccess ?? []) expect(a.action, `${id}/${st.name}`).toMatch(/^[a-z]+\.[a-zA-Z]+\.[a-zA-Z]+$/);
  });

  it("names Azure's actions and data actions on the cloud-neutral outputs", () => {
    const copy = stepOf(fixtures, "deploy.yml", "publish-prod-azure", "Copy orders into the registry");
    has(copy, { action: "Microsoft.ContainerRegistry/registries/push/write", resource: { output: "registryUrls", key: "orders" } });
    has(copy, { action: "Microsoft.ContainerRegistry/registries/pull/read", resource: { output: "registryUrls", key: "orders" } });
    const upload = stepOf(fixtures, "deploy.yml", "deploy-prod-azure", "Upload the front end");
    has(upload, { action: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", resource: { output: "frontendBucket", suffix: "/blobServices/default/containers/$web" } });
    has(upload, { action: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete", resource: { output: "frontendBucket", suffix: "/blobServices/default/containers/$web" } });
    has(stepOf(fixtures, "deploy.yml", "deploy-prod-azure", "Invalidate the CDN"), { action: "Microsoft.Cdn/profiles/afdEndpoints/purge/action", resource: { output: "frontendCdnId" } });
    for (const [file, id, name] of [["deploy.yml", "deploy-prod-azure", "Update the stack"], ["drift.yml", "drift-prod-azure", "Refresh and expect no changes"]] as const) {
      has(stepOf(fixtures, file, id, name), { action: "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action", resource: { output: "clusterName" } });
    }
    for (const w of fixtures) for (const [id, j] of Object.entries(w.jobs)) if (id.endsWith("-prod-azure")) for (const st of j.steps) for (const a of st.cloudAccess ?? []) expect(a.action, `${id}/${st.name}`).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+$/);
  });

  it("names the registry login's action on *, and each push on the workload's repository", () => {
    has(stepOf(repo, "deploy.yml", "publish-dev-aws", "Log in to the stack's registry"), { action: "ecr:GetAuthorizationToken", resource: "*" });
    const copy = stepOf(repo, "deploy.yml", "publish-dev-aws", "Copy orders into the registry");
    for (const action of ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage"]) {
      has(copy, { action, resource: { output: "registryUrls", key: "orders" } });
    }
    has(stepOf(repo, "deploy.yml", "publish-dev-aws", "Sign orders by digest (keyless)"), { action: "ecr:PutImage", resource: { output: "registryUrls", key: "orders" } });
    const verify = stepOf(repo, "deploy.yml", "deploy-prod-aws", "Verify the signature of every image the stack will run");
    for (const w of ["api", "orders", "recommender", "etl"]) has(verify, { action: "ecr:GetDownloadUrlForLayer", resource: { output: "registryUrls", key: w } });
  });

  it("names the front-end bucket's and the CDN's actions", () => {
    const upload = stepOf(repo, "deploy.yml", "deploy-dev-aws", "Upload the front end");
    has(upload, { action: "s3:ListBucket", resource: { output: "frontendBucket" } });
    has(upload, { action: "s3:PutObject", resource: { output: "frontendBucket", suffix: "/*" } });
    has(upload, { action: "s3:DeleteObject", resource: { output: "frontendBucket", suffix: "/*" } });
    has(stepOf(repo, "deploy.yml", "deploy-dev-aws", "Invalidate the CDN"), { action: "cloudfront:CreateInvalidation", resource: { output: "frontendCdnId" } });
  });

  it("names what pulumi up, preview and refresh need: the state, the cluster, and the managed endpoint where a model is managed", () => {
    const up = (stack: string) => stepOf(repo, "deploy.yml", `deploy-${stack}`, "Update the stack");
    for (const stack of ["dev-aws", "prod-aws"]) {
      has(up(stack), { action: "eks:DescribeCluster", resource: { output: "clusterName" } });
      has(up(stack), { action: "s3:PutObject", resource: "pulumi-state" });
      has(stepOf(repo, "preview.yml", `preview-${stack}`, "Preview with policies"), { action: "s3:GetObject", resource: "pulumi-state" });
      has(stepOf(repo, "drift.yml", `drift-${stack}`, "Refresh and expect no changes"), { action: "eks:DescribeCluster", resource: { output: "clusterName" } });
      expect(stepOf(repo, "preview.yml", `preview-${stack}`, "Preview with policies").cloudAccess).not.toContainEqual({ action: "s3:PutObject", resource: "pulumi-state" });
    }
    // prod-aws serves the recommender on SageMaker; dev-aws in the cluster.
    has(up("prod-aws"), { action: "sagemaker:UpdateEndpoint", resource: { output: "modelEndpoints", key: "recommender" } });
    expect(up("dev-aws").cloudAccess!.map((a) => a.action)).not.toContain("sagemaker:UpdateEndpoint");
  });
});
