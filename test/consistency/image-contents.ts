import { existsSync } from "node:fs";
import path from "node:path";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { PlanResource } from "../../lib/plan/model.ts";
import { containerArgv } from "../support/dockerfile.ts";
import { moduleGraph } from "../support/example-env.ts";
import { readDockerfile, scriptOf } from "./dockerfile.ts";
import { runUnits, specPort, workloadPaths, type RunUnit } from "./plan-view.ts";

/**
 * What each workload runs and listens on, against its app's folder and Dockerfile (`root` holds the apps at the
 * spec's paths):
 * - the command a pod runs (the manifest's `command`, else the image's ENTRYPOINT and CMD; a managed endpoint:
 *   ENTRYPOINT plus the service's arguments, such as SageMaker's `serve`, which replace a CMD) names a file that is in the app's folder
 *   and that the Dockerfile's COPY lines bring into the image;
 * - a server's containerPort, its env PORT and the spec's port are one number, the Dockerfile's EXPOSE, ENV PORT
 *   and HEALTHCHECK agree with it, and the Service in front of it targets that port.
 */

/** The argv the container runs, and where that comes from. */
export function argvOf(unit: RunUnit, entrypoint: readonly string[] | undefined, cmd: readonly string[] | undefined): { argv: string[]; from: string } {
  if (unit.kind === "managed" && unit.managedArgs) return { argv: [...(entrypoint ?? []), ...unit.managedArgs], from: `${unit.commandField} (the Dockerfile's ENTRYPOINT${entrypoint ? ` ${JSON.stringify(entrypoint)}` : ": none"} + ${unit.managedArgs.join(" ")})` };
  // Kubernetes' command replaces the ENTRYPOINT and drops the CMD.
  const argv = containerArgv({ ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}) }, unit.command ? { command: unit.command } : {});
  return { argv, from: unit.command || unit.kind === "managed" ? unit.commandField : "the Dockerfile's ENTRYPOINT and CMD" };
}

export function commandFindings(plan: PlannedStack, root: string): string[] {
  const findings: string[] = [];
  const paths = workloadPaths(plan);
  for (const unit of runUnits(plan)) {
    const appPath = paths.get(unit.workload);
    const where = `${plan.stack} ${unit.where} (${unit.workload}, ${appPath})`;
    if (!appPath) continue; // appEnvFindings names a workload without a path
    const context = path.join(root, appPath);
    const docker = readDockerfile(context);
    if (!docker) {
      findings.push(`${where}: ${appPath}/Dockerfile does not exist`);
      continue;
    }
    const { argv, from } = argvOf(unit, docker.entrypoint, docker.cmd);
    const script = scriptOf(argv);
    if (script === undefined) {
      findings.push(`${where}: ${from} runs nothing`);
      continue;
    }
    const inImage = path.posix.resolve(docker.workdir, script);
    const copied = docker.files.get(inImage);
    if (!existsSync(path.join(context, copied ?? script))) findings.push(`${where}: ${from} runs "${argv.join(" ")}", and ${script} is not in ${appPath}`);
    if (copied === undefined) findings.push(`${where}: ${from} runs "${argv.join(" ")}", and ${appPath}/Dockerfile copies no ${script} into the image (${inImage})`);
    if (copied === undefined || !existsSync(path.join(context, script))) continue;
    // Every module the script imports, the shared ones beside the app included, is in the image where the import finds it.
    for (const module of moduleGraph(context, script).slice(1)) {
      const at = path.posix.resolve(docker.workdir, module);
      if (docker.files.get(at) !== module) findings.push(`${where}: ${script} imports ${module}, and ${appPath}/Dockerfile copies nothing to ${at}, where the image would look for it`);
    }
  }
  return findings;
}

const servicesSelecting = (plan: PlannedStack, unit: RunUnit): PlanResource[] =>
  plan.resources.filter((r) => {
    if (r.type !== "kubernetes:core/v1:Service") return false;
    const selector = ((r.inputs as Record<string, any>)["spec"]?.selector ?? {}) as Record<string, string>;
    return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => unit.podLabels[k] === v);
  });

export function portFindings(plan: PlannedStack, root: string): string[] {
  const findings: string[] = [];
  const paths = workloadPaths(plan);
  for (const unit of runUnits(plan).filter((u) => u.kind === "Deployment" || u.kind === "managed")) {
    const appPath = paths.get(unit.workload);
    const where = `${plan.stack} ${unit.where} (${unit.workload}, ${appPath})`;
    const port = specPort(plan, unit.workload);
    if (port === undefined) {
      findings.push(`${where}: the spec gives the workload no port`);
      continue;
    }
    const containerPort = unit.ports[0]?.containerPort;
    if (containerPort !== port) findings.push(`${where}: ${unit.portsField}[0].containerPort is ${containerPort}, the spec's port is ${port}`);
    if (unit.env["PORT"] !== String(port)) findings.push(`${where}: ${unit.envField} PORT is ${JSON.stringify(unit.env["PORT"])}, the spec's port is ${port}`);
    const docker = appPath ? readDockerfile(path.join(root, appPath)) : undefined;
    for (const exposed of docker?.expose ?? []) if (exposed !== port) findings.push(`${where}: ${appPath}/Dockerfile EXPOSE ${exposed}, the spec's port is ${port}`);
    if (docker?.env["PORT"] !== undefined && docker.env["PORT"] !== String(port)) findings.push(`${where}: ${appPath}/Dockerfile ENV PORT=${docker.env["PORT"]}, the spec's port is ${port}`);
    const checked = /(?:127\.0\.0\.1|localhost):(\d+)/.exec(docker?.healthcheck ?? "");
    if (checked && Number(checked[1]) !== port) findings.push(`${where}: ${appPath}/Dockerfile HEALTHCHECK asks port ${checked[1]}, the spec's port is ${port}`);
    for (const service of unit.kind === "Deployment" ? servicesSelecting(plan, unit) : []) {
      for (const p of ((service.inputs as Record<string, any>)["spec"].ports ?? []) as { port: number; targetPort?: string | number }[]) {
        const target = p.targetPort ?? p.port;
        const resolved = typeof target === "number" ? target : unit.ports.find((c) => c.name === target)?.containerPort;
        if (resolved !== port) findings.push(`${plan.stack} Service ${service.name}: spec.ports targetPort ${JSON.stringify(target)} reaches ${resolved ?? "no container port"} on ${unit.where}, which listens on ${port}`);
      }
    }
  }
  return findings;
}
