import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes/types/input.js";
import { podLabels, type PodRole } from "./workload-specs.ts";
import type { EnvVar } from "./workload-env.ts";

/** The user and group pods run as: the distroless `nonroot` convention, so images need no user of their own. */
export const podUser = 65532;
const portName = "http";

/** What a pod spec needs to know of its workload: servers also have a port and a health path. */
export interface PodWorkload {
  readonly name: string;
  readonly port?: number;
  readonly healthPath?: string;
  readonly readinessPath?: string;
  readonly resources: { readonly cpu: string; readonly memory: string };
}

export interface PodSpecArgs {
  readonly workload: PodWorkload;
  readonly image: pulumi.Input<string>;
  /** The workload's environment from the platform (workload-env.ts); never a secret value. */
  readonly env: pulumi.Input<readonly EnvVar[]>;
  readonly serviceAccountName: string;
  readonly role: PodRole;
  /** The command a migration runs; servers and pipelines run their image's entrypoint. */
  readonly command?: readonly string[];
  /** Spread servers evenly over the zones (the profile's `services.spreadAcrossZones`, on in prod). */
  readonly spreadAcrossZones: boolean;
}

/**
 * The one pod spec every workload pod uses, servers (Deployments), migrations (Jobs) and pipelines (CronJobs)
 * alike, meeting the Kubernetes "restricted" Pod Security Standard: non-root, no privilege escalation, all
 * capabilities dropped, the runtime's default seccomp profile, a read-only root filesystem with an emptyDir at
 * /tmp, requests and limits; and the platform's environment variables. Servers also get liveness and readiness
 * probes and, when asked, a zone spread.
 */
export function restrictedPodSpec(args: PodSpecArgs): k8s.core.v1.PodSpec {
  const { workload, role } = args;
  const server = role === "server";
  if (server && (workload.port === undefined || workload.healthPath === undefined || workload.readinessPath === undefined)) {
    throw new Error(`${workload.name}: a server needs a port, a liveness and a readiness path`);
  }
  // Liveness restarts a process that stopped answering; readiness keeps traffic away until the workload can serve
  // (orders: its database holds every migration; api: orders is ready), so they are different paths.
  const probe = (path: string | undefined, periodSeconds: number, failureThreshold: number): k8s.core.v1.Probe => ({
    httpGet: { path: path ?? "/", port: portName },
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
        env: pulumi.output(args.env).apply((env) => env.map((e) => ({ name: e.name, value: e.value }))),
        ...(server ? { ports: [{ name: portName, containerPort: workload.port!, protocol: "TCP" }] } : {}),
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
        ...(server ? { readinessProbe: probe(workload.readinessPath, 5, 3), livenessProbe: probe(workload.healthPath, 10, 6) } : {}),
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
