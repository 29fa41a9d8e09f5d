import * as pulumi from "@pulumi/pulumi";
import type { AccountSpec, PlatformSpec } from "./spec/index.ts";

/**
 * What every cloud driver receives besides its own arguments, and nothing more: a driver's arguments (its
 * contract) are its whole input. There is no spec here on purpose: a value a driver needs is a field of its
 * contract, filled by the tier from the resolved spec, so the compiler names what a new cloud must honour.
 * The provider is not a field either: it is inherited from `parent` (the Platform sets it once for the stack).
 */
export interface DriverContext {
  /** The capability's component: every resource a driver creates is its child. */
  readonly parent: pulumi.ComponentResource;
  /** A resource name unique in the stack: `<platform>-<environment>-<suffix>`. */
  readonly name: (suffix: string) => string;
  /** The stack's region (AWS region, GCP region, Azure location). */
  readonly region: string;
  /**
   * The stack's account section, its own cloud's part only: where every resource is placed (GCP: the project and
   * its number, which workload identity names are built from; Azure: the subscription, tenant and resource group).
   */
  readonly account: AccountSpec;
}

/** What a capability's component needs from the spec to give its driver a context: names and the region. */
export type CapabilityScope = Pick<PlatformSpec, "name" | "environment" | "region" | "account">;

/**
 * One capability's cloud implementation. `create` receives resolved arguments (no defaults of its own) and
 * returns the contract's outputs plus its native resources as typed properties, so users can reach past the
 * contract (as go-cloud's `As()` does).
 */
export interface Driver<Args, Result extends object> {
  create(args: Args, context: DriverContext): Result;
}

/**
 * The component that holds one capability's resources, e.g. `stratum:infra:Network`. The type token is the same
 * on every cloud; only the children differ.
 */
export class Capability<Result extends object> extends pulumi.ComponentResource {
  readonly result: Result;

  constructor(type: string, name: string, scope: CapabilityScope, build: (context: DriverContext) => Result, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    const prefix = `${scope.name}-${scope.environment}`;
    this.result = build({ parent: this, name: (suffix) => `${prefix}-${suffix}`, region: scope.region, account: scope.account });
    this.registerOutputs(contractOutputs(this.result));
  }
}

/** The contract's outputs: everything but the native resources, which are not plain data. */
function contractOutputs(result: object): pulumi.Inputs {
  return Object.fromEntries(Object.entries(result).filter(([key]) => key !== "native"));
}
