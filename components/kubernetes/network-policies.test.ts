import { describe, expect, test } from "vitest";
import { networkPolicies, type PolicyDefinition, type PolicyPeer } from "./network-policies.ts";
import { exampleSpec } from "./testing/fixture.ts";
import { podIdentityAgent } from "./identity/aws.ts";
import { wiredWorkloads } from "../wiring/workloads.ts";

/**
 * Reads a policy set back as the flows it allows, one line each: `<from> -> <to> <proto>/<port>`, from the
 * point of view of the pods each policy selects. A flow between two pods needs both its egress and its ingress.
 */
function allowedFlows(policies: readonly PolicyDefinition[]): string[] {
  const flows: string[] = [];
  const describePods = (labels: Readonly<Record<string, string>> | undefined) =>
    labels && Object.keys(labels).length > 0 ? `${labels["app.kubernetes.io/name"]}/${labels["app.kubernetes.io/component"]}` : "*";
  const describePeer = (peer: PolicyPeer) =>
    peer.ipBlock
      ? `${peer.ipBlock.cidr}${peer.ipBlock.except ? ` except ${peer.ipBlock.except.join(",")}` : ""}`
      : peer.namespaceSelector
        ? `ns:${peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]}${peer.podSelector ? `/${JSON.stringify(peer.podSelector.matchLabels)}` : ""}`
        : describePods(peer.podSelector?.matchLabels);
  for (const { spec } of policies) {
    const selected = describePods(spec.podSelector.matchLabels);
    for (const rule of spec.egress ?? []) for (const peer of rule.to) for (const port of rule.ports) flows.push(`egress ${selected} -> ${describePeer(peer)} ${port.protocol}/${port.port}`);
    for (const rule of spec.ingress ?? []) for (const peer of rule.from) for (const port of rule.ports) flows.push(`ingress ${describePeer(peer)} -> ${selected} ${port.protocol}/${port.port}`);
  }
  return flows.sort();
}

const spec = exampleSpec("dev-aws");
const workloads = wiredWorkloads(spec);
const aws = { api: [podIdentityAgent], orders: [podIdentityAgent], etl: [podIdentityAgent] };

describe("the dev-aws example's NetworkPolicies", () => {
  const policies = networkPolicies({ workloads, networkCidr: "10.0.0.0/16", credentialEndpoints: aws });

  test("deny all ingress and egress in the namespace first", () => {
    expect(policies[0]).toEqual({ name: "default-deny", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
  });

  test("then allow exactly the declared flows and nothing else", () => {
    expect(allowedFlows(policies)).toEqual([
      // Every pod resolves names through kube-dns.
      `egress * -> ns:kube-system/{"k8s-app":"kube-dns"} TCP/53`,
      `egress * -> ns:kube-system/{"k8s-app":"kube-dns"} UDP/53`,
      // api talksTo orders: egress from api's servers, ingress on orders' servers, on orders' port.
      "egress api/server -> 0.0.0.0/0 except 10.0.0.0/16 TCP/443",
      "egress api/server -> 169.254.170.23/32 TCP/80",
      "egress api/server -> orders/server TCP/8080",
      // orders reaches the database in the network, and its credentials; its migrations the same, nothing more.
      "egress orders/migration -> 10.0.0.0/16 TCP/5432",
      "egress orders/migration -> 169.254.170.23/32 TCP/80",
      "egress orders/server -> 10.0.0.0/16 TCP/5432",
      "egress orders/server -> 169.254.170.23/32 TCP/80",
      // The etl pipeline's runs reach S3 (through the gateway endpoint, outside the network's CIDR) over HTTPS and
      // their credentials; nothing reaches them.
      "egress etl/pipeline -> 0.0.0.0/0 except 10.0.0.0/16 TCP/443",
      "egress etl/pipeline -> 169.254.170.23/32 TCP/80",
      // api is public: the ingress controller reaches it.
      "ingress api/server -> orders/server TCP/8080",
      "ingress ns:ingress-nginx -> api/server TCP/8080",
    ].sort());
  });

  test("an in-cluster model nothing calls stays unreachable and reaches nothing", () => {
    expect(policies.filter((p) => p.workload === "recommender")).toEqual([]);
  });
});

test("a call to an in-cluster model opens exactly that flow", () => {
  const calling = exampleSpec("dev-aws", {
    web: { services: [{ name: "api", path: "examples/api", port: 8080, talksTo: ["recommender"] }] },
  });
  const flows = allowedFlows(networkPolicies({ workloads: wiredWorkloads(calling), networkCidr: "10.0.0.0/16", credentialEndpoints: {} }));
  expect(flows.filter((f) => f.includes("recommender"))).toEqual(["egress api/server -> recommender/server TCP/8080", "ingress api/server -> recommender/server TCP/8080"]);
});

test("database flows go to the network's CIDR as the spec declares it", () => {
  const policies = networkPolicies({ workloads, networkCidr: "172.20.0.0/16", credentialEndpoints: {} });
  expect(allowedFlows(policies).filter((f) => f.endsWith("/5432"))).toEqual(["egress orders/migration -> 172.20.0.0/16 TCP/5432", "egress orders/server -> 172.20.0.0/16 TCP/5432"]);
});

test("a pipeline into the warehouse reaches the warehouse's port in the network, its source over HTTPS, nothing more", () => {
  const loading = exampleSpec("dev-aws", { data: { database: { name: "orders" }, lake: { zones: ["raw", "curated"] }, warehouse: { enabled: true }, pipelines: [{ name: "load", schedule: "0 3 * * *", source: "curated", target: "warehouse" }] } });
  const policies = networkPolicies({ workloads: wiredWorkloads(loading), networkCidr: "10.0.0.0/16", credentialEndpoints: { load: [podIdentityAgent] }, warehousePort: 5439 });
  expect(allowedFlows(policies).filter((f) => f.includes("load/"))).toEqual([
    "egress load/pipeline -> 0.0.0.0/0 except 10.0.0.0/16 TCP/443",
    "egress load/pipeline -> 10.0.0.0/16 TCP/5439",
    "egress load/pipeline -> 169.254.170.23/32 TCP/80",
  ]);
});
