import type { PlanResource } from "../../lib/plan/model.ts";
import type { Plan, PlanMutation } from "./inspector.ts";

/**
 * The edits every cloud's conformance mutations are made of (components/clouds/<cloud>/conformance-mutations.ts):
 * change, remove or add a recorded resource, or change an output, on a copy of a fixture plan.
 */
export type Inputs = Record<string, any>;

/** The first resource of a type (that matches); a fixture plan without one is a broken fixture. */
export function first(plan: Plan, type: string, where: (r: PlanResource) => boolean = () => true): PlanResource {
  const found = plan.resources.find((r) => r.type === type && where(r));
  if (!found) throw new Error(`the fixture plan has no ${type}`);
  return found;
}

export const edit = (type: string, change: (inputs: Inputs) => void, where?: (r: PlanResource) => boolean) => (plan: Plan) => change(first(plan, type, where).inputs as Inputs);

export const remove = (type: string, where: (r: PlanResource) => boolean = () => true) => (plan: Plan) => {
  (plan.resources as PlanResource[]).splice(0, plan.resources.length, ...plan.resources.filter((r) => !(r.type === type && where(r))));
};

export const add = (type: string, name: string, inputs: Inputs) => (plan: Plan) => {
  const stack = first(plan, "pulumi:pulumi:Stack").urn.split("::")[0]!.replace("urn:pulumi:", "");
  (plan.resources as PlanResource[]).push({ urn: `urn:pulumi:${stack}::stratum::${type}::${name}`, type, name, parent: null, inputs });
};

export const setOutput = (name: string, value: unknown) => (plan: Plan) => void ((plan.outputs as Record<string, unknown>)[name] = value);

export const one = (what: string, mutate: (plan: Plan) => void, environment?: "dev" | "prod"): PlanMutation => ({ what, mutate, ...(environment ? { environment } : {}) });
