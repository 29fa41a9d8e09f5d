import { describe, expect, it } from "vitest";
import { githubEnvironments } from "../../components/github-environments.ts";
import { accountVariable, deployIdentityVariable, identityVariable, previewIdentityVariable, publishIdentityVariable, registryHostVariable, registryUrlsVariable, reviewIdentityVariable, upperSnake } from "../../workflows/variables.ts";
import { fixtureWorkflows } from "./fixture.ts";

describe("repository variables", () => {
  it("names each stack's identity variable in upper snake case", () => {
    expect(upperSnake("dev-aws")).toBe("DEV_AWS");
    expect(deployIdentityVariable("prod-azure")).toBe("STRATUM_PROD_AZURE_DEPLOY_IDENTITY");
    expect(previewIdentityVariable("prod-azure")).toBe("STRATUM_PROD_AZURE_PREVIEW_IDENTITY");
    expect(identityVariable("dev-aws", "deploy")).toBe("STRATUM_DEV_AWS_DEPLOY_IDENTITY");
    expect(identityVariable("dev-aws", "preview")).toBe("STRATUM_DEV_AWS_PREVIEW_IDENTITY");
    expect(identityVariable("dev-aws", "review")).toBe("STRATUM_DEV_AWS_REVIEW_IDENTITY");
    expect(identityVariable("dev-aws", "publish")).toBe("STRATUM_DEV_AWS_PUBLISH_IDENTITY");
    expect(registryHostVariable("prod-aws")).toBe("STRATUM_PROD_AWS_REGISTRY_HOST");
    expect(registryUrlsVariable("prod-aws")).toBe("STRATUM_PROD_AWS_REGISTRY_URLS");
    expect(accountVariable("dev-gcp", "projectId")).toBe("STRATUM_DEV_GCP_PROJECT_ID");
    expect(accountVariable("prod-azure", "tenantId")).toBe("STRATUM_PROD_AZURE_TENANT_ID");
    expect(accountVariable("prod-azure", "subscriptionId")).toBe("STRATUM_PROD_AZURE_SUBSCRIPTION_ID");
  });

  it("the workflows read only the variables variables.ts names and the environments github-environments.ts names", () => {
    const text = [...fixtureWorkflows().values()].join("\n");
    const used = new Set([...text.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]));
    const stacks = ["dev-aws", "dev-gcp", "prod-aws", "prod-azure"];
    const known = new Set([
      ...stacks.map(deployIdentityVariable),
      ...stacks.map(previewIdentityVariable),
      // Dev stacks only: review environments log in as the review identity.
      ...stacks.filter((s) => s.startsWith("dev-")).map(reviewIdentityVariable),
      ...stacks.map(publishIdentityVariable),
      ...stacks.map(registryHostVariable),
      ...stacks.map(registryUrlsVariable),
      "PULUMI_BACKEND_URL",
      "PULUMI_SECRETS_PROVIDER",
      "AWS_REGION",
      accountVariable("dev-gcp", "projectId"),
      accountVariable("prod-azure", "tenantId"),
      accountVariable("prod-azure", "subscriptionId"),
    ]);
    for (const name of used) expect(known.has(name!), name).toBe(true);
    const envs = new Set([...text.matchAll(/environment: (\S+)/g)].map((m) => m[1]));
    expect([...envs].sort()).toEqual(Object.values(githubEnvironments).sort());
    // Each stack's own project, tenant and subscription: stacks may live in different ones.
    for (const variable of [accountVariable("dev-gcp", "projectId"), accountVariable("prod-azure", "tenantId"), accountVariable("prod-azure", "subscriptionId")]) expect(used).toContain(variable);
    for (const stack of stacks) {
      expect(used, stack).toContain(deployIdentityVariable(stack));
      expect(used, stack).toContain(previewIdentityVariable(stack));
      expect(used, stack).toContain(publishIdentityVariable(stack));
      expect(used, stack).toContain(registryHostVariable(stack));
      expect(used, stack).toContain(registryUrlsVariable(stack));
    }
  });
});
