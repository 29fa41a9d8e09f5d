import * as pulumi from "@pulumi/pulumi";
import { warn } from "../warnings.ts";
import { placeholderDigest } from "./placeholder-digest.ts";

export interface ImageReference {
  /** `REPOSITORY@sha256:<64 hex>`: always by digest, never by tag. */
  readonly reference: pulumi.Output<string>;
  readonly digest: string;
  /** True when the stack has no digest for the workload yet and the reference is the placeholder. */
  readonly placeholder: boolean;
}

/**
 * The image a workload runs: `<the stack's repository for the workload>@<digest>`, so every pod, CronJob, Job and
 * managed endpoint runs an image from the stack's own registry by construction. The digest is the stack config's
 * `stratum:images.<name>` (set by the deploy pipeline after the scan gate; the schema accepts a digest only, never
 * a full reference or a tag). Without one, the workload is planned with the placeholder digest and a warning.
 */
export function resolveImage(workload: string, image: string | undefined, repositoryUrl: pulumi.Input<string> | undefined): ImageReference {
  if (image !== undefined && !/^sha256:[a-f0-9]{64}$/.test(image)) {
    throw new Error(`${workload}: image "${image}" is not a digest (the spec accepts sha256:<64 hex> only)`);
  }
  if (repositoryUrl === undefined) {
    throw new Error(`${workload}: the registry has no repository for this workload, so its image digest cannot be resolved`);
  }
  const digest = image ?? placeholderDigest;
  if (!image) {
    warn(`${workload}: no image digest in stack config (stratum:images.${workload}); planned with the placeholder ${placeholderDigest}, which no registry serves, until the deploy pipeline sets one`);
  }
  return { reference: pulumi.interpolate`${repositoryUrl}@${digest}`, digest, placeholder: !image };
}

/** A short, stable suffix naming what runs a given digest, e.g. the migration Job of one image. */
export function digestSuffix(digest: string): string {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}
