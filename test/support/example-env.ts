import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./shared-dir.ts";

/**
 * The environment variables an example app reads, found in its source rather than listed by hand: `env.NAME` and
 * `process.env.NAME`, `env["NAME"]`, `required(env, "NAME", …)` (the apps' helper) and destructuring
 * (`const { NAME, OTHER: alias = x } = process.env`). `appDir` is the app's folder (`examples/orders`, or a copy).
 * The one list of what each app reads: the consistency check against the plan (test/consistency/app-env.test.ts)
 * and the README check (test/examples/env-contract.test.ts) both use it.
 */
export function envNamesRead(appDir: string, entry?: string): string[] {
  const names = new Set<string>();
  const files = entry === undefined ? readdirSync(appDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js") && !f.includes("node_modules")) : moduleGraph(appDir, entry);
  for (const file of files) {
    const source = readFileSync(path.join(appDir, file), "utf8");
    for (const m of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])|required\(\s*env\s*,\s*["']([A-Z][A-Z0-9_]*)["']/g)) {
      names.add((m[1] ?? m[2] ?? m[3])!);
    }
    for (const m of source.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:process\.)?env\b/g)) {
      for (const part of m[1]!.split(",")) {
        const key = /^\s*([A-Z][A-Z0-9_]*)\s*(?:[:=]|$)/.exec(part);
        if (key) names.add(key[1]!);
      }
    }
  }
  return [...names].sort();
}

/**
 * `entry` and the app's own modules it imports, transitively (`from "./x.js"`, `import("./x.js")`): what one
 * command of the app runs, so a Job that runs `migrate.js` is compared with what `migrate.js` reads, not the server.
 */
export function moduleGraph(appDir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(path.join(appDir, file), "utf8");
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g)) visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
  };
  visit(path.posix.normalize(entry));
  return [...seen];
}

/** An example's folder under the repository root: `orders` → `<repo>/examples/orders`. */
export const exampleDir = (app: string) => path.join(repoRoot, "examples", app);

/**
 * Variables an app reads that the example stacks' plans do not set, each with why: the only names outside the
 * platform's contract an app may rely on. test/consistency/app-env.test.ts fails on any other, and on an entry no
 * app needs any more.
 */
export const readButNotSet: readonly { readonly app: string; readonly name: string; readonly why: string; readonly clouds?: readonly string[] }[] = [
  {
    app: "orders",
    name: "DATABASE_PASSWORD",
    // Kept: without it a local run needs AWS credentials for the RDS signer; the platform never sets it (checked).
    why: "DATABASE_AUTH=password, for local runs and the examples' tests against a local PostgreSQL; the platform authenticates with IAM tokens and never sets a password",
  },
  { app: "orders", name: "DATABASE_SCHEMA", why: "set in review environments only (pr_<number>); absent means public, as in every example stack" },
  // Read for s3:// locations and DATABASE_AUTH=aws-iam only: stacks on the other clouds set neither, nor it.
  ...(["orders", "api", "etl"] as const).map((app) => ({
    app,
    name: "AWS_REGION",
    clouds: ["gcp", "azure"],
    why: "read only for AWS's s3:// lake URLs and the RDS signer (DATABASE_AUTH=aws-iam), which GCP and Azure stacks never hand out",
  })),
  // The shared cloud clients (examples/cloud) each app imports: what the cluster's runtime, not the plan, gives a pod.
  ...(["orders", "api", "etl"] as const).flatMap((app) => [
    ...(["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST"] as const).map((name) => ({
      app,
      name,
      why: "injected at run time by AKS's workload identity webhook into a pod whose ServiceAccount carries azure.workload.identity/client-id (docs/wiring.md); never in the plan",
    })),
    {
      app,
      name: "GCE_METADATA_HOST",
      why: "unset on GKE (the metadata server is metadata.google.internal); the override Google's libraries honour, for local runs and the tests' metadata stand-in",
    },
    ...(app === "orders"
      ? []
      : [{ app, name: "STORAGE_EMULATOR_HOST", why: "unset on GKE (Cloud Storage is https://storage.googleapis.com); the override Google's libraries honour, for local runs and the tests' stand-in" }]),
  ]),
];

/** The environment every example reads: the names its source reads, split into the platform's and the local ones. */
export const EXAMPLE_ENV: Record<string, { platform: string[]; localOnly: string[] }> = Object.fromEntries(
  readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const read = envNamesRead(exampleDir(e.name));
      const local = readButNotSet.filter((x) => x.app === e.name && x.name === "DATABASE_PASSWORD").map((x) => x.name);
      return [e.name, { platform: read.filter((n) => !local.includes(n)), localOnly: local }];
    }),
);
