import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specFromConfig } from "../../components/spec/index.ts";
import { isUserInputError } from "../../lib/cli/errors.ts";
import { policyConfigStep } from "../../workflows/steps.ts";
import { asRuntimeConfig } from "../support/stack-files.ts";
import { fixtureRoot } from "./fixture.ts";

/**
 * The other spec values that reach generated workflows (names become job ids, path-filter names and `if:`
 * literals; the repository becomes the image registry in `with:`; hosts stay in the cluster but are checked
 * alike): hostile values are refused by the schema before any workflow is generated.
 */
const hostileValues = ["${{ github.event.pull_request.title }}", "$(id)", "`id`", "a;b", "a b", "a'b", 'a"b', "a\nb", "-x", "A", "a/b", "a|b", "::error::x"];

const keys: { key: string; set: (c: Record<string, any>, v: string) => void; valid?: readonly string[] }[] = [
  { key: "stratum:name", set: (c, v) => (c["stratum:name"] = v) },
  { key: "stratum:web.services[0].name", set: (c, v) => (c["stratum:web"].services[0].name = v) },
  { key: "stratum:web.services[0].talksTo[0]", set: (c, v) => (c["stratum:web"].services[0].talksTo = [v]) },
  { key: "stratum:web.services[0].host", set: (c, v) => (c["stratum:web"].services[0].host = v) },
  { key: "stratum:web.frontend.name", set: (c, v) => (c["stratum:web"].frontend.name = v) },
  { key: "stratum:web.frontend.domain", set: (c, v) => (c["stratum:web"].frontend.domain = v) },
  { key: "stratum:data.pipelines[0].name", set: (c, v) => (c["stratum:data"].pipelines[0].name = v) },
  { key: "stratum:ml.models[0].name", set: (c, v) => (c["stratum:ml"].models[0].name = v) },
  // `acme/-x` and `acme/A` are repository names GitHub allows; the repository only ever follows `ghcr.io/` (never
  // first in an argument) and holds no shell or expression character.
  { key: "stratum:github.repository", set: (c, v) => (c["stratum:github"].repository = `acme/${v}`), valid: ["-x", "A"] },
];

function problems(config: Record<string, unknown>): string[] {
  try {
    specFromConfig(asRuntimeConfig(config), "dev-aws");
    return [];
  } catch (error) {
    if (!isUserInputError(error)) throw error;
    return [...error.problems];
  }
}

describe("spec values that reach workflows", () => {
  it.each(keys.map((k) => [k.key, k]))("%s refuses every hostile value, naming the key", (key, { set, valid = [] }) => {
    for (const value of hostileValues.filter((v) => !valid.includes(v))) {
      const config = (parse(readFileSync(join(fixtureRoot(), "stacks/Pulumi.dev-aws.yaml"), "utf8")) as { config: Record<string, any> }).config;
      set(config, value);
      expect(problems(config).some((p) => p.startsWith(`${key}: got `)), `${key} = ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it("policyConfigStep takes only a quoted variable, never a stack's name", () => {
    expect(policyConfigStep('"$STACK"').run).toContain('--stack "$STACK"');
    expect(policyConfigStep('"pr-$PR_NUMBER"').run).toContain('--stack "pr-$PR_NUMBER"');
    for (const bad of ["dev-aws", '"dev-aws"', "$STACK", '"$(id)"', '"$STACK" --x', '"${STACK}"']) expect(() => policyConfigStep(bad), bad).toThrow(/pass a quoted variable/);
  });
});
