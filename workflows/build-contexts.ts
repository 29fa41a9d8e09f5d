import { existsSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { UserInputError } from "../lib/cli/errors.ts";
import type { WorkflowPlatform } from "./platform.ts";

/**
 * The named build contexts a workload's Dockerfile copies from: `COPY --from=<name>` where `<name>` is no stage of
 * the file is the folder `<name>` beside the workload's own (examples/api's `cloud` is examples/cloud, the cloud
 * clients every app shares). The build gets each as `build-contexts`, and the workload's change filter watches it,
 * so a change to shared code rebuilds every image that copies it, and each image stays built from its own files.
 */
export function namedBuildContexts(root: string, workloadPath: string): Record<string, string> {
  const file = join(root, workloadPath, "Dockerfile");
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  const stages = new Set([...text.matchAll(/^\s*FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]!.toLowerCase()));
  const contexts: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*(?:COPY|ADD)\b[^\n]*?--from=(\S+)/gim)) {
    const name = m[1]!;
    if (stages.has(name.toLowerCase()) || /^\d+$/.test(name)) continue;
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(name)) {
      throw new UserInputError([`${workloadPath}/Dockerfile: COPY --from=${name}: expected a build stage or a named context, a folder name beside ${workloadPath} (lower case, digits, hyphens)`]);
    }
    const folder = posix.join(posix.dirname(workloadPath), name);
    if (!existsSync(join(root, folder)) || !statSync(join(root, folder)).isDirectory()) {
      throw new UserInputError([`${workloadPath}/Dockerfile: COPY --from=${name}: the named build context ${folder} is not a folder (a named context is the folder of that name beside the workload's)`]);
    }
    contexts[name] = folder;
  }
  return contexts;
}

/** The platform with each workload's named build contexts read from its Dockerfile under `root`. */
export function withBuildContexts(platform: WorkflowPlatform, root: string): WorkflowPlatform {
  return { ...platform, workloads: platform.workloads.map((w) => ({ ...w, contexts: namedBuildContexts(root, w.path) })) };
}

/** `build-contexts` for docker/build-push-action (`name=path` lines), or nothing when the image has none. */
export function buildContextsInput(contexts: Readonly<Record<string, string>> | undefined): { "build-contexts"?: string } {
  const lines = Object.entries(contexts ?? {}).map(([name, folder]) => `${name}=${folder}`);
  return lines.length > 0 ? { "build-contexts": lines.join("\n") } : {};
}
