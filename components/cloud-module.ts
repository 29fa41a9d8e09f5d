import type { CloudDrivers } from "./cloud-contract.ts";
import type { AccountSpec } from "./spec/index.ts";

/**
 * The cloud's answers for the offline plan (`stratum plan`), which runs the program with no cloud behind it. They
 * are placeholders, never results (see lib/plan/placeholders.ts), and only what drivers read to wire resources
 * together.
 */
export interface OfflineAnswers {
  /**
   * The result of a provider function (invoke) the drivers call. Throws for a token it has no answer for: the
   * plan then fails, since an invented result would be a faked cloud answer.
   */
  readonly invoke: (token: string, args: Readonly<Record<string, unknown>>, region: string) => Record<string, unknown>;
  /** The id the cloud would assign a resource (its physical name where the cloud uses that, else `name`). */
  readonly resourceId: (type: string, name: string, inputs: Readonly<Record<string, unknown>>) => string;
  /** Outputs the cloud computes (ARNs, endpoints), merged over the inputs a resource was registered with. */
  readonly computedOutputs: (type: string, name: string, inputs: Readonly<Record<string, unknown>>, region: string) => Record<string, unknown>;
}

/** The stack an offline plan answers for: GCP's and Azure's ids carry the project or subscription. */
export interface OfflineStack {
  readonly region: string;
  readonly account: AccountSpec;
}

/** What one cloud's folder (`components/clouds/<cloud>/index.ts`) exports: everything stratum knows of it. */
export interface CloudModule {
  readonly drivers: CloudDrivers;
  /** The cloud's answers for the offline plan of one stack. */
  readonly offline: (stack: OfflineStack) => OfflineAnswers;
}
