import { stringify } from "yaml";
import { actions } from "./actions.ts";
import type { Job } from "./model.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { checkout } from "./steps.ts";

/** Path filters, filter name → globs, in the form `dorny/paths-filter` takes. */
export type Filters = Readonly<Record<string, readonly string[]>>;

/** Files every stack's program reads: a change to any of them can change every stack. */
export const programPaths: readonly string[] = ["Pulumi.yaml", "index.ts", "components/**", "policy/**", "package.json", "package-lock.json"];

/** Everything under a folder. */
function under(path: string): string {
  return `${path.replace(/\/+$/, "")}/**`;
}

/** One filter per workload (its source folder) and one for the front end, named as they are. */
export function workloadFilters(platform: WorkflowPlatform): Filters {
  const filters: Record<string, string[]> = {};
  for (const w of platform.workloads) filters[w.name] = [under(w.path), ...Object.values(w.contexts ?? {}).map(under)];
  if (platform.frontend) filters[platform.frontend.name] = [under(platform.frontend.path)];
  return filters;
}

/** One filter per stack: its config file, the shared program, and the folders of the workloads it runs. */
export function stackFilters(platform: WorkflowPlatform): Filters {
  const folders = new Map(platform.workloads.map((w) => [w.name, [w.path, ...Object.values(w.contexts ?? {})]]));
  const filters: Record<string, string[]> = {};
  for (const stack of platform.stacks) {
    const watched = [...new Set(stack.workloads.flatMap((w) => folders.get(w) ?? []))].map(under);
    filters[stack.name] = [`stacks/Pulumi.${stack.name}.yaml`, ...programPaths, ...watched];
  }
  return filters;
}

export const changesJobId = "changes";

/**
 * The job that works out what changed: `outputs.changes` is the JSON list of filter names that matched. On a
 * pull request the action asks the API for the changed files; on a push it diffs against the commit before.
 */
export function changesJob(filters: Filters): Job {
  return {
    name: "Detect changes",
    permissions: { contents: "read", "pull-requests": "read" },
    timeoutMinutes: 10,
    outputs: { changes: "${{ steps.filter.outputs.changes }}" },
    steps: [
      checkout({ fullHistory: true }),
      {
        name: "Match changed files",
        id: "filter",
        uses: actions.pathsFilter,
        comment: "Generated from the spec's source paths (workflows/changes.ts); never edited by hand.",
        with: { filters: stringify(filters, { lineWidth: 0 }) },
      },
    ],
  };
}

/** The `if:` that runs a job only when the named filter matched. */
export function changed(filter: string): string {
  return `contains(fromJSON(needs.${changesJobId}.outputs.changes), '${filter}')`;
}

/** Filter names whose globs match any of the changed files (a test helper and a documentation aid). */
export function selected(filters: Filters, changedFiles: readonly string[], matches: (file: string, glob: string) => boolean): string[] {
  return Object.entries(filters)
    .filter(([, globs]) => changedFiles.some((file) => globs.some((glob) => matches(file, glob))))
    .map(([name]) => name);
}
