import { describe, expect, it } from "vitest";
import { specFromConfig, formatKey, profiles } from "../../components/spec/index.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig } from "../support/stack-files.ts";

const problemsOf = specProblems;

describe("the example stacks", () => {
  it.each(["dev-aws", "prod-aws"])("%s is valid and resolves every tier", (stack) => {
    const spec = specFromConfig(asRuntimeConfig(exampleStackConfig(stack)), stack);
    expect(spec.cloud).toBe("aws");
    expect(spec.web.services.map((s) => s.name)).toEqual(["api", "orders"]);
    expect(spec.web.frontend?.path).toBe("examples/frontend");
    expect(spec.data.database?.name).toBe("orders");
    expect(spec.data.lake.zones).toEqual(["raw", "curated"]);
    expect(spec.data.warehouse).toBeDefined();
    expect(spec.data.pipelines.map((p) => p.name)).toEqual(["etl"]);
    expect(spec.ml.models.map((m) => m.name)).toEqual(["recommender"]);
    expect(spec.github).toEqual({ repository: "acme/platform", owner: "acme", repo: "platform" });
  });
});

describe("environment profiles", () => {
  it("dev takes the dev defaults", () => {
    const spec = specFromConfig(asRuntimeConfig(exampleStackConfig("dev-aws")), "dev-aws");
    expect(spec.infra.network.natGateways).toBe("single");
    expect(spec.data.database).toMatchObject({ deletionProtection: false, highAvailability: false, backupRetentionDays: 7, size: "small" });
    expect(spec.web.services[0]?.replicas).toEqual({ min: 1, max: 3 });
    expect(spec.scan.failOn).toBe("critical");
    expect(spec.infra.cluster.publicAccessCidrs).toEqual([]);
  });

  it("prod takes the prod defaults", () => {
    const spec = specFromConfig(asRuntimeConfig(exampleStackConfig("prod-aws")), "prod-aws");
    expect(spec.infra.network.natGateways).toBe("perZone");
    expect(spec.data.database).toMatchObject({ deletionProtection: true, highAvailability: true, backupRetentionDays: 30, size: "large" });
    expect(spec.web.services[0]?.replicas).toEqual({ min: 3, max: 10 });
    expect(spec.scan.failOn).toBe("high");
  });

  it("every default can be overridden explicitly", () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:infra"] = { network: { natGateways: "perZone", cidr: "10.20.0.0/16" }, cluster: { minNodes: 2, maxNodes: 4 } };
    config["stratum:data"] = { ...(config["stratum:data"] as object), database: { name: "orders", deletionProtection: true, backupRetentionDays: 14 } };
    config["stratum:scan"] = { failOn: "high" };
    const spec = specFromConfig(asRuntimeConfig(config), "dev-aws");
    expect(spec.infra.network).toEqual({ ...profiles.dev.network, natGateways: "perZone", cidr: "10.20.0.0/16" });
    expect(spec.infra.cluster).toMatchObject({ minNodes: 2, maxNodes: 4, nodeSize: profiles.dev.cluster.nodeSize });
    expect(spec.data.database).toMatchObject({ deletionProtection: true, backupRetentionDays: 14, highAvailability: false });
    expect(spec.scan.failOn).toBe("high");
  });

  it("profiles differ where production needs them to", () => {
    expect(profiles.prod.database.deletionProtection).toBe(true);
    expect(profiles.dev.database.deletionProtection).toBe(false);
    expect(profiles.prod.database.backupRetentionDays).toBeGreaterThanOrEqual(7);
    expect(profiles.prod.network.natGateways).toBe("perZone");
  });
});

describe("invalid config", () => {
  it("reports three mistakes as three messages naming the three keys, with the value and what is allowed", () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:environment"] = "production";
    config["stratum:data"] = { ...(config["stratum:data"] as object), database: { name: "orders", size: "huge" } };
    const web = config["stratum:web"] as { services: Record<string, unknown>[] };
    web.services[1] = { ...web.services[1], port: 80 };
    const problems = problemsOf(config);
    expect(problems).toHaveLength(3);
    expect(problems).toContain('stratum:environment: got "production", expected one of dev, staging, prod');
    expect(problems).toContain('stratum:data.database.size: got "huge", expected one of small, medium, large, xlarge');
    expect(problems.find((p) => p.startsWith("stratum:web.services[1].port:"))).toMatch(/got 80, expected .*1024/);
  });

  it("names a misspelt key instead of ignoring it", () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:data"] = { ...(config["stratum:data"] as object), databse: {} };
    expect(problemsOf(config)).toEqual(["stratum:data.databse: unknown key; check the spelling against the schema (stratum.schema.json)"]);
  });

  it("names a required key that is missing", () => {
    const config = exampleStackConfig("dev-aws");
    delete config["stratum:github"];
    expect(problemsOf(config)).toEqual(["stratum:github: is required (object)"]);
  });

  it("checks references between parts of the spec", () => {
    const config = exampleStackConfig("dev-aws");
    const web = config["stratum:web"] as { services: Record<string, unknown>[] };
    web.services[0] = { ...web.services[0], talksTo: ["billing"], dataAccess: { lake: { gold: "read" } } };
    web.services[1] = { ...web.services[1], public: true };
    config["stratum:images"] = { payments: `sha256:${"a".repeat(64)}` };
    config["stratum:region"] = "eu-west-1";
    const problems = problemsOf(config);
    expect(problems).toEqual(
      expect.arrayContaining([
        'stratum:region: got "eu-west-1", expected one of the allowed regions (us-east-1, us-west-2)',
        expect.stringMatching(/^stratum:web\.services\[0\]\.talksTo\[0\]: got "billing", expected the name of a service/),
        expect.stringMatching(/^stratum:web\.services\[0\]\.dataAccess\.lake\.gold: got zone "gold"/),
        expect.stringMatching(/^stratum:web\.services\[1\]\.host: is required when the service is public/),
        expect.stringMatching(/^stratum:images\.payments: names no service, model or pipeline \(api, orders, recommender, etl\)/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it("refuses advisory rules and a public cluster endpoint in prod", () => {
    const config = exampleStackConfig("prod-aws");
    config["stratum:compliance"] = { ...(config["stratum:compliance"] as object), advisoryRules: ["required-tags"] };
    config["stratum:infra"] = { cluster: { publicAccessCidrs: ["203.0.113.0/24"] } };
    expect(problemsOf(config)).toEqual([
      'stratum:compliance.advisoryRules: got ["required-tags"], expected none: every selected rule is mandatory in prod',
      'stratum:infra.cluster.publicAccessCidrs: got ["203.0.113.0/24"], expected none: the cluster API endpoint is private in prod',
    ]);
  });

  it("refuses an image by tag: only digests move nothing", () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:images"] = { api: "registry.example.com/api:latest" };
    expect(problemsOf(config)).toEqual([expect.stringMatching(/^stratum:images\.api: got "registry\.example\.com\/api:latest", expected an image digest/)]);
  });

  it("refuses a full image reference, even by digest: the platform pulls only from the stack's own registry", () => {
    const config = exampleStackConfig("dev-aws");
    const digest = `sha256:${"a".repeat(64)}`;
    config["stratum:images"] = { api: `ghcr.io/acme/platform/api@${digest}`, etl: digest };
    expect(problemsOf(config)).toEqual([
      `stratum:images.api: got ${JSON.stringify(`ghcr.io/acme/platform/api@${digest}`).slice(0, 80)}… (99 characters), expected an image digest sha256:<64 hex>, not a full reference or a tag: the platform pulls only from the stack's own registry and composes REPOSITORY@DIGEST itself`,
    ]);
  });

  it("accepts a pipeline's image digest, and resolves it onto the pipeline", () => {
    const config = exampleStackConfig("dev-aws");
    const digest = `sha256:${"b".repeat(64)}`;
    config["stratum:images"] = { etl: digest };
    expect(specFromConfig(asRuntimeConfig(config), "dev-aws").data.pipelines[0]).toMatchObject({ name: "etl", image: digest });
  });

  it("refuses a managed model on any port but 8080, naming the key", () => {
    const config = exampleStackConfig("prod-aws");
    const ml = config["stratum:ml"] as { models: Record<string, unknown>[] };
    ml.models[0] = { ...ml.models[0], port: 9000 };
    expect(problemsOf(config)).toEqual([
      "stratum:ml.models[0].port: got 9000, expected 8080 or nothing: a managed endpoint's container listens on 8080 (the serving contract)",
    ]);
  });

  it("refuses opening the cluster endpoint to the whole internet", () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:infra"] = { cluster: { publicAccessCidrs: ["0.0.0.0/0"] } };
    expect(problemsOf(config)).toEqual([expect.stringMatching(/^stratum:infra\.cluster\.publicAccessCidrs\[0\]: got "0\.0\.0\.0\/0", expected a specific network/)]);
  });
});

describe("formatKey", () => {
  it("writes config paths the way `pulumi config set --path` takes them", () => {
    expect(formatKey(["web", "services", 1, "port"])).toBe("stratum:web.services[1].port");
    expect(formatKey(["cloud"])).toBe("stratum:cloud");
  });
});
