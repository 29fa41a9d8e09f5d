import type { Cloud } from "../spec/index.ts";

/**
 * Imports one cloud's file of a per-cloud set and returns its named export. The specifier is computed on purpose:
 * a literal `import()` of every cloud's file would make the type checker load every cloud's provider SDK
 * declarations into one program (~0.25 GB each for GCP and Azure); each cloud's files are type-checked in its own
 * program instead (tsconfig.<cloud>.json, kept covering every file by test/architecture/typecheck-programs.test.ts).
 * `files` are relative to `base` (the caller's `import.meta.url`).
 */
export async function loadCloudExport<T>(files: Readonly<Record<Cloud, string>>, base: string, cloud: Cloud, exportName: string): Promise<T> {
  const file = files[cloud];
  const loaded = (await import(new URL(file, base).href)) as Partial<Record<string, T>>;
  const value = loaded[exportName];
  if (!value) throw new Error(`${file} does not export \`${exportName}\``);
  return value;
}
