import { asArray, asRecord, get, isSet } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { byType } from "./by-type.ts";
import { controlSets } from "./controls.ts";

/** Where each workload kind keeps its pod template. */
const podSpecPaths: Readonly<Record<string, string>> = {
  "kubernetes:core/v1:Pod": "spec",
  "kubernetes:apps/v1:Deployment": "spec.template.spec",
  "kubernetes:apps/v1:StatefulSet": "spec.template.spec",
  "kubernetes:apps/v1:DaemonSet": "spec.template.spec",
  "kubernetes:apps/v1:ReplicaSet": "spec.template.spec",
  "kubernetes:batch/v1:Job": "spec.template.spec",
  "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec",
};
const workloadTypes = Object.keys(podSpecPaths);

type Container = Record<string, unknown>;

function podSpec(resource: RuleResource): Record<string, unknown> {
  return asRecord(get(resource.inputs, podSpecPaths[resource.type] ?? "spec"));
}

function containers(pod: Record<string, unknown>): Container[] {
  return [...asArray(pod["initContainers"]), ...asArray(pod["containers"])].map(asRecord);
}

/** One message per failing container, naming it. */
function perContainer(resource: RuleResource, check: (container: Container, pod: Record<string, unknown>) => string[]): string[] {
  const pod = podSpec(resource);
  return containers(pod).flatMap((c) => check(c, pod).map((m) => `container ${String(c["name"] ?? "?")}: ${m}`));
}

const serviceAccountType = "kubernetes:core/v1:ServiceAccount";

function podSecurityProblems(resource: RuleResource): string[] {
  const pod = podSpec(resource);
  const podSc = asRecord(pod["securityContext"]);
  // The pod's token lets any process in it call the API server as its service account; workloads need none.
  const token = pod["automountServiceAccountToken"] === false ? [] : ["pod mounts its service account token (automountServiceAccountToken is not false)"];
  return [
    ...token,
    ...perContainer(resource, (c) => {
      const sc = asRecord(c["securityContext"]);
      const found: string[] = [];
      if (sc["privileged"] === true) found.push("privileged");
      if (sc["allowPrivilegeEscalation"] !== false) found.push("allowPrivilegeEscalation is not false");
      if ((sc["runAsNonRoot"] ?? podSc["runAsNonRoot"]) !== true) found.push("runAsNonRoot is not true");
      // runAsNonRoot is only checked by the kubelet against the image's user; an explicit UID 0 is root whatever it claims.
      const uid = sc["runAsUser"] ?? podSc["runAsUser"];
      if (uid !== undefined && Number(uid) === 0) found.push("runAsUser is 0 (root)");
      if (!asArray(get(sc, "capabilities.drop")).includes("ALL")) found.push("capabilities.drop does not include ALL");
      const added = asArray(get(sc, "capabilities.add"));
      if (added.length > 0) found.push(`capabilities.add grants ${added.map(String).join(", ")}`);
      const seccomp = get(sc, "seccompProfile.type") ?? get(podSc, "seccompProfile.type");
      if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") found.push("seccompProfile is not RuntimeDefault");
      if (sc["readOnlyRootFilesystem"] !== true) found.push("readOnlyRootFilesystem is not true");
      return found;
    }),
  ];
}

export const podSecurity: Rule = {
  id: "k8s-restricted-pod-security",
  description: "Pods meet the Kubernetes \"restricted\" Pod Security Standard, with a read-only root filesystem, no added capabilities, no UID 0 and no service account token mounted.",
  severity: "high",
  remediation: "Set runAsNonRoot true (and never runAsUser 0), allowPrivilegeEscalation false, capabilities.drop [ALL] with nothing added, seccompProfile RuntimeDefault, readOnlyRootFilesystem true and automountServiceAccountToken false on pods and service accounts; never privileged.",
  controls: controlSets.workloadHardening,
  resourceTypes: [...workloadTypes, serviceAccountType],
  check: (resource) =>
    resource.type === serviceAccountType
      ? resource.inputs["automountServiceAccountToken"] === true ? ["service account mounts its token into every pod (automountServiceAccountToken true)"] : []
      : podSecurityProblems(resource),
};

export const resourceLimits: Rule = {
  id: "k8s-requests-limits",
  description: "Every container declares CPU and memory requests and limits.",
  severity: "medium",
  remediation: "Set resources.requests and resources.limits for cpu and memory on every container (the spec's workload resources).",
  controls: controlSets.capacity,
  resourceTypes: workloadTypes,
  check: (resource) =>
    perContainer(resource, (c) =>
      ["requests", "limits"].flatMap((kind) => ["cpu", "memory"].filter((r) => !isSet(get(c, `resources.${kind}.${r}`))).map((r) => `no ${r} ${kind.slice(0, -1)}`)),
    ),
};

export const imageDigest: Rule = {
  id: "k8s-image-digest",
  description: "Images are referenced by digest, so what runs is what was scanned.",
  severity: "high",
  remediation: "Reference images as REGISTRY/REPO@sha256:<digest> (the deploy workflow sets the digest after the scan gate).",
  controls: controlSets.supplyChain,
  resourceTypes: workloadTypes,
  check: (resource) => perContainer(resource, (c) => (/@sha256:[a-f0-9]{64}$/.test(String(c["image"] ?? "")) ? [] : [`image "${String(c["image"] ?? "")}" is not pinned by digest`])),
};

export const noHostAccess: Rule = {
  id: "k8s-no-host-access",
  description: "Pods share no host namespace, mount no host path and bind no host port.",
  severity: "critical",
  remediation: "Remove hostNetwork, hostPID, hostIPC, hostPath volumes and hostPort; use emptyDir or a persistent volume claim, and a Service for traffic.",
  controls: controlSets.workloadHardening,
  resourceTypes: workloadTypes,
  check: (resource) => {
    const pod = podSpec(resource);
    const found = ["hostNetwork", "hostPID", "hostIPC"].filter((flag) => pod[flag] === true).map((flag) => `${flag} is true`);
    const hostPaths = asArray(pod["volumes"]).filter((v) => get(v, "hostPath") !== undefined).map((v) => `volume ${String(get(v, "name"))} mounts a hostPath`);
    // A hostPort opens the node's own address to the pod, around the Service, the ingress and network policies.
    const hostPorts = perContainer(resource, (c) => asArray(c["ports"]).filter((p) => isSet(get(p, "hostPort")) && Number(get(p, "hostPort")) !== 0).map((p) => `hostPort ${String(get(p, "hostPort"))}`));
    return [...found, ...hostPaths, ...hostPorts];
  },
};

function isDefaultDeny(policy: RuleResource): boolean {
  const selector = asRecord(get(policy.inputs, "spec.podSelector"));
  const selectsAll = Object.keys(asRecord(selector["matchLabels"])).length === 0 && asArray(selector["matchExpressions"]).length === 0;
  const types = asArray(get(policy.inputs, "spec.policyTypes"));
  return selectsAll && types.includes("Ingress") && types.includes("Egress") && asArray(get(policy.inputs, "spec.ingress")).length === 0 && asArray(get(policy.inputs, "spec.egress")).length === 0;
}

export const defaultDenyNetworkPolicy: Rule = {
  id: "k8s-default-deny-network-policy",
  description: "Every namespace the stack creates has a default-deny NetworkPolicy for ingress and egress, and the GKE and AKS clusters enforce NetworkPolicies.",
  severity: "high",
  remediation: "Add a NetworkPolicy in the namespace with podSelector {}, policyTypes [Ingress, Egress] and no rules; allow the flows the spec declares in further policies. GKE: datapathProvider ADVANCED_DATAPATH (Dataplane V2) or networkPolicy.enabled true. AKS: networkProfile.networkPolicy azure, calico or cilium.",
  controls: controlSets.segmentation,
  // A NetworkPolicy is only an object in the API server until the cluster's network plugin enforces it.
  ...byType({
    "gcp:container/cluster:Cluster": (i) =>
      i["datapathProvider"] === "ADVANCED_DATAPATH" || get(i, "networkPolicy.enabled") === true ? undefined : "the cluster does not enforce NetworkPolicies (datapathProvider is not ADVANCED_DATAPATH and networkPolicy.enabled is not true)",
    "azure-native:containerservice:ManagedCluster": (i) =>
      ["azure", "calico", "cilium"].includes(String(get(i, "networkProfile.networkPolicy"))) ? undefined : `the cluster does not enforce NetworkPolicies (networkProfile.networkPolicy "${String(get(i, "networkProfile.networkPolicy") ?? "unset")}", expected azure, calico or cilium)`,
  }),
  checkStack: (resources): StackFinding[] => {
    const denies = resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && isDefaultDeny(r));
    return resources
      .filter((r) => r.type === "kubernetes:core/v1:Namespace")
      .filter((ns) => {
        const name = get(ns.inputs, "metadata.name") ?? ns.name;
        return !denies.some((p) => get(p.inputs, "metadata.namespace") === name);
      })
      .map((ns) => ({ urn: ns.urn, message: `namespace ${String(get(ns.inputs, "metadata.name") ?? ns.name)} has no default-deny NetworkPolicy` }));
  },
};
