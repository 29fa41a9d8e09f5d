import type { Cloud } from "../spec/index.ts";
import type { CloudConformance } from "./inspector.ts";

/**
 * Each cloud's part of the conformance suite, one line per cloud: its inspector and its plan mutations, kept in
 * the cloud's own folder (`components/clouds/<cloud>/conformance-inspector.ts`) and loaded only when that cloud is
 * tested. (When each cloud's folder exposes one registry of its non-driver knowledge, this line moves there.)
 */
export const cloudConformance: Readonly<Record<Cloud, (() => Promise<CloudConformance>) | undefined>> = {
  aws: async () => (await import("../clouds/aws/conformance-inspector.ts")).awsConformance,
  gcp: async () => (await import("../clouds/gcp/conformance-inspector.ts")).gcpConformance,
  azure: undefined,
};
