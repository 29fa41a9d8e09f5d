import { asArray, get } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

export const registryImmutableScanned: Rule = {
  id: "registry-immutable-scanned",
  description: "Image registries keep tags immutable (a pushed tag never points at another image) and scan every image pushed.",
  severity: "high",
  remediation: "AWS: imageTagMutability IMMUTABLE and imageScanningConfiguration.scanOnPush true on every ecr.Repository, and a RegistryScanningConfiguration, if any, with a SCAN_ON_PUSH or CONTINUOUS_SCAN rule. GCP: dockerConfig.immutableTags true on Artifact Registry repositories.",
  controls: controlSets.supplyChain,
  ...byType({
    "aws:ecr/repository:Repository": (i) =>
      problems(
        [i["imageTagMutability"] !== "IMMUTABLE", `tags are mutable (imageTagMutability "${String(i["imageTagMutability"] ?? "MUTABLE (default)")}", expected IMMUTABLE)`],
        [get(i, "imageScanningConfiguration.scanOnPush") !== true, "images are not scanned on push (imageScanningConfiguration.scanOnPush is not true)"],
      ),
    // The account-wide setting replaces every repository's own: no rule, or only manual scans, means nothing is scanned.
    "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration": (i) => {
      const automatic = asArray(i["rules"]).filter((r) => ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].includes(String(get(r, "scanFrequency"))));
      return automatic.length > 0 ? undefined : "registry scanning is off: no rule scans on push or continuously (rules[].scanFrequency)";
    },
    "gcp:artifactregistry/repository:Repository": (i) =>
      i["format"] !== undefined && String(i["format"]).toUpperCase() !== "DOCKER" ? undefined : get(i, "dockerConfig.immutableTags") === true ? undefined : "tags are mutable (dockerConfig.immutableTags is not true)",
  }),
};
