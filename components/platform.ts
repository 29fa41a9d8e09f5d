import * as pulumi from "@pulumi/pulumi";
import type { CloudDrivers } from "./cloud-contract.ts";
import type { PlatformSpec } from "./spec/index.ts";
import { GovernanceTier } from "./governance/governance.ts";
import { InfraTier } from "./infra/infra.ts";
import { DataTier } from "./data/data.ts";
import { MlTier } from "./ml/ml.ts";
import { WebTier } from "./web/web.ts";
import { platformTags, tagTransform } from "./tags/tag-transform.ts";
import { WorkloadIdentities } from "./kubernetes/identities.ts";
import { appNamespaceName } from "./kubernetes/workload-specs.ts";
import { hostsReviewEnvironments } from "./review/names.ts";
import type { Workloads } from "./kubernetes/workloads.ts";

export interface PlatformArgs {
  readonly spec: PlatformSpec;
  /** The stack's cloud's drivers, chosen once by `loadCloud` (components/clouds/select.ts). */
  readonly drivers: CloudDrivers;
}

/**
 * The whole platform: tiers composed in order, each seeing only the outputs of the tiers before it
 * (governance → infra → the workloads' identities → data → ml → web). Identities come before the capabilities
 * that grant them, so each capability binds its own resource to them (components/grants.ts). Tags are applied to every taggable resource by one transform here.
 */
export class Platform extends pulumi.ComponentResource {
  readonly governance: GovernanceTier;
  readonly infra: InfraTier;
  /** The workloads' cloud identities, made before the data tier so that its capabilities grant them. */
  readonly identities: WorkloadIdentities;
  readonly data: DataTier;
  readonly ml: MlTier;
  readonly web: WebTier;
  /** The stack outputs, with the same names on every cloud, and the cloud-wide ones its cloud provides. */
  readonly outputs: Record<string, pulumi.Input<unknown>>;

  constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { spec, drivers } = args;
    super("stratum:index:Platform", name, {}, { ...opts, transforms: [tagTransform(platformTags(spec)), ...(opts.transforms ?? [])] });
    // One provider for the stack, configured from the spec; every tier's resources inherit it.
    const provider = drivers.provider(drivers.cloud, spec, { parent: this });
    const child = { parent: this, providers: [provider] };
    this.governance = new GovernanceTier("governance", spec, drivers, child);
    this.infra = new InfraTier("infra", spec, drivers, this.governance, child);
    this.identities = new WorkloadIdentities("identities", {
      spec,
      driver: drivers.kubernetes.workloadIdentity,
      cluster: this.infra.cluster,
      namespace: appNamespaceName(spec),
      reviewNamespaces: hostsReviewEnvironments(spec),
      ...(this.infra.ciIdentity.principals.review ? { reviewer: this.infra.ciIdentity.principals.review } : {}),
      databaseUser: drivers.workloadWiring(spec).databaseUser,
      // Where the identities lived before they came first: the web tier's Workloads component.
      formerWorkloads: pulumi.createUrn("web-workloads", "stratum:kubernetes:Workloads", pulumi.createUrn("web", "stratum:web:Web", this)),
    }, child);
    this.data = new DataTier("data", spec, drivers, this.governance, this.infra, this.identities.dataGrants, child);
    this.ml = new MlTier("ml", spec, drivers, this.governance, this.infra, child);
    this.web = new WebTier("web", spec, drivers, this.governance, this.infra, this.identities, this.data, this.ml, child);
    this.outputs = { ...stackOutputs(spec, this), ...drivers.accountOutputs(spec) };
    this.registerOutputs(this.outputs);
  }
}

/** Outputs a stack does not have (no database, no managed model) are left out rather than exported as undefined. */
function stackOutputs(spec: PlatformSpec, platform: Platform): Record<string, pulumi.Input<unknown>> {
  const { governance, infra, data, ml, web } = platform;
  const outputs: Record<string, pulumi.Input<unknown> | undefined> = {
    cloud: spec.cloud,
    region: spec.region,
    environment: spec.environment,
    auditLogDestination: governance.audit.logDestination,
    networkId: infra.network.networkId,
    clusterName: infra.cluster.clusterName,
    clusterEndpoint: infra.cluster.endpoint,
    clusterOidcIssuer: infra.cluster.oidcIssuerUrl,
    kubeconfig: pulumi.secret(infra.cluster.kubeconfig),
    // Every workload's repository (services, models, pipelines) and the host CI logs in to before pushing there.
    registryUrls: infra.registry.repositoryUrls,
    registryHost: infra.registry.host,
    deployIdentity: infra.ciIdentity.deployIdentity,
    deploySubjects: infra.ciIdentity.deploySubjects,
    publishIdentity: infra.ciIdentity.publishIdentity,
    publishSubject: infra.ciIdentity.publishSubject,
    previewIdentity: infra.ciIdentity.previewIdentity,
    previewSubject: infra.ciIdentity.previewSubject,
    reviewIdentity: infra.ciIdentity.reviewIdentity,
    reviewSubject: infra.ciIdentity.reviewSubject,
    // The workloads' cloud identities, which review environments (components/review/) bind their pods to.
    workloadRoles: web.workloads ? workloadIdentities(platform.identities, web.workloads) : undefined,
    databaseHost: data.database?.host,
    databasePort: data.database?.port,
    databaseName: data.database?.databaseName,
    databaseAdminSecret: data.database ? pulumi.secret(data.database.adminSecretRef) : undefined,
    lakeZones: data.lake.zoneLocations,
    warehouseEndpoint: data.warehouse?.endpoint,
    catalogId: data.catalog.catalogId,
    modelArtifacts: ml.artifacts?.location,
    modelEndpoints: ml.serving?.endpoints,
    // What the deploy workflow passes to a model it deploys itself (GCP's Vertex AI upload).
    modelEnvironments: ml.serving?.environments,
    frontendUrl: web.frontend?.url,
    frontendSiteLocation: web.frontend?.siteLocation,
    // What the deploy uploads the built front end to, and the CDN it invalidates afterwards.
    frontendBucket: web.frontend?.siteLocation,
    frontendCdnId: web.frontend?.cdnId,
    // The images deployed, by digest, as stack config set them: the deploy workflow reads this back so that a
    // deploy which rebuilds one service keeps every other service's image.
    images: Object.fromEntries([...spec.web.services, ...spec.ml.models, ...spec.data.pipelines].flatMap((w) => (w.image ? [[w.name, w.image]] : []))),
  };
  return Object.fromEntries(Object.entries(outputs).filter((entry): entry is [string, pulumi.Input<unknown>] => entry[1] !== undefined));
}

/** Workload name → its cloud identity (AWS: role ARN), for the services and in-cluster models granted data. */
function workloadIdentities(identities: WorkloadIdentities, workloads: Workloads): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(Object.keys(workloads.workloads).flatMap((name) => (identities.identities[name] ? [[name, identities.identities[name].principal.id]] : [])));
}
