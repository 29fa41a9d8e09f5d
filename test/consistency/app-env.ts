import { existsSync } from "node:fs";
import path from "node:path";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { envNamesRead, readButNotSet } from "../support/example-env.ts";
import { readDockerfile, scriptOf } from "./dockerfile.ts";
import { argvOf } from "./image-contents.ts";
import { runUnits, workloadPaths, type RunUnit } from "./plan-view.ts";

/** What the unit's command runs (its script and the modules it imports), or the whole app when that is unknown. */
function namesReadBy(unit: RunUnit, appDir: string): { names: string[]; by: string } {
  const docker = readDockerfile(appDir);
  const script = docker ? scriptOf(argvOf(unit, docker.entrypoint, docker.cmd).argv) : undefined;
  const known = script !== undefined && existsSync(path.join(appDir, script)) ? script : undefined;
  return { names: envNamesRead(appDir, known), by: known ? `${known} (and what it imports)` : "the app" };
}

/**
 * Variables the platform sets for a workload that its app does not read, each with why. Everything else the plan
 * sets must be read by what the workload runs of its app (mapped by the spec's `path`; the command's script and
 * the modules it imports), or it is a wire to nowhere.
 */
export const setButNotRead: readonly { readonly name: RegExp; readonly kind?: RunUnit["kind"]; readonly why: string }[] = [
  { name: /^AWS_REGION$/, why: "every workload on AWS gets the stack's region (docs/wiring.md); the AWS SDKs read it themselves, and an app that makes no AWS call ignores it" },
  { name: /^GOOGLE_CLOUD_(PROJECT|REGION)$/, why: "every workload on GCP gets the stack's project and region (docs/wiring.md); Google's libraries read them themselves, and the apps' own clients need neither (the metadata server's token carries the project)" },
  { name: /^AZURE_REGION$/, why: "every workload on Azure gets the stack's location (docs/wiring.md), as AWS_REGION on AWS; the apps' Azure clients address the account's own endpoints and need no region" },
  { name: /^LAKE_[A-Z0-9_]+_URL$/, kind: "CronJob", why: "every grantee of a lake zone gets its LAKE_<ZONE>_URL; a pipeline reads the same two zones by role, as PIPELINE_SOURCE_URL and PIPELINE_TARGET_URL" },
];

/**
 * Each run unit's environment against what its app reads: every name the app reads is set for it (or listed in
 * `readButNotSet`), and every name set is read (or listed in `setButNotRead`). `root` holds the apps' folders at
 * the spec's paths (the repository, or a copy with an app changed).
 */
export function appEnvFindings(plan: PlannedStack, root: string): string[] {
  const findings: string[] = [];
  const paths = workloadPaths(plan);
  for (const unit of runUnits(plan)) {
    const appPath = paths.get(unit.workload);
    const where = `${plan.stack} ${unit.where} (${unit.workload}, ${appPath ?? "no path"})`;
    if (!appPath) {
      findings.push(`${where}: the spec gives the workload no path, so no app to compare its environment with`);
      continue;
    }
    const app = path.basename(appPath);
    const { names: read, by } = namesReadBy(unit, path.join(root, appPath));
    for (const name of read) {
      if (name in unit.env || readButNotSet.some((x) => x.app === app && x.name === name && (!x.clouds || x.clouds.includes(plan.cloud)))) continue;
      findings.push(`${where}: ${by} reads ${name}, which ${unit.envField} does not set`);
    }
    for (const [name, value] of Object.entries(unit.env)) {
      if (read.includes(name) || setButNotRead.some((x) => x.name.test(name) && (x.kind === undefined || x.kind === unit.kind))) continue;
      findings.push(`${where}: ${unit.envField} sets ${name}=${value}, which ${by} never reads`);
    }
  }
  return findings;
}

/** Allow-list entries nothing needs any more: an app that no longer reads the name, or a plan that sets it after all. */
export function staleAllowances(plans: readonly PlannedStack[], root: string): string[] {
  const units = plans.flatMap((plan) =>
    runUnits(plan).flatMap((unit) => {
      const appPath = workloadPaths(plan).get(unit.workload);
      return appPath ? [{ unit, cloud: plan.cloud, app: path.basename(appPath), read: namesReadBy(unit, path.join(root, appPath)).names }] : [];
    }),
  );
  const stale: string[] = [];
  for (const x of readButNotSet) {
    const users = units.filter((u) => u.app === x.app && u.read.includes(x.name) && (!x.clouds || x.clouds.includes(u.cloud)));
    if (users.length === 0) stale.push(`readButNotSet ${x.app} ${x.name}: the app no longer reads it`);
    else if (users.some((u) => x.name in u.unit.env)) stale.push(`readButNotSet ${x.app} ${x.name}: the platform sets it after all`);
  }
  for (const x of setButNotRead) {
    const needed = units.some((u) => Object.keys(u.unit.env).some((n) => x.name.test(n) && (x.kind === undefined || x.kind === u.unit.kind) && !u.read.includes(n)));
    if (!needed) stale.push(`setButNotRead ${x.name}: every workload it is set for reads it`);
  }
  return stale;
}
