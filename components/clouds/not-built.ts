import type { Driver } from "../capability.ts";

/** A capability a cloud does not implement yet: planning a stack that reaches it fails with the capability's name. */
export function notBuilt<Args, Result extends object>(cloud: string, capability: string): Driver<Args, Result> {
  return {
    create() {
      throw new Error(`the ${cloud} ${capability} driver is not built yet`);
    },
  };
}
