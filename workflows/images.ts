import { actions } from "./actions.ts";
import type { Step } from "./model.ts";
import type { Workload } from "./platform.ts";
import { nodeSetup, stratum } from "./steps.ts";
import { toolVersions } from "./versions.ts";

/** What Trivy scans: an image the runner's Docker holds (CI), or an OCI archive on disk (deploy: the archive published). */
export type ScanTarget = { readonly imageRef: string } | { readonly input: string };

/** The repository's waivers file (relative to the checkout): scan and policy waivers, one file, one loader. */
export const repositoryWaiversFile = "policy/waivers.yaml";

export interface ScanOptions {
  readonly target: ScanTarget;
  /**
   * Trivy keeps its vulnerability database in the Actions cache. Deploy scans turn it off: nothing restored
   * from a cache decides what reaches production. @default true
   */
  readonly cache?: boolean;
  /** The `if:` for the SARIF upload (fork pull requests cannot write security events). @default always */
  readonly uploadIf?: string;
}

/** Trivy JSON for the gate and SARIF for code scanning, then `stratum scan` decides. */
export function scanSteps(workload: Workload, options: ScanOptions): Step[] {
  const json = `trivy-${workload.name}.json`;
  const sarif = `trivy-${workload.name}.sarif`;
  const target: Record<string, string> = "input" in options.target ? { input: options.target.input } : { "image-ref": options.target.imageRef };
  const common = { "scan-type": "image", ...target, version: toolVersions.trivy, cache: options.cache ?? true };
  return [
    { name: "Scan image (JSON)", uses: actions.trivy, with: { ...common, format: "json", output: json } },
    {
      name: "Scan image (SARIF)",
      uses: actions.trivy,
      // The database is already there from the first scan.
      env: { TRIVY_SKIP_DB_UPDATE: "true" },
      with: { ...common, format: "sarif", output: sarif, "skip-setup-trivy": true },
    },
    {
      name: "Upload SARIF",
      ...(options.uploadIf ? { if: options.uploadIf } : {}),
      uses: actions.uploadSarif,
      // One category per image: code scanning rejects several runs with the same category.
      with: { sarif_file: sarif, category: `trivy-${workload.name}` },
    },
    ...nodeSetup(),
    {
      name: "Scan gate",
      id: "gate",
      // The report's name (from the workload's) and the threshold (from the spec) reach the script through env:.
      // The repository's waivers file, when it has one, is the one the policy gates read too (docs/scan-gate.md).
      env: { SCAN_REPORT: json, FAIL_ON: workload.failOn, WAIVERS: repositoryWaiversFile },
      run: [
        "status=0",
        'set --; if [ -f "$WAIVERS" ]; then set -- --waivers "$WAIVERS"; fi',
        `${stratum('scan report "$SCAN_REPORT" --fail-on "$FAIL_ON" --verdict verdict.json --markdown scan.md "$@"')} || status=$?`,
        'if [ -f scan.md ]; then cat scan.md >> "$GITHUB_STEP_SUMMARY"; fi',
        'exit "$status"',
      ].join("\n"),
    },
  ];
}

export function setupBuildx(): Step {
  return { name: "Set up Buildx", uses: actions.setupBuildx };
}
