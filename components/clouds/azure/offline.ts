import { createHash } from "node:crypto";
import type { OfflineAnswers, OfflineStack } from "../../cloud-module.ts";
import { placeholderDomain } from "../../../lib/plan/placeholders.ts";
import { accountOf } from "../../spec/index.ts";
import { azureDataArmPath, azureDataOffline } from "./offline-data.ts";

/**
 * A GUID Azure would assign (principal, client and customer ids), derived from what it names so a plan is the
 * same every run; its first group spells "0ff11ne" closely enough to be read as a placeholder, never a real id.
 */
export function placeholderGuid(of: string): string {
  const h = createHash("sha256").update(of).digest("hex");
  return `0ff11e00-${h.slice(0, 4)}-4${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10, 22)}`;
}

type Inputs = Readonly<Record<string, unknown>>;
const str = (value: unknown, fallback: string): string => (typeof value === "string" && value !== "" ? value : fallback);

/**
 * Where each Azure type the drivers create sits in ARM: its provider path below the resource group (`null`: it is
 * not in the group), built from the inputs that name it and its parents. Types not listed get
 * `Microsoft.<Module>/<kind>s/<name>`, which is the right shape for most (the data drivers' types are in
 * offline-data.ts when they need more).
 */
const armPaths: Readonly<Record<string, (i: Inputs, name: string) => string>> = {
  "keyvault:Vault": (i, n) => `Microsoft.KeyVault/vaults/${str(i["vaultName"], n)}`,
  "keyvault:Key": (i, n) => `Microsoft.KeyVault/vaults/${str(i["vaultName"], "vault")}/keys/${str(i["keyName"], n)}`,
  "operationalinsights:Workspace": (i, n) => `Microsoft.OperationalInsights/workspaces/${str(i["workspaceName"], n)}`,
  "operationalinsights:Table": (i, n) => `Microsoft.OperationalInsights/workspaces/${str(i["workspaceName"], "workspace")}/tables/${str(i["tableName"], n)}`,
  "network:VirtualNetwork": (i, n) => `Microsoft.Network/virtualNetworks/${str(i["virtualNetworkName"], n)}`,
  "network:NetworkSecurityGroup": (i, n) => `Microsoft.Network/networkSecurityGroups/${str(i["networkSecurityGroupName"], n)}`,
  "network:NatGateway": (i, n) => `Microsoft.Network/natGateways/${str(i["natGatewayName"], n)}`,
  "network:PublicIPAddress": (i, n) => `Microsoft.Network/publicIPAddresses/${str(i["publicIpAddressName"], n)}`,
  "network:PrivateEndpoint": (i, n) => `Microsoft.Network/privateEndpoints/${str(i["privateEndpointName"], n)}`,
  "network:PrivateDnsZoneGroup": (i, n) => `Microsoft.Network/privateEndpoints/${str(i["privateEndpointName"], "endpoint")}/privateDnsZoneGroups/${str(i["privateDnsZoneGroupName"], n)}`,
  "network:NetworkWatcher": (i, n) => `Microsoft.Network/networkWatchers/${str(i["networkWatcherName"], n)}`,
  "network:FlowLog": (i, n) => `Microsoft.Network/networkWatchers/${str(i["networkWatcherName"], "watcher")}/flowLogs/${str(i["flowLogName"], n)}`,
  "privatedns:PrivateZone": (i, n) => `Microsoft.Network/privateDnsZones/${str(i["privateZoneName"], n)}`,
  "privatedns:VirtualNetworkLink": (i, n) => `Microsoft.Network/privateDnsZones/${str(i["privateZoneName"], "zone")}/virtualNetworkLinks/${str(i["virtualNetworkLinkName"], n)}`,
  "managedidentity:UserAssignedIdentity": (i, n) => `Microsoft.ManagedIdentity/userAssignedIdentities/${str(i["resourceName"], n)}`,
  "managedidentity:FederatedIdentityCredential": (i, n) =>
    `Microsoft.ManagedIdentity/userAssignedIdentities/${str(i["resourceName"], "identity")}/federatedIdentityCredentials/${str(i["federatedIdentityCredentialResourceName"], n)}`,
  "storage:StorageAccount": (i, n) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], n)}`,
  "storage:BlobServiceProperties": (i) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/blobServices/${str(i["blobServicesName"], "default")}`,
  "storage:BlobContainer": (i, n) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/blobServices/default/containers/${str(i["containerName"], n)}`,
  "containerservice:ManagedCluster": (i, n) => `Microsoft.ContainerService/managedClusters/${str(i["resourceName"], n)}`,
  "containerservice:AgentPool": (i, n) => `Microsoft.ContainerService/managedClusters/${str(i["resourceName"], "cluster")}/agentPools/${str(i["agentPoolName"], n)}`,
  "containerregistry:Registry": (i, n) => `Microsoft.ContainerRegistry/registries/${str(i["registryName"], n)}`,
  "compute:DiskEncryptionSet": (i, n) => `Microsoft.Compute/diskEncryptionSets/${str(i["diskEncryptionSetName"], n)}`,
};

/** The input that names each listed type's resource (its `name` output). */
const nameInputs: Readonly<Record<string, string>> = {
  "resources:ResourceGroup": "resourceGroupName",
  "keyvault:Vault": "vaultName",
  "keyvault:Key": "keyName",
  "operationalinsights:Workspace": "workspaceName",
  "operationalinsights:Table": "tableName",
  "network:VirtualNetwork": "virtualNetworkName",
  "network:NetworkSecurityGroup": "networkSecurityGroupName",
  "network:NatGateway": "natGatewayName",
  "network:PublicIPAddress": "publicIpAddressName",
  "network:PrivateEndpoint": "privateEndpointName",
  "network:PrivateDnsZoneGroup": "privateDnsZoneGroupName",
  "network:NetworkWatcher": "networkWatcherName",
  "network:FlowLog": "flowLogName",
  "privatedns:PrivateZone": "privateZoneName",
  "privatedns:VirtualNetworkLink": "virtualNetworkLinkName",
  "managedidentity:UserAssignedIdentity": "resourceName",
  "managedidentity:FederatedIdentityCredential": "federatedIdentityCredentialResourceName",
  "storage:StorageAccount": "accountName",
  "storage:BlobServiceProperties": "blobServicesName",
  "storage:BlobContainer": "containerName",
  "containerservice:ManagedCluster": "resourceName",
  "containerservice:AgentPool": "agentPoolName",
  "containerregistry:Registry": "registryName",
  "compute:DiskEncryptionSet": "diskEncryptionSetName",
  "monitor:DiagnosticSetting": "name",
  "monitor:SubscriptionDiagnosticSetting": "name",
  "security:Pricing": "pricingName",
};

/**
 * Azure's answers for the offline plan of one stack: ids in ARM's own shape
 * (`/subscriptions/<sub>/resourceGroups/<rg>/providers/...`, with the stack's subscription and group), principal
 * and client ids as placeholder GUIDs, and every host the cloud would assign under `.offline.invalid`. An invoke
 * without an answer fails the plan: an invented result would be a faked cloud answer.
 */
export const azureOffline = (stack: OfflineStack): OfflineAnswers => {
  const { subscriptionId, tenantId, resourceGroup } = accountOf({ cloud: "azure", account: stack.account }, "azure");
  const subscription = `/subscriptions/${subscriptionId}`;
  const group = (name: string) => `${subscription}/resourceGroups/${name}`;
  const inGroup = (path: string, inputs: Inputs) => `${group(str(inputs["resourceGroupName"], resourceGroup))}/providers/${path}`;

  const resourceId = (type: string, name: string, inputs: Inputs): string => {
    const [provider = "", module = "", kind = ""] = type.split(":");
    if (provider !== "azure-native") return name;
    const key = `${module}:${kind}`;
    switch (key) {
      case "resources:ResourceGroup":
        return group(str(inputs["resourceGroupName"], name));
      case "monitor:DiagnosticSetting":
        return `${str(inputs["resourceUri"], name)}/providers/Microsoft.Insights/diagnosticSettings/${str(inputs["name"], name)}`;
      case "monitor:SubscriptionDiagnosticSetting":
        return `${subscription}/providers/Microsoft.Insights/diagnosticSettings/${str(inputs["name"], name)}`;
      case "security:Pricing":
        return `${str(inputs["scopeId"], subscription)}/providers/Microsoft.Security/pricings/${str(inputs["pricingName"], name)}`;
      case "authorization:RoleAssignment":
        return `${str(inputs["scope"], subscription)}/providers/Microsoft.Authorization/roleAssignments/${str(inputs["roleAssignmentName"], placeholderGuid(name))}`;
      case "authorization:RoleDefinition":
        return `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${str(inputs["roleDefinitionId"], placeholderGuid(name))}`;
    }
    const path = armPaths[key]?.(inputs, name) ?? azureDataArmPath(type, name, inputs);
    if (path) return inGroup(path, inputs);
    const own = Object.entries(inputs).find(([k, v]) => k.endsWith("Name") && k !== "resourceGroupName" && typeof v === "string")?.[1];
    return inGroup(`Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}/${kind.charAt(0).toLowerCase()}${kind.slice(1)}s/${str(own, name)}`, inputs);
  };

  const computed: Readonly<Record<string, (name: string, inputs: Inputs, region: string) => Record<string, unknown>>> = {
    "keyvault:Vault": (_n, i) => ({ properties: { ...(i["properties"] as object), vaultUri: `https://${str(i["vaultName"], "vault")}.vault.${placeholderDomain}/` } }),
    "keyvault:Key": (n, i) => {
      const uri = `https://${str(i["vaultName"], "vault")}.vault.${placeholderDomain}/keys/${str(i["keyName"], n)}`;
      return { keyUri: uri, keyUriWithVersion: `${uri}/${placeholderGuid(uri).replace(/-/g, "")}` };
    },
    "operationalinsights:Workspace": (n) => ({ customerId: placeholderGuid(`workspace/${n}`) }),
    "managedidentity:UserAssignedIdentity": (n) => ({ principalId: placeholderGuid(`principal/${n}`), clientId: placeholderGuid(`client/${n}`), tenantId }),
    "storage:StorageAccount": (n, i) => {
      const account = str(i["accountName"], n);
      const host = (service: string) => `https://${account}.${service}.${placeholderDomain}/`;
      return { primaryEndpoints: { blob: host("blob"), dfs: host("dfs"), web: host("web"), queue: host("queue"), table: host("table"), file: host("file") } };
    },
    "containerservice:ManagedCluster": (n, i, region) => ({
      // The issuer's shape is AKS's own (`https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/`), on the placeholder domain.
      oidcIssuerProfile: { enabled: true, issuerURL: `https://${region}.oic.prod-aks.${placeholderDomain}/${tenantId}/${placeholderGuid(`issuer/${n}`)}/` },
      privateFQDN: `${str(i["dnsPrefix"], n)}.privatelink.${region}.azmk8s.${placeholderDomain}`,
      fqdn: `${str(i["dnsPrefix"], n)}.hcp.${region}.azmk8s.${placeholderDomain}`,
      identityProfile: { kubeletidentity: { clientId: placeholderGuid(`kubelet-client/${n}`), objectId: placeholderGuid(`kubelet/${n}`), resourceId: `${group(`MC_${resourceGroup}`)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}-agentpool` } },
    }),
    "containerregistry:Registry": (n, i) => ({ loginServer: `${str(i["registryName"], n).toLowerCase()}.azurecr.${placeholderDomain}` }),
  };

  return {
    invoke(token, args, region) {
      switch (token) {
        case "azure-native:keyvault:getKey": {
          const uri = `https://${str(args["vaultName"], "vault")}.vault.${placeholderDomain}/keys/${str(args["keyName"], "key")}`;
          return { keyUri: uri, keyUriWithVersion: `${uri}/${placeholderGuid(uri).replace(/-/g, "")}`, name: args["keyName"], id: inGroup(`Microsoft.KeyVault/vaults/${str(args["vaultName"], "vault")}/keys/${str(args["keyName"], "key")}`, args) };
        }
        case "azure-native:containerservice:listManagedClusterUserCredentials": {
          const cluster = str(args["resourceName"], "cluster");
          return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(placeholderKubeconfig(cluster, `https://${cluster}.privatelink.${region}.azmk8s.${placeholderDomain}:443`)).toString("base64") }] };
        }
        case "azure-native:managedidentity:getUserAssignedIdentity": {
          const identity = str(args["resourceName"], "identity");
          return { id: inGroup(`Microsoft.ManagedIdentity/userAssignedIdentities/${identity}`, args), name: identity, principalId: placeholderGuid(`principal/${identity}`), clientId: placeholderGuid(`client/${identity}`), tenantId, location: region };
        }
      }
      throw new Error(`the offline plan has no answer for the provider function ${token} (inputs ${JSON.stringify(args)}); compute the value in the program or add it to components/clouds/azure/offline.ts`);
    },
    resourceId,
    computedOutputs(type, name, inputs, region) {
      const [provider = "", module = "", kind = ""] = type.split(":");
      if (provider !== "azure-native") return {};
      const key = `${module}:${kind}`;
      const nameInput = nameInputs[key];
      return {
        name: str(nameInput ? inputs[nameInput] : undefined, name),
        ...(computed[key]?.(name, inputs, region) ?? {}),
        ...(azureDataOffline[type]?.(name, inputs, region) ?? {}),
      };
    },
  };
};

/** The cluster user kubeconfig AKS returns for Entra ID clusters (`format: exec`): kubelogin, device code login. */
function placeholderKubeconfig(cluster: string, server: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{ name: ${cluster}, cluster: { server: "${server}", certificate-authority-data: b2ZmbGluZS1wbGFjZWhvbGRlcg== } }]`,
    `contexts: [{ name: ${cluster}, context: { cluster: ${cluster}, user: clusterUser_${cluster} } }]`,
    `current-context: ${cluster}`,
    `users: [{ name: clusterUser_${cluster}, user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --environment, AzurePublicCloud, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630, --login, devicecode], interactiveMode: Never } } }]`,
    "",
  ].join("\n");
}
