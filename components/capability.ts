import * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "./spec/index.ts";

/** What every cloud driver receives besides its own arguments. */
export interface DriverContext {
  /** The capability's component: every resource a driver creates is its child. */
  readonly parent: pulumi.ComponentResource;
  readonly spec: PlatformSpec;
  /** A resource name unique in the stack: `<platform>-<environment>-<suffix>`. */
  readonly name: (suffix: string) => string;
}

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

  constructor(type: string, name: string, spec: PlatformSpec, build: (context: DriverContext) => Result, opts: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    const prefix = `${spec.name}-${spec.environment}`;
    this.result = build({ parent: this, spec, name: (suffix) => `${prefix}-${suffix}` });
    this.registerOutputs(contractOutputs(this.result));
  }
}

/** The contract's outputs: everything but the native resources, which are not plain data. */
function contractOutputs(result: object): pulumi.Inputs {
  return Object.fromEntries(Object.entries(result).filter(([key]) => key !== "native"));
}
