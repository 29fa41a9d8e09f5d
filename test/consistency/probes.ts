import path from "node:path";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { readDockerfile } from "./dockerfile.ts";
import { runUnits, workloadPaths, type Probe, type RunUnit } from "./plan-view.ts";

/**
 * The paths the platform probes, asked of the running app: liveness (and SageMaker's `/ping`, and the image's own
 * HEALTHCHECK) must answer 200; readiness 200, or 503 while what it depends on (the database, a peer) is not there
 * (offline it is not). A 404 anywhere is a probe that would never pass.
 */

/** The probes of a server unit: the manifest's, and the Dockerfile's HEALTHCHECK path. */
export function probesOf(plan: PlannedStack, unit: RunUnit, root: string): Probe[] {
  const appPath = workloadPaths(plan).get(unit.workload);
  const healthcheck = appPath ? readDockerfile(path.join(root, appPath))?.healthcheck : undefined;
  const checked = /https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?(\/[^\s'"|]*)/.exec(healthcheck ?? "");
  return [...unit.probes, ...(checked ? [{ field: `${appPath}/Dockerfile HEALTHCHECK`, path: checked[1]! }] : [])];
}

/** A readiness probe (a pod's readinessProbe, Azure ML's readinessRoute): 503 without its dependencies is fine. */
export const isReadiness = (probe: Probe) => /readiness/i.test(probe.field);

export const serverUnits = (plan: PlannedStack) => runUnits(plan).filter((u) => u.probes.length > 0);

export async function probeFindings(plan: PlannedStack, root: string, status: (unit: RunUnit, path: string) => Promise<number>): Promise<string[]> {
  const findings: string[] = [];
  for (const unit of serverUnits(plan)) {
    for (const probe of probesOf(plan, unit, root)) {
      const got = await status(unit, probe.path);
      const readiness = isReadiness(probe);
      if (got === 200 || (readiness && got === 503)) continue;
      findings.push(`${plan.stack} ${unit.where} (${unit.workload}): ${probe.field} "${probe.path}" answers ${got} from the app, expected 200${readiness ? " (or 503 without its dependencies)" : ""}`);
    }
  }
  return findings;
}
