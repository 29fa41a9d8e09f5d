import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes/types/input.js";
import type { ServiceSpec } from "../spec/index.ts";
import { podLabels, type PodRole } from "./workload-specs.ts";

/** The user and group pods run as: the distroless `nonroot` convention, so images need no user of their own. */
export const podUser = 65532;
const portName = "http";

export interface PodSpecArgs {
  readonly workload: ServiceSpec;
  readonly image: pulumi.Input<string>;
  readonly serviceAccountName: string;
  readonly role: PodRole;
  /** The command a migration runs; a server runs its image's entrypoint. */
  readonly command?: readonly string[];
  /** Spread servers evenly over the zones (the profile's `services.spreadAcrossZones`, on in prod). */
  readonly spreadAcrossZones: boolean;
}

/**
 * The one pod spec every workload pod uses, servers (Deployments) and migrations (Jobs) alike, meeting the
 * Kubernetes "restricted" Pod Security Standard: non-root, no privilege escalation, all capabilities dropped,
 * the runtime's default seccomp profile, a read-only root filesystem with an emptyDir at /tmp, requests and
 * limits. Servers also get liveness and readiness probes and, when asked, a zone spread.
 */
export function restrictedPodSpec(args: PodSpecArgs): k8s.core.v1.PodSpec {
  const { workload, role } = args;
  const server = role === "server";
  const probe = (periodSeconds: number, failureThreshold: number): k8s.core.v1.Probe => ({
    httpGet: { path: workload.healthPath, port: portName },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 2,
  });
  return {
    serviceAccountName: args.serviceAccountName,
    // The cloud's workload identity injects its own projected token; the Kubernetes API token is not needed.
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: podUser,
      runAsGroup: podUser,
      fsGroup: podUser,
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...(server ? {} : { restartPolicy: "Never" }),
    containers: [
      {
        name: workload.name,
        image: args.image,
        ...(args.command ? { command: [...args.command] } : {}),
        ...(server ? { ports: [{ name: portName, containerPort: workload.port, protocol: "TCP" }] } : {}),
        resources: {
          requests: { cpu: workload.resources.cpu, memory: workload.resources.memory },
          limits: { cpu: workload.resources.cpu, memory: workload.resources.memory },
        },
        securityContext: {
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        },
        ...(server ? { readinessProbe: probe(5, 3), livenessProbe: probe(10, 6) } : {}),
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
    ...(server && args.spreadAcrossZones
      ? {
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: podLabels(workload.name, role) } },
          ],
        }
      : {}),
  };
}
