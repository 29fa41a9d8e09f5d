/**
 * A digest no registry serves: a workload planned before its first image is pushed can never pull by accident.
 * Its own module, free of the Pulumi SDK, for what only compares against it (a plan's readers).
 */
export const placeholderDigest = `sha256:${"0".repeat(64)}`;
