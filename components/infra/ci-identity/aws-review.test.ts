import { runSimulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../../lib/plan/model.ts";
import { type PlannedStack } from "../../conformance/plan-stack.ts";
import { examplePlannedStack } from "../../../test/support/example-plans.ts";

/** The review identity of a dev stack: trust, IAM policy (evaluated with iam-simulate) and cluster access. */
let dev: PlannedStack;
let prod: PlannedStack;
beforeAll(async () => {
  dev = await examplePlannedStack("dev-aws");
  prod = await examplePlannedStack("prod-aws");
}, 120_000);

const account = "000000000000";
const ofType = (plan: PlannedStack, type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);
const role = (plan: PlannedStack, name: string) => ofType(plan, "aws:iam/role:Role").find((r) => r.name === name);

/** Every policy on the review role: its own, and the registry's grant of its pushes. */
const reviewPolicies = () => ofType(dev, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.inputs["role"] === "acme-dev-review").map((r) => ({ name: r.name, policy: JSON.parse(String(r.inputs["policy"])) }));

async function decision(action: string, resource: string, context: Record<string, string> = {}, policies = reviewPolicies()): Promise<string> {
  const result = await runSimulation({
    identityPolicies: policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: { action, principal: `arn:aws:iam::${account}:role/acme-dev-review`, resource: { accountId: account, resource }, contextVariables: context },
  }, {});
  if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

describe("the dev stack's review identity", () => {
  it("is trusted by exactly repo:acme/platform:environment:review, through GitHub's OIDC issuer", () => {
    const trust = JSON.parse(role(dev, "acme-dev-review")!.inputs["assumeRolePolicy"] as string);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/platform:environment:review" } },
      }),
    ]);
    expect(dev.outputs).toMatchObject({ reviewIdentity: `arn:aws:iam::${account}:role/acme-dev-review`, reviewSubject: "repo:acme/platform:environment:review" });
  });

  it("is the only role trusted in review: the deploy role trusts only staging", () => {
    const trusting = ofType(dev, "aws:iam/role:Role").filter((r) => String(r.inputs["assumeRolePolicy"]).includes("environment:review")).map((r) => r.name);
    expect(trusting).toEqual(["acme-dev-review"]);
    const deploy = JSON.parse(role(dev, "acme-dev-deploy")!.inputs["assumeRolePolicy"] as string);
    expect(deploy.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:acme/platform:environment:staging");
  });

  it("does not exist in a prod stack", () => {
    expect(role(prod, "acme-prod-review")).toBeUndefined();
    expect(prod.outputs["reviewIdentity"]).toBeUndefined();
    expect(JSON.stringify(prod.resources)).not.toContain("environment:review");
  });

  const cluster = `arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks`;
  const association = `arn:aws:eks:us-east-1:${account}:podidentityassociation/acme-dev-eks/a-0123456789abcdef0`;
  const repository = (name: string) => `arn:aws:ecr:us-east-1:${account}:repository/${name}`;

  it("may read the dev cluster and manage its Pod Identity associations", async () => {
    expect(await decision("eks:DescribeCluster", cluster)).toBe("Allowed");
    for (const action of ["eks:CreatePodIdentityAssociation", "eks:ListPodIdentityAssociations"]) expect(await decision(action, cluster), action).toBe("Allowed");
    for (const action of ["eks:DescribePodIdentityAssociation", "eks:DeletePodIdentityAssociation"]) expect(await decision(action, association), action).toBe("Allowed");
  });

  it("may pass exactly the dev stack's workload roles, and only to EKS Pod Identity", async () => {
    const roles = dev.outputs["workloadRoles"] as Record<string, string>;
    expect(Object.keys(roles).sort()).toEqual(["api", "orders"]);
    const toPods = { "iam:PassedToService": "pods.eks.amazonaws.com" };
    for (const arn of Object.values(roles)) {
      expect(await decision("iam:PassRole", arn, toPods), arn).toBe("Allowed");
      expect(await decision("iam:PassRole", arn, { "iam:PassedToService": "ec2.amazonaws.com" }), arn).toBe("ImplicitlyDenied");
    }
    for (const other of ["acme-dev-deploy", "acme-dev-review", "acme-dev-eks-node", "acme-prod-workloads/acme-prod-api", "acme-dev-workloads-x/acme-dev-api"]) {
      expect(await decision("iam:PassRole", `arn:aws:iam::${account}:role/${other}`, toPods), other).toBe("ImplicitlyDenied");
    }
  });

  it("may push to exactly the dev repositories of the review environment's workloads", async () => {
    for (const workload of ["api", "orders", "recommender"]) {
      for (const action of ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchCheckLayerAvailability"]) {
        expect(await decision(action, repository(`acme-dev-${workload}`)), `${action} ${workload}`).toBe("Allowed");
      }
    }
    expect(await decision("ecr:PutImage", repository("acme-dev-etl"))).toBe("ImplicitlyDenied");
    expect(await decision("ecr:PutImage", repository("acme-prod-api"))).toBe("ImplicitlyDenied");
    expect(await decision("ecr:BatchDeleteImage", repository("acme-dev-api"))).toBe("ImplicitlyDenied");
  });

  it("may change nothing else: no cluster, IAM, data or state of the dev stack", async () => {
    const denied: [string, string][] = [
      ["eks:UpdateClusterConfig", cluster],
      ["eks:CreateAccessEntry", cluster],
      ["eks:DeleteCluster", cluster],
      ["eks:UpdatePodIdentityAssociation", association],
      ["iam:CreateRole", `arn:aws:iam::${account}:role/anything`],
      ["iam:PutRolePolicy", `arn:aws:iam::${account}:role/acme-dev-workloads/acme-dev-api`],
      ["s3:GetObject", "arn:aws:s3:::acme-dev-lake-raw/x.csv"],
      ["rds-db:connect", `arn:aws:rds-db:us-east-1:${account}:dbuser:db-X/orders`],
    ];
    for (const [action, resource] of denied) expect(await decision(action, resource), action).toBe("ImplicitlyDenied");
  });

  it("reaches Kubernetes as the stratum-review group, with edit rights scoped to the pr-* namespaces only", () => {
    const entry = ofType(dev, "aws:eks/accessEntry:AccessEntry").find((r) => r.name === "acme-dev-review-access")!;
    expect(entry.inputs).toMatchObject({ kubernetesGroups: ["stratum-review"], type: "STANDARD" });
    const scoped = ofType(dev, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").find((r) => r.name === "acme-dev-review-access-policy")!;
    expect(scoped.inputs).toMatchObject({ policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy", accessScope: { type: "namespace", namespaces: ["pr-*"] } });
  });
});
