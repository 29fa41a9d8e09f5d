import { placeholderDomain } from "../../../lib/plan/placeholders.ts";

type Inputs = Readonly<Record<string, unknown>>;
type Computed = (name: string, inputs: Inputs, region: string) => Record<string, unknown>;

const text = (inputs: Inputs, key: string, fallback: string): string => (typeof inputs[key] === "string" && inputs[key] !== "" ? (inputs[key] as string) : fallback);
/** The project a resource names; the drivers set `project` on every resource whose computed outputs carry it. */
const project = (inputs: Inputs): string => text(inputs, "project", "offline-project");

/**
 * Computed outputs of the data, ML and web tiers' GCP resource types that offline.ts does not answer (buckets,
 * custom roles and global addresses are its), per type token, in GCP's own shapes: resource names
 * `projects/<project>/...`, hosts under `.offline.invalid`. Only what the drivers read.
 */
export const gcpDataOffline: Readonly<Record<string, Computed>> = {
  "gcp:sql/databaseInstance:DatabaseInstance": (name, inputs, region) => {
    const instance = text(inputs, "name", name);
    return {
      // A private IP in the cloud; a name that can never resolve here, so nothing reaches a real address.
      privateIpAddress: `${instance}.${region}.sql.${placeholderDomain}`,
      connectionName: `${project(inputs)}:${region}:${instance}`,
      selfLink: `https://sqladmin.${placeholderDomain}/sql/v1beta4/projects/${project(inputs)}/instances/${instance}`,
    };
  },
  "gcp:secretmanager/secret:Secret": (name, inputs) => ({ name: `projects/${project(inputs)}/secrets/${text(inputs, "secretId", name)}` }),
};
