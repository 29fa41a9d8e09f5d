import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { aksServerId, azureCliKubeconfig } from "./kubeconfig.ts";

describe("the cluster user kubeconfig", () => {
  it("logs in with the Azure CLI's credentials, keeping the cluster's server id", () => {
    const returned = `apiVersion: v1
clusters: [{ name: c, cluster: { server: "https://c.privatelink.eastus2.azmk8s.io:443" } }]
users:
  - name: clusterUser_rg_c
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubelogin
        args: [get-token, --environment, AzurePublicCloud, --server-id, ${aksServerId}, --client-id, 80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, t, --login, devicecode]
`;
    const config = parse(azureCliKubeconfig(returned));
    expect(config.users[0].user.exec).toEqual({ apiVersion: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "azurecli", "--server-id", aksServerId], interactiveMode: "Never" });
    expect(config.clusters[0].cluster.server).toBe("https://c.privatelink.eastus2.azmk8s.io:443");
  });
});
