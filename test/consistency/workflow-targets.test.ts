import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { generated, planAll, stackNames } from "./fixture.ts";
import { stackJobs, workflowTargetFindings } from "./workflow-targets.ts";

let plans: Map<string, PlannedStack>;
let all: Workflow[];
beforeAll(async () => {
  plans = await planAll();
  all = generated();
});

const withOutputs = (plan: PlannedStack, outputs: Record<string, unknown>): PlannedStack => ({ ...plan, outputs: { ...plan.outputs, ...outputs } });
/** The workflows with one step's script replaced. */
function withScript(job: string, step: string, run: (old: string) => string): Workflow[] {
  return all.map((w) => (w.jobs[job] ? { ...w, jobs: { ...w.jobs, [job]: { ...w.jobs[job]!, steps: w.jobs[job]!.steps.map((s) => (s.name === step ? { ...s, run: run(s.run ?? "") } : s)) } } } : w));
}

describe.each(stackNames)("%s: what the workflows write, invalidate and reach exists in the plan", (stack) => {
  it("the front-end upload goes to the planned bucket its CDN serves, the invalidation to that CDN, the cluster jobs to its cluster", () => {
    const plan = plans.get(stack)!;
    const steps = stackJobs(all, stack).map((s) => s.where);
    expect(steps).toEqual(expect.arrayContaining([`deploy.yml#deploy-${stack}/Upload the front end`, `deploy.yml#deploy-${stack}/Invalidate the CDN`]));
    expect(workflowTargetFindings(plan, all)).toEqual([]);
  });
});

describe("the target check on a broken wire (dev-aws)", () => {
  it("names the step, the output and its value when the front-end bucket is another bucket or none", () => {
    const dev = plans.get("dev-aws")!;
    expect(workflowTargetFindings(withOutputs(dev, { frontendBucket: "acme-dev-lake-raw" }), all)).toEqual([
      'dev-aws deploy.yml#deploy-dev-aws/Upload the front end: aws s3 sync s3://$bucket writes to output frontendBucket = "acme-dev-lake-raw", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)',
      'dev-aws deploy.yml#deploy-dev-aws/Upload the front end: s3:PutObject writes to output frontendBucket = "acme-dev-lake-raw", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)',
      'dev-aws deploy.yml#deploy-dev-aws/Upload the front end: s3:DeleteObject writes to output frontendBucket = "acme-dev-lake-raw", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)',
    ]);
    const gone = workflowTargetFindings(withOutputs(dev, { frontendBucket: "acme-dev-website" }), all);
    expect(gone[0]).toBe('dev-aws deploy.yml#deploy-dev-aws/Upload the front end: aws s3 sync s3://$bucket writes to output frontendBucket = "acme-dev-website", which is no bucket resource in the plan');
  });

  it("names a script that writes somewhere its step does not declare", () => {
    const dev = plans.get("dev-aws")!;
    const elsewhere = withScript("deploy-dev-aws", "Upload the front end", (run) => run.replace("output frontendBucket", "output modelArtifacts"));
    expect(workflowTargetFindings(dev, elsewhere)).toEqual([
      'dev-aws deploy.yml#deploy-dev-aws/Upload the front end: aws s3 sync s3://$bucket writes to output modelArtifacts = "acme-dev-model-artifacts", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)',
      "dev-aws deploy.yml#deploy-dev-aws/Upload the front end: aws s3 sync s3://$bucket writes to output modelArtifacts, but the step declares no s3:PutObject on it",
    ]);
  });

  it("names an invalidated CDN and a reached cluster the plan does not have", () => {
    const dev = plans.get("dev-aws")!;
    const findings = workflowTargetFindings(withOutputs(dev, { frontendCdnId: "E2OTHER", clusterName: "acme-prod-eks" }), all);
    expect(findings).toEqual(expect.arrayContaining([
      'dev-aws deploy.yml#deploy-dev-aws/Invalidate the CDN: create-invalidation --distribution-id $cdn invalidates output frontendCdnId = "E2OTHER", which is no CDN in the plan',
      'dev-aws deploy.yml#deploy-dev-aws/Invalidate the CDN: cloudfront:CreateInvalidation invalidates output frontendCdnId = "E2OTHER", which is no CDN in the plan',
      'dev-aws deploy.yml#deploy-dev-aws/Update the stack: eks:DescribeCluster reaches output clusterName = "acme-prod-eks", which is not the plan\'s cluster (acme-dev-eks)',
      'dev-aws drift.yml#drift-dev-aws/Refresh and expect no changes: eks:DescribeCluster reaches output clusterName = "acme-prod-eks", which is not the plan\'s cluster (acme-dev-eks)',
    ]));
  });
});

describe("the target check on a broken wire (dev-gcp, dev-azure)", () => {
  it("names an upload to a bucket the URL map's backend bucket does not serve (dev-gcp)", () => {
    const dev = plans.get("dev-gcp")!;
    const findings = workflowTargetFindings(withOutputs(dev, { frontendBucket: "acme-dev-lake-raw" }), all);
    expect(findings).toContain('dev-gcp deploy.yml#deploy-dev-gcp/Upload the front end: gcloud storage rsync gs://$bucket writes to output frontendBucket = "acme-dev-lake-raw", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)');
    expect(findings).toContain('dev-gcp deploy.yml#deploy-dev-gcp/Upload the front end: storage.objects.create writes to output frontendBucket = "acme-dev-lake-raw", which is not the stack\'s front-end bucket (the one its CDN serves: acme-dev-site)');
  });

  it("names a purge of a Front Door endpoint the plan lacks, and an upload outside the static site's $web (dev-azure)", () => {
    const dev = plans.get("dev-azure")!;
    const other = String(dev.outputs["frontendCdnId"]).replace(/afdEndpoints\/.*$/, "afdEndpoints/other");
    expect(workflowTargetFindings(withOutputs(dev, { frontendCdnId: other }), all)).toEqual(expect.arrayContaining([`dev-azure deploy.yml#deploy-dev-azure/Invalidate the CDN: az afd endpoint purge --ids $cdn invalidates output frontendCdnId = "${other}", which is no CDN in the plan`]));
    const elsewhere = withScript("deploy-dev-azure", "Upload the front end", (run) => run.replace('--container "\\$web"', '--container "raw"'));
    expect(workflowTargetFindings(dev, elsewhere)).toEqual([`dev-azure deploy.yml#deploy-dev-azure/Upload the front end: az storage blob sync --account-name \${account##*/} writes to /blobServices/default/containers/raw of output frontendBucket = "${String(dev.outputs["frontendBucket"])}", the site is served from /blobServices/default/containers/$web`]);
  });
});
