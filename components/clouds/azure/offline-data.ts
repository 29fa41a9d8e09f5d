import { placeholderGuid } from "./placeholder-guid.ts";
import { placeholderDomain } from "../../../lib/plan/placeholders.ts";

type Inputs = Readonly<Record<string, unknown>>;
type Computed = (name: string, inputs: Inputs, region: string) => Record<string, unknown>;

const str = (value: unknown, fallback: string): string => (typeof value === "string" && value !== "" ? value : fallback);

/**
 * The data, ML and web tiers' Azure types: the input each takes its own name from (its `name` output), and its
 * ARM path below the resource group, from the inputs naming it and its parents (what Azure would make its id).
 */
const types: Readonly<Record<string, { readonly name: string; readonly path: (i: Inputs, n: string) => string }>> = {
  "dbforpostgresql:Server": { name: "serverName", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i["serverName"], n)}` },
  "dbforpostgresql:Configuration": { name: "configurationName", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i["serverName"], "server")}/configurations/${str(i["configurationName"], n)}` },
  "dbforpostgresql:Database": { name: "databaseName", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i["serverName"], "server")}/databases/${str(i["databaseName"], n)}` },
  "dbforpostgresql:Administrator": { name: "objectId", path: (i, n) => `Microsoft.DBforPostgreSQL/flexibleServers/${str(i["serverName"], "server")}/administrators/${str(i["objectId"], n)}` },
  "storage:BlobServiceProperties": { name: "blobServicesName", path: (i) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/blobServices/default` },
  "storage:BlobContainer": { name: "containerName", path: (i, n) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/blobServices/default/containers/${str(i["containerName"], n)}` },
  "storage:ManagementPolicy": { name: "managementPolicyName", path: (i) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/managementPolicies/default` },
  "storage:StorageAccountStaticWebsite": { name: "accountName", path: (i) => `Microsoft.Storage/storageAccounts/${str(i["accountName"], "account")}/blobServices/default/containers/$web` },
  "synapse:Workspace": { name: "workspaceName", path: (i, n) => `Microsoft.Synapse/workspaces/${str(i["workspaceName"], n)}` },
  "synapse:Key": { name: "keyName", path: (i, n) => `Microsoft.Synapse/workspaces/${str(i["workspaceName"], "workspace")}/keys/${str(i["keyName"], n)}` },
  "synapse:WorkspaceAadAdmin": { name: "login", path: (i) => `Microsoft.Synapse/workspaces/${str(i["workspaceName"], "workspace")}/administrators/activeDirectory` },
  "purview:Account": { name: "accountName", path: (i, n) => `Microsoft.Purview/accounts/${str(i["accountName"], n)}` },
  "machinelearningservices:Workspace": { name: "workspaceName", path: (i, n) => `Microsoft.MachineLearningServices/workspaces/${str(i["workspaceName"], n)}` },
  "machinelearningservices:OnlineEndpoint": { name: "endpointName", path: (i, n) => `Microsoft.MachineLearningServices/workspaces/${str(i["workspaceName"], "workspace")}/onlineEndpoints/${str(i["endpointName"], n)}` },
  "machinelearningservices:EnvironmentVersion": { name: "version", path: (i, n) => `Microsoft.MachineLearningServices/workspaces/${str(i["workspaceName"], "workspace")}/environments/${str(i["name"], n)}/versions/${str(i["version"], "1")}` },
  "machinelearningservices:OnlineDeployment": { name: "deploymentName", path: (i, n) => `Microsoft.MachineLearningServices/workspaces/${str(i["workspaceName"], "workspace")}/onlineEndpoints/${str(i["endpointName"], "endpoint")}/deployments/${str(i["deploymentName"], n)}` },
  "cdn:Profile": { name: "profileName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], n)}` },
  "cdn:AFDEndpoint": { name: "endpointName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/afdEndpoints/${str(i["endpointName"], n)}` },
  "cdn:AFDOriginGroup": { name: "originGroupName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/originGroups/${str(i["originGroupName"], n)}` },
  "cdn:AFDOrigin": { name: "originName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/originGroups/${str(i["originGroupName"], "group")}/origins/${str(i["originName"], n)}` },
  "cdn:Route": { name: "routeName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/afdEndpoints/${str(i["endpointName"], "endpoint")}/routes/${str(i["routeName"], n)}` },
  "cdn:AFDCustomDomain": { name: "customDomainName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/customDomains/${str(i["customDomainName"], n)}` },
  "cdn:SecurityPolicy": { name: "securityPolicyName", path: (i, n) => `Microsoft.Cdn/profiles/${str(i["profileName"], "profile")}/securityPolicies/${str(i["securityPolicyName"], n)}` },
  "frontdoor:Policy": { name: "policyName", path: (i, n) => `Microsoft.Network/frontDoorWebApplicationFirewallPolicies/${str(i["policyName"], n)}` },
};

/**
 * The ARM path below the resource group (`Microsoft.Storage/storageAccounts/<a>/blobServices/default/...`) of a
 * data, ML or web type, for offline.ts's `resourceId` to put under `/subscriptions/<sub>/resourceGroups/<rg>/providers/`;
 * undefined for any other type.
 */
export function azureDataArmPath(type: string, name: string, inputs: Inputs): string | undefined {
  const [, module = "", kind = ""] = type.split(":");
  return types[`${module}:${kind}`]?.path(inputs, name);
}


const host = (label: unknown, service: string): string => `${String(label)}.${service}.${placeholderDomain}`;
const systemIdentity = (type: string, name: string, inputs: Inputs) => ({
  ...((inputs["identity"] as object | undefined) ?? {}),
  principalId: placeholderGuid(`${type}/${name}/principal`),
  tenantId: "00000000-0000-0000-0000-000000000000",
});

/**
 * What Azure computes for these types, offline, beyond their names: hosts under `.offline.invalid` (never a real
 * address), system identities' principal ids as name-derived GUIDs (stable plan to plan), each shaped as the SDK's
 * output type declares it (node_modules/@pulumi/azure-native/<module>/<type>.d.ts).
 */
const computed: Readonly<Record<string, Computed>> = {
  "dbforpostgresql:Server": (name, inputs) => ({ fullyQualifiedDomainName: host(str(inputs["serverName"], name), "postgres.database"), state: "Ready" }),
  "synapse:Workspace": (name, inputs) => {
    const workspace = str(inputs["workspaceName"], name);
    return {
      identity: systemIdentity("synapse:Workspace", name, inputs),
      connectivityEndpoints: { dev: `https://${host(workspace, "dev.azuresynapse")}`, sql: host(workspace, "sql.azuresynapse"), sqlOnDemand: host(`${workspace}-ondemand`, "sql.azuresynapse"), web: `https://${host(workspace, "web.azuresynapse")}` },
    };
  },
  "purview:Account": (name, inputs) => {
    const account = str(inputs["accountName"], name);
    return { identity: systemIdentity("purview:Account", name, inputs), endpoints: { catalog: `https://${host(account, "purview")}/catalog`, guardian: `https://${host(account, "purview")}/guardian`, scan: `https://${host(account, "scan.purview")}` } };
  },
  "machinelearningservices:Workspace": (name, inputs) => ({ workspaceId: placeholderGuid(`machinelearningservices:Workspace/${name}`), discoveryUrl: `https://${host(str(inputs["workspaceName"], name), "api.azureml")}/discovery` }),
  "machinelearningservices:OnlineEndpoint": (name, inputs, region) => ({
    identity: systemIdentity("machinelearningservices:OnlineEndpoint", name, inputs),
    properties: { ...((inputs["properties"] as object | undefined) ?? {}), scoringUri: `https://${host(`${str(inputs["endpointName"], name)}.${region}`, "inference.ml")}/score` },
  }),
  "cdn:AFDEndpoint": (name, inputs) => ({ hostName: host(`${str(inputs["endpointName"], name)}-${placeholderGuid(name).slice(0, 8)}`, "z01.azurefd") }),
};

/** Computed outputs of the data, ML and web tiers' Azure types, per type token (merged by offline.ts). */
export const azureDataOffline: Readonly<Record<string, Computed>> = Object.fromEntries(
  [...new Set([...Object.keys(types), ...Object.keys(computed)])].map((key) => [`azure-native:${key}`, (name: string, inputs: Inputs, region: string) => ({
    ...(types[key] ? { name: str(inputs[types[key].name], name) } : {}),
    ...(computed[key]?.(name, inputs, region) ?? {}),
  })]),
);
