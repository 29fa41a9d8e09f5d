/**
 * Exact versions of the tools the workflows install. Bumping one is a reviewed change to this file, then
 * `npm run stratum -- synth`.
 */
export const toolVersions = {
  /** The same Node that scripts/toolchain.sh brings. */
  node: "24.21.0",
  /** The Pulumi CLI, in step with the @pulumi/pulumi SDK in package-lock.json. */
  pulumi: "3.270.0",
  /** v0.69.4 to v0.69.6 were malicious releases (March 2026); 0.69.3 is the last good one before them. */
  trivy: "v0.69.3",
  cosign: "v3.0.2",
  /**
   * Azure's exec credential plugin for Entra ID clusters (tag v0.2.19), installed by `az aks install-cli` where a
   * runner lacks it; the installer adds the `v` itself, so both versions are written without it.
   */
  kubelogin: "0.2.19",
  /** What `az aks install-cli` downloads beside kubelogin (v1.34.1, to the runner's temp folder; the jobs do not run it). */
  kubectl: "1.34.1",
} as const;

/** The runner every job uses: an exact image label, never `-latest`. */
export const runner = "ubuntu-24.04";
