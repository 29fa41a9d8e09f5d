import { buildContextsInput } from "./build-contexts.ts";
import { actions } from "./actions.ts";
import { changed, changesJobId } from "./changes.ts";
import { scanSteps, setupBuildx } from "./images.ts";
import type { Job, Step } from "./model.ts";
import type { Workload, WorkflowPlatform } from "./platform.ts";
import { checkout, nodeSetup } from "./steps.ts";

/**
 * Deploy's first half, the part no cloud identity takes part in: each changed workload is built once, to an OCI
 * archive, scanned as that archive, and handed on by digest; the front end is built once to static files. The
 * per-stack publish jobs copy the archive, byte for byte, into each stack's registry (publish.ts).
 */

/** The artifact holding a workload's OCI archive, and the archive's file name inside it. */
export function imageArtifact(w: Workload): { readonly name: string; readonly file: string } {
  return { name: `image-${w.name}`, file: `image-${w.name}.tar` };
}

/** Where jobs download archives to. */
export const archivesDir = "images";

/** The artifact holding the front end's built files. */
export const siteArtifact = "frontend-site";
/** What the front end's `npm run build` writes, relative to its path (examples/frontend/build.js). */
export const siteOutputDir = "dist";

export const buildJobId = (w: Workload) => `build-${w.name}`;
export const scanJobId = (w: Workload) => `scan-${w.name}`;

export function downloadArchive(w: Workload, condition?: string): Step {
  return {
    name: `Download the ${w.name} archive`,
    ...(condition ? { if: condition } : {}),
    uses: actions.downloadArtifact,
    with: { name: imageArtifact(w).name, path: archivesDir },
  };
}

/** No build cache: nothing restored from a cache goes into a published image. No cloud identity either. */
export function buildJob(w: Workload): Job {
  const archive = imageArtifact(w);
  return {
    name: `Build ${w.name}`,
    comment: "No build cache and no cloud identity: the image is built once, to an OCI archive, and published by digest later.",
    needs: [changesJobId],
    if: changed(w.name),
    permissions: { contents: "read" },
    timeoutMinutes: 30,
    outputs: { digest: "${{ steps.build.outputs.digest }}" },
    steps: [
      checkout(),
      setupBuildx(),
      {
        name: "Build to an OCI archive",
        id: "build",
        uses: actions.buildPush,
        with: {
          context: w.path,
          ...buildContextsInput(w.contexts),
          push: false,
          outputs: `type=oci,dest=${archive.file}`,
          tags: `${w.name}:\${{ github.sha }}`,
          provenance: "mode=max",
          sbom: true,
        },
      },
      {
        name: "Upload the archive",
        uses: actions.uploadArtifact,
        // Layers are compressed already; the archive is kept as long as a rerun of the deploy may need it.
        with: { name: archive.name, path: archive.file, "if-no-files-found": "error", "retention-days": 14, "compression-level": 0 },
      },
    ],
  };
}

/**
 * Scans the archive the build uploaded, after checking it is the digest the build reported, and hands the digest
 * on only when the gate passes. The Trivy database is not restored from a cache for images on their way out.
 */
export function scanJob(w: Workload): Job {
  const archive = `${archivesDir}/${imageArtifact(w).file}`;
  return {
    name: `Scan ${w.name}`,
    needs: [buildJobId(w)],
    permissions: { contents: "read", "security-events": "write" },
    timeoutMinutes: 20,
    env: { DIGEST: `\${{ needs.${buildJobId(w)}.outputs.digest }}`, ARCHIVE: archive },
    outputs: { digest: "${{ steps.passed.outputs.digest }}" },
    steps: [
      checkout(),
      downloadArchive(w),
      {
        name: "Check the archive is the image built",
        run: [
          `archived=$(tar -xOf "$ARCHIVE" index.json | jq -r '.manifests[0].digest')`,
          'if [ "$archived" != "$DIGEST" ]; then',
          '  echo "The archive holds $archived, the build reported $DIGEST." >&2',
          "  exit 1",
          "fi",
        ].join("\n"),
      },
      ...scanSteps(w, { target: { input: archive }, cache: false }),
      { name: "Hand the scanned digest on", id: "passed", run: 'echo "digest=$DIGEST" >> "$GITHUB_OUTPUT"' },
    ],
  };
}

/** Installs the front end's dependencies from its lockfile and builds it, in its own folder (ci and deploy). */
export function siteBuildSteps(frontend: NonNullable<WorkflowPlatform["frontend"]>): Step[] {
  return [
    checkout(),
    nodeSetup()[0]!,
    { name: "Install dependencies", workingDirectory: frontend.path, run: "npm ci --no-audit --no-fund" },
    { name: "Build static files", workingDirectory: frontend.path, run: "npm run build" },
  ];
}

/** The front end, built once for every stack that serves it (each deploy uploads the same files). */
export function siteBuildJob(frontend: NonNullable<WorkflowPlatform["frontend"]>): Job {
  return {
    name: `Build ${frontend.name}`,
    comment: "Built on every push: each deploy uploads the site, so a stack deployed for the first time gets it too.",
    permissions: { contents: "read" },
    timeoutMinutes: 15,
    steps: [
      ...siteBuildSteps(frontend),
      {
        name: "Upload the site",
        uses: actions.uploadArtifact,
        with: { name: siteArtifact, path: `${frontend.path}/${siteOutputDir}`, "if-no-files-found": "error", "retention-days": 14 },
      },
    ],
  };
}
