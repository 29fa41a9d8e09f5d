import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../cloud-contract.ts";
import type { PlatformSpec } from "../spec/index.ts";
import type { GovernanceTier } from "../governance/governance.ts";
import type { InfraTier } from "../infra/infra.ts";
import type { DataTier } from "../data/data.ts";
import type { Frontend } from "./frontend/frontend.ts";
import { Workloads } from "../kubernetes/workloads.ts";
import { clusterWorkloads } from "../kubernetes/workload-specs.ts";
import type { MlTier } from "../ml/ml.ts";
import type { WorkloadIdentities } from "../kubernetes/identities.ts";
import { ReviewNamespaceGuard } from "../review/namespace-guard.ts";
import { hostsReviewEnvironments } from "../review/names.ts";

/**
 * The static front end, and the services, in-cluster models and pipelines on the infra tier's cluster (the
 * cloud-neutral Kubernetes workload tier, granted the data tier's resources per the spec).
 */
export class WebTier extends pulumi.ComponentResource {
  readonly frontend?: Frontend;
  readonly workloads?: Workloads;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, governance: GovernanceTier, infra: InfraTier, identities: WorkloadIdentities, data: DataTier, ml: MlTier, opts: pulumi.ComponentResourceOptions) {
    super("stratum:web:Web", name, {}, opts);
    const frontend = spec.web.frontend;
    if (frontend) {
      this.frontend = new Capability("stratum:web:Frontend", `${name}-frontend`, spec, (ctx) =>
        drivers.web.frontend.create({ ...frontend, keyId: governance.keys.keyIds.platform, logDestination: governance.audit.logDestination, noncurrentVersionRetentionDays: spec.data.lake.noncurrentVersionRetentionDays,
          grants: [{ principal: infra.ciIdentity.principals.deploy, access: "publish" }],
        }, ctx), { parent: this }).result;
    }
    if (clusterWorkloads(spec).length > 0 || spec.data.pipelines.length > 0) {
      const { lake, database, warehouse } = data;
      this.workloads = new Workloads(`${name}-workloads`, {
        spec,
        identities: identities.identities,
        cluster: infra.cluster,
        registry: infra.registry,
        data: { lake, ...(database ? { database } : {}), ...(warehouse ? { warehouse } : {}) },
        ...(ml.artifacts ? { artifacts: ml.artifacts } : {}),
        wiring: drivers.workloadWiring(spec),
        ...(infra.ciIdentity.kubernetesGrants ? { ciAccess: infra.ciIdentity.kubernetesGrants } : {}),
      }, { parent: this });
      // Dev stacks host review environments: the guard that keeps the review identity to `pr-<n>` namespaces.
      const reviewUsers = (infra.ciIdentity.kubernetesGrants ?? []).filter((g) => g.access === "review").flatMap((g) => g.users);
      if (hostsReviewEnvironments(spec)) new ReviewNamespaceGuard(`${name}-review-guard`, spec, { parent: this, providers: [this.workloads.provider] }, reviewUsers);
    }
    this.registerOutputs({ frontendUrl: this.frontend?.url, namespace: this.workloads?.namespace });
  }
}
