import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../../lib/plan/model.ts";
import { type PlannedStack } from "../../conformance/plan-stack.ts";
import { stackReadActions } from "../../clouds/aws/stack-read-actions.ts";
import { examplePlannedStack } from "../../../test/support/example-plans.ts";

/** The three CI roles of the example stacks, as planned: what each may do, on which resources. */
const plans = {} as Record<"dev" | "prod", PlannedStack>;
beforeAll(async () => {
  plans.dev = await examplePlannedStack("dev-aws");
  plans.prod = await examplePlannedStack("prod-aws");
});

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}
const named = (plan: PlannedStack, type: string, name: string): PlanResource => {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`${plan.stack}: no ${type} ${name}`);
  return found;
};
/** The role's own policy: what the CI identity grants it itself. */
const own = (plan: PlannedStack, role: string): Statement[] => JSON.parse(String(named(plan, "aws:iam/rolePolicy:RolePolicy", `${role}-permissions`).inputs["policy"])).Statement;
/** Every policy on the role, its own and those the resources it acts on attach to it: what it may do. */
const statements = (plan: PlannedStack, role: string): Statement[] =>
  plan.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs["role"] === role).flatMap((r) => JSON.parse(String(r.inputs["policy"])).Statement);
const trust = (plan: PlannedStack, role: string) => JSON.parse(String(named(plan, "aws:iam/role:Role", role).inputs["assumeRolePolicy"])).Statement;
const repositories = (env: string) => ["api", "etl", "orders", "recommender"].map((w) => `arn:aws:ecr:us-east-1:000000000000:repository/acme-${env}-${w}`);

describe.each(["dev", "prod"] as const)("%s-aws CI identities", (env) => {
  const plan = () => plans[env];

  it("publish: trusted only for pushes to main, pushes to exactly the stack's repositories, the registry key only through ECR", () => {
    expect(trust(plan(), `acme-${env}-publish`)).toEqual([expect.objectContaining({
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/platform:ref:refs/heads/main" } },
    })]);
    expect(statements(plan(), `acme-${env}-publish`)).toEqual([
      { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
      {
        Sid: "PushImages",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"],
        Resource: repositories(env),
      },
      { Sid: "RegistryKeyThroughEcr", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [`arn:aws:kms:us-east-1:000000000000:key/acme-${env}-registry-key`], Condition: { StringEquals: { "kms:ViaService": "ecr.us-east-1.amazonaws.com" } } },
    ]);
    // Granted by the registry, on its own repositories; the publish role has no policy of its own.
    const grant = named(plan(), "aws:iam/rolePolicy:RolePolicy", `acme-${env}-publish-registry`);
    expect([grant.parent?.split("$").pop(), grant.inputs["role"]]).toEqual(["stratum:infra:Registry::infra-registry", `acme-${env}-publish`]);
    expect(plan().resources.some((r) => r.name === `acme-${env}-publish-permissions`)).toBe(false);
    expect(plan().outputs).toMatchObject({ publishIdentity: `arn:aws:iam::000000000000:role/acme-${env}-publish`, publishSubject: "repo:acme/platform:ref:refs/heads/main" });
    // Publishing never needs the cluster: no access entry at all.
    expect(plan().resources.filter((r) => r.type.startsWith("aws:eks/access") && String(r.inputs["principalArn"]).endsWith("-publish"))).toEqual([]);
  });

  it("deploy: pulls but never pushes images, and administers only the environment's namespace", () => {
    const actions = statements(plan(), `acme-${env}-deploy`).flatMap((s) => s.Action);
    for (const push of ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "s3:GetObject"]) expect(actions).not.toContain(push);
    const pull = statements(plan(), `acme-${env}-deploy`).find((s) => s.Sid === "PullImagesAndSignatures");
    expect(pull?.Resource).toEqual(repositories(env));
    expect(JSON.parse(String(named(plan(), "aws:iam/rolePolicy:RolePolicy", `acme-${env}-deploy-registry`).inputs["policy"])).Statement.map((x: Statement) => x.Sid)).toEqual(["RegistryLogin", "PullImagesAndSignatures"]);
    expect(named(plan(), "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", `acme-${env}-deploy-access-policy`).inputs).toMatchObject({
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy",
      accessScope: { type: "namespace", namespaces: [`acme-${env}`] },
    });
  });

  it("deploy: writes exactly the site bucket and invalidates exactly its distribution, granted by the front end itself", () => {
    const grant = named(plan(), "aws:iam/rolePolicy:RolePolicy", `acme-${env}-deploy-site`);
    expect(grant.parent).toMatch(/stratum:web:Frontend::web-frontend$/);
    expect(grant.inputs["role"]).toBe(`acme-${env}-deploy`);
    const byId = Object.fromEntries((JSON.parse(String(grant.inputs["policy"])).Statement as Statement[]).map((s) => [s.Sid, s]));
    expect(Object.keys(byId)).toEqual(["ListSite", "UploadSite", "KeysThroughS3", "InvalidateCdn"]);
    expect(byId["UploadSite"]).toMatchObject({ Action: ["s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::acme-${env}-site/*`] });
    expect(byId["ListSite"]).toMatchObject({ Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::acme-${env}-site`] });
    expect(byId["KeysThroughS3"]).toMatchObject({ Resource: [`arn:aws:kms:us-east-1:000000000000:key/acme-${env}-platform-key`], Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } });
    expect(byId["InvalidateCdn"]).toEqual({ Sid: "InvalidateCdn", Effect: "Allow", Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"], Resource: [expect.stringMatching(/^arn:aws:cloudfront::000000000000:distribution\/[^*]+$/)] });
    // Nothing on the deploy role's own policy names the front end any more.
    expect(own(plan(), `acme-${env}-deploy`).map((s) => s.Sid)).not.toContain("UploadSite");
  });

  it("deploy: replaces the SageMaker model and configuration only where the stack has managed models, granted by the serving tier, passing exactly its role only to SageMaker", () => {
    const grant = plan().resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === `acme-${env}-deploy-models`);
    expect(own(plan(), `acme-${env}-deploy`).map((s) => s.Sid)).not.toContain("ReplaceModels");
    if (env === "dev") {
      expect(grant).toBeUndefined();
      return;
    }
    expect(grant!.parent).toMatch(/stratum:ml:ModelServing::ml-serving$/);
    expect(grant!.inputs["role"]).toBe("acme-prod-deploy");
    const byId = Object.fromEntries((JSON.parse(String(grant!.inputs["policy"])).Statement as Statement[]).map((s) => [s.Sid, s]));
    expect(Object.keys(byId)).toEqual(["ReplaceModels", "ReplaceEndpointConfigs", "UpdateEndpoints", "PassModelsRole", "ModelsKeyThroughSageMaker"]);
    expect(byId["PassModelsRole"]).toMatchObject({ Resource: ["arn:aws:iam::000000000000:role/acme-prod-models-role"], Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } } });
    expect(byId["UpdateEndpoints"]!.Resource).toEqual([
      "arn:aws:sagemaker:us-east-1:000000000000:endpoint/acme-prod-recommender",
      "arn:aws:sagemaker:us-east-1:000000000000:endpoint-config/acme-prod-recommender-config",
    ]);
  });

  it("every role grants `*` only for reads and for actions AWS offers on no resource", () => {
    const onEverything = new Set<string>([...stackReadActions, "ecr:GetAuthorizationToken"]);
    for (const role of ["publish", "deploy", "preview"]) {
      for (const s of statements(plan(), `acme-${env}-${role}`).filter((s) => s.Resource.includes("*"))) {
        for (const action of s.Action) expect(onEverything.has(action), `${role} ${s.Sid} ${action}`).toBe(true);
      }
    }
  });
});
