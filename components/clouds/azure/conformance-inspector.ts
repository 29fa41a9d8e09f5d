import type { PlanResource } from "../../../lib/plan/model.ts";
import type { CiTrustPosture, CloudConformance, DatabasePosture, Inspector, Plan, StoragePosture } from "../../conformance/inspector.ts";
import { azureConformanceMutations } from "./conformance-mutations.ts";
import { githubIssuer } from "../../infra/ci-identity/azure.ts";

/**
 * Azure's answers to what the conformance suite asks beyond the policy rules (components/conformance/inspector.ts):
 * blob versioning and access logs of storage accounts, the Flexible Servers' dev/prod settings, the Key Vault keys,
 * the subjects the CI identities' federated credentials accept, and the Log Analytics workspace audit logs land in.
 */
type Inputs = Record<string, any>;

const ofType = (plan: Plan, kind: string) => plan.resources.filter((r) => r.type === `azure-native:${kind}`);
const inputs = (r: PlanResource) => r.inputs as Inputs;
/** A path segment of an ARM id (or the offline plan's), compared as Azure does: case-insensitively. */
const names = (id: unknown, collection: string, name: string) => new RegExp(`/${collection}/${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(/|$)`, "i").test(String(id ?? ""));

export const azureInspector: Inspector = {
  storage(plan) {
    return ofType(plan, "storage:StorageAccount").map((account): StoragePosture => {
      const name = String(inputs(account)["accountName"] ?? account.name);
      const service = ofType(plan, "storage:BlobServiceProperties").find((s) => inputs(s)["accountName"] === name);
      return {
        id: account.urn,
        versioned: service !== undefined && inputs(service)["isVersioningEnabled"] === true,
        // Blob reads, writes and deletes are the blob service's resource logs, sent by a diagnostic setting.
        accessLogged: ofType(plan, "monitor:DiagnosticSetting").some((d) => names(d.inputs["resourceUri"], "storageAccounts", name) && /\/blobServices\/default$/i.test(String(d.inputs["resourceUri"])) && d.inputs["workspaceId"] !== undefined),
        location: name,
      };
    });
  },
  databases(plan) {
    return ofType(plan, "dbforpostgresql:Server").map((server): DatabasePosture => {
      const name = String(inputs(server)["serverName"] ?? server.name);
      // A Flexible Server has no deletion flag of its own: a CanNotDelete lock on it is the protection.
      const locked = plan.resources.some((r) => r.type.startsWith("azure-native:authorization:ManagementLock") && String(inputs(r)["level"]) === "CanNotDelete" && (inputs(r)["resourceName"] === name || names(inputs(r)["scope"], "flexibleServers", name)));
      return { id: server.urn, deletionProtected: locked, multiZone: inputs(server)["highAvailability"]?.mode === "ZoneRedundant" };
    });
  },
  keys(plan) {
    return ofType(plan, "keyvault:Key").map((r) => r.urn);
  },
  ciTrust(plan) {
    const github = ofType(plan, "managedidentity:FederatedIdentityCredential").filter((c) => inputs(c)["issuer"] === githubIssuer);
    return ofType(plan, "managedidentity:UserAssignedIdentity").flatMap((identity): CiTrustPosture[] => {
      const subjects = github.filter((c) => inputs(c)["resourceName"] === inputs(identity)["resourceName"]).map((c) => String(inputs(c)["subject"]));
      return subjects.length > 0 ? [{ id: identity.urn, subjects }] : [];
    });
  },
  logWorkspaces(plan) {
    return ofType(plan, "operationalinsights:Workspace").map((w) => String(inputs(w)["workspaceName"] ?? w.name));
  },
};

export const azureConformance: CloudConformance = { inspector: azureInspector, mutations: azureConformanceMutations };
