import { asArray, get } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const dockerRepository = (i: Readonly<Record<string, unknown>>) => i["format"] === undefined || String(i["format"]).toUpperCase() === "DOCKER";
const standardRepository = (i: Readonly<Record<string, unknown>>) => i["mode"] === undefined || i["mode"] === "STANDARD_REPOSITORY";

/**
 * Azure scans registry images with Microsoft Defender for Containers, a subscription plan: a stack with a
 * registry turns the plan on (security.Pricing "Containers", tier Standard).
 */
function defenderFindings(resources: readonly RuleResource[]): StackFinding[] {
  const registries = resources.filter((r) => r.type === "azure-native:containerregistry:Registry");
  const scanning = resources.some((r) => r.type === "azure-native:security:Pricing" && r.inputs["pricingName"] === "Containers" && String(r.inputs["pricingTier"]).toLowerCase() === "standard");
  return registries.length === 0 || scanning ? [] : registries.map((r) => ({ urn: r.urn, message: `registry ${r.name}'s images are not scanned: the stack has no security.Pricing "Containers" with pricingTier Standard (Defender for Containers)` }));
}

export const registryImmutableScanned: Rule = {
  id: "registry-immutable-scanned",
  description: "Image registries keep tags immutable (a pushed tag never points at another image) and scan every image pushed.",
  severity: "high",
  remediation: "AWS: imageTagMutability IMMUTABLE and imageScanningConfiguration.scanOnPush true on every ecr.Repository, and a RegistryScanningConfiguration, if any, with a SCAN_ON_PUSH or CONTINUOUS_SCAN rule. GCP: dockerConfig.immutableTags true and vulnerabilityScanningConfig.enablementConfig INHERITED (scanning on, from the project's Container Scanning API) on Artifact Registry Docker repositories. Azure: a security.Pricing \"Containers\" with pricingTier Standard (Defender for Containers scans the registry); ACR has no registry-wide tag lock, so deploys pin digests (k8s-image-digest).",
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
    // v9 fills in no defaults: scanning must be asked for (INHERITED), as tag immutability must.
    "gcp:artifactregistry/repository:Repository": (i) =>
      dockerRepository(i)
        ? problems(
            // Only a standard repository is pushed to; remote and virtual ones proxy images whose tags they do not own.
            [standardRepository(i) && get(i, "dockerConfig.immutableTags") !== true, "tags are mutable (dockerConfig.immutableTags is not true)"],
            [get(i, "vulnerabilityScanningConfig.enablementConfig") !== "INHERITED", `images are not scanned (vulnerabilityScanningConfig.enablementConfig "${String(get(i, "vulnerabilityScanningConfig.enablementConfig") ?? "unset")}", expected INHERITED)`],
          )
        : undefined,
  }),
  checkStack: (resources) => defenderFindings(resources),
};
