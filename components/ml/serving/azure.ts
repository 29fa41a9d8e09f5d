import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices/index.js";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import type { ModelSpec } from "../../spec/index.ts";
import { onlineDeploymentInstanceType } from "../../clouds/azure/data-sizes.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { keyUser, type KeyUser } from "../../clouds/azure/key-user.ts";
import { privateEndpoint, type PrivateEndpoint } from "../../clouds/azure/private-endpoint.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment, stackResourceId } from "../../clouds/azure/role-assignment.ts";
import { blobStorage, type BlobStorage } from "../../clouds/azure/blob-storage.ts";
import { digestSuffix, resolveImage } from "../../kubernetes/image.ts";
import type { ModelServing, ModelServingArgs } from "./serving.ts";

export interface AzureModelServing extends ModelServing {
  readonly native: {
    readonly workspace: machinelearningservices.Workspace;
    readonly storage: BlobStorage;
    readonly keyUser: KeyUser;
    readonly privateEndpoint: PrivateEndpoint;
    readonly models: Readonly<Record<string, AzureManagedModel>>;
    /** Per principal granted, per model, AzureML Data Scientist on the model's endpoint. */
    readonly grants: Readonly<Record<string, Readonly<Record<string, authorization.RoleAssignment>>>>;
  };
}

export interface AzureManagedModel {
  readonly endpoint: machinelearningservices.OnlineEndpoint;
  /** The endpoint's own identity may pull from the stack's registry (AcrPull), nothing else. */
  readonly pull: authorization.RoleAssignment;
  readonly environment: machinelearningservices.EnvironmentVersion;
  readonly deployment: machinelearningservices.OnlineDeployment;
}

/**
 * An Azure Machine Learning workspace and a managed online endpoint per model: the workspace has public network
 * access off (reached through its `amlworkspace` private endpoint), a managed network allowing only approved
 * outbound, identity-based access to its own storage account (blob-storage.ts, no keys), the
 * stack's Key Vault, the stack's registry, the ML key for its data (high-business-impact mode: less diagnostic
 * data leaves it), and its logs in Log Analytics; no Application Insights (a public ingestion endpoint). Each
 * endpoint takes Entra ID tokens only (`AADToken`), has public network access off, and runs one deployment of
 * `<the model's repository>@<digest>` with the tier's environment, no egress to the internet, probes on the
 * model's health and readiness paths. Its system identity pulls the image (AcrPull on the stack's registry).
 */
export const azureModelServing: Driver<ModelServingArgs, AzureModelServing> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const storage = blobStorage(ctx, {
      purpose: "ml",
      keyId: args.keyId,
      hierarchicalNamespace: false,
      containers: [],
      retentionDays: 30,
      logDestination: args.logDestination,
      privateEndpoints: { connectivity: args.network.dataStores, groups: ["blob"] },
    });
    const encryption = keyUser(ctx, "ml-ws", args.keyId);
    const key = encryption.key;
    const registryId = registryIdOf(ctx, args.registry.host);
    const workspaceName = ctx.name("ml");
    const workspace = new machinelearningservices.Workspace(workspaceName, {
      workspaceName,
      resourceGroupName,
      location: ctx.region,
      kind: "Default",
      sku: { name: "Basic", tier: "Basic" },
      identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [encryption.identity.id] },
      storageAccount: storage.account.id,
      keyVault: key.vaultId,
      containerRegistry: registryId,
      publicNetworkAccess: "Disabled",
      allowPublicAccessWhenBehindVnet: false,
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
      systemDatastoresAuthMode: "identity",
      hbiWorkspace: true,
      encryption: { status: "Enabled", keyVaultProperties: { keyIdentifier: key.uri, keyVaultArmId: key.vaultId }, identity: { userAssignedIdentity: encryption.identity.id } },
    }, { ...opts, dependsOn: [encryption.grant] });
    const endpointOfWorkspace = privateEndpoint(ctx, "ml-workspace", { connectivity: args.network.dataStores, resourceId: workspace.id, group: "amlworkspace" });
    diagnosticSetting(ctx, "ml", { resourceUri: workspace.id, workspaceId: args.logDestination });
    const models = Object.fromEntries(args.models.map((model) => [model.name, managedModel(ctx, args, model, workspace, registryId)]));
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, Object.fromEntries(Object.entries(models).map(([name, m]) => [name, roleAssignment(ctx, `${grant.principal.name}-model-${name}`, {
      principalId: grant.principal.id,
      principalType: "ServicePrincipal",
      role: "AzureML Data Scientist",
      scope: m.endpoint.id,
    })]))]));
    const endpoints = Object.fromEntries(Object.entries(models).map(([name, m]) => [name, m.endpoint.id]));
    return { endpoints, native: { workspace, storage, keyUser: encryption, privateEndpoint: endpointOfWorkspace, models, grants } };
  },
};

function managedModel(ctx: DriverContext, args: ModelServingArgs, model: ModelSpec, workspace: machinelearningservices.Workspace, registryId: pulumi.Output<string>): AzureManagedModel {
  const opts = { parent: ctx.parent };
  const resourceGroupName = resourceGroupOf(ctx);
  // Endpoint names are unique per region and at most 32 characters.
  const endpointName = ctx.name(model.name).slice(0, 32).replace(/-+$/, "");
  const endpoint = new machinelearningservices.OnlineEndpoint(ctx.name(`${model.name}-endpoint`), {
    endpointName,
    workspaceName: workspace.name,
    resourceGroupName,
    location: ctx.region,
    identity: { type: "SystemAssigned" },
    properties: { authMode: "AADToken", publicNetworkAccess: "Disabled", description: `${model.name}: managed model endpoint` },
  }, opts);
  diagnosticSetting(ctx, `${model.name}-endpoint`, { resourceUri: endpoint.id, workspaceId: args.logDestination });
  const pull = roleAssignment(ctx, `${model.name}-endpoint-pull`, {
    principalId: endpoint.identity.apply((i) => i?.principalId ?? ""),
    principalType: "ServicePrincipal",
    role: "AcrPull",
    scope: registryId,
  });
  const image = resolveImage(model.name, model.image, args.registry.repositoryUrls[model.name]);
  const route = (path: string) => ({ path, port: model.port });
  // An environment version is immutable: each digest is its own version, so a new image is a new version.
  const environment = new machinelearningservices.EnvironmentVersion(ctx.name(`${model.name}-env-${digestSuffix(image.digest)}`), {
    name: model.name,
    version: digestSuffix(image.digest),
    workspaceName: workspace.name,
    resourceGroupName,
    properties: {
      image: image.reference,
      osType: "Linux",
      inferenceConfig: { livenessRoute: route(model.healthPath), readinessRoute: route(model.readinessPath), scoringRoute: route("/") },
      description: `${model.name} at ${image.digest}`,
    },
  }, opts);
  const variables = pulumi.output(args.environment[model.name] ?? []).apply((env) => Object.fromEntries(env.map((e) => [e.name, e.value])));
  const probe = { initialDelay: "PT10S", period: "PT10S", timeout: "PT2S", failureThreshold: 3, successThreshold: 1 };
  const deployment = new machinelearningservices.OnlineDeployment(ctx.name(`${model.name}-deployment`), {
    deploymentName: "primary",
    endpointName: endpoint.name,
    workspaceName: workspace.name,
    resourceGroupName,
    location: ctx.region,
    sku: { name: "Default", capacity: model.replicas.min },
    properties: {
      endpointComputeType: "Managed",
      environmentId: environment.id,
      environmentVariables: variables,
      instanceType: onlineDeploymentInstanceType[model.size],
      scaleSettings: { scaleType: "Default" },
      egressPublicNetworkAccess: "Disabled",
      appInsightsEnabled: false,
      livenessProbe: probe,
      readinessProbe: probe,
    },
  }, { ...opts, dependsOn: [pull] });
  return { endpoint, pull, environment, deployment };
}

/**
 * The stack's registry's ARM id from its host (`<registry>.azurecr.io`; offline, a host under `.offline.invalid`
 * with the same first label): the registry is in the stack's group, named by that label.
 */
function registryIdOf(ctx: DriverContext, host: pulumi.Output<string>): pulumi.Output<string> {
  return host.apply((h) => {
    const name = /^([a-z0-9]{5,50})\./i.exec(h)?.[1];
    if (!name) throw new Error(`the registry host ${JSON.stringify(h)} is not an Azure Container Registry login server (<registry>.azurecr.io)`);
    return stackResourceId(ctx, "Microsoft.ContainerRegistry", `registries/${name}`);
  });
}
