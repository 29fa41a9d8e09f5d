import type * as pulumi from "@pulumi/pulumi";
import * as projects from "@pulumi/gcp/projects/index.js";
import type { DriverContext } from "../../capability.ts";
import type { Principal } from "../../grants.ts";
import { grantName, iamMember } from "./iam-member.ts";
import { projectOf } from "./project.ts";

/** The one resource a project-level grant is narrowed to, as an IAM condition (title and CEL expression). */
export interface ResourceCondition {
  readonly title: string;
  readonly expression: string;
}

/**
 * A role on the project, for a role whose resources cannot hold their own IAM policy (Cloud SQL instances, URL
 * maps, BigQuery jobs): always narrowed by an IAM condition on the one resource it is for, when the service
 * evaluates resource names in conditions. Callers say why no resource binding exists.
 */
export function conditionalProjectGrant(ctx: DriverContext, suffix: string, principal: Principal, role: pulumi.Input<string>, condition: ResourceCondition | undefined): projects.IAMMember {
  return new projects.IAMMember(grantName(ctx, principal, suffix), {
    project: projectOf(ctx).projectId,
    role,
    member: iamMember(principal),
    ...(condition ? { condition } : {}),
  }, { parent: ctx.parent });
}
