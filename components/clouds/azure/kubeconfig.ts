import { parse, stringify } from "yaml";

/** The Entra ID application every AKS cluster with managed Entra integration takes tokens for. */
export const aksServerId = "6dae42f8-4368-4678-94ff-3960e28e3630";

/**
 * The cluster user kubeconfig AKS returns (`listManagedClusterUserCredentials`, `format: exec`), with every user's
 * kubelogin set to `--login azurecli`: the token comes from the Azure CLI login of whoever runs Pulumi (a workflow's
 * `azure/login` with OIDC, an operator's `az login`), never from a device-code prompt a CI job cannot answer.
 */
export function azureCliKubeconfig(kubeconfig: string): string {
  const config = parse(kubeconfig) as { users?: { user?: { exec?: Record<string, unknown> } }[] } | null;
  for (const entry of config?.users ?? []) {
    const exec = entry.user?.exec;
    if (!exec) continue;
    const args = (exec["args"] as string[] | undefined) ?? [];
    const at = args.indexOf("--server-id");
    const serverId = at >= 0 && args[at + 1] ? args[at + 1]! : aksServerId;
    exec["command"] = "kubelogin";
    exec["args"] = ["get-token", "--login", "azurecli", "--server-id", serverId];
    exec["interactiveMode"] = "Never";
  }
  return stringify(config);
}
