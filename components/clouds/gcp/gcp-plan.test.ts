import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../../lib/plan/model.ts";
import type { PlannedStack } from "../../conformance/plan-stack.ts";
import { keyDomains } from "../../governance/keys/keys.ts";
import { planGcpCoreFixture } from "./testing/core-plan.ts";

/**
 * GCP-specific checks on the planned core (governance, infra, workload identities, the cluster's workloads):
 * every secure default is asserted on the resource that carries it, so dropping one fails here. The data, ML and
 * web tiers' GCP resources are checked by their own drivers' tests.
 */
const plans = {} as Record<"dev" | "prod", PlannedStack>;
beforeAll(async () => {
  plans.dev = await planGcpCoreFixture("core-dev-gcp");
  plans.prod = await planGcpCoreFixture("core-prod-gcp");
}, 120_000);

type Inputs = Record<string, any>;
const ofType = (plan: PlannedStack, type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);
const inputsOf = (plan: PlannedStack, type: string): Inputs[] => ofType(plan, type).map((r) => r.inputs as Inputs);
const one = (plan: PlannedStack, type: string): Inputs => {
  const found = inputsOf(plan, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const named = (plan: PlannedStack, type: string, name: string): PlanResource => {
  const found = ofType(plan, type).find((r) => r.name === name);
  expect(found, `${type} ${name}`).toBeDefined();
  return found!;
};
const keyId = (env: string, domain: string) => `projects/acme-platform-${env}/locations/us-central1/keyRings/acme-${env}-keys/cryptoKeys/${domain}`;

describe.each(["dev", "prod"] as const)("%s core on GCP", (env) => {
  const project = `acme-platform-${env}`;
  const number = env === "dev" ? "123456789012" : "210987654321";

  it("passes the policy pack with no violation at all", () => {
    expect(plans[env].violations ?? []).toEqual([]);
  });

  it("keys: one ring, a rotating key per domain that cannot be deleted, granted to exactly its service agents", () => {
    expect(one(plans[env], "gcp:kms/keyRing:KeyRing")).toMatchObject({ name: `acme-${env}-keys`, location: "us-central1" });
    const keys = inputsOf(plans[env], "gcp:kms/cryptoKey:CryptoKey");
    expect(keys.map((k) => k.name).sort()).toEqual([...keyDomains].sort());
    for (const key of keys) {
      expect(key).toMatchObject({ purpose: "ENCRYPT_DECRYPT", rotationPeriod: "2592000s", deletionPolicy: "PREVENT", importOnly: false });
      // The profile's deletion window as the scheduled-destruction delay.
      expect(key.destroyScheduledDuration).toBe(`${plans[env].spec.keys.deletionWindowDays * 86_400}s`);
    }
    const grants = inputsOf(plans[env], "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
    const agentsOf = (domain: string) => grants.filter((g) => g.cryptoKeyId === keyId(env, domain)).map((g) => g.member.replace(/^serviceAccount:/, "").replace(number, "N")).sort();
    expect(agentsOf("cluster")).toEqual(["service-N@compute-system.iam.gserviceaccount.com", "service-N@container-engine-robot.iam.gserviceaccount.com"]);
    expect(agentsOf("database")).toEqual(["service-N@gcp-sa-cloud-sql.iam.gserviceaccount.com"]);
    expect(agentsOf("registry")).toEqual(["service-N@gcp-sa-artifactregistry.iam.gserviceaccount.com"]);
    expect(agentsOf("warehouse")).toEqual(["bq-N@bigquery-encryption.iam.gserviceaccount.com"]);
    expect(agentsOf("ml")).toEqual(["service-N@gcp-sa-aiplatform.iam.gserviceaccount.com", "service-N@gs-project-accounts.iam.gserviceaccount.com"]);
    expect(new Set(grants.map((g) => g.role))).toEqual(new Set(["roles/cloudkms.cryptoKeyEncrypterDecrypter"]));
  });

  it("audit: data-access logs for all services, a sink to a locked CMEK bucket written only by the sink", () => {
    const config = one(plans[env], "gcp:projects/iAMAuditConfig:IAMAuditConfig");
    expect(config).toMatchObject({ project, service: "allServices" });
    expect(config.auditLogConfigs.map((c: Inputs) => c.logType).sort()).toEqual(["ADMIN_READ", "DATA_READ", "DATA_WRITE"]);
    const bucket = named(plans[env], "gcp:storage/bucket:Bucket", `acme-${env}-audit-logs`);
    expect(bucket.inputs).toMatchObject({
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      forceDestroy: false,
      encryption: { defaultKmsKeyName: keyId(env, "audit") },
      retentionPolicy: { isLocked: true, retentionPeriod: String(plans[env].spec.audit.logRetentionDays * 86_400) },
    });
    // Created only once the storage agent may use the audit key.
    expect(bucket.dependencies?.some((d) => d.endsWith(`acme-${env}-audit-key-storage`))).toBe(true);
    const sink = one(plans[env], "gcp:logging/projectSink:ProjectSink");
    expect(sink).toMatchObject({ destination: `storage.googleapis.com/acme-${env}-audit-logs`, uniqueWriterIdentity: true, disabled: false });
    expect(sink.filter).toContain("cloudaudit.googleapis.com");
    const writers = inputsOf(plans[env], "gcp:storage/bucketIAMMember:BucketIAMMember").filter((m) => m.bucket === `acme-${env}-audit-logs`);
    expect(writers.map((w) => w.role)).toEqual(["roles/storage.objectCreator"]);
  });

  it("network: custom mode, flow logs of every flow, private Google access, Pod and Service ranges, NAT, private services access", () => {
    expect(one(plans[env], "gcp:compute/network:Network")).toMatchObject({ autoCreateSubnetworks: false, routingMode: "REGIONAL" });
    expect(one(plans[env], "gcp:compute/subnetwork:Subnetwork")).toMatchObject({
      ipCidrRange: "10.0.0.0/20",
      privateIpGoogleAccess: true,
      logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" },
      secondaryIpRanges: [{ rangeName: "pods", ipCidrRange: "10.0.128.0/17" }, { rangeName: "services", ipCidrRange: "10.0.16.0/20" }],
    });
    expect(one(plans[env], "gcp:compute/routerNat:RouterNat")).toMatchObject({ sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS", logConfig: { enable: true } });
    expect(one(plans[env], "gcp:compute/globalAddress:GlobalAddress")).toMatchObject({ purpose: "VPC_PEERING", addressType: "INTERNAL", address: "10.0.64.0", prefixLength: 18 });
    expect(one(plans[env], "gcp:servicenetworking/connection:Connection")).toMatchObject({ service: "servicenetworking.googleapis.com", reservedPeeringRanges: [`acme-${env}-private-services`] });
  });

  it("cluster: private nodes and endpoint, Workload Identity, Dataplane V2, CMEK secrets, shielded nodes, release channel", () => {
    const cluster = one(plans[env], "gcp:container/cluster:Cluster");
    expect(cluster).toMatchObject({
      location: "us-central1",
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: "10.0.32.0/28", masterGlobalAccessConfig: { enabled: false } },
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.0.0/16" }], gcpPublicCidrsAccessEnabled: false },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
      datapathProvider: "ADVANCED_DATAPATH",
      databaseEncryption: { state: "ENCRYPTED", keyName: keyId(env, "cluster") },
      enableShieldedNodes: true,
      releaseChannel: { channel: "REGULAR" },
      deletionProtection: env === "prod",
      removeDefaultNodePool: true,
      authenticatorGroupsConfig: { securityGroup: "gke-security-groups@acme.example.com" },
    });
    const pool = one(plans[env], "gcp:container/nodePool:NodePool");
    expect(pool).toMatchObject({
      autoscaling: { totalMinNodeCount: plans[env].spec.infra.cluster.minNodes, totalMaxNodeCount: plans[env].spec.infra.cluster.maxNodes, locationPolicy: "BALANCED" },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        serviceAccount: `acme-${env}-nodes@${project}.iam.gserviceaccount.com`,
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: "GKE_METADATA" },
        metadata: { "disable-legacy-endpoints": "true" },
        bootDiskKmsKey: keyId(env, "cluster"),
      },
    });
    // The default pool GKE creates before it is removed is as hardened as the platform's.
    expect(cluster.nodeConfig).toEqual(pool.nodeConfig);
    const kubeconfig = plans[env].outputs["kubeconfig"];
    expect(kubeconfig).toBe("[secret]");
  });

  it("registry: a repository per workload with every field explicit, and grants on each repository only", () => {
    const repositories = inputsOf(plans[env], "gcp:artifactregistry/repository:Repository");
    expect(repositories.map((r) => r.repositoryId).sort()).toEqual([`acme-${env}-api`, `acme-${env}-orders`]);
    for (const repository of repositories) {
      expect(repository).toMatchObject({
        format: "DOCKER",
        mode: "STANDARD_REPOSITORY",
        location: "us-central1",
        kmsKeyName: keyId(env, "registry"),
        dockerConfig: { immutableTags: true },
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        cleanupPolicyDryRun: false,
      });
      expect(repository.cleanupPolicies.map((p: Inputs) => p.action)).toEqual(["DELETE", "DELETE", "KEEP"]);
    }
    expect(plans[env].outputs["registryUrls"]).toEqual({ api: `us-central1-docker.pkg.dev/${project}/acme-${env}-api/api`, orders: `us-central1-docker.pkg.dev/${project}/acme-${env}-orders/orders` });
    expect(plans[env].outputs["registryHost"]).toBe("us-central1-docker.pkg.dev");
    const pool = (id: string) => `principalSet://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/acme-${env}-${id}/*`;
    const members = inputsOf(plans[env], "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember");
    const roleOf = (member: string) => [...new Set(members.filter((m) => m.member === member).map((m) => m.role))];
    expect(roleOf(pool("publish"))).toEqual(["roles/artifactregistry.writer"]);
    expect(roleOf(pool("deploy"))).toEqual(["roles/artifactregistry.reader"]);
    expect(roleOf(`serviceAccount:acme-${env}-nodes@${project}.iam.gserviceaccount.com`)).toEqual(["roles/artifactregistry.reader"]);
    expect(roleOf(pool("review"))).toEqual(env === "dev" ? ["roles/artifactregistry.writer"] : []);
  });

  it("CI identity: a pool per identity, its GitHub provider pinned to the repository and the exact subject", () => {
    const providers = inputsOf(plans[env], "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider");
    const deployEnvironment = env === "prod" ? "production" : "staging";
    const conditions = Object.fromEntries(providers.map((p) => [p.workloadIdentityPoolId.replace(`acme-${env}-`, ""), p.attributeCondition]));
    expect(conditions).toEqual({
      publish: "assertion.repository == 'acme/platform' && assertion.sub == 'repo:acme/platform:ref:refs/heads/main'",
      deploy: `assertion.repository == 'acme/platform' && assertion.sub == 'repo:acme/platform:environment:${deployEnvironment}' && assertion.environment == '${deployEnvironment}'`,
      preview: "assertion.repository == 'acme/platform' && assertion.sub == 'repo:acme/platform:environment:preview' && assertion.environment == 'preview'",
      ...(env === "dev" ? { review: "assertion.repository == 'acme/platform' && assertion.sub == 'repo:acme/platform:environment:review' && assertion.environment == 'review'" } : {}),
    });
    for (const provider of providers) expect(provider.oidc).toEqual({ issuerUri: "https://token.actions.githubusercontent.com", allowedAudiences: [`https://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${provider.workloadIdentityPoolId}/providers/github`] });
    expect(plans[env].outputs["deployIdentity"]).toBe(`projects/${number}/locations/global/workloadIdentityPools/acme-${env}-deploy/providers/github`);
    // Project-wide, only the role that reaches a cluster's API server, for the identities that reach it.
    const projectRoles = inputsOf(plans[env], "gcp:projects/iAMMember:IAMMember").map((m) => `${m.role} ${m.member.replace(/.*workloadIdentityPools\/|\/\*$/g, "")}`).sort();
    expect(projectRoles).toEqual([
      ...["deploy", "preview", ...(env === "dev" ? ["review"] : [])].map((id) => `roles/container.clusterViewer acme-${env}-${id}`),
      `roles/container.defaultNodeServiceAccount serviceAccount:acme-${env}-nodes@${project}.iam.gserviceaccount.com`,
    ].sort());
  });

  it("Kubernetes RBAC: deploy manages its namespace through a Role, preview only views", () => {
    const deployUser = `principal://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/acme-${env}-deploy/subject/repo:acme/platform:environment:${env === "prod" ? "production" : "staging"}`;
    const binding = inputsOf(plans[env], "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").find((b) => b.metadata.name === "ci-deploy")!;
    expect(binding).toMatchObject({ metadata: { namespace: `acme-${env}` }, roleRef: { kind: "Role", name: "ci-deploy" }, subjects: [{ kind: "User", name: deployUser }] });
    const role = inputsOf(plans[env], "kubernetes:rbac.authorization.k8s.io/v1:Role").find((r) => r.metadata.name === "ci-deploy")!;
    expect(role.rules.flatMap((r: Inputs) => r.resources)).not.toContain("secrets");
    const view = inputsOf(plans[env], "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").find((b) => b.metadata.name === `acme-${env}-ci-preview`)!;
    expect(view.roleRef).toMatchObject({ kind: "ClusterRole", name: "view" });
  });

  it("review (dev): the review identity's subject is confined to pr-<digits> namespaces by the namespace guard", () => {
    const reviewUser = `principal://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/acme-${env}-review/subject/repo:acme/platform:environment:review`;
    const policies = inputsOf(plans[env], "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy");
    const bindings = inputsOf(plans[env], "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").filter((b) => b.subjects.some((s: Inputs) => s.name === reviewUser));
    if (env === "prod") {
      expect(policies).toEqual([]);
      expect(bindings).toEqual([]);
      return;
    }
    expect(policies[0]!.spec.matchConditions[0].expression).toContain(`request.userInfo.username in ['${reviewUser}']`);
    expect(bindings.map((b) => b.roleRef.name).sort()).toEqual(["stratum-review-namespaces", "stratum-review-namespaces-workloads"]);
    const workloads = inputsOf(plans[env], "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").find((r) => r.metadata.name === "stratum-review-namespaces-workloads")!;
    expect(workloads.rules.flatMap((r: Inputs) => r.resources)).not.toContain("secrets");
  });

  it("workload identity: a service account per granted workload, bound to exactly its KSA, named in the annotation", () => {
    const accounts = inputsOf(plans[env], "gcp:serviceaccount/account:Account").map((a) => a.accountId).sort();
    expect(accounts).toEqual([`acme-${env}-api`, `acme-${env}-nodes`]);
    const members = inputsOf(plans[env], "gcp:serviceaccount/iAMMember:IAMMember");
    expect(members.filter((m) => m.role === "roles/iam.workloadIdentityUser").map((m) => m.member)).toEqual([`serviceAccount:${project}.svc.id.goog[acme-${env}/api]`]);
    // Dev hosts review environments: the review identity may bind their namespaces on the account, nothing more.
    expect(members.filter((m) => m.role !== "roles/iam.workloadIdentityUser").map((m) => m.role)).toEqual(env === "dev" ? [`projects/${project}/roles/acme_dev_review_binder`] : []);
    const sa = inputsOf(plans[env], "kubernetes:core/v1:ServiceAccount").find((s) => s.metadata.name === "api")!;
    expect(sa.metadata.annotations).toMatchObject({ "iam.gke.io/gcp-service-account": `acme-${env}-api@${project}.iam.gserviceaccount.com` });
    const egress = inputsOf(plans[env], "kubernetes:networking.k8s.io/v1:NetworkPolicy").flatMap((p) => (p.spec.egress ?? []).flatMap((e: Inputs) => (e.to ?? []).map((t: Inputs) => t.ipBlock?.cidr))).filter(Boolean);
    expect(egress).toContain("169.254.169.254/32");
  });

  it("labels every labelled resource with the platform's labels, within GCP's rules", () => {
    // The cluster's labels are its resourceLabels: the tags transform finds the property in the SDK's declarations.
    expect(one(plans[env], "gcp:container/cluster:Cluster").resourceLabels).toMatchObject({ environment: env, owner: "platform-team" });
    for (const resource of plans[env].resources.filter((r) => r.type.startsWith("gcp:") && ((r.inputs as Inputs)["labels"] ?? (r.inputs as Inputs)["resourceLabels"]) !== undefined)) {
      const labels = ((resource.inputs as Inputs)["labels"] ?? (resource.inputs as Inputs)["resourceLabels"]) as Record<string, string>;
      expect(labels, resource.name).toMatchObject({ environment: env, "managed-by": "stratum", owner: "platform-team", "cost-center": "cc-1042" });
      for (const [k, v] of Object.entries(labels)) {
        expect(k).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
        expect(v).toMatch(/^[a-z0-9_-]{0,63}$/);
      }
    }
  });
});
