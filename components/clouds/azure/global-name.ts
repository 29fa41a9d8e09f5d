import { createHash } from "node:crypto";
import type { DriverContext } from "../../capability.ts";

/**
 * Names Azure makes globally unique DNS labels of (`<vault>.vault.azure.net`, `<registry>.azurecr.io`,
 * `<account>.blob.core.windows.net`), each within its type's length and alphabet. The stack's
 * `<platform>-<environment>-<suffix>` name is kept when it fits; otherwise it is cut and ends in 6 hex characters
 * of its hash, so two stacks whose names share a long prefix still get different names, and a stack always gets
 * the same one.
 */
export interface GlobalNameRule {
  readonly max: number;
  /** Hyphens allowed (Key Vault), or letters and digits only (registries, storage accounts). */
  readonly hyphens: boolean;
}

/** Key Vault: 3-24 letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
export const keyVaultName: GlobalNameRule = { max: 24, hyphens: true };
/** Container Registry: 5-50 letters and digits. */
export const registryName: GlobalNameRule = { max: 50, hyphens: false };
/** Storage account: 3-24 lowercase letters and digits. */
export const storageAccountName: GlobalNameRule = { max: 24, hyphens: false };

export function globalName(ctx: Pick<DriverContext, "name">, suffix: string, rule: GlobalNameRule): string {
  const full = ctx.name(suffix).toLowerCase();
  const cleaned = (rule.hyphens ? full.replace(/[^a-z0-9-]/g, "").replace(/-+/g, "-") : full.replace(/[^a-z0-9]/g, "")).replace(/^[^a-z]+/, "");
  if (cleaned.length <= rule.max) return cleaned.replace(/-$/, "");
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  const head = cleaned.slice(0, rule.max - hash.length - (rule.hyphens ? 1 : 0)).replace(/-$/, "");
  return rule.hyphens ? `${head}-${hash}` : `${head}${hash}`;
}
