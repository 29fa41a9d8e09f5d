import type { PlanResource } from "../../lib/plan/model.ts";

/**
 * Insecure mutations of a recorded example plan, by kind: each is one change a careless engineer (or an attacker
 * with commit access) could make, and the rule that must refuse it. `example-stacks.test.ts` runs every one
 * through `stratum policy check` on both example stacks; the counts per kind go in the closing note.
 */
export type Mutation = (resources: PlanResource[]) => void;
export interface InsecureMutation {
  readonly kind: string;
  readonly what: string;
  readonly rule: string;
  readonly mutate: Mutation;
}

type Inputs = Record<string, any>;

export function first(resources: PlanResource[], type: string, where: (r: PlanResource) => boolean = () => true): PlanResource {
  const found = resources.find((r) => r.type === type && where(r));
  if (!found) throw new Error(`the example plan has no ${type}`);
  return found;
}

const edit = (type: string, change: (inputs: Inputs, resource: PlanResource) => void, where?: (r: PlanResource) => boolean): Mutation => (rs) => {
  const r = first(rs, type, where);
  change(r.inputs as Inputs, r);
};
const add = (type: string, name: string, inputs: (resources: PlanResource[]) => Inputs): Mutation => (rs) => {
  const stack = first(rs, "pulumi:pulumi:Stack").urn.split("::")[0]!.replace("urn:pulumi:", "");
  rs.push({ urn: `urn:pulumi:${stack}::stratum::${type}::${name}`, type, name, parent: null, inputs: inputs(rs) });
};
const sg = "aws:ec2/securityGroup:SecurityGroup";
const sgName = (rs: PlanResource[]) => first(rs, sg).name;
const eks = "aws:eks/cluster:Cluster";
const ecr = "aws:ecr/repository:Repository";
const deployment = "kubernetes:apps/v1:Deployment";
const podOf = (i: Inputs) => i["spec"].template.spec as Inputs;
const containerOf = (i: Inputs) => podOf(i)["containers"][0] as Inputs;
const rbacRole = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const binding = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const rolePolicy = "aws:iam/rolePolicy:RolePolicy";
const statement = (s: Inputs) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const grant = (s: Inputs): Mutation => edit(rolePolicy, (i) => void (i["policy"] = statement({ Effect: "Allow", ...s })));
const appendStatement = (type: string, field: string, s: Inputs, where?: (r: PlanResource) => boolean): Mutation =>
  edit(type, (i) => {
    const document = JSON.parse(i[field]);
    document.Statement = [...[document.Statement].flat(), s];
    i[field] = JSON.stringify(document);
  }, where);
const attach = (policy: string): Mutation => edit("aws:iam/rolePolicyAttachment:RolePolicyAttachment", (i) => void (i["policyArn"] = `arn:aws:iam::aws:policy/${policy}`));
/** The CI roles' trust, edited: the deploy (or preview) role as stratum generates it, with one condition widened. */
const trust = (role: "deploy" | "preview", change: (condition: Inputs) => Inputs | undefined): Mutation =>
  edit("aws:iam/role:Role", (i) => {
    const document = JSON.parse(i["assumeRolePolicy"]);
    const s = [document.Statement].flat()[0];
    const next = change(structuredClone(s.Condition));
    if (next === undefined) delete s.Condition;
    else s.Condition = next;
    i["assumeRolePolicy"] = JSON.stringify(document);
  }, (r) => r.name.endsWith(`-${role}`));
const gh = "token.actions.githubusercontent.com";
const catalog = "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings";

export const insecureMutations: readonly InsecureMutation[] = [
  // Network rules open to the internet, on any port, and the cluster endpoint.
  { kind: "network", what: "security group ingress from 0.0.0.0/0", rule: "no-internet-ingress", mutate: edit(sg, (i) => void i["ingress"].push({ cidrBlocks: ["0.0.0.0/0"], fromPort: 5432, toPort: 5432, protocol: "tcp" })) },
  { kind: "network", what: "security group ingress from ::/0 on every port", rule: "no-internet-ingress", mutate: edit(sg, (i) => void i["ingress"].push({ ipv6CidrBlocks: ["::/0"], fromPort: 0, toPort: 0, protocol: "-1" })) },
  { kind: "network", what: "security group ingress from two /1s", rule: "no-internet-ingress", mutate: edit(sg, (i) => void i["ingress"].push({ cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"], fromPort: 22, toPort: 22, protocol: "tcp" })) },
  { kind: "network", what: "every public /8 but the private ones", rule: "no-internet-ingress", mutate: edit(sg, (i) => void i["ingress"].push({ cidrBlocks: Array.from({ length: 223 }, (_, n) => `${n + 1}.0.0.0/8`).filter((c) => !["10.0.0.0/8", "127.0.0.0/8"].includes(c)), fromPort: 443, toPort: 443, protocol: "tcp" })) },
  { kind: "network", what: "a separate SecurityGroupIngressRule from 0.0.0.0/0", rule: "no-internet-ingress", mutate: add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "open", (rs) => ({ securityGroupId: sgName(rs), cidrIpv4: "0.0.0.0/0", ipProtocol: "-1" })) },
  {
    kind: "network", what: "two separate ingress rules from 0.0.0.0/1 and 128.0.0.0/1", rule: "no-internet-ingress",
    mutate: (rs) => {
      add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "low", (r) => ({ securityGroupId: sgName(r), cidrIpv4: "0.0.0.0/1", ipProtocol: "tcp", fromPort: 443, toPort: 443 }))(rs);
      add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "high", (r) => ({ securityGroupId: sgName(r), cidrIpv4: "128.0.0.0/1", ipProtocol: "tcp", fromPort: 443, toPort: 443 }))(rs);
    },
  },
  { kind: "network", what: "an ec2 SecurityGroupRule ingress from 0.0.0.0/0 on 22", rule: "no-internet-ingress", mutate: add("aws:ec2/securityGroupRule:SecurityGroupRule", "ssh", (rs) => ({ type: "ingress", securityGroupId: sgName(rs), cidrBlocks: ["0.0.0.0/0"], fromPort: 22, toPort: 22, protocol: "tcp" })) },
  { kind: "network", what: "the default security group open to 0.0.0.0/0", rule: "no-internet-ingress", mutate: edit("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", (i) => void (i["ingress"] = [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 0, toPort: 0, protocol: "-1" }])) },
  { kind: "network", what: "cluster endpoint public with no CIDRs (AWS: 0.0.0.0/0)", rule: "no-internet-ingress", mutate: edit(eks, (i) => void (i["vpcConfig"].endpointPublicAccess = true)) },
  { kind: "network", what: "cluster endpoint public to two /1s", rule: "no-internet-ingress", mutate: edit(eks, (i) => void Object.assign(i["vpcConfig"], { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] })) },
  { kind: "network", what: "cluster endpoint public to 0.0.0.0/0", rule: "no-internet-ingress", mutate: edit(eks, (i) => void Object.assign(i["vpcConfig"], { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] })) },
  // Logging switched off while the resource stays.
  { kind: "logging", what: "trail with enableLogging false", rule: "audit-logging", mutate: edit("aws:cloudtrail/trail:Trail", (i) => void (i["enableLogging"] = false)) },
  { kind: "logging", what: "cluster without audit logs", rule: "audit-logging", mutate: edit(eks, (i) => void (i["enabledClusterLogTypes"] = ["api"])) },
  { kind: "logging", what: "cluster with no control-plane logs", rule: "audit-logging", mutate: edit(eks, (i) => void delete i["enabledClusterLogTypes"]) },
  // Registries and the CDN.
  { kind: "registry", what: "mutable tags", rule: "registry-immutable-scanned", mutate: edit(ecr, (i) => void (i["imageTagMutability"] = "MUTABLE")) },
  { kind: "registry", what: "scan on push off", rule: "registry-immutable-scanned", mutate: edit(ecr, (i) => void (i["imageScanningConfiguration"] = { scanOnPush: false })) },
  { kind: "registry", what: "no scanning configuration", rule: "registry-immutable-scanned", mutate: edit(ecr, (i) => void delete i["imageScanningConfiguration"]) },
  { kind: "registry", what: "registry-wide scanning set to manual", rule: "registry-immutable-scanned", mutate: add("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", "scanning", () => ({ scanType: "BASIC", rules: [{ scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] })) },
  { kind: "cdn", what: "distribution without a web ACL", rule: "cdn-waf", mutate: edit("aws:cloudfront/distribution:Distribution", (i) => void delete i["webAclId"]) },
  // Kubernetes: Ingress TLS, containers, exposure.
  { kind: "ingress", what: "Ingress without TLS", rule: "tls-in-transit", mutate: edit("kubernetes:networking.k8s.io/v1:Ingress", (i) => void delete i["spec"].tls) },
  { kind: "ingress", what: "Ingress host outside its TLS hosts", rule: "tls-in-transit", mutate: edit("kubernetes:networking.k8s.io/v1:Ingress", (i) => void i["spec"].rules.push({ host: "admin.acme.example.com", http: i["spec"].rules[0].http })) },
  { kind: "containers", what: "capabilities.add NET_ADMIN", rule: "k8s-restricted-pod-security", mutate: edit(deployment, (i) => void (containerOf(i)["securityContext"].capabilities.add = ["NET_ADMIN"])) },
  { kind: "containers", what: "runAsUser 0 with runAsNonRoot true (pod)", rule: "k8s-restricted-pod-security", mutate: edit(deployment, (i) => void (podOf(i)["securityContext"].runAsUser = 0)) },
  { kind: "containers", what: "runAsUser 0 with runAsNonRoot true (container)", rule: "k8s-restricted-pod-security", mutate: edit(deployment, (i) => void Object.assign(containerOf(i)["securityContext"], { runAsNonRoot: true, runAsUser: 0 })) },
  { kind: "containers", what: "hostPort", rule: "k8s-no-host-access", mutate: edit(deployment, (i) => void (containerOf(i)["ports"][0].hostPort = 8080)) },
  { kind: "containers", what: "pod automountServiceAccountToken true", rule: "k8s-restricted-pod-security", mutate: edit(deployment, (i) => void (podOf(i)["automountServiceAccountToken"] = true)) },
  { kind: "containers", what: "service account automountServiceAccountToken true", rule: "k8s-restricted-pod-security", mutate: edit("kubernetes:core/v1:ServiceAccount", (i) => void (i["automountServiceAccountToken"] = true)) },
  { kind: "containers", what: "LoadBalancer Service outside the ingress path", rule: "k8s-service-exposure", mutate: edit("kubernetes:core/v1:Service", (i) => void (i["spec"].type = "LoadBalancer")) },
  { kind: "containers", what: "NodePort Service", rule: "k8s-service-exposure", mutate: edit("kubernetes:core/v1:Service", (i) => void (i["spec"].type = "NodePort")) },
  // RBAC.
  { kind: "rbac", what: "verbs *", rule: "no-wildcard-iam", mutate: edit(rbacRole, (i) => void (i["rules"][0].verbs = ["*"])) },
  { kind: "rbac", what: "resources *", rule: "no-wildcard-iam", mutate: edit(rbacRole, (i) => void (i["rules"][0].resources = ["*"])) },
  { kind: "rbac", what: "apiGroups *", rule: "no-wildcard-iam", mutate: edit(rbacRole, (i) => void (i["rules"][0].apiGroups = ["*"])) },
  { kind: "rbac", what: "binding to system:authenticated", rule: "no-privileged-roles", mutate: edit(binding, (i) => void i["subjects"].push({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:authenticated" })) },
  { kind: "rbac", what: "binding to system:anonymous", rule: "no-privileged-roles", mutate: edit(binding, (i) => void (i["subjects"] = [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "system:anonymous" }])) },
  { kind: "rbac", what: "binding to system:unauthenticated", rule: "no-privileged-roles", mutate: edit(binding, (i) => void (i["subjects"] = [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:unauthenticated" }])) },
  // IAM.
  { kind: "iam", what: "iam:* on *", rule: "no-wildcard-iam", mutate: grant({ Action: ["iam:*"], Resource: ["*"] }) },
  { kind: "iam", what: "s3:* on *", rule: "no-wildcard-iam", mutate: grant({ Action: "s3:*", Resource: "*" }) },
  { kind: "iam", what: "* on *", rule: "no-wildcard-iam", mutate: grant({ Action: "*", Resource: "*" }) },
  { kind: "iam", what: "NotAction", rule: "no-wildcard-iam", mutate: grant({ NotAction: ["iam:*"], Resource: "*" }) },
  { kind: "iam", what: "NotResource", rule: "no-wildcard-iam", mutate: grant({ Action: ["s3:GetObject"], NotResource: ["arn:aws:s3:::secret/*"] }) },
  { kind: "iam", what: "bucket policy allowing Principal *", rule: "no-public-principal", mutate: appendStatement("aws:s3/bucketPolicy:BucketPolicy", "policy", { Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["*"] }) },
  { kind: "iam", what: "key policy allowing {AWS: *}", rule: "no-public-principal", mutate: appendStatement("aws:kms/key:Key", "policy", { Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: ["*"] }) },
  { kind: "iam", what: "trust policy allowing Principal *", rule: "no-public-principal", mutate: appendStatement("aws:iam/role:Role", "assumeRolePolicy", { Effect: "Allow", Principal: "*", Action: ["sts:AssumeRole"] }) },
  { kind: "iam", what: "AdministratorAccess attached", rule: "no-privileged-roles", mutate: attach("AdministratorAccess") },
  { kind: "iam", what: "PowerUserAccess attached", rule: "no-privileged-roles", mutate: attach("PowerUserAccess") },
  { kind: "iam", what: "AmazonS3FullAccess attached", rule: "no-privileged-roles", mutate: attach("AmazonS3FullAccess") },
  // The GitHub OIDC trust of the roles stratum generates.
  { kind: "oidc", what: "deploy sub matched with StringLike repo:acme/platform:*", rule: "ci-identity-federated", mutate: trust("deploy", (c) => ({ StringEquals: { [`${gh}:aud`]: c["StringEquals"][`${gh}:aud`] }, StringLike: { [`${gh}:sub`]: "repo:acme/platform:*" } })) },
  { kind: "oidc", what: "deploy gains a StringLike sub beside the exact one", rule: "ci-identity-federated", mutate: trust("deploy", (c) => ({ ...c, StringLike: { [`${gh}:sub`]: "repo:acme/*" } })) },
  { kind: "oidc", what: "deploy trust without any condition", rule: "ci-identity-federated", mutate: trust("deploy", () => undefined) },
  { kind: "oidc", what: "deploy trust without aud", rule: "ci-identity-federated", mutate: trust("deploy", (c) => ({ StringEquals: { [`${gh}:sub`]: c["StringEquals"][`${gh}:sub`] } })) },
  { kind: "oidc", what: "deploy trust without sub", rule: "ci-identity-federated", mutate: trust("deploy", (c) => ({ StringEquals: { [`${gh}:aud`]: c["StringEquals"][`${gh}:aud`] } })) },
  { kind: "oidc", what: "preview sub with a wildcard under StringEquals", rule: "ci-identity-federated", mutate: trust("preview", (c) => ({ StringEquals: { ...c["StringEquals"], [`${gh}:sub`]: "repo:acme/*:environment:preview" } })) },
  { kind: "oidc", what: "preview aud matched with StringLike *", rule: "ci-identity-federated", mutate: trust("preview", (c) => ({ StringEquals: { [`${gh}:sub`]: c["StringEquals"][`${gh}:sub`] }, StringLike: { [`${gh}:aud`]: "*" } })) },
  // Glue and the warehouse.
  { kind: "glue", what: "a Glue job without a security configuration", rule: "encryption-at-rest-cmk", mutate: add("aws:glue/job:Job", "unencrypted-etl", () => ({ command: { name: "glueetl", scriptLocation: "s3://scripts/etl.py" }, roleArn: "arn:aws:iam::000000000000:role/etl" })) },
  { kind: "glue", what: "catalog encryption DISABLED", rule: "encryption-at-rest-cmk", mutate: edit(catalog, (i) => void (i["dataCatalogEncryptionSettings"].encryptionAtRest = { catalogEncryptionMode: "DISABLED" })) },
  { kind: "glue", what: "catalog encryption settings removed", rule: "encryption-at-rest-cmk", mutate: (rs) => void rs.splice(rs.indexOf(first(rs, catalog)), 1) },
  { kind: "glue", what: "security configuration with S3 encryption DISABLED", rule: "encryption-at-rest-cmk", mutate: edit("aws:glue/securityConfiguration:SecurityConfiguration", (i) => void (i["encryptionConfiguration"].s3Encryption = { s3EncryptionMode: "DISABLED" })) },
  { kind: "warehouse", what: "workgroup require_ssl false", rule: "database-ssl", mutate: edit("aws:redshiftserverless/workgroup:Workgroup", (i) => void (i["configParameters"] = [{ parameterKey: "require_ssl", parameterValue: "false" }])) },
  { kind: "warehouse", what: "workgroup without config parameters", rule: "database-ssl", mutate: edit("aws:redshiftserverless/workgroup:Workgroup", (i) => void delete i["configParameters"]) },
];
