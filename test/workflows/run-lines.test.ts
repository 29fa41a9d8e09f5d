import { describe, expect, it } from "vitest";
import type { PlatformSpec } from "../../components/spec/platform-spec.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { fixtureRoot } from "./fixture.ts";

/**
 * No value from a spec is ever part of a `run:` script: stack, workload and front-end names, paths, the repository
 * and runner labels reach the shell only through `env:`, quoted. Every such value is marked here with `zz`, and no
 * script of the workflows this module generates may contain the mark (review.yml has its own owner).
 */
function marked(spec: PlatformSpec, i: number): PlatformSpec {
  const s = JSON.parse(JSON.stringify(spec)) as Record<string, any>;
  s.stack = `zzstack${i}-${spec.environment}`;
  s.github = { repository: "Zz-Org/Zz-Repo", owner: "Zz-Org", repo: "Zz-Repo" };
  for (const w of [...s.web.services, ...s.ml.models, ...s.data.pipelines]) {
    w.name = `zz${w.name}`;
    if (w.path) w.path = `zzpath/${w.name}`;
    if (w.talksTo) w.talksTo = w.talksTo.map((t: string) => `zz${t}`);
  }
  if (s.web.frontend) s.web.frontend = { ...s.web.frontend, name: "zzsite", path: "zzpath/site" };
  s.ci = { clusterRunnerLabels: ["self-hosted", `zzlabel${i}`] };
  return s as PlatformSpec;
}

describe("run: scripts", () => {
  const all = workflows(workflowPlatform(loadStackSpecs(fixtureRoot()).map(marked)));

  it("hold no spec value: names and paths come through env", () => {
    let scripts = 0;
    for (const w of all.filter((w) => w.fileName !== "review.yml")) {
      for (const [id, job] of Object.entries(w.jobs)) {
        for (const step of job.steps) {
          if (step.run === undefined) continue;
          scripts++;
          expect(step.run, `${w.fileName}#${id}/${step.name}`).not.toMatch(/zz/i);
        }
      }
    }
    expect(scripts).toBeGreaterThan(100);
    // The values do arrive, through env.
    const text = JSON.stringify(all.find((w) => w.fileName === "deploy.yml"));
    expect(text).toContain('"STACK":"zzstack0-dev"');
    expect(text).toContain('"WORKLOAD":"zzapi"');
    expect(text).toContain("https://github.com/Zz-Org/Zz-Repo/.github/workflows/deploy.yml@refs/heads/main");
  });
});
