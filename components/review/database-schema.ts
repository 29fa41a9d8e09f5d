import type * as pulumi from "@pulumi/pulumi";

/** The variable that names a review environment's schema (docs/wiring.md; absent means `public`). */
export const databaseSchemaVariable = "DATABASE_SCHEMA";

const podTemplateKinds = new Set(["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:Job", "kubernetes:batch/v1:CronJob"]);

interface Container {
  readonly name?: unknown;
  readonly env?: readonly { readonly name?: unknown }[];
}

/**
 * Sets `DATABASE_SCHEMA=<schema>` on the containers of the given workloads (those granted the database) in
 * every Deployment, Job and CronJob of a review environment, servers and migration Jobs alike; a value of that
 * name already there is replaced, any other variable kept. A transform on the review environment's component,
 * so the workload tier, and the environment module it takes its variables from, stay the same for every stack.
 */
export function databaseSchemaTransform(schema: string, workloads: ReadonlySet<string>): pulumi.ResourceTransform {
  return (args) => {
    if (!podTemplateKinds.has(args.type)) return undefined;
    const props = args.props as { spec?: { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } };
    const template = props.spec?.template ?? props.spec?.jobTemplate?.spec?.template;
    const containers = template?.spec?.containers;
    if (!containers?.some((c) => typeof c.name === "string" && workloads.has(c.name))) return undefined;
    const withSchema = containers.map((c) =>
      typeof c.name === "string" && workloads.has(c.name) ? { ...c, env: [...(c.env ?? []).filter((e) => e.name !== databaseSchemaVariable), { name: databaseSchemaVariable, value: schema }] } : c,
    );
    return { props: replaceContainers(args.props, withSchema), opts: args.opts };
  };
}

interface PodTemplate {
  readonly spec?: { readonly containers?: readonly Container[] };
}

function replaceContainers(props: pulumi.Inputs, containers: readonly Container[]): pulumi.Inputs {
  const spec = props["spec"] as Record<string, any>;
  if (spec["template"]) return { ...props, spec: { ...spec, template: { ...spec["template"], spec: { ...spec["template"].spec, containers } } } };
  const jobTemplate = spec["jobTemplate"];
  return { ...props, spec: { ...spec, jobTemplate: { ...jobTemplate, spec: { ...jobTemplate.spec, template: { ...jobTemplate.spec.template, spec: { ...jobTemplate.spec.template.spec, containers } } } } } };
}
