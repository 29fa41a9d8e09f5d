import type { Cloud } from "../spec/index.ts";
import type { CloudConformance } from "./inspector.ts";

/**
 * Each cloud's part of the conformance suite: its inspector and its plan mutations, kept in the cloud's own folder
 * (`components/clouds/<cloud>/conformance-inspector.ts`, exporting `<cloud>Conformance`) and loaded only when that
 * cloud is tested. The specifier is computed for the reason components/clouds/select.ts gives: a literal import
 * would load every cloud's SDK declarations into one type-check program. The `satisfies` makes a new cloud
 * without its line fail to compile.
 */
const inspectors = {
  aws: "../clouds/aws/conformance-inspector.ts",
  gcp: "../clouds/gcp/conformance-inspector.ts",
  azure: "../clouds/azure/conformance-inspector.ts",
} as const satisfies Record<Cloud, string>;

export async function loadConformance(cloud: Cloud): Promise<CloudConformance> {
  const file: string = inspectors[cloud];
  const loaded = (await import(file)) as Partial<Record<string, CloudConformance>>;
  const conformance = loaded[`${cloud}Conformance`];
  if (!conformance) throw new Error(`${file} does not export \`${cloud}Conformance\``);
  return conformance;
}
