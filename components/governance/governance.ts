import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../clouds/drivers.ts";
import type { PlatformSpec } from "../spec/index.ts";
import { keyDomains, type Keys } from "./keys/keys.ts";
import type { Audit } from "./audit/audit.ts";

/** Governance comes first: every later tier encrypts with its keys and logs to its audit destination. */
export class GovernanceTier extends pulumi.ComponentResource {
  readonly keys: Keys;
  readonly audit: Audit;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, opts: pulumi.ComponentResourceOptions) {
    super("stratum:governance:Governance", name, {}, opts);
    const child = { parent: this };
    this.keys = new Capability("stratum:governance:Keys", `${name}-keys`, spec, (ctx) =>
      drivers.governance.keys.create({ domains: keyDomains, deletionWindowDays: spec.keys.deletionWindowDays }, ctx), child).result;
    this.audit = new Capability("stratum:governance:Audit", `${name}-audit`, spec, (ctx) =>
      drivers.governance.audit.create({ keyId: this.keys.keyIds.audit, logRetentionDays: spec.audit.logRetentionDays }, ctx), child).result;
    this.registerOutputs({ keyIds: this.keys.keyIds, logDestination: this.audit.logDestination });
  }
}
