import * as pulumi from "@pulumi/pulumi";
import * as containerregistry from "@pulumi/azure-native/containerregistry/index.js";
import type { Driver } from "../../capability.ts";
import { azureDataStoreConnectivityOf } from "../../clouds/azure/data-store-connectivity.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { globalName, registryName } from "../../clouds/azure/global-name.ts";
import { keyUser } from "../../clouds/azure/key-user.ts";
import { privateEndpoint } from "../../clouds/azure/private-endpoint.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import type { Registry, RegistryArgs } from "./registry.ts";

export interface AzureRegistry extends Registry {
  readonly native: { readonly registry: containerregistry.Registry };
}

/**
 * One Azure Container Registry per stack (Premium), a repository per workload (`<registry>.azurecr.io/<workload>`):
 * - No admin user and no anonymous pull: every pull and push is an Entra ID identity with a role on the registry.
 * - Public network access off and network rules `Deny`; reached through a private endpoint (its login server and
 *   data endpoints in `privatelink.azurecr.io`); trusted Azure services (Defender's scanner) bypass the rules.
 *   Export off, so images leave only by pull.
 * - Untagged manifests deleted after `untaggedImageExpiryDays` (retention policy; ACR's soft delete cannot be on
 *   with it, so it is off), zone redundancy on, encrypted with the registry key (a user-assigned identity with
 *   Crypto Service Encryption User on it). Images are scanned by Defender for Containers (the audit driver).
 * - Grants: AcrPush (push) or AcrPull (pull) on the registry. ACR roles have no per-repository scope outside
 *   repository-permission (ABAC) registries: a grant limited to some workloads gets the whole registry.
 * `imagesKept` has no ACR policy (an ACR Task running `acr purge --keep` would be one): deploys pin digests.
 */
export const azureRegistry: Driver<RegistryArgs, AzureRegistry> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const encryption = keyUser(ctx, "registry", args.keyId);
    const registry = new containerregistry.Registry(ctx.name("acr"), {
      registryName: globalName(ctx, "acr", registryName),
      resourceGroupName: resourceGroupOf(ctx),
      location: ctx.region,
      sku: { name: containerregistry.SkuName.Premium },
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: containerregistry.PublicNetworkAccess.Disabled,
      networkRuleSet: { defaultAction: containerregistry.DefaultAction.Deny, ipRules: [] },
      networkRuleBypassOptions: containerregistry.NetworkRuleBypassOptions.AzureServices,
      dataEndpointEnabled: true,
      zoneRedundancy: containerregistry.ZoneRedundancy.Enabled,
      identity: { type: containerregistry.ResourceIdentityType.UserAssigned, userAssignedIdentities: encryption.identity.id.apply((id) => ({ [id]: {} })) },
      encryption: { status: containerregistry.EncryptionStatus.Enabled, keyVaultProperties: { keyIdentifier: encryption.key.uri, identity: encryption.identity.clientId } },
      policies: {
        retentionPolicy: { days: args.untaggedImageExpiryDays, status: containerregistry.PolicyStatus.Enabled },
        exportPolicy: { status: containerregistry.ExportPolicyStatus.Disabled },
        quarantinePolicy: { status: containerregistry.PolicyStatus.Disabled },
        softDeletePolicy: { status: containerregistry.PolicyStatus.Disabled },
      },
    }, { ...opts, dependsOn: [encryption.grant] });
    privateEndpoint(ctx, "registry", { connectivity: azureDataStoreConnectivityOf(args.network.dataStores), resourceId: registry.id, group: "registry" });
    diagnosticSetting(ctx, "registry", { resourceUri: registry.id, workspaceId: args.logDestination });
    for (const grant of args.grants) {
      roleAssignment(ctx, `${grant.principal.name}-registry`, {
        scope: registry.id,
        role: grant.access.images === "push" ? "AcrPush" : "AcrPull",
        principalId: grant.principal.id,
        principalType: "ServicePrincipal",
      });
    }
    const host = registry.loginServer;
    const repositoryUrls = Object.fromEntries(args.repositories.map((w) => [w, pulumi.interpolate`${host}/${w}`]));
    return { repositoryUrls, host, native: { registry } };
  },
};
