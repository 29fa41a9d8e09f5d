import { z } from "zod";
import type { Cloud } from "./schema.ts";
import type { SpecPath, SpecProblem } from "./resolve.ts";

/**
 * `stratum:account`: the cloud account a stack deploys into, one section per cloud. The stack's own cloud's
 * section is required and every other cloud's is refused, so a stack names exactly one account, and its provider
 * is pinned to it: a stack applied with the credentials of another account (or project, or subscription) fails
 * before it changes anything, instead of building a second platform in the wrong place.
 */

/**
 * An AWS account id: 12 digits, as a string (the provider's `allowedAccountIds`). The all-zeros id is the offline
 * plan's placeholder, never a real account.
 */
const awsAccountId = z.string().regex(/^(?!0{12}$)[0-9]{12}$/, "a 12-digit AWS account id such as 111122223333 (not 000000000000, the offline plan's placeholder)");
/**
 * A Google Cloud project id: 6 to 30 characters, lowercase letters, digits and '-', starting with a letter and not
 * ending with '-' (https://cloud.google.com/resource-manager/docs/creating-managing-projects). Legacy
 * domain-scoped ids (`example.com:project`) are not accepted.
 */
const gcpProjectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a Google Cloud project id such as acme-platform-dev: 6 to 30 lowercase letters, digits and '-', starting with a letter, not ending with '-'");
/** A Google Cloud project number: what workload identity pool and principal names are built from. */
const gcpProjectNumber = z.string().regex(/^[1-9][0-9]{0,18}$/, "a Google Cloud project number such as 123456789012 (digits only, as a string)");
/** An Entra ID tenant or Azure subscription id: a GUID. The nil GUID is a placeholder, never a real one. */
const guid = (what: string) =>
  z.string().regex(/^(?!0{8}-0{4}-0{4}-0{4}-0{12}$)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, `${what} GUID such as 11111111-2222-3333-4444-555555555555 (not the nil GUID)`);
/**
 * The stack's resource group: 1 to 90 letters, digits, '.', '_' and '-', not ending with '.' (Azure also allows
 * parentheses and Unicode letters; the platform keeps to characters no shell or expression reads as syntax).
 */
const resourceGroupName = z.string().regex(/^[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,88}[A-Za-z0-9_-])?$/, "an Azure resource group name: 1 to 90 letters, digits, '.', '_' and '-', not ending with '.'");

export const accountSchema = z.strictObject({
  aws: z.strictObject({ accountId: awsAccountId }).optional(),
  gcp: z.strictObject({ projectId: gcpProjectId, projectNumber: gcpProjectNumber }).optional(),
  azure: z
    .strictObject({
      subscriptionId: guid("an Azure subscription id:"),
      tenantId: guid("the Entra ID tenant id of the subscription:"),
      /** The resource group the platform creates and keeps every resource in. Default `rg-<name>-<environment>`. */
      resourceGroup: resourceGroupName.optional(),
    })
    .optional(),
});

export type RawAccount = z.infer<typeof accountSchema>;

/** The resolved account of a stack: only its own cloud's section is present. */
export interface AccountSpec {
  readonly aws?: { readonly accountId: string };
  readonly gcp?: { readonly projectId: string; readonly projectNumber: string };
  readonly azure?: { readonly subscriptionId: string; readonly tenantId: string; readonly resourceGroup: string };
}

/** What each cloud's section takes, for the message that asks for it. */
const expectedKeys: Record<Cloud, string> = {
  aws: "accountId",
  gcp: "projectId and projectNumber",
  azure: "subscriptionId, tenantId and optionally resourceGroup",
};

/**
 * The stack's cloud's section is present and no other cloud's is. Runs on whatever the schema let through (the
 * schema itself reports a missing `stratum:account` and bad values inside a section).
 */
export function accountProblems(cloud: Cloud, account: unknown): SpecProblem[] {
  if (typeof account !== "object" || account === null || Array.isArray(account)) return [];
  const sections = account as Record<string, unknown>;
  const path = (key: string): SpecPath => ["account", key];
  const problems: SpecProblem[] = (Object.keys(expectedKeys) as Cloud[])
    .filter((other) => other !== cloud && sections[other] !== undefined)
    .map((other) => ({ path: path(other), message: `is a ${other} section, but stratum:cloud is ${cloud}: a stack deploys into one account of its own cloud; remove it` }));
  if (sections[cloud] === undefined) {
    problems.push({ path: path(cloud), message: `is required when stratum:cloud is ${cloud} (${expectedKeys[cloud]}): the provider is pinned to that account, so the stack can never be applied in another` });
  }
  return problems;
}

/** Fills the section's defaults; only the stack's cloud's section is kept (the others were refused). */
export function resolveAccount(cloud: Cloud, raw: RawAccount, name: string, environment: string): AccountSpec {
  switch (cloud) {
    case "aws":
      return raw.aws ? { aws: { accountId: raw.aws.accountId } } : {};
    case "gcp":
      return raw.gcp ? { gcp: { ...raw.gcp } } : {};
    case "azure":
      // GUIDs in the lower case Azure itself prints, so two spellings of one id compare equal.
      return raw.azure
        ? { azure: { subscriptionId: raw.azure.subscriptionId.toLowerCase(), tenantId: raw.azure.tenantId.toLowerCase(), resourceGroup: raw.azure.resourceGroup ?? `rg-${name}-${environment}` } }
        : {};
  }
}

/** The stack's own cloud's account section; validation made it present, so its absence is a bug, not bad input. */
export function accountOf<C extends Cloud>(spec: { readonly cloud: Cloud; readonly account: AccountSpec }, cloud: C): NonNullable<AccountSpec[C]> {
  const section = spec.account[cloud];
  if (spec.cloud !== cloud || section === undefined) throw new Error(`the ${spec.cloud} stack has no resolved stratum:account.${cloud}`);
  return section as NonNullable<AccountSpec[C]>;
}
