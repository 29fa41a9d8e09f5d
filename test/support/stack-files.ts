import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { repoRoot } from "./shared-dir.ts";

/** An example stack's config, parsed, to mutate in a test. */
export function exampleStackConfig(stack: string): Record<string, unknown> {
  const document = parse(readFileSync(join(repoRoot, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return document.config;
}

/** A valid `stratum:account` for each cloud, for tests that move an example stack to another cloud. */
export const testAccounts = {
  aws: { aws: { accountId: "111122223333" } },
  gcp: { gcp: { projectId: "acme-platform-dev", projectNumber: "123456789012" } },
  azure: { azure: { subscriptionId: "11111111-2222-3333-4444-555555555555", tenantId: "66666666-7777-8888-9999-000000000000" } },
} as const;

/** Config as the Pulumi runtime hands it to a program: structured values as JSON text. */
export function asRuntimeConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/**
 * A throwaway project folder with the repository's program and the given stacks, for tests that run the CLI
 * the way a user does (its own cwd, its own stacks/).
 */
export function projectWithStacks(stacks: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), "stratum-project-"));
  // policy/ too: the program shares the security properties' definitions (policy/properties/) with the rules.
  for (const entry of ["Pulumi.yaml", "package.json", "index.ts", "components", "lib", "policy"]) {
    cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  }
  // The project's dependencies, as an installed project has them (the program resolves the provider SDKs).
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "stacks"));
  for (const [name, config] of Object.entries(stacks)) writeFileSync(join(dir, "stacks", `Pulumi.${name}.yaml`), stringify({ config }));
  return dir;
}
