import { beforeAll, describe, expect, it } from "vitest";
import { secretPlaceholder } from "../../lib/plan/model.ts";
import { internetFamilies } from "../../policy/properties/internet-cidr.ts";
import { deployTrustFor, githubEnvironments } from "../github-environments.ts";
import type { Cloud } from "../spec/index.ts";
import type { Inspector } from "./inspector.ts";
import { tiers } from "../../lib/plan/tiers.ts";
import { inventory, planExampleStack, type PlannedStack } from "./plan-stack.ts";

/** The inspector of each cloud: adding a cloud to the suite is adding its inspector here. */
async function inspectorFor(cloud: Cloud): Promise<Inspector> {
  switch (cloud) {
    case "aws":
      return (await import("./inspectors/aws.ts")).awsInspector;
    case "gcp":
    case "azure":
      throw new Error(`no conformance inspector for ${cloud} yet: add components/conformance/inspectors/${cloud}.ts`);
  }
}

/** Stack outputs that carry credentials or the means to get them: always Pulumi secrets. */
const secretOutputs = ["kubeconfig", "databaseAdminSecret"] as const;
const credentialLike = /(password|secret|token|BEGIN [A-Z ]*PRIVATE KEY|certificate-authority-data)/i;

/**
 * The security properties every cloud's implementation promises, asserted on the offline plans of two example
 * stacks of that cloud: a dev stack and a prod stack of the reference platform.
 */
export function describeConformance(cloud: Cloud, stacks: { readonly dev: string; readonly prod: string }): void {
  describe(`conformance: ${cloud}`, () => {
    let inspector: Inspector;
    const plans = {} as Record<"dev" | "prod", PlannedStack>;
    beforeAll(async () => {
      inspector = await inspectorFor(cloud);
      plans.dev = await planExampleStack(stacks.dev);
      plans.prod = await planExampleStack(stacks.prod);
    });

    for (const environment of ["dev", "prod"] as const) {
      describe(`${stacks[environment]} (${environment})`, () => {
        const plan = () => plans[environment];

        it("plans resources in every tier", () => {
          const byTier = inventory(plan());
          for (const tier of tiers) expect(byTier[tier].length, `${tier} tier`).toBeGreaterThan(0);
        });

        it("keeps every bucket private, encrypted with a customer-managed key, versioned and TLS-only", () => {
          const storage = inspector.storage(plan());
          expect(storage.length).toBeGreaterThan(0);
          for (const bucket of storage) expect(bucket, bucket.id).toMatchObject({ publicAccessBlocked: true, customerManagedKey: true, versioned: true, tlsOnly: true });
        });

        it("logs object access of every bucket but the audit log destination", () => {
          const destination = plan().outputs["auditLogDestination"];
          const storage = inspector.storage(plan());
          expect(storage.map((b) => b.location)).toContain(destination);
          for (const bucket of storage.filter((b) => b.location !== destination)) expect(bucket.accessLogged, bucket.id).toBe(true);
        });

        it("keeps databases and warehouses private, TLS-only and encrypted with a customer-managed key", () => {
          const stores = inspector.dataStores(plan());
          expect(stores.map((s) => s.kind).sort()).toEqual(["database", "warehouse"]);
          for (const store of stores) expect(store, store.id).toMatchObject({ publiclyAccessible: false, customerManagedKey: true, tlsRequired: true });
        });

        it(environment === "prod" ? "protects the database from deletion and spreads it over zones" : "keeps the database single-zone and deletable", () => {
          for (const db of inspector.dataStores(plan()).filter((s) => s.kind === "database")) {
            expect(db, db.id).toMatchObject({ deletionProtected: environment === "prod", multiZone: environment === "prod" });
          }
        });

        it("keeps the cluster API private and its secrets encrypted with a customer-managed key", () => {
          const clusters = inspector.clusters(plan());
          expect(clusters).toHaveLength(1);
          for (const cluster of clusters) {
            expect(cluster.secretsEncryptedWithCustomerKey, cluster.id).toBe(true);
            expect(cluster.publicEndpoint && cluster.publicAccessCidrs.length === 0, `${cluster.id}: public to the whole internet`).toBe(false);
            if (environment === "prod") expect(cluster.publicEndpoint, cluster.id).toBe(false);
          }
        });

        it("admits no inbound traffic from the whole internet, to the cluster API nor through any network rule", () => {
          expect(inspector.internetIngress(plan())).toEqual([]);
          for (const cluster of inspector.clusters(plan())) expect(internetFamilies(cluster.publicAccessCidrs), cluster.id).toEqual([]);
        });

        it("uses several keys, each rotated", () => {
          const keys = inspector.keys(plan());
          expect(keys.length).toBeGreaterThan(1);
          for (const key of keys) expect(key.rotation, key.id).toBe(true);
        });

        it("audits every region with tamper-evident, encrypted logs", () => {
          const audit = inspector.audit(plan());
          expect(audit.length).toBeGreaterThan(0);
          for (const trail of audit) expect(trail, trail.id).toMatchObject({ allRegions: true, tamperEvident: true, customerManagedKey: true });
        });

        it("grants no wildcard action on every resource", () => {
          expect(inspector.broadGrants(plan())).toEqual([]);
        });

        it("pins each CI identity to exact subjects: deploy where deploys run, publish on pushes to main, read-only in preview", () => {
          const { repository } = plan().spec.github;
          const subject = (env: string) => `repo:${repository}:environment:${env}`;
          const deploy = deployTrustFor(plan().spec.environment).map(subject);
          const preview = subject(githubEnvironments.preview);
          const publish = `repo:${repository}:ref:refs/heads/main`;
          // Dev stacks, the bases of review environments, also have the review identity, trusted only in `review`.
          const review = plan().spec.environment === "dev" ? [subject(githubEnvironments.review)] : [];
          const trusts = inspector.ciTrust(plan());
          expect(trusts.map((t) => [...t.subjects].sort())).toEqual(expect.arrayContaining([[...deploy].sort(), [publish], [preview], ...(review.length ? [review] : [])]));
          expect(trusts).toHaveLength(3 + (review.length ? 1 : 0));
          for (const trust of trusts) {
            expect(trust.patternMatched, trust.id).toBe(false);
            expect(trust.audiences.length, trust.id).toBeGreaterThan(0);
          }
          expect(plan().outputs).toMatchObject({ deploySubjects: deploy, publishSubject: publish, previewSubject: preview, ...(review.length ? { reviewSubject: review[0] } : {}) });
          if (!review.length) expect(plan().outputs["reviewSubject"]).toBeUndefined();
          expect(plan().outputs["publishIdentity"]).not.toBe(plan().outputs["deployIdentity"]);
          expect(plan().outputs["previewIdentity"]).not.toBe(plan().outputs["deployIdentity"]);
        });

        it("exports credentials only as secrets", () => {
          const outputs = plan().outputs;
          for (const name of secretOutputs) expect(outputs[name], name).toBe(secretPlaceholder);
          const plain = JSON.stringify(Object.fromEntries(Object.entries(outputs).filter(([k]) => !(secretOutputs as readonly string[]).includes(k))));
          expect(plain).not.toMatch(credentialLike);
        });
      });
    }
  });
}
