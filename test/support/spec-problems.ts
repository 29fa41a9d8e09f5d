import { specFromConfig, SpecError } from "../../components/spec/index.ts";
import { asRuntimeConfig } from "./stack-files.ts";

/** The problem lines a config is refused with; fails the test when it is accepted. */
export function specProblems(config: Record<string, unknown>, stack = "test"): string[] {
  try {
    specFromConfig(asRuntimeConfig(config), stack);
  } catch (error) {
    if (error instanceof SpecError) return [...error.problems];
    throw error;
  }
  throw new Error("expected the config to be rejected");
}
