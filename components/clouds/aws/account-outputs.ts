import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * AWS's cloud-wide stack outputs, from the spec's account section: the account the stack is pinned to. (`region`
 * is exported on every cloud by the platform itself.)
 */
export function awsAccountOutputs(spec: PlatformSpec): Readonly<Record<string, string>> {
  return { accountId: accountOf(spec, "aws").accountId };
}
