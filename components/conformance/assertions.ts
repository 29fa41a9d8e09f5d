import { secretPlaceholder } from "../../lib/plan/model.ts";
import { findings } from "../../policy/evaluate.ts";
import { policyContextFromSpec } from "../../policy/context.ts";
import { allRules } from "../../policy/rules/index.ts";
import { deployTrustFor, githubEnvironments } from "../github-environments.ts";
import type { Cloud, PlatformSpec } from "../spec/index.ts";
import type { Rule } from "../../policy/rule.ts";
import type { Inspector, Plan } from "./inspector.ts";

/** A plan as the suite asserts on it: the recorded resources and outputs, and the spec they were planned from. */
export type AssertedPlan = Plan & { readonly spec: PlatformSpec };

/**
 * One promise of the platform, as a check that lists what breaks it (empty: it holds). Each holds on every
 * cloud's fixture plans and fails on at least one mutation of them (the cloud's `mutations[id]`).
 */
export interface Assertion {
  readonly id: string;
  readonly promise: string;
  /** The clouds whose plans it can judge; absent: every cloud. */
  readonly clouds?: readonly Cloud[];
  readonly problems: (plan: AssertedPlan, inspector: Inspector) => string[];
}

/** The resource types of each cloud's plans (Kubernetes objects run on every cloud's cluster). */
const typePrefixes: Readonly<Record<Cloud, readonly string[]>> = {
  aws: ["aws:", "kubernetes:"],
  gcp: ["gcp:", "kubernetes:"],
  azure: ["azure-native:", "azuread:", "kubernetes:"],
};

/**
 * The clouds a rule can judge: every cloud for a rule with a stack check or no type list; else the clouds whose
 * types it lists (a rule of Key Vault settings has nothing to say about an AWS plan, and no AWS mutation breaks it).
 */
function ruleClouds(rule: Rule): { clouds?: readonly Cloud[] } {
  if (rule.checkStack !== undefined || rule.resourceTypes === undefined) return {};
  const types = rule.resourceTypes;
  return { clouds: (Object.keys(typePrefixes) as Cloud[]).filter((cloud) => types.some((t) => typePrefixes[cloud].some((p) => t.startsWith(p)))) };
}

/**
 * Every rule of the policy catalogue, evaluated exactly as `stratum plan` and the CrossGuard pack evaluate it
 * (`findings`: the rule's per-resource check and its stack check), on the stack's own context, whatever its
 * frameworks select: the fixtures must violate none. The property is defined once, in the rule.
 */
export const ruleAssertions: readonly Assertion[] = allRules.map((rule) => ({
  id: rule.id,
  promise: `no violation of ${rule.id}: ${rule.description}`,
  ...ruleClouds(rule),
  problems: (plan) => findings(rule, plan.resources, policyContextFromSpec(plan.spec)).map((f) => `${f.urn}: ${f.message}`),
}));

/** Stack outputs that carry credentials or the means to get them: always Pulumi secrets. */
const secretOutputs = ["kubeconfig", "databaseAdminSecret"] as const;
const credentialLike = /(password|secret|token|BEGIN [A-Z ]*PRIVATE KEY|certificate-authority-data)/i;

const sorted = (values: readonly string[]) => JSON.stringify([...values].sort());

/** What no rule sees: properties no rule covers yet, dev/prod differences, the exact CI subjects, secret outputs. */
export const inspectorAssertions: readonly Assertion[] = [
  {
    id: "storage-versioned",
    promise: "every bucket keeps object versions",
    problems: (plan, inspector) => nonEmpty(inspector.storage(plan), "bucket").concat(inspector.storage(plan).filter((b) => !b.versioned).map((b) => `${b.id}: not versioned`)),
  },
  {
    id: "storage-access-logged",
    promise: "every bucket but the audit log destination logs object access (Azure: every storage account's blob service logs to the workspace)",
    problems: (plan, inspector) => {
      const destination = plan.outputs["auditLogDestination"];
      const storage = inspector.storage(plan);
      // Azure's audit logs land in a Log Analytics workspace, not a bucket: the output names one of the plan's.
      const workspace = inspector.logWorkspaces?.(plan).some((w) => typeof destination === "string" && destination.endsWith(`/workspaces/${w}`));
      const missing = workspace || storage.some((b) => b.location === destination) ? [] : [`no bucket or log workspace is the audit log destination ${JSON.stringify(destination)}`];
      return [...missing, ...storage.filter((b) => b.location !== destination && !b.accessLogged).map((b) => `${b.id}: object access is not logged`)];
    },
  },
  {
    id: "database-by-environment",
    promise: "prod protects its database from deletion and spreads it over zones; dev keeps it single-zone and deletable",
    problems: (plan, inspector) => {
      const prod = plan.spec.environment === "prod";
      return nonEmpty(inspector.databases(plan), "database").concat(
        inspector.databases(plan).flatMap((db) => [
          ...(db.deletionProtected !== prod ? [`${db.id}: deletion protection ${db.deletionProtected ? "on" : "off"} in ${plan.spec.environment}`] : []),
          ...(db.multiZone !== prod ? [`${db.id}: ${db.multiZone ? "multi-zone" : "single-zone"} in ${plan.spec.environment}`] : []),
        ]),
      );
    },
  },
  {
    id: "key-per-domain",
    promise: "data domains are encrypted with keys of their own, not one key for everything",
    problems: (plan, inspector) => (inspector.keys(plan).length > 1 ? [] : [`${inspector.keys(plan).length} customer-managed key(s); expected one per data domain`]),
  },
  {
    id: "ci-exact-subjects",
    promise: "each CI identity trusts exactly its subjects: deploy where deploys run, publish on pushes to main, read-only preview in preview, and (dev) review in review",
    problems: (plan, inspector) => {
      const { repository } = plan.spec.github;
      const subject = (env: string) => `repo:${repository}:environment:${env}`;
      const deploy = deployTrustFor(plan.spec.environment).map(subject);
      const preview = subject(githubEnvironments.preview);
      const publish = `repo:${repository}:ref:refs/heads/main`;
      // Dev stacks, the bases of review environments, also have the review identity, trusted only in `review`.
      const review = plan.spec.environment === "dev" ? subject(githubEnvironments.review) : undefined;
      const wanted = [deploy, [publish], [preview], ...(review ? [[review]] : [])];
      const trusted = inspector.ciTrust(plan).map((t) => sorted(t.subjects));
      const o = plan.outputs;
      const others = ["publishIdentity", "previewIdentity", "reviewIdentity"].filter((name) => o[name] !== undefined && o[name] === o["deployIdentity"]);
      return [
        ...wanted.filter((want) => !trusted.includes(sorted(want))).map((want) => `no CI identity trusts exactly ${JSON.stringify(want)}`),
        ...(trusted.length === wanted.length ? [] : [`${trusted.length} CI identities trust GitHub; expected ${wanted.length} (deploy, publish, preview${review ? ", review" : ""})`]),
        ...(sorted((o["deploySubjects"] as string[] | undefined) ?? []) === sorted(deploy) && o["publishSubject"] === publish && o["previewSubject"] === preview && o["reviewSubject"] === review
          ? []
          : ["the subject outputs are not the trusted subjects"]),
        ...others.map((name) => `${name} is the deploy identity`),
      ];
    },
  },
  {
    id: "secret-outputs",
    promise: "credentials are exported only as secrets",
    problems: (plan) => {
      const o = plan.outputs;
      const plain = JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !(secretOutputs as readonly string[]).includes(k))));
      return [
        ...secretOutputs.filter((name) => o[name] !== secretPlaceholder).map((name) => `output ${name} is not a secret`),
        ...(credentialLike.test(plain) ? [`a plain output looks like a credential (${credentialLike.exec(plain)?.[0]})`] : []),
      ];
    },
  },
];

function nonEmpty(list: readonly unknown[], what: string): string[] {
  return list.length > 0 ? [] : [`the plan has no ${what}`];
}

export const assertions: readonly Assertion[] = [...ruleAssertions, ...inspectorAssertions];

/** The assertions a cloud's plans are held to. */
export function assertionsFor(cloud: Cloud): readonly Assertion[] {
  return assertions.filter((a) => a.clouds === undefined || a.clouds.includes(cloud));
}
