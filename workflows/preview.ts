import { githubEnvironments } from "../components/github-environments.ts";
import { changed, changesJob, changesJobId, stackFilters } from "./changes.ts";
import { clusterCredentialPluginSteps } from "./cloud-runners.ts";
import type { Job, Workflow } from "./model.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { checkout, clusterRunner, cloudPermissions, downloadArtifacts, failOnStatus, nodeSetup, policyConfigStep, policyPackFlags, pulumiEnv, pulumiJobSetup, pulumiAccess, recordStatus, sameRepository, stratum, uploadArtifact } from "./steps.ts";

/**
 * `pulumi preview` with the policy pack for each stack a pull request affects, then one sticky comment with
 * every result. Pull requests from forks get no preview: their tokens cannot log in to a cloud.
 */
export function previewWorkflow(platform: WorkflowPlatform): Workflow {
  const jobs: Record<string, Job> = { [changesJobId]: { ...changesJob(stackFilters(platform)), if: sameRepository } };
  const previews: string[] = [];
  for (const stack of platform.stacks) {
    const id = `preview-${stack.name}`;
    previews.push(id);
    jobs[id] = {
      name: `Preview ${stack.name}`,
      needs: [changesJobId],
      if: changed(stack.name),
      // The cluster endpoint is private: the preview reaches it from the stack's runner inside the network.
      runsOn: clusterRunner(stack),
      environment: githubEnvironments.preview,
      permissions: cloudPermissions,
      timeoutMinutes: 30,
      // The stack's name reaches scripts only as "$STACK".
      env: { ...pulumiEnv(), STACK: stack.name },
      steps: [
        ...pulumiJobSetup(stack.cloud, stack.name, "preview"),
        ...clusterCredentialPluginSteps(stack),
        policyConfigStep('"$STACK"'),
        {
          ...recordStatus("preview", "Preview with policies", `pulumi preview --stack "$STACK" ${policyPackFlags} --json`, "preview/$STACK.json"),
          cloudAccess: pulumiAccess(stack, "preview"),
        },
        uploadArtifact(`preview-${stack.name}`, `preview/${stack.name}.json`),
        failOnStatus("preview", "pulumi preview failed for $STACK; the pull request comment has the details."),
      ],
    };
  }
  jobs.comment = {
    name: "Comment preview",
    needs: [changesJobId, ...previews],
    if: `always() && ${sameRepository} && needs.${changesJobId}.outputs.changes != '[]'`,
    permissions: { contents: "read", "pull-requests": "write" },
    timeoutMinutes: 10,
    steps: [
      checkout(),
      ...nodeSetup(),
      downloadArtifacts("preview-*", "preview"),
      {
        name: "Post or update the sticky comment",
        env: { PR_NUMBER: "${{ github.event.pull_request.number }}", GITHUB_TOKEN: "${{ github.token }}" },
        run: `${stratum('comment --pr "$PR_NUMBER"')} preview/*.json`,
      },
    ],
  };
  return {
    fileName: "preview.yml",
    source: "workflows/preview.ts",
    name: "Preview",
    on: { pullRequest: { branches: ["main"] } },
    permissions: {},
    concurrency: { group: "preview-${{ github.event.pull_request.number }}", cancelInProgress: true },
    jobs,
  };
}
