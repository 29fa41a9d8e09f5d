import type { Cloud } from "../spec/index.ts";
import type { CloudModule } from "../cloud-module.ts";

/**
 * Each cloud's folder, by cloud. The `satisfies` makes adding a cloud without its folder fail to compile.
 *
 * The specifier is computed on purpose: a literal `import("./gcp/index.ts")` would make the type checker load every
 * cloud's provider SDK declarations into one program (~0.25 GB each for GCP and Azure). Each cloud's folder is
 * type-checked in its own program instead (tsconfig.<cloud>.json), where `index.ts` declares its export as a
 * `CloudModule`; the architecture test typecheck-programs.test.ts keeps the programs covering every file.
 */
const cloudFolders = {
  aws: "./aws/index.ts",
  gcp: "./gcp/index.ts",
  azure: "./azure/index.ts",
} as const satisfies Record<Cloud, string>;

/**
 * Loads one cloud's folder (its drivers and its offline plan answers), and with it only that cloud's provider
 * SDK: importing all three would cost ~0.7 s and ~0.5 GB more at every start.
 */
export async function loadCloud(cloud: Cloud): Promise<CloudModule> {
  const folder: string = cloudFolders[cloud];
  const loaded = (await import(folder)) as Partial<Record<Cloud, CloudModule>>;
  const module = loaded[cloud];
  if (!module) throw new Error(`${folder} does not export \`${cloud}\` (its CloudModule)`);
  return module;
}
