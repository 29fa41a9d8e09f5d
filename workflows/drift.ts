import { githubEnvironments } from "../components/github-environments.ts";
import { actions } from "./actions.ts";
import { clusterCredentialPluginSteps } from "./cloud-runners.ts";
import type { Job, Workflow } from "./model.ts";
import { toolVersions } from "./versions.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { checkout, clusterRunner, cloudPermissions, downloadArtifacts, nodeSetup, pulumiEnv, pulumiAccess, pulumiJobSetup, recordStatus, stratum, uploadArtifact } from "./steps.ts";

/**
 * Scheduled drift detection: `pulumi preview --refresh --expect-no-changes` per stack (refreshing in memory,
 * never writing state), then one issue per drifted stack, opened or updated, and closed once the stack is clean.
 */
export function driftWorkflow(platform: WorkflowPlatform): Workflow {
  const jobs: Record<string, Job> = {};
  for (const stack of platform.stacks) {
    jobs[`drift-${stack.name}`] = {
      name: `Drift ${stack.name}`,
      // Refreshing reads the cluster's objects: from the stack's runner inside the network.
      runsOn: clusterRunner(stack),
      environment: githubEnvironments.preview,
      concurrency: { group: `drift-${stack.name}`, cancelInProgress: false },
      permissions: cloudPermissions,
      timeoutMinutes: 30,
      // The stack's name reaches scripts only as "$STACK".
      env: { ...pulumiEnv(), STACK: stack.name },
      steps: [
        ...pulumiJobSetup(stack.cloud, stack.name, "preview"),
        ...clusterCredentialPluginSteps(stack),
        {
          ...recordStatus("drift", "Refresh and expect no changes", 'pulumi preview --stack "$STACK" --refresh --expect-no-changes --json', "drift/$STACK.json"),
          cloudAccess: pulumiAccess(stack, "refresh"),
        },
        uploadArtifact(`drift-${stack.name}`, `drift/${stack.name}.json`),
      ],
    };
  }
  jobs["trivy-db"] = {
    name: "Refresh Trivy database",
    comment: "Trivy's cache key is the date: a run on main each day saves the database that every scan that day restores.",
    permissions: { contents: "read" },
    timeoutMinutes: 15,
    steps: [checkout(), { name: "Download the vulnerability database", uses: actions.trivy, with: { "scan-type": "fs", "scan-ref": "package-lock.json", version: toolVersions.trivy, cache: true } }],
  };
  jobs.report = {
    name: "Report drift",
    comment: "Drift is reported as issues, not as a failed run: the report decides what is drift.",
    needs: Object.keys(jobs).filter((id) => id.startsWith("drift-")),
    if: "always()",
    permissions: { contents: "read", issues: "write" },
    timeoutMinutes: 10,
    steps: [
      checkout(),
      ...nodeSetup(),
      downloadArtifacts("drift-*", "drift"),
      { name: "Open, update or close drift issues", env: { GITHUB_TOKEN: "${{ github.token }}" }, run: stratum("drift report --results drift") },
    ],
  };
  return {
    fileName: "drift.yml",
    source: "workflows/drift.ts",
    name: "Drift",
    on: { schedule: [{ cron: "23 5 * * *" }], workflowDispatch: true },
    permissions: {},
    concurrency: { group: "drift", cancelInProgress: false },
    jobs,
  };
}
