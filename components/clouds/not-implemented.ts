import { UserInputError } from "../../lib/cli/errors.ts";
import type { Driver } from "../capability.ts";
import type { Cloud } from "../spec/index.ts";

/** A capability a cloud does not deliver yet: planning a stack that needs it fails clearly, never silently. */
export function notImplemented<A, R extends object>(cloud: Cloud, capability: string): Driver<A, R> {
  return {
    create() {
      throw new UserInputError(`${cloud} does not implement ${capability} yet`);
    },
  };
}
