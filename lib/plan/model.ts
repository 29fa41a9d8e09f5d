import type { SystemFlows } from "../../components/wiring/flows.ts";

/**
 * The offline plan's JSON format, `<out>/<stack>.json`. Other tools read it (`stratum policy check`,
 * `stratum comment`), so fields are only ever added, never renamed.
 */
export interface PlanResource {
  readonly urn: string;
  /** The Pulumi type token, e.g. `aws:s3/bucket:Bucket` or `stratum:infra:Network`. */
  readonly type: string;
  readonly name: string;
  /** The parent's URN; null only for the stack itself. */
  readonly parent: string | null;
  /** Inputs as registered (after transforms). Secrets appear as "[secret]"; unknowns are absent under mocks. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /**
   * URNs the engine must create first (`dependsOn`, and resources whose outputs the inputs use), sorted. Absent
   * when there are none.
   */
  readonly dependencies?: readonly string[];
}

export interface PlanViolation {
  readonly rule: string;
  readonly urn: string;
  readonly message: string;
  readonly enforcement: "mandatory" | "advisory";
  readonly waived: boolean;
}

export type ControlStatus = "pass" | "violated" | "waived";

/** Per framework, each control, the rules evidencing it, and the control's status. */
export type ComplianceReport = Readonly<Record<string, readonly { readonly control: string; readonly rules: readonly string[]; readonly status: ControlStatus }[]>>;

export interface PlanReport {
  readonly stack: string;
  readonly cloud: string;
  readonly environment: string;
  readonly region: string;
  /** Always true: an offline plan is computed under Pulumi's mock runtime, with no cloud and no prior state. */
  readonly offline: true;
  readonly resources: readonly PlanResource[];
  /** The stack's exported outputs as the program returned them (unknown cloud-assigned values are absent). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** The system's flows (service calls, data access, pipelines, CI to registry to runtime), from the spec's wiring. */
  readonly flows?: SystemFlows;
  readonly violations?: readonly PlanViolation[];
  readonly compliance?: ComplianceReport;
}

/** The placeholder for a secret value, the same one `pulumi preview --json` prints. */
export const secretPlaceholder = "[secret]";
