import type { PlanReport } from "../../lib/plan/model.ts";
import type { Environment } from "../spec/index.ts";

/** What an inspector reads: the recorded resources and stack outputs of one offline plan. */
export type Plan = Pick<PlanReport, "resources" | "outputs">;

/**
 * What the conformance suite asks a cloud's plan beyond the policy rules. Every security property a rule covers
 * (encryption, public access, TLS, audit, rotation, registries, ingress, IAM, CI trust...) is asserted by running
 * that rule (`assertions.ts`), so it is defined once; an inspector answers only what no rule sees: properties no
 * rule covers yet, the differences between dev and prod, the exact CI subjects a stack must trust. Each cloud
 * has one, in its own folder (`components/clouds/<cloud>/conformance-inspector.ts`). `id` is the resource's URN.
 */
export interface Inspector {
  /** Object storage: buckets, GCS buckets, storage accounts or containers. */
  storage(plan: Plan): StoragePosture[];
  /** Relational databases (not the warehouse). */
  databases(plan: Plan): DatabasePosture[];
  /** The customer-managed keys, by URN. */
  keys(plan: Plan): string[];
  /** The federated identities CI logs in as, with the subjects each accepts. */
  ciTrust(plan: Plan): CiTrustPosture[];
  /**
   * Where audit logs land when that is not object storage: the names of the log workspaces (Azure's Log Analytics
   * workspaces), one of which the `auditLogDestination` output must name. Absent: a bucket is the destination.
   */
  logWorkspaces?(plan: Plan): string[];
}

export interface StoragePosture {
  readonly id: string;
  readonly versioned: boolean;
  /** Object access is logged to another location (the audit log destination itself is exempt). */
  readonly accessLogged: boolean;
  /** The name the stack outputs use for it (a bucket name, a container URL). */
  readonly location: string;
}

export interface DatabasePosture {
  readonly id: string;
  /** Deletion protection on the database itself: prod only, so dev stays disposable. */
  readonly deletionProtected: boolean;
  readonly multiZone: boolean;
}

export interface CiTrustPosture {
  readonly id: string;
  /** The exact subjects accepted. */
  readonly subjects: readonly string[];
}

/**
 * One change to a recorded plan that must make one of the suite's assertions fail: how the suite shows that an
 * assertion would catch the property breaking. `environment` limits it to the plans where the property binds.
 */
export interface PlanMutation {
  readonly what: string;
  readonly environment?: Environment;
  readonly mutate: (plan: Plan) => void;
}

/** A cloud's part of the suite: its inspector, and per assertion id the mutations of its plans that break it. */
export interface CloudConformance {
  readonly inspector: Inspector;
  readonly mutations: Readonly<Record<string, readonly PlanMutation[]>>;
}
