import { buildContextsInput } from "./build-contexts.ts";
import { actions } from "./actions.ts";
import { changed, changesJob, changesJobId, workloadFilters } from "./changes.ts";
import { siteBuildSteps } from "./build-once.ts";
import { scanSteps, setupBuildx } from "./images.ts";
import type { Job, Workflow } from "./model.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { checkout, nodeSetup, sameRepository, stratum, uploadArtifact } from "./steps.ts";

/** Job names of the checks branch rulesets require. The jobs below use these; nothing else spells them. */
export const ciJobNames = {
  test: "Test",
  plan: "Offline plan",
  synth: "Generated files",
  gate: "CI passed",
} as const;

/** The required status checks (job names) for branch rulesets; `stratum bootstrap github` imports this. */
export const ciRequiredChecks: readonly string[] = Object.values(ciJobNames);

/** SARIF uploads need `security-events: write`, which a fork's pull request never gets. */
const canUpload = `github.event_name == 'push' || ${sameRepository}`;

export function ciWorkflow(platform: WorkflowPlatform): Workflow {
  const jobs: Record<string, Job> = { [changesJobId]: changesJob(workloadFilters(platform)) };
  for (const w of platform.workloads) {
    jobs[`build-${w.name}`] = {
      name: `Build and scan ${w.name}`,
      needs: [changesJobId],
      if: changed(w.name),
      permissions: { contents: "read", "security-events": "write" },
      timeoutMinutes: 30,
      steps: [
        checkout(),
        setupBuildx(),
        {
          name: "Build image",
          uses: actions.buildPush,
          with: {
            context: w.path,
            ...buildContextsInput(w.contexts),
            push: false,
            load: true,
            tags: `stratum-ci/${w.name}:ci`,
            "cache-from": `type=gha,scope=${w.name}`,
            "cache-to": `type=gha,mode=max,scope=${w.name}`,
          },
        },
        ...scanSteps(w, { target: { imageRef: `stratum-ci/${w.name}:ci` }, uploadIf: canUpload }),
      ],
    };
  }
  if (platform.frontend) {
    jobs[`build-${platform.frontend.name}`] = {
      name: `Build ${platform.frontend.name}`,
      needs: [changesJobId],
      if: changed(platform.frontend.name),
      permissions: { contents: "read" },
      timeoutMinutes: 15,
      steps: siteBuildSteps(platform.frontend),
    };
  }
  jobs.test = { name: ciJobNames.test, permissions: { contents: "read" }, timeoutMinutes: 20, steps: [checkout(), ...nodeSetup(), { name: "Run tests", run: "npm test" }] };
  jobs.plan = {
    name: ciJobNames.plan,
    comment: "No secrets and no cloud: Pulumi's mock runtime plans every stack, so this runs on forks' pull requests too.",
    permissions: { contents: "read" },
    timeoutMinutes: 20,
    steps: [checkout(), ...nodeSetup(), { name: "Plan every stack with policies", run: stratum("plan --all --format markdown --out plan-report") }, uploadArtifact("plan-report", "plan-report")],
  };
  jobs.synth = {
    name: ciJobNames.synth,
    comment: "Anti-tamper: the workflows must be exactly what the spec generates.",
    permissions: { contents: "read" },
    timeoutMinutes: 10,
    steps: [checkout(), ...nodeSetup(), { name: "Check generated workflows", run: stratum("synth --check") }],
  };
  const others = Object.keys(jobs);
  jobs.gate = {
    name: ciJobNames.gate,
    comment: "The one check rulesets need besides the fixed jobs: build jobs are per service and skipped when unchanged.",
    needs: others,
    if: "always()",
    permissions: {},
    timeoutMinutes: 5,
    steps: [
      {
        name: "Fail when a job failed",
        if: "contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')",
        run: 'echo "A job this check depends on failed or was cancelled." >&2\nexit 1',
      },
    ],
  };
  return {
    fileName: "ci.yml",
    source: "workflows/ci.ts",
    name: "CI",
    on: { pullRequest: { branches: ["main"] }, push: { branches: ["main"] } },
    permissions: {},
    concurrency: { group: "ci-${{ github.event.pull_request.number || github.ref }}", cancelInProgress: true },
    jobs,
  };
}
