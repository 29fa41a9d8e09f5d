import { existsSync } from "node:fs";
import path from "node:path";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { partsFor } from "./plan-view.ts";

/**
 * The front end, from its build to the CDN: the build job uploads, as the site artifact, the folder the app's
 * build writes (`built`: that folder, built in a copy of the app); the stack's deploy downloads that artifact into
 * the folder its upload step syncs; and the CDN's default root object is a file of the build.
 */
export function frontendFindings(plan: PlannedStack, workflows: readonly Workflow[], built: string, frontendPath: string): string[] {
  const findings: string[] = [];
  const deploy = workflows.find((w) => w.fileName === "deploy.yml");
  const buildJob = Object.entries(deploy?.jobs ?? {}).find(([, j]) => j.steps.some((s) => s.name === "Upload the site"));
  const upload = buildJob?.[1].steps.find((s) => s.name === "Upload the site");
  if (!buildJob || !upload) return [`${plan.stack} deploy.yml: no job uploads the built site`];
  const artifact = String(upload.with?.["name"]);
  const uploaded = String(upload.with?.["path"]);
  const outDir = path.posix.relative(frontendPath, uploaded);
  if (outDir.startsWith("..") || !existsSync(path.join(built, outDir))) findings.push(`${plan.stack} deploy.yml#${buildJob[0]}/Upload the site: with.path "${uploaded}" is not a folder the build of ${frontendPath} writes`);
  const job = deploy!.jobs[`deploy-${plan.stack}`];
  const download = job?.steps.find((s) => s.name === "Download the front end");
  const sync = job?.steps.find((s) => s.name === "Upload the front end");
  if (!download || download.with?.["name"] !== artifact) findings.push(`${plan.stack} deploy.yml#deploy-${plan.stack}: no step downloads the artifact "${artifact}" the build uploads`);
  else if (sync?.env?.["SITE"] !== download.with?.["path"]) findings.push(`${plan.stack} deploy.yml#deploy-${plan.stack}/Upload the front end: env.SITE is "${sync?.env?.["SITE"]}", the site is downloaded to "${download.with?.["path"]}"`);
  const parts = partsFor(plan);
  const cdns = parts.cdns(plan);
  if (cdns.size === 0) findings.push(`${plan.stack}: the plan has no CDN in front of the site`);
  for (const [id, cdn] of cdns) {
    const roots = parts.rootObjects(cdn, plan);
    if (roots.length === 0) findings.push(`${plan.stack} CDN ${id}: answers / with no object of the build`);
    for (const { field, object } of roots) if (!existsSync(path.join(built, outDir, object))) findings.push(`${plan.stack} CDN ${id}: ${field} "${object}" is not a file the build of ${frontendPath} writes to ${outDir}/`);
  }
  return findings;
}
