import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../cloud-contract.ts";
import type { PlatformSpec } from "../spec/index.ts";
import type { GovernanceTier } from "../governance/governance.ts";
import type { InfraTier } from "../infra/infra.ts";
import type { ModelArtifacts } from "./artifacts/artifacts.ts";
import type { ModelServing } from "./serving/serving.ts";
import { wiredWorkload, wiredWorkloads } from "../wiring/workloads.ts";
import { envOutput, wiringValues } from "../wiring/wiring-values.ts";
import { appNamespaceName } from "../kubernetes/workload-specs.ts";

/**
 * Model artifact storage and managed model endpoints. Models served on the cluster are workloads of the
 * Kubernetes tier; this tier only stores their artifacts.
 */
export class MlTier extends pulumi.ComponentResource {
  readonly artifacts?: ModelArtifacts;
  readonly serving?: ModelServing;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, governance: GovernanceTier, infra: InfraTier, opts: pulumi.ComponentResourceOptions) {
    super("stratum:ml:Ml", name, {}, opts);
    const child = { parent: this };
    const { keyIds } = governance.keys;
    const models = spec.ml.models;
    if (models.length > 0) {
      const artifacts = new Capability("stratum:ml:ModelArtifacts", `${name}-artifacts`, spec, (ctx) =>
        drivers.ml.artifacts.create({ keyId: keyIds.ml, connectivity: infra.network.dataStores, logDestination: governance.audit.logDestination, noncurrentVersionRetentionDays: spec.data.lake.noncurrentVersionRetentionDays }, ctx), child).result;
      this.artifacts = artifacts;
      const managed = models.filter((m) => m.serving === "managed");
      if (managed.length > 0) {
        // The same environment contract as the cluster's workloads, from the same module.
        const wired = wiredWorkloads(spec);
        const values = wiringValues({ region: spec.region, namespace: appNamespaceName(spec), artifacts });
        const environment = Object.fromEntries(managed.map((m) => [m.name, envOutput(wiredWorkload(wired, m.name), wired, values, drivers.workloadWiring(spec))]));
        this.serving = new Capability("stratum:ml:ModelServing", `${name}-serving`, spec, (ctx) =>
          drivers.ml.serving.create({ models: managed, network: infra.network, registry: infra.registry, environment, keyId: keyIds.ml, logDestination: governance.audit.logDestination, grants: [{ principal: infra.ciIdentity.principals.deploy, access: "update" }] }, ctx), child).result;
      }
    }
    this.registerOutputs({ artifactsLocation: this.artifacts?.location, modelEndpoints: this.serving?.endpoints });
  }
}
