import { createRequire } from "node:module";

/**
 * @pulumi/pulumi's own exports object: every generated provider class calls `pulumi.mergeOptions` on it (a
 * property the SDK's index copied from its resource module when it loaded), so that is where the call is met.
 */
const sdk = createRequire(import.meta.url)("@pulumi/pulumi") as {
  mergeOptions: (a: unknown, b: unknown) => unknown;
};

/**
 * Whether `options` is what a generated provider class merges into every instance's options: nothing but
 * `aliases`, each naming only another type token (`{ type: "azure-native:storage/v20230101:StorageAccount" }`, the
 * API versions and old names the type once had). A program's own aliases name a parent, a name or a URN too.
 */
function isProviderTypeAliases(options: unknown): boolean {
  if (options === null || typeof options !== "object") return false;
  const { aliases, ...rest } = options as { aliases?: unknown };
  if (Object.keys(rest).length > 0 || !Array.isArray(aliases) || aliases.length === 0) return false;
  return aliases.every((alias) => alias !== null && typeof alias === "object" && Object.keys(alias).length === 1 && typeof (alias as { type?: unknown }).type === "string");
}

/**
 * Leaves the provider classes' own type aliases out of every resource's options until the returned function is
 * called (the offline plan calls it when the program and everything it started have finished).
 *
 * Why: each Azure Native class carries its type's every earlier API version as an alias (ManagedCluster 113,
 * a network resource about 60), and the SDK turns each alias into a few Outputs in the resource's constructor.
 * prod-azure's plan collapsed about 3,600 of them: a third of its time and some 150 MB of its memory, for nothing
 * the plan records. Aliases only let the engine match a resource already in a stack's state under an old type;
 * the offline plan has no state, and what it records (type, name, parent, inputs) does not depend on them. The
 * aliases a resource is given in its own options stay, and `pulumi up` runs the program unchanged.
 */
export function omitProviderTypeAliases(): () => void {
  const merge = sdk.mergeOptions;
  sdk.mergeOptions = (options, more) => (isProviderTypeAliases(more) ? merge(options, {}) : merge(options, more));
  return () => {
    sdk.mergeOptions = merge;
  };
}
