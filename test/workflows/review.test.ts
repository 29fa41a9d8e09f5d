import { describe, expect, it } from "vitest";
import { reviewWorkflow } from "../../workflows/review.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs } from "../../workflows/synth.ts";
import type { Job, Workflow } from "../../workflows/model.ts";
import { fixturePlatform, repoRoot } from "./fixture.ts";

const platform = fixturePlatform();
const workflow = reviewWorkflow(platform)!;
const jobs = workflow.jobs;
const step = (job: Job, name: string) => job.steps.find((s) => s.name === name)!;
/** The repository's own stacks: dev-aws names a cluster runner. */
const repository = reviewWorkflow(workflowPlatform(loadStackSpecs(repoRoot)))!;

describe("the review workflow's job graph", () => {
  it("builds and scans each changed workload, publishes, then deploys; tears down on close; sweeps on schedule", () => {
    const graph = Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, job.needs ?? []]));
    expect(graph).toEqual({
      changes: [],
      "build-api": ["changes"],
      "scan-api": ["build-api"],
      "build-orders": ["changes"],
      "scan-orders": ["build-orders"],
      "build-recommender": ["changes"],
      "scan-recommender": ["build-recommender"],
      publish: ["changes", "build-api", "scan-api", "build-orders", "scan-orders", "build-recommender", "scan-recommender"],
      up: ["changes", "build-api", "scan-api", "build-orders", "scan-orders", "build-recommender", "scan-recommender", "publish"],
      down: [],
      janitor: [],
    });
    expect(platform.review?.workloads).toEqual(["api", "orders", "recommender"]);
    // Pipelines and managed models are not part of a review environment: nothing builds them here.
    expect(Object.keys(jobs).some((id) => /etl|pipeline/.test(id))).toBe(false);
  });

  it("runs only on labelled same-repository pull requests, and each workload's build only when its path changed", () => {
    for (const id of ["changes", "build-api", "publish", "up", "down"]) {
      expect(jobs[id]!.if, id).toContain("contains(github.event.pull_request.labels.*.name, 'review-env')");
      expect(jobs[id]!.if, id).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    }
    expect(jobs["build-api"]!.if).toContain("contains(fromJSON(needs.changes.outputs.changes), 'api')");
    expect(jobs.down!.if).toContain("github.event.action == 'closed'");
    expect(jobs.up!.if).toContain("github.event.action != 'closed'");
    expect(jobs.janitor!.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
  });

  it("logs in only as the dev stack's review identity, in the review environment, never with a deploy identity", () => {
    const text = JSON.stringify(workflow);
    expect(text).not.toContain("DEPLOY_IDENTITY");
    for (const id of ["publish", "up", "down", "janitor"]) {
      expect(jobs[id]!.environment, id).toBe("review");
      expect(step(jobs[id]!, "Log in to AWS").with?.["role-to-assume"], id).toBe("${{ vars.STRATUM_DEV_AWS_REVIEW_IDENTITY }}");
    }
    for (const id of ["changes", "build-api"]) {
      expect(jobs[id]!.environment, id).toBeUndefined();
      expect(jobs[id]!.permissions["id-token"], id).toBeUndefined();
    }
  });
});

describe("review images", () => {
  const build = jobs["build-orders"]!;
  const scan = jobs["scan-orders"]!;

  it("are built once as an OCI archive and scanned as that archive with the scan gate, uncached (the deploy's jobs)", () => {
    expect(step(build, "Build to an OCI archive").with).toMatchObject({ context: "examples/orders", push: false, outputs: "type=oci,dest=image-orders.tar", provenance: "mode=max", sbom: true });
    expect(step(scan, "Scan image (JSON)").with).toMatchObject({ "scan-type": "image", input: "images/image-orders.tar", cache: false });
    expect(step(scan, "Scan image (JSON)").with?.["image-ref"]).toBeUndefined();
    expect(step(scan, "Scan gate").run).toContain('scan report "$SCAN_REPORT" --fail-on "$FAIL_ON"');
    expect(step(scan, "Scan gate").env).toMatchObject({ SCAN_REPORT: "trivy-orders.json", FAIL_ON: "high" });
  });

  it("hand on a digest only after the gate passed, for the archive the build uploaded", () => {
    const names = scan.steps.map((s) => s.name);
    expect(names.indexOf("Check the archive is the image built")).toBeLessThan(names.indexOf("Scan gate"));
    expect(names.at(-1)).toBe("Hand the scanned digest on");
    expect(scan.outputs).toEqual({ digest: "${{ steps.passed.outputs.digest }}" });
  });

  it("are copied into the dev registry by digest with the deploy's copy step, tagged pr-<number>-<sha>, and checked against the scanned digest", () => {
    const publish = jobs.publish!;
    expect(publish.runsOn).toBeUndefined();
    expect(publish.env).toEqual({ REGISTRY_HOST: "${{ vars.STRATUM_DEV_AWS_REGISTRY_HOST }}", REGISTRY_URLS: "${{ vars.STRATUM_DEV_AWS_REGISTRY_URLS }}" });
    const copy = step(publish, "Copy orders into the registry");
    expect(copy.run).toContain('skopeo copy --all --preserve-digests');
    expect(copy.run).toContain('if [ "$pushed" != "$DIGEST" ]; then');
    expect(copy.env).toEqual({ WORKLOAD: "orders", DIGEST: "${{ needs.scan-orders.outputs.digest }}", ARCHIVE: "images/image-orders.tar", TAG: "pr-${{ github.event.pull_request.number }}-${{ github.sha }}" });
    expect(copy.if).toBe("needs.scan-orders.outputs.digest != ''");
    expect(copy.cloudAccess).toContainEqual({ action: "ecr:PutImage", resource: { output: "registryUrls", key: "orders" } });
    // Only the deploy workflow on main signs: a review image is never one a deploy accepts.
    expect(publish.steps.some((s) => /cosign/.test(s.run ?? "") || /Sign/.test(s.name))).toBe(false);
    expect(publish.if).toContain("contains(join(needs.*.outputs.digest, ' '), 'sha256:')");
  });
});

describe("the review stack", () => {
  const up = jobs.up!;

  it("is the base stack's config plus stratum:review, rebuilt on every run", () => {
    const create = step(up, "Create or select the review stack");
    expect(create.run).toContain('pulumi stack select --create --secrets-provider "$SECRETS_PROVIDER" "$stack"');
    expect(create.run).toContain('pulumi config cp --stack "$BASE_STACK" --dest "$stack"');
    expect(create.run).toContain("'{pullRequest: $pr, baseStack: $base}'");
    expect(up.env?.BASE_STACK).toBe("dev-aws");
    expect(create.env?.TTL_HOURS).toBe("72");
  });

  it("runs the pull request's digests, and the base stack's images (as digests) for the rest", () => {
    const images = step(up, "Set the images: this pull request's digests, the base stack's for the rest");
    expect(images.run).toContain('pulumi stack output images --json --stack "$BASE_STACK"');
    expect(images.run).toContain('.value |= sub("^.*@"; "")');
    expect(images.env?.WORKLOADS).toBe('["api","orders","recommender"]');
  });

  it("is updated on the cluster runner with the policy pack, declaring the cloud actions it performs", () => {
    expect(repository.jobs.up!.runsOn).toEqual(["self-hosted", "linux", "x64", "acme-dev-aws"]);
    expect(repository.jobs.down!.runsOn).toEqual(["self-hosted", "linux", "x64", "acme-dev-aws"]);
    expect(repository.jobs.publish!.runsOn).toBeUndefined();
    const update = step(up, "Update the review stack");
    expect(update.run).toBe('pulumi up --yes --stack "pr-$PR_NUMBER" --policy-pack policy --policy-pack-config "$RUNNER_TEMP/policy-config.json"');
    expect(update.cloudAccess).toEqual([
      { action: "eks:DescribeCluster", resource: { output: "clusterName" } },
      { action: "eks:CreatePodIdentityAssociation", resource: { output: "clusterName" } },
      { action: "eks:ListPodIdentityAssociations", resource: { output: "clusterName" } },
    ]);
  });

  it("is torn down on close and by the janitor through one command: schema dropped, destroyed, removed", () => {
    expect(step(jobs.down!, "Drop the schema, destroy and remove the review stack").run).toBe('npm run --silent stratum -- review janitor --apply --stack "pr-$PR_NUMBER" --ttl-hours "$TTL_HOURS"');
    expect(jobs.janitor!.steps.at(-1)!.run).toBe('npm run --silent stratum -- review janitor --apply --ttl-hours "$TTL_HOURS"');
    expect(jobs.down!.concurrency).toEqual(up.concurrency);
  });
});

describe("no spec value in a run: line", () => {
  it("workload, stack and platform names reach scripts only through env", () => {
    const values = [...platform.review!.workloads, platform.review!.baseStack.name, platform.review!.platformName, ...platform.workloads.map((w) => w.path)];
    const check = (w: Workflow) => {
      for (const [id, job] of Object.entries(w.jobs)) {
        for (const s of job.steps) {
          if (!s.run) continue;
          for (const value of values) expect(new RegExp(`(^|[^A-Za-z0-9])${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}([^A-Za-z0-9]|$)`).test(s.run), `${id}/${s.name}: ${value}`).toBe(false);
        }
      }
    };
    check(workflow);
    check(repository);
  });
});

it("is not generated without a dev stack", () => {
  expect(reviewWorkflow({ ...platform, stacks: platform.stacks.filter((s) => s.environment !== "dev"), review: undefined })).toBeUndefined();
});
