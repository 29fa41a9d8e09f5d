import type { Cloud } from "../spec/index.ts";
import type { CloudConformance } from "./inspector.ts";
import { loadCloudExport } from "../clouds/cloud-export.ts";

/**
 * Each cloud's part of the conformance suite: its inspector and its plan mutations, kept in the cloud's own folder
 * (`components/clouds/<cloud>/conformance-inspector.ts`, exporting `<cloud>Conformance`) and loaded only when that
 * cloud is tested (components/clouds/cloud-export.ts says why by a computed specifier). The `satisfies` makes a
 * new cloud without its line fail to compile.
 */
const inspectors = {
  aws: "../clouds/aws/conformance-inspector.ts",
  gcp: "../clouds/gcp/conformance-inspector.ts",
  azure: "../clouds/azure/conformance-inspector.ts",
} as const satisfies Record<Cloud, string>;

export function loadConformance(cloud: Cloud): Promise<CloudConformance> {
  return loadCloudExport<CloudConformance>(inspectors, import.meta.url, cloud, `${cloud}Conformance`);
}
