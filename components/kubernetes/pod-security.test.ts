import { beforeAll, describe, expect, test } from "vitest";
import type { PlanResource } from "../../lib/plan/model.ts";
import { exampleSpec, planWorkloads, type WorkloadsPlan } from "./testing/fixture.ts";

/**
 * The Kubernetes "restricted" Pod Security Standard, checked field by field on every pod spec the tier plans
 * (Deployments, Jobs and CronJobs), independently of how the tier builds them.
 */
type Json = Record<string, any>;

const plans: Record<string, WorkloadsPlan> = {};
beforeAll(async () => {
  for (const stack of ["dev-aws", "prod-aws"]) plans[stack] = await planWorkloads(exampleSpec(stack));
});

const podSpecs = (plan: WorkloadsPlan): [PlanResource, Json][] =>
  plan.resources.filter((r) => /:(Deployment|Job|CronJob)$/.test(r.type)).map((r) => {
    const spec = (r.inputs as Json)["spec"];
    return [r, (r.type.endsWith(":CronJob") ? spec["jobTemplate"]["spec"]["template"]["spec"] : spec["template"]["spec"]) as Json];
  });

function restrictedViolations(pod: Json): string[] {
  const problems: string[] = [];
  const podContext = pod["securityContext"] ?? {};
  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[field]) problems.push(field);
  if (pod["automountServiceAccountToken"] !== false) problems.push("automountServiceAccountToken");
  if (podContext["seccompProfile"]?.["type"] !== "RuntimeDefault") problems.push("pod seccompProfile");
  for (const volume of pod["volumes"] ?? []) {
    const kinds = Object.keys(volume).filter((k) => k !== "name");
    if (kinds.some((k) => !["emptyDir", "configMap", "secret", "projected", "downwardAPI", "persistentVolumeClaim", "ephemeral", "csi"].includes(k))) problems.push(`volume ${volume["name"]}`);
  }
  for (const c of [...(pod["initContainers"] ?? []), ...pod["containers"]]) {
    const sc = c["securityContext"] ?? {};
    if (sc["runAsNonRoot"] !== true && podContext["runAsNonRoot"] !== true) problems.push(`${c.name} runAsNonRoot`);
    if (sc["runAsUser"] === 0 || podContext["runAsUser"] === 0) problems.push(`${c.name} runs as root`);
    if (sc["allowPrivilegeEscalation"] !== false) problems.push(`${c.name} allowPrivilegeEscalation`);
    if (sc["privileged"]) problems.push(`${c.name} privileged`);
    if (JSON.stringify(sc["capabilities"]?.["drop"]) !== JSON.stringify(["ALL"]) || (sc["capabilities"]?.["add"] ?? []).length > 0) problems.push(`${c.name} capabilities`);
    if (sc["seccompProfile"] && sc["seccompProfile"]["type"] !== "RuntimeDefault") problems.push(`${c.name} seccompProfile`);
    if (sc["readOnlyRootFilesystem"] !== true) problems.push(`${c.name} readOnlyRootFilesystem`);
    if (!(c["volumeMounts"] ?? []).some((m: Json) => m["mountPath"] === "/tmp" && pod["volumes"].find((v: Json) => v["name"] === m["name"])?.["emptyDir"])) problems.push(`${c.name} /tmp emptyDir`);
    for (const kind of ["requests", "limits"]) for (const r of ["cpu", "memory"]) if (!c["resources"]?.[kind]?.[r]) problems.push(`${c.name} ${kind}.${r}`);
    if (!/@sha256:[a-f0-9]{64}$/.test(c["image"])) problems.push(`${c.name} image not by digest: ${c["image"]}`);
  }
  return problems;
}

describe.each(["dev-aws", "prod-aws"])("%s", (stack) => {
  test("every pod spec, Deployments, migration Jobs and pipelines' CronJobs alike, meets the restricted Pod Security Standard", () => {
    const pods = podSpecs(plans[stack]!);
    expect(pods.map(([r]) => r.type.split(":").pop())).toEqual(expect.arrayContaining(["Deployment", "Job", "CronJob"]));
    for (const [resource, pod] of pods) expect(restrictedViolations(pod), `${resource.type} ${resource.name}`).toEqual([]);
  });

  test("servers have a liveness probe on their health path and a readiness probe on their readiness path; they run as their own service account", () => {
    for (const [resource, pod] of podSpecs(plans[stack]!).filter(([r]) => r.type.endsWith(":Deployment"))) {
      const [container] = pod["containers"];
      expect(container["livenessProbe"]?.httpGet, `${resource.name} livenessProbe`).toEqual({ path: "/healthz", port: "http" });
      expect(container["readinessProbe"]?.httpGet, `${resource.name} readinessProbe`).toEqual({ path: "/readyz", port: "http" });
      expect(pod["serviceAccountName"]).toBe(resource.name);
    }
  });
});

test("the restricted check catches what it should", () => {
  const [, pod] = podSpecs(plans["dev-aws"]!)[0]!;
  const loosened = { ...pod, containers: [{ ...pod["containers"][0], securityContext: { ...pod["containers"][0]["securityContext"], allowPrivilegeEscalation: true, readOnlyRootFilesystem: false } }] };
  expect(restrictedViolations(loosened)).toEqual(expect.arrayContaining([expect.stringContaining("allowPrivilegeEscalation"), expect.stringContaining("readOnlyRootFilesystem")]));
});

test("prod spreads servers across zones; dev does not", () => {
  const spread = (stack: string) => podSpecs(plans[stack]!).filter(([r]) => r.type.endsWith(":Deployment")).map(([, pod]) => pod["topologySpreadConstraints"]);
  for (const constraints of spread("prod-aws")) expect(constraints).toEqual([expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1 })]);
  for (const constraints of spread("dev-aws")) expect(constraints).toBeUndefined();
});

test("the migration Job runs the service's image with its own command, named after the image digest", () => {
  const job = plans["dev-aws"]!.resources.find((r) => r.type.endsWith(":Job"))! as { name: string; inputs: Json };
  const deployment = plans["dev-aws"]!.resources.find((r) => r.type.endsWith(":Deployment") && r.name === "orders")! as { inputs: Json };
  const [jobContainer] = job.inputs["spec"]["template"]["spec"]["containers"];
  const [serverContainer] = deployment.inputs["spec"]["template"]["spec"]["containers"];
  expect(job.name).toBe("orders-migrate-000000000000");
  expect(jobContainer.image).toBe(serverContainer.image);
  expect(jobContainer.command).toEqual(["node", "migrate.js"]);
  expect(job.inputs["spec"]["template"]["spec"]["restartPolicy"]).toBe("Never");
  expect(job.inputs["metadata"]["annotations"]).toEqual({ "pulumi.com/skipAwait": "false" });
  // The migrations connect as the service does: the same environment, but PORT (the Job listens on nothing).
  expect(jobContainer.env).toEqual(serverContainer.env.filter((e: { name: string }) => e.name !== "PORT"));
  expect(serverContainer.env.map((e: { name: string }) => e.name)).toContain("PORT");
});

test("the pipeline's CronJob runs its image's entrypoint on the spec's schedule in UTC, one run at a time, bounded in time", () => {
  const cron = plans["prod-aws"]!.resources.find((r) => r.type.endsWith(":CronJob"))! as { name: string; inputs: Json };
  expect(cron.name).toBe("etl");
  const { jobTemplate, ...schedule } = cron.inputs["spec"];
  expect(schedule).toEqual({ schedule: "0 2 * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid", startingDeadlineSeconds: 600, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 5 });
  expect(jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 240 * 60 });
  const pod = jobTemplate.spec.template.spec;
  expect(pod).toMatchObject({ serviceAccountName: "etl", restartPolicy: "Never" });
  expect(pod.containers[0]).not.toHaveProperty("command");
  expect(pod.containers[0]).not.toHaveProperty("ports");
  expect(pod.containers[0]).not.toHaveProperty("livenessProbe");
});
