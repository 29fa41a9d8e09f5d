import { z } from "zod";
import { rawSpecSchema } from "./schema.ts";
import { configNamespace } from "./load.ts";

/**
 * The JSON Schema of a stack file (`stacks/Pulumi.<stack>.yaml`), generated from the same zod schema that
 * validates it, so editors complete and check exactly what `stratum plan` and `pulumi up` accept. Keys of other
 * namespaces (`aws:region`, ...) are left to their providers.
 */
export function stackFileJsonSchema(): Record<string, unknown> {
  const spec = z.toJSONSchema(rawSpecSchema, { target: "draft-2020-12", io: "input" }) as {
    properties: Record<string, unknown>;
    required?: string[];
  };
  const properties = Object.fromEntries(Object.entries(spec.properties).map(([key, schema]) => [`${configNamespace}:${key}`, schema]));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://stratum.dev/schemas/stack-config.json",
    title: "stratum stack config",
    description: "A Pulumi stack file for stratum. Generated from components/spec/schema.ts by `npm run stratum -- schema`; do not edit.",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties,
        required: (spec.required ?? []).map((key) => `${configNamespace}:${key}`),
        patternProperties: { [`^(?!${configNamespace}:)[A-Za-z0-9_-]+:`]: {} },
        additionalProperties: false,
      },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
    },
    required: ["config"],
  };
}
