import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../clouds/drivers.ts";
import type { PlatformSpec } from "../spec/index.ts";
import type { GovernanceTier } from "../governance/governance.ts";
import type { Frontend } from "./frontend/frontend.ts";

/** The static front end. Back-end services run on the cluster (the Kubernetes workload tier). */
export class WebTier extends pulumi.ComponentResource {
  readonly frontend?: Frontend;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, governance: GovernanceTier, opts: pulumi.ComponentResourceOptions) {
    super("stratum:web:Web", name, {}, opts);
    const frontend = spec.web.frontend;
    if (frontend) {
      this.frontend = new Capability("stratum:web:Frontend", `${name}-frontend`, spec, (ctx) =>
        drivers.web.frontend.create({ ...frontend, keyId: governance.keys.keyIds.platform, logDestination: governance.audit.logDestination }, ctx), { parent: this }).result;
    }
    this.registerOutputs({ frontendUrl: this.frontend?.url });
  }
}
