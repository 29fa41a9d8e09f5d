import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackFileJsonSchema } from "../../components/spec/json-schema.ts";
import { schemaFile } from "../../commands/schema.ts";
import { repoRoot } from "../support/shared-dir.ts";

describe("the stack-file JSON Schema", () => {
  it("is committed as generated from the zod schema (run `npm run stratum -- schema` after changing it)", () => {
    const committed = readFileSync(join(repoRoot, schemaFile), "utf8");
    expect(committed).toBe(`${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`);
  });

  it("describes every stratum key with its namespace and constrains enums", () => {
    const schema = stackFileJsonSchema() as { properties: { config: { properties: Record<string, { enum?: string[] }>; required: string[] } } };
    const config = schema.properties.config;
    expect(config.properties["stratum:cloud"]?.enum).toEqual(["aws", "gcp", "azure"]);
    expect(config.required).toEqual(expect.arrayContaining(["stratum:name", "stratum:cloud", "stratum:region", "stratum:environment"]));
    expect(Object.keys(config.properties).every((k) => k.startsWith("stratum:"))).toBe(true);
  });
});
