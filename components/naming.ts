import type { Environment } from "./spec/index.ts";

/** The GitHub Environment a stack deploys from: the CI identity's trust is pinned to it. */
export function githubEnvironmentFor(environment: Environment): string {
  switch (environment) {
    case "prod":
      return "production";
    case "staging":
      return "staging";
    case "dev":
      return "dev";
  }
}
