import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { runUnits, type RunUnit } from "./plan-view.ts";

/**
 * The talksTo graph, the env and the NetworkPolicies, followed into each other: every `SERVICE_<NAME>_URL` a
 * workload gets names a planned Service of a workload in its `talksTo`, on the Service's port; a NetworkPolicy
 * lets the caller's pods out to the peer's pods on the port the peer listens on, and one lets the peer's pods
 * take it in; every `talksTo` has its URL; and no policy opens a path between workloads that no `talksTo` asks for.
 */

type Inputs = Record<string, any>;
type Labels = Readonly<Record<string, string>>;
const selects = (selector: { matchLabels?: Labels } | undefined, labels: Labels) =>
  selector !== undefined && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
const upperSnake = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

interface Rule {
  readonly policy: string;
  readonly peers: readonly { podSelector?: { matchLabels?: Labels }; namespaceSelector?: unknown; ipBlock?: unknown }[];
  readonly ports?: readonly { port?: number | string }[];
}

/** The egress or ingress rules of every policy in `namespace` that selects pods with `labels`. */
function rulesFor(plan: PlannedStack, namespace: string | undefined, labels: Labels, direction: "egress" | "ingress"): Rule[] {
  return plan.resources
    .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && (r.inputs as Inputs)["metadata"]?.namespace === namespace)
    .flatMap((r) => {
      const spec = (r.inputs as Inputs)["spec"] ?? {};
      if (!selects(spec.podSelector, labels) || !(spec.policyTypes ?? []).includes(direction === "egress" ? "Egress" : "Ingress")) return [];
      return ((spec[direction] ?? []) as Inputs[]).map((rule): Rule => ({ policy: r.name, peers: (direction === "egress" ? rule["to"] : rule["from"]) ?? [], ports: rule["ports"] }));
    });
}

/** Whether a rule lets pods with `labels` (same namespace) through on `port`. */
const allows = (rule: Rule, labels: Labels, port: number) =>
  rule.peers.some((p) => p.podSelector !== undefined && p.namespaceSelector === undefined && p.ipBlock === undefined && Object.keys(p.podSelector.matchLabels ?? {}).length > 0 && selects(p.podSelector, labels)) &&
  (rule.ports === undefined || rule.ports.some((p) => p.port === undefined || p.port === port));

/**
 * A Service by name, namespace and port (number or name), followed to the Deployment it selects and the port its
 * pods listen on; or what is missing on the way, for a finding.
 */
function throughService(plan: PlannedStack, servers: readonly RunUnit[], name: string, namespace: string | undefined, port: { number?: number; name?: string }): { peer: RunUnit; listens: number } | { problem: string } {
  const service = plan.resources.find((r) => r.type === "kubernetes:core/v1:Service" && (r.inputs as Inputs)["metadata"]?.name === name && (r.inputs as Inputs)["metadata"]?.namespace === namespace);
  const servicePort = ((service?.inputs as Inputs | undefined)?.["spec"]?.ports ?? []).find((p: { port: number; name?: string }) => p.port === port.number || (port.name !== undefined && p.name === port.name));
  if (!service || !servicePort) return { problem: `no planned Service ${name} in ${namespace} with port ${port.number ?? port.name}` };
  const peer = servers.find((u) => selects({ matchLabels: (service.inputs as Inputs)["spec"].selector }, u.podLabels));
  const target = servicePort.targetPort ?? servicePort.port;
  const listens = typeof target === "number" ? target : peer?.ports.find((p) => p.name === target)?.containerPort;
  if (!peer || listens === undefined) return { problem: `Service ${service.name} selects no Deployment listening on its targetPort ${JSON.stringify(target)}` };
  return { peer, listens };
}

export function talksToFindings(plan: PlannedStack): string[] {
  const findings: string[] = [];
  const units = runUnits(plan).filter((u) => u.kind !== "managed");
  const servers = units.filter((u) => u.kind === "Deployment");
  const talksTo = new Map(plan.spec.web.services.map((s) => [s.name, s.talksTo]));
  for (const unit of units) {
    const where = `${plan.stack} ${unit.where} (${unit.workload})`;
    const wanted = talksTo.get(unit.workload) ?? [];
    const urls = Object.entries(unit.env).filter(([n]) => /^SERVICE_[A-Z0-9_]+_URL$/.test(n));
    for (const [name, url] of urls) {
      const at = `${where}: ${unit.envField} ${name}=${url}`;
      const m = /^http:\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)$/.exec(url);
      if (!m) {
        findings.push(`${at}: expected http://<service>.<namespace>.svc.cluster.local:<port>`);
        continue;
      }
      const [, peerName, namespace, portText] = m as unknown as [string, string, string, string];
      if (!wanted.includes(peerName) || name !== `SERVICE_${upperSnake(peerName)}_URL`) findings.push(`${at}: ${unit.workload}'s talksTo is [${wanted.join(", ")}], which does not name ${peerName} under ${name}`);
      const through = throughService(plan, servers, peerName, namespace, { number: Number(portText) });
      if ("problem" in through) {
        findings.push(`${at}: ${through.problem}`);
        continue;
      }
      const { peer, listens } = through;
      if (!rulesFor(plan, unit.namespace, unit.podLabels, "egress").some((r) => allows(r, peer.podLabels, listens)))
        findings.push(`${at}: no NetworkPolicy lets ${unit.workload}'s pods out to ${peer.where}'s pods on ${listens}`);
      if (!rulesFor(plan, peer.namespace, peer.podLabels, "ingress").some((r) => allows(r, unit.podLabels, listens)))
        findings.push(`${at}: no NetworkPolicy lets ${peer.where}'s pods take in ${unit.workload}'s pods on ${listens}`);
    }
    if (unit.kind === "Deployment") {
      for (const peer of wanted) if (!urls.some(([n]) => n === `SERVICE_${upperSnake(peer)}_URL`)) findings.push(`${where}: talksTo names ${peer}, and ${unit.envField} has no SERVICE_${upperSnake(peer)}_URL`);
    }
    // The other way: a policy opening a path to another workload's pods that no talksTo asks for.
    for (const rule of rulesFor(plan, unit.namespace, unit.podLabels, "egress")) {
      for (const other of servers.filter((s) => s.workload !== unit.workload && !wanted.includes(s.workload))) {
        if (rule.peers.some((p) => p.podSelector && Object.keys(p.podSelector.matchLabels ?? {}).length > 0 && selects(p.podSelector, other.podLabels)))
          findings.push(`${where}: NetworkPolicy ${rule.policy} lets its pods out to ${other.where}'s pods, which its talksTo [${wanted.join(", ")}] does not name`);
      }
    }
  }
  return findings;
}

/**
 * The way in, followed the same way: each public service with a host has an Ingress for that host whose backend
 * is its planned Service on a port the Service has, and a NetworkPolicy lets the ingress controller's namespace
 * reach the service's pods on the port they listen on; no Ingress fronts a service the spec does not make public.
 */
export function ingressFindings(plan: PlannedStack): string[] {
  const findings: string[] = [];
  const servers = runUnits(plan).filter((u) => u.kind === "Deployment");
  const ingresses = plan.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress");
  const backends = ingresses.flatMap((r) =>
    (((r.inputs as Inputs)["spec"]?.rules ?? []) as Inputs[]).flatMap((rule) =>
      ((rule["http"]?.paths ?? []) as Inputs[]).map((p) => ({ ingress: r.name, namespace: (r.inputs as Inputs)["metadata"]?.namespace as string, host: rule["host"] as string, service: p["backend"]?.service?.name as string, port: p["backend"]?.service?.port as { number?: number; name?: string } })),
    ),
  );
  for (const s of plan.spec.web.services.filter((x) => x.public && x.host)) {
    if (!backends.some((b) => b.host === s.host && b.service === s.name)) findings.push(`${plan.stack} service ${s.name}: public with host ${s.host}, and no Ingress sends that host to its Service`);
  }
  for (const b of backends) {
    const at = `${plan.stack} Ingress ${b.ingress}: host ${b.host} → Service ${b.service} port ${JSON.stringify(b.port)}`;
    if (!plan.spec.web.services.some((x) => x.name === b.service && x.public && x.host === b.host)) findings.push(`${at}: the spec does not make ${b.service} public on ${b.host}`);
    const through = throughService(plan, servers, b.service, b.namespace, b.port ?? {});
    if ("problem" in through) {
      findings.push(`${at}: ${through.problem}`);
      continue;
    }
    const { peer, listens } = through;
    const fromController = rulesFor(plan, peer.namespace, peer.podLabels, "ingress").some(
      (r) => r.peers.some((p) => p.namespaceSelector !== undefined && p.podSelector === undefined) && (r.ports === undefined || r.ports.some((p) => p.port === listens)),
    );
    if (!fromController) findings.push(`${at}: no NetworkPolicy lets the ingress controller's namespace reach ${peer.where}'s pods on ${listens}`);
  }
  return findings;
}
