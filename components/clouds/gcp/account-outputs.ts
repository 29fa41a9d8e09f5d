import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * GCP's cloud-wide stack outputs, from the spec's account section: the project (what `gcloud`, the workflows'
 * PROJECT_ID and the registry paths name) and its number (what workload identity provider names are built from).
 */
export function gcpAccountOutputs(spec: PlatformSpec): Readonly<Record<string, string>> {
  const { projectId, projectNumber } = accountOf(spec, "gcp");
  return { projectId, projectNumber };
}
