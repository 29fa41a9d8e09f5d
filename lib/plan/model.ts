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
  /**
   * For each input that is a secret ("[secret]"), by its path (`data.password`, `spec.env[0].value`): a
   * fingerprint of its value, so `stratum plan diff` can tell a changed secret without printing it. Absent when
   * the resource has no secret inputs, and in plans made before format version 1 carried it.
   */
  readonly secretFingerprints?: Readonly<Record<string, string>>;
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

/**
 * The plan format's version. It changes only when a field changes meaning; `stratum plan diff` refuses to compare
 * plans of different versions. Plans written before the field existed are version 1.
 */
export const planFormatVersion = 1;

export interface PlanReport {
  /** planFormatVersion when the plan was written (absent in plans older than the field: version 1). */
  readonly formatVersion?: number;
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
  /** Per `secure:` key of the stack's config, a fingerprint of its ciphertext (never the value); absent without any. */
  readonly configSecretFingerprints?: Readonly<Record<string, string>>;
}

/** The placeholder for a secret value, the same one `pulumi preview --json` prints. */
export const secretPlaceholder = "[secret]";

/** The system's flows in the plan (drawn by render-flows.ts), made from the spec's wiring (components/wiring/flows.ts). */
export type FlowNodeKind = "ci" | "registry" | "cluster" | "service" | "model" | "pipeline" | "endpoint" | "database" | "zone" | "warehouse" | "frontend" | "cdn" | "internet";

export interface FlowNode {
  /** Unique in the system, safe as a Mermaid id: `service_api`, `zone_raw`. */
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly label: string;
  /** `cluster` for what runs on the cluster (drawn inside it). */
  readonly within?: "cluster";
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  /** What flows: the access level, the port, the action. */
  readonly label: string;
}

export interface SystemFlows {
  readonly nodes: readonly FlowNode[];
  readonly flows: readonly Flow[];
}
