/*
 * Terraform field paths to the input paths of a bridged Pulumi resource, read from the provider SDK's own type
 * declarations (`<module>/<resource>.d.ts` `XArgs`, `types/input.d.ts`): the bridge names a field in camelCase,
 * pluralised when it is a list of blocks, and makes a MaxItems:1 block an object. Matching each name against the
 * declarations rather than re-deriving tfgen's rules means a path that does not exist in the SDK is reported, not
 * written.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TfField } from "./go-schema.ts";

export interface Prop {
  readonly list: boolean;
  readonly ref?: string;
}
type Shape = Readonly<Record<string, Prop>>;

/** The properties of an interface body; a property's type may run over several lines, up to the next one's. */
function props(body: string): Record<string, Prop> {
  const out: Record<string, Prop> = {};
  const indent = /^( +)\w+\??: /m.exec(body)?.[1] ?? "    ";
  const start = new RegExp(`^${indent}(\\w+)\\??: (.*)$`);
  let current: { name: string; text: string } | undefined;
  const flush = () => {
    if (!current) return;
    const ref = /inputs\.(\w+\.\w+)/.exec(current.text)?.[1];
    out[current.name] = { list: /\[\]/.test(current.text), ...(ref ? { ref } : {}) };
  };
  for (const line of body.split("\n")) {
    const m = start.exec(line);
    if (m) {
      flush();
      current = { name: m[1] as string, text: m[2] as string };
    } else if (current && line.startsWith(`${indent} `) && !/^\s*(\/\*\*|\*)/.test(line)) current.text += line;
    else if (/^\s*\/\*\*/.test(line)) {
      flush();
      current = undefined;
    }
  }
  flush();
  return out;
}

/** Every input type of `types/input.d.ts`, as `namespace.Name`. */
function inputTypes(sdk: string): Map<string, Shape> {
  const text = readFileSync(join(sdk, "types/input.d.ts"), "utf8");
  const out = new Map<string, Shape>();
  let ns = "";
  for (const m of text.matchAll(/^export declare namespace (\w+) \{|^ {4}interface (\w+) \{\n([\s\S]*?)^ {4}\}/gm)) {
    if (m[1]) ns = m[1];
    else out.set(`${ns}.${m[2]}`, props(m[3] as string));
  }
  return out;
}

/** The body of `export interface <name> {...}` in an SDK file `<module>/<file>.d.ts` (file found case-insensitively). */
export function sdkInterface(sdk: string, mod: string, file: string, name: string): Record<string, Prop> | undefined {
  const found = readdirSync(join(sdk, mod)).find((f) => f.toLowerCase() === `${file}.d.ts`.toLowerCase());
  if (!found) return undefined;
  const m = new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, "m").exec(readFileSync(join(sdk, mod, found), "utf8"));
  return m ? props(m[1] as string) : undefined;
}

export interface Naming {
  /** The Pulumi paths of the ForceNew fields of `fields`; `missing` gets the Terraform paths the SDK does not have. */
  paths(type: string, fields: Readonly<Record<string, TfField>>, missing: string[]): string[];
  /**
   * The top-level arguments of a Terraform schema against the SDK's inputs of `type`: inputs no argument names
   * (`sdkOnly`, camelCase) and arguments no input names (`fileOnly`). Either is a sign the schema read is not the
   * version the SDK was generated from.
   */
  compare(type: string, tfArguments: readonly string[]): { sdkOnly: string[]; fileOnly: string[] };
  /** Whether `type` has an input named `name` at its top level. */
  hasInput(type: string, name: string): boolean;
}

const camel = (s: string) => s.replace(/_([a-z\d])/g, (_, c: string) => c.toUpperCase());

/** The SDK's name for the Terraform field `tf` in `shape`: camelCase, pluralised when it is a list of blocks. */
function inputName(shape: Shape, tf: string): string | undefined {
  const c = camel(tf);
  return [c, `${c}s`, `${c}es`, c.replace(/y$/, "ies")].find((n) => n in shape);
}

export function sdkNaming(sdk: string): Naming {
  const types = inputTypes(sdk);
  const args = (type: string): Shape => {
    const [, mod = "", name = ""] = /^[\w-]+:(\w+)\/(\w+):(\w+)$/.exec(type) ?? [];
    // The SDK lower-cases part of a name that starts with capitals (`compute/sslpolicy.d.ts` for `sSLPolicy`,
    // `projects/iamauditConfig.d.ts` for `iAMAuditConfig`): the file is found case-insensitively.
    const shape = sdkInterface(sdk, mod, name, `${type.split(":")[2]}Args`);
    if (!shape) throw new Error(`${type}: no ${type.split(":")[2]}Args in ${mod}/${name}.d.ts of ${sdk}`);
    return shape;
  };
  const walk = (shape: Shape, fields: Readonly<Record<string, TfField>>, prefix: string, tfPrefix: string, out: string[], missing: string[]) => {
    for (const [tf, field] of Object.entries(fields)) {
      const name = inputName(shape, tf);
      if (!name) {
        if (!field.output && (field.forceNew || (field.block && hasForceNew(field.block)))) missing.push(`${tfPrefix}${tf}`);
        continue;
      }
      const prop = shape[name] as Prop;
      const path = `${prefix}.${name}${prop.list ? "[*]" : ""}`;
      if (field.forceNew) out.push(path);
      if (field.block) {
        const inner = prop.ref ? types.get(prop.ref) : undefined;
        if (inner) walk(inner, field.block, path, `${tfPrefix}${tf}.`, out, missing);
        else if (hasForceNew(field.block)) missing.push(`${tfPrefix}${tf}.*`);
      }
    }
  };
  return {
    paths(type, fields, missing) {
      const out: string[] = [];
      walk(args(type), fields, "", "", out, missing);
      return [...new Set(out)].sort();
    },
    compare(type, tfArguments) {
      const shape = args(type);
      const named = new Set<string>();
      const fileOnly: string[] = [];
      for (const tf of tfArguments) {
        const name = inputName(shape, tf);
        if (name) named.add(name);
        else fileOnly.push(tf);
      }
      // `region` is added to every regional resource by the provider itself, not declared in its file.
      const sdkOnly = Object.keys(shape).filter((n) => !named.has(n) && n !== "region");
      return { sdkOnly, fileOnly };
    },
    hasInput: (type, name) => name in args(type),
  };
}

function hasForceNew(fields: Readonly<Record<string, TfField>>): boolean {
  return Object.values(fields).some((f) => f.forceNew || (f.block !== undefined && hasForceNew(f.block)));
}
