import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { PlanIndex } from "../../lib/permissions/plan-index.ts";
import { cloudLogin as loginStep } from "../../workflows/steps.ts";
import type { CloudAccess, Job, Step, Workflow } from "../../workflows/model.ts";
import { upperSnake } from "../../workflows/variables.ts";

/** A login as `<stack>`'s identity of `kind`, the way generated jobs log in (publish and review included). */
export function loginAs(stack: string, kind: string): Step {
  const step = loginStep("aws", stack, "deploy");
  return { ...step, with: { ...step.with, "role-to-assume": `\${{ vars.STRATUM_${upperSnake(stack)}_${kind.toUpperCase()}_IDENTITY }}` } };
}

export const access = (action: string, output: string, key?: string, suffix?: string): CloudAccess => ({
  action,
  resource: { output, ...(key !== undefined ? { key } : {}), ...(suffix !== undefined ? { suffix } : {}) },
});

export function step(name: string, cloudAccess: readonly CloudAccess[]): Step {
  return { name, run: "true", cloudAccess };
}

export function job(steps: readonly Step[], environment?: string): Job {
  return { name: "job", permissions: { contents: "read", "id-token": "write" }, timeoutMinutes: 5, ...(environment ? { environment } : {}), steps };
}

/** A workflow run by pushes to main, like deploy.yml. */
export function pushWorkflow(jobs: Record<string, Job>, on: Workflow["on"] = { push: { branches: ["main"] } }): Workflow {
  return { fileName: "synthetic.yml", source: "test/permissions", name: "Synthetic", on, jobs };
}

/** A copy of the plan with one statement (by Sid) taken out of the named role's inline policy. */
export function withoutStatement(plan: PlanReport, policyName: string, sid: string): PlanReport {
  let removed = 0;
  const resources = plan.resources.map((r): PlanResource => {
    if (r.type !== "aws:iam/rolePolicy:RolePolicy" || r.name !== policyName) return r;
    const policy = JSON.parse(String(r.inputs["policy"])) as { Statement: { Sid?: string }[] };
    const kept = policy.Statement.filter((s) => s.Sid !== sid);
    removed += policy.Statement.length - kept.length;
    return { ...r, inputs: { ...r.inputs, policy: JSON.stringify({ ...policy, Statement: kept }) } };
  });
  if (removed !== 1) throw new Error(`${policyName} has ${removed} statements with Sid ${sid}, expected exactly one`);
  return { ...plan, resources };
}

/** A copy of the plan without the named resource. */
export function withoutResource(plan: PlanReport, name: string): PlanReport {
  const resources = plan.resources.filter((r) => r.name !== name);
  if (resources.length !== plan.resources.length - 1) throw new Error(`${plan.stack} has no single resource named ${name}`);
  return { ...plan, resources };
}

/** A copy of the plan with more outputs. */
export function withOutputs(plan: PlanReport, outputs: Record<string, unknown>): PlanReport {
  return { ...plan, outputs: { ...plan.outputs, ...outputs } };
}

/**
 * The ARN outputs the workflows' cloudAccess entries name (registryArns, clusterArn, frontendBucketArn,
 * frontendCdnArn, modelEndpointArns) and the ids the steps read (frontendBucket, frontendCdnId), derived from the
 * plan's own resources where the platform does not export them yet. Whether they are exported is
 * test/workflows/stack-outputs.test.ts's to check; this suite checks what the identities may do with them.
 */
export function withWorkflowOutputs(plan: PlanReport): PlanReport {
  const index = new PlanIndex(plan);
  const arnOf = (identifier: unknown, type: string) => index.lookup(String(identifier)).find((r) => r.resource.type === type)?.arn;
  const map = (outputs: unknown, type: string) => Object.fromEntries(Object.entries((outputs ?? {}) as Record<string, string>).map(([k, v]) => [k, arnOf(v, type)]));
  const distribution = index.ofType("aws:cloudfront/distribution:Distribution")[0];
  const derived: Record<string, unknown> = {
    registryArns: map(plan.outputs["registryUrls"], "aws:ecr/repository:Repository"),
    clusterArn: arnOf(plan.outputs["clusterName"], "aws:eks/cluster:Cluster"),
    frontendBucket: plan.outputs["frontendSiteLocation"],
    frontendBucketArn: arnOf(plan.outputs["frontendSiteLocation"], "aws:s3/bucket:Bucket"),
    frontendCdnId: distribution?.resource.name,
    frontendCdnArn: distribution?.arn,
    ...(plan.outputs["modelEndpoints"] ? { modelEndpointArns: map(plan.outputs["modelEndpoints"], "aws:sagemaker/endpoint:Endpoint") } : {}),
  };
  return withOutputs(plan, Object.fromEntries(Object.entries(derived).filter(([k, v]) => v !== undefined && plan.outputs[k] === undefined)));
}
