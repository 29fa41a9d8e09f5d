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
} as const;

/** The runner every job uses: an exact image label, never `-latest`. */
export const runner = "ubuntu-24.04";
