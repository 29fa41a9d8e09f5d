import type { Cloud } from "../components/spec/schema.ts";
import type { Step } from "./model.ts";
import type { StackTarget } from "./platform.ts";
import { toolVersions } from "./versions.ts";

/**
 * What each cloud asks of the runner a job runs on, as facts the job builders read (one row per cloud), so that a
 * rule such as "ACR is private, so Azure's publish job runs inside the network" is written once, in code.
 */
export interface CloudRunnerFacts {
  /**
   * Whether GitHub-hosted runners reach the stack's registry. ECR and Artifact Registry are public endpoints
   * guarded by IAM; ACR Premium with public network access off (the platform's secure default) answers only on
   * its private endpoint, so an Azure stack's publish job must run on its runner inside the network.
   */
  readonly registryReachableFromGithubHosted: boolean;
  /**
   * The exec credential plugin the driver's `kubeconfig` runs (as `aws eks get-token` does on AWS), which the job
   * that reaches the cluster must find on PATH, with the check that installs it when it is missing.
   */
  readonly clusterCredentialPlugin?: { readonly binary: string; readonly install: readonly string[] };
}

export const cloudRunnerFacts: Record<Cloud, CloudRunnerFacts> = {
  // The kubeconfig runs `aws eks get-token`: the AWS CLI is on every runner stratum supports.
  aws: { registryReachableFromGithubHosted: true },
  gcp: {
    registryReachableFromGithubHosted: true,
    clusterCredentialPlugin: {
      binary: "gke-gcloud-auth-plugin",
      // Google ships the plugin beside the CLI, version for version, from the apt repository the runner image
      // installed google-cloud-cli from (and removed afterwards): the exact version of the CLI already there.
      install: [
        `version=$(dpkg-query -W -f='\${Version}' google-cloud-cli)`,
        "curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | sudo gpg --dearmor --yes -o /usr/share/keyrings/cloud.google.gpg",
        'echo "deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt cloud-sdk main" | sudo tee /etc/apt/sources.list.d/google-cloud-sdk.list > /dev/null',
        "sudo apt-get update -qq",
        'sudo apt-get install -y -qq "google-cloud-cli-gke-gcloud-auth-plugin=$version"',
      ],
    },
  },
  azure: {
    registryReachableFromGithubHosted: false,
    clusterCredentialPlugin: {
      binary: "kubelogin",
      // The Azure CLI's own installer, at exact versions (kubectl goes to the runner's temp folder: it is not used).
      install: [`sudo az aks install-cli --kubelogin-version "${toolVersions.kubelogin}" --client-version "${toolVersions.kubectl}" --install-location "$RUNNER_TEMP/kubectl"`],
    },
  },
};

/**
 * The step that makes sure the cluster's credential plugin is on PATH before Pulumi's Kubernetes provider runs it:
 * the runner inside the network should carry it in its image (the check then does nothing); a GitHub-hosted runner
 * gets it installed at the pinned version. None on AWS.
 */
export function clusterCredentialPluginSteps(stack: StackTarget): Step[] {
  const plugin = cloudRunnerFacts[stack.cloud].clusterCredentialPlugin;
  if (!plugin) return [];
  return [
    {
      name: `Cluster credential plugin (${plugin.binary})`,
      comment: "The stack's kubeconfig authenticates with this plugin and the job's cloud login: no static cluster credential anywhere.",
      run: [`if ! command -v ${plugin.binary} > /dev/null; then`, ...plugin.install.map((line) => `  ${line}`), "fi", `${plugin.binary} --version`].join("\n"),
    },
  ];
}
