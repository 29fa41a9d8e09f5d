import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { synthesize } from "../../workflows/synth.ts";

/**
 * Canary spec values: the unusual but valid values a spec may hold wherever it reaches a generated workflow
 * (stack names, workload and frontend names and paths, the platform's name, the repository, hosts, runner labels). Every one
 * contains "zq", which nothing stratum writes by itself does, so finding "zq" in a `run:` script means a spec
 * value was written into shell text instead of reaching it through `env:`.
 */
export const canaryMark = "zq";

export const canaryStacks = { "zq-dev": { cloud: "aws", region: "us-east-1", environment: "dev" }, "zq-prod": { cloud: "aws", region: "us-east-1", environment: "prod" }, "zq9-gcp-x": { cloud: "gcp", region: "europe-west1", environment: "dev" }, "zqaz": { cloud: "azure", region: "westeurope", environment: "prod" } } as const;

export const canaryPaths = { api: "zq_src/api.v2", orders: "zq-src/Orders_1", etl: "zq.src/etl", model: "zq/model-server", frontend: "zq_front/site.v1/www" } as const;

/** Each cloud's account section; the names carry the mark too, so one written into a `run:` script is found. */
const canaryAccounts = {
  aws: { aws: { accountId: "111122223333" } },
  gcp: { gcp: { projectId: "zq-project-9", projectNumber: "123456789012" } },
  azure: { azure: { subscriptionId: "11111111-2222-3333-4444-555555555555", tenantId: "66666666-7777-8888-9999-000000000000", resourceGroup: "zq-rg.shop" } },
} as const;

function canaryConfig(stack: keyof typeof canaryStacks): Record<string, unknown> {
  const { cloud, region, environment } = canaryStacks[stack];
  return {
    "stratum:name": "zqplat",
    "stratum:cloud": cloud,
    "stratum:region": region,
    "stratum:environment": environment,
    "stratum:account": canaryAccounts[cloud],
    "stratum:tags": { owner: "zq-owner", costCenter: "zq-cc" },
    "stratum:compliance": { frameworks: ["soc2"], dataClassification: "internal" },
    "stratum:github": { repository: "Zq-Org_1/zq.repo-x" },
    "stratum:web": {
      frontend: { name: "zqweb", path: canaryPaths.frontend, domain: "www.zq-shop.example.com" },
      services: [
        { name: "zqapi", path: canaryPaths.api, port: 8080, public: true, host: `zqapi.${stack}.example.com`, talksTo: ["zqorders"] },
        { name: "zqorders", path: canaryPaths.orders, port: 8081 },
      ],
    },
    "stratum:data": { pipelines: [{ name: "zqetl", path: canaryPaths.etl, schedule: "0 2 * * *", source: "raw", target: "curated" }] },
    "stratum:ml": { models: [{ name: "zqmodel", path: canaryPaths.model, serving: "cluster" }] },
    "stratum:ci": { clusterRunnerLabels: ["self-hosted", `zq-runner.${stack}`] },
  };
}

/** A repository root with the canary stacks and a Dockerfile in each build context. */
export function canaryRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "stratum-canary-"));
  mkdirSync(join(root, "stacks"));
  for (const stack of Object.keys(canaryStacks) as (keyof typeof canaryStacks)[]) {
    writeFileSync(join(root, "stacks", `Pulumi.${stack}.yaml`), stringify({ config: canaryConfig(stack) }));
  }
  for (const path of Object.values(canaryPaths)) {
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(join(root, path, "Dockerfile"), "FROM scratch\n");
  }
  return root;
}

/** Path → text of every workflow synth generates from the canary stacks. */
export function canaryWorkflows(): Map<string, string> {
  return synthesize(canaryRoot());
}
