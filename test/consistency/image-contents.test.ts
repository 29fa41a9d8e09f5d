import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { AppCopies } from "./app-copy.ts";
import { commandFindings, portFindings } from "./image-contents.ts";
import { planAll, stackNames } from "./fixture.ts";
import { mutated } from "./plan-view.ts";

let plans: Map<string, PlannedStack>;
beforeAll(async () => {
  plans = await planAll();
});
const copies = new AppCopies();
afterAll(() => copies.removeAll());

describe.each(stackNames)("%s: what each workload runs is in its image, and it listens on its spec port", (stack) => {
  it("every command a Deployment, Job, CronJob or managed endpoint runs is a file of its app that the Dockerfile copies", () => {
    expect(commandFindings(plans.get(stack)!, repoRoot)).toEqual([]);
  });

  it("containerPort, env PORT, the spec's port, the Dockerfile's EXPOSE, ENV and HEALTHCHECK, and the Service's target agree", () => {
    expect(portFindings(plans.get(stack)!, repoRoot)).toEqual([]);
  });
});

describe("the command check on a broken wire (dev-aws)", () => {
  const job = () => plans.get("dev-aws")!.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!.name;

  it("names the Job, its command field and the missing file when the migration command names no file of the app", () => {
    const dev = plans.get("dev-aws")!;
    const broken = mutated(dev, "kubernetes:batch/v1:Job", job(), (i) => (i["spec"].template.spec.containers[0].command = ["node", "migrations.mjs"]));
    expect(commandFindings(broken, repoRoot)).toEqual([
      `dev-aws Job ${job()} (orders, examples/orders): spec.template.spec.containers[0].command runs "node migrations.mjs", and migrations.mjs is not in examples/orders`,
      `dev-aws Job ${job()} (orders, examples/orders): spec.template.spec.containers[0].command runs "node migrations.mjs", and examples/orders/Dockerfile copies no migrations.mjs into the image (/app/migrations.mjs)`,
    ]);
  });

  it("names a file in the folder that the Dockerfile does not copy, and an image CMD whose file is gone", () => {
    const dev = plans.get("dev-aws")!;
    const narrow = copies.with("orders", "Dockerfile", (s) => s.replace("COPY *.js ./", "COPY server.js database.js http.js store.js validate.js migrations.js ./"));
    expect(commandFindings(dev, narrow)).toEqual([`dev-aws Job ${job()} (orders, examples/orders): spec.template.spec.containers[0].command runs "node migrate.js", and examples/orders/Dockerfile copies no migrate.js into the image (/app/migrate.js)`]);
    const gone = copies.with("etl", "etl.js", () => null);
    expect(commandFindings(dev, gone)).toEqual([
      'dev-aws CronJob etl (etl, examples/etl): the Dockerfile\'s ENTRYPOINT and CMD runs "node etl.js", and etl.js is not in examples/etl',
      'dev-aws CronJob etl (etl, examples/etl): the Dockerfile\'s ENTRYPOINT and CMD runs "node etl.js", and examples/etl/Dockerfile copies no etl.js into the image (/app/etl.js)',
    ]);
  });

  it("names every shared module an app imports that its Dockerfile does not copy where the import finds it (examples/cloud at /cloud)", () => {
    const dev = plans.get("dev-aws")!;
    const alone = copies.with("orders", "Dockerfile", (s) => s.replace("COPY --from=cloud *.js /cloud/\n", ""));
    const findings = commandFindings(dev, alone);
    expect(findings).toContain("dev-aws Deployment orders (orders, examples/orders): server.js imports ../cloud/gcp-metadata.js, and examples/orders/Dockerfile copies nothing to /cloud/gcp-metadata.js, where the image would look for it");
    expect(findings).toContain(`dev-aws Job ${job()} (orders, examples/orders): migrate.js imports ../cloud/azure-entra.js, and examples/orders/Dockerfile copies nothing to /cloud/azure-entra.js, where the image would look for it`);
    expect(findings.every((f) => f.includes("../cloud/"))).toBe(true);
    const elsewhere = copies.with("etl", "Dockerfile", (s) => s.replace("COPY --from=cloud *.js /cloud/", "COPY --from=cloud *.js /app/cloud/"));
    expect(commandFindings(dev, elsewhere)).toContain("dev-aws CronJob etl (etl, examples/etl): etl.js imports ../cloud/lake-location.js, and examples/etl/Dockerfile copies nothing to /cloud/lake-location.js, where the image would look for it");
  });

  it("names a managed model whose image starts from CMD, which SageMaker's serve argument replaces (prod-aws)", () => {
    const prod = plans.get("prod-aws")!;
    const cmd = copies.with("model-server", "Dockerfile", (s) => s.replace('ENTRYPOINT ["node", "server.js"]', 'CMD ["node", "server.js"]'));
    expect(commandFindings(prod, cmd)).toEqual([
      `prod-aws managed model acme-prod-recommender (recommender, examples/model-server): SageMaker's \`docker run <image> serve\` (the Dockerfile's ENTRYPOINT: none + serve) runs "serve", and serve is not in examples/model-server`,
      `prod-aws managed model acme-prod-recommender (recommender, examples/model-server): SageMaker's \`docker run <image> serve\` (the Dockerfile's ENTRYPOINT: none + serve) runs "serve", and examples/model-server/Dockerfile copies no serve into the image (/app/serve)`,
    ]);
  });
});

describe("the port check on a broken wire (dev-aws)", () => {
  it("names the field and both numbers for a containerPort, an env PORT, an EXPOSE and an ENV PORT that differ from the spec", () => {
    const dev = plans.get("dev-aws")!;
    const broken = mutated(dev, "kubernetes:apps/v1:Deployment", "orders", (i) => {
      const c = i["spec"].template.spec.containers[0];
      c.ports[0].containerPort = 8081;
      c.env.find((e: { name: string }) => e.name === "PORT").value = "8081";
    });
    expect(portFindings(broken, repoRoot)).toEqual([
      "dev-aws Deployment orders (orders, examples/orders): spec.template.spec.containers[0].ports[0].containerPort is 8081, the spec's port is 8080",
      'dev-aws Deployment orders (orders, examples/orders): spec.template.spec.containers[0].env PORT is "8081", the spec\'s port is 8080',
      'dev-aws Service orders: spec.ports targetPort "http" reaches 8081 on Deployment orders, which listens on 8080',
    ]);
    const docker = copies.with("api", "Dockerfile", (s) => s.replace("EXPOSE 8080", "EXPOSE 3000").replace("PORT=8080", "PORT=3000").replace("127.0.0.1:8080", "127.0.0.1:3000"));
    expect(portFindings(dev, docker)).toEqual([
      "dev-aws Deployment api (api, examples/api): examples/api/Dockerfile EXPOSE 3000, the spec's port is 8080",
      "dev-aws Deployment api (api, examples/api): examples/api/Dockerfile ENV PORT=3000, the spec's port is 8080",
      "dev-aws Deployment api (api, examples/api): examples/api/Dockerfile HEALTHCHECK asks port 3000, the spec's port is 8080",
    ]);
  });

  it("names a managed endpoint whose PORT is not SageMaker's 8080 (prod-aws)", () => {
    const prod = plans.get("prod-aws")!;
    const broken = mutated(prod, "aws:sagemaker/model:Model", "acme-prod-recommender-model", (i) => (i["primaryContainer"].environment.PORT = "9000"));
    expect(portFindings(broken, repoRoot)).toEqual(['prod-aws managed model acme-prod-recommender (recommender, examples/model-server): primaryContainer.environment PORT is "9000", the spec\'s port is 8080']);
  });
});
