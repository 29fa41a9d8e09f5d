import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { planAll, stackNames } from "./fixture.ts";
import { mutated } from "./plan-view.ts";
import { ingressFindings, talksToFindings } from "./talks-to.ts";

let plans: Map<string, PlannedStack>;
beforeAll(async () => {
  plans = await planAll();
});

const policy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const apiEnv = (i: Record<string, any>) => i["spec"].template.spec.containers[0].env as { name: string; value: string }[];

describe.each(stackNames)("%s: talksTo, the env and the NetworkPolicies agree", (stack) => {
  it("each SERVICE_<NAME>_URL is a talksTo, on a planned Service, with egress from the caller and ingress on the peer; each talksTo has its URL", () => {
    const plan = plans.get(stack)!;
    expect(plan.spec.web.services.some((s) => s.talksTo.length > 0)).toBe(true);
    expect(talksToFindings(plan)).toEqual([]);
  });

  it("each public service's host reaches its pods: Ingress → Service port → the port they listen on, let in from the controller", () => {
    const plan = plans.get(stack)!;
    expect(plan.resources.some((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress")).toBe(true);
    expect(ingressFindings(plan)).toEqual([]);
  });
});

describe("the talksTo check on a broken wire (dev-aws)", () => {
  it("names the caller, the variable and the missing policy when the egress or the ingress is gone", () => {
    const dev = plans.get("dev-aws")!;
    const noEgress = mutated(dev, policy, "acme-dev-api-egress", (i) => (i["spec"].egress = i["spec"].egress.filter((r: { to: { podSelector?: unknown }[] }) => !r.to.some((t) => t.podSelector))));
    expect(talksToFindings(noEgress)).toEqual(["dev-aws Deployment api (api): spec.template.spec.containers[0].env SERVICE_ORDERS_URL=http://orders.acme-dev.svc.cluster.local:8080: no NetworkPolicy lets api's pods out to Deployment orders's pods on 8080"]);
    const wrongPort = mutated(dev, policy, "acme-dev-orders-ingress", (i) => (i["spec"].ingress[0].ports[0].port = 8081));
    expect(talksToFindings(wrongPort)).toEqual(["dev-aws Deployment api (api): spec.template.spec.containers[0].env SERVICE_ORDERS_URL=http://orders.acme-dev.svc.cluster.local:8080: no NetworkPolicy lets Deployment orders's pods take in api's pods on 8080"]);
  });

  it("names a URL without a talksTo, a talksTo without its URL, and a URL to a port the Service lacks", () => {
    const dev = plans.get("dev-aws")!;
    const extra = mutated(dev, "kubernetes:apps/v1:Deployment", "orders", (i) => apiEnv(i).push({ name: "SERVICE_API_URL", value: "http://api.acme-dev.svc.cluster.local:8080" }));
    expect(talksToFindings(extra)).toEqual(expect.arrayContaining(["dev-aws Deployment orders (orders): spec.template.spec.containers[0].env SERVICE_API_URL=http://api.acme-dev.svc.cluster.local:8080: orders's talksTo is [], which does not name api under SERVICE_API_URL"]));
    const missing = mutated(dev, "kubernetes:apps/v1:Deployment", "api", (i) => (i["spec"].template.spec.containers[0].env = apiEnv(i).filter((e) => e.name !== "SERVICE_ORDERS_URL")));
    expect(talksToFindings(missing)).toEqual(["dev-aws Deployment api (api): talksTo names orders, and spec.template.spec.containers[0].env has no SERVICE_ORDERS_URL"]);
    const port = mutated(dev, "kubernetes:apps/v1:Deployment", "api", (i) => (apiEnv(i).find((e) => e.name === "SERVICE_ORDERS_URL")!.value = "http://orders.acme-dev.svc.cluster.local:8081"));
    expect(talksToFindings(port)).toEqual(["dev-aws Deployment api (api): spec.template.spec.containers[0].env SERVICE_ORDERS_URL=http://orders.acme-dev.svc.cluster.local:8081: no planned Service orders in acme-dev with port 8081"]);
  });

  it("names a policy that opens a path no talksTo asks for", () => {
    const dev = plans.get("dev-aws")!;
    const open = mutated(dev, policy, "acme-dev-api-egress", (i) => i["spec"].egress.push({ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "recommender", "app.kubernetes.io/component": "server" } } }], ports: [{ port: 8080, protocol: "TCP" }] }));
    expect(talksToFindings(open)).toEqual(["dev-aws Deployment api (api): NetworkPolicy acme-dev-api-egress lets its pods out to Deployment recommender's pods, which its talksTo [orders] does not name"]);
  });
});

describe("the ingress check on a broken wire (dev-aws)", () => {
  it("names the Ingress, host and backend when the Service port is wrong, and the pods when the controller is not let in", () => {
    const dev = plans.get("dev-aws")!;
    const port = mutated(dev, "kubernetes:networking.k8s.io/v1:Ingress", "api", (i) => (i["spec"].rules[0].http.paths[0].backend.service.port.number = 80));
    expect(ingressFindings(port)).toEqual(['dev-aws Ingress api: host api.dev.acme.example.com → Service api port {"number":80}: no planned Service api in acme-dev with port 80']);
    const closed = mutated(dev, policy, "acme-dev-api-ingress", (i) => (i["spec"].ingress[0].ports[0].port = 443));
    expect(ingressFindings(closed)).toEqual(['dev-aws Ingress api: host api.dev.acme.example.com → Service api port {"number":8080}: no NetworkPolicy lets the ingress controller\'s namespace reach Deployment api\'s pods on 8080']);
    const gone = { ...dev, resources: dev.resources.filter((r) => r.type !== "kubernetes:networking.k8s.io/v1:Ingress") };
    expect(ingressFindings(gone)).toEqual(["dev-aws service api: public with host api.dev.acme.example.com, and no Ingress sends that host to its Service"]);
  });
});
