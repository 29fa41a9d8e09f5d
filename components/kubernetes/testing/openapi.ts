import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/**
 * Offline validation of Kubernetes manifests against the Kubernetes OpenAPI schema, as `kubernetes-models`
 * compiles it. Its validators accept keys the schema does not define, so `unknownKeys` also walks each manifest
 * against the model's declared types (read with the TypeScript compiler from the package's declarations) and
 * reports every key the schema has no property for.
 */
const packageRoot = fileURLToPath(new URL("../../../node_modules/", import.meta.url));

export interface ModelLocation {
  /** The `kubernetes-models` module, e.g. `kubernetes-models/apps/v1`. */
  readonly module: string;
  readonly kind: string;
}

/** `kubernetes:apps/v1:Deployment` → `kubernetes-models/apps/v1`, `Deployment`; the core group is `v1`. */
export function modelOf(type: string): ModelLocation {
  const [provider, groupVersion = "", kind = ""] = type.split(":");
  if (provider !== "kubernetes") throw new Error(`${type} is not a Kubernetes resource type`);
  const [group, version] = groupVersion.split("/");
  return { module: `kubernetes-models/${group === "core" ? version : groupVersion}`, kind };
}

/** The schema's errors for one manifest, empty when it is valid. */
export async function schemaErrors(type: string, manifest: Record<string, unknown>): Promise<string[]> {
  const { module, kind } = modelOf(type);
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[kind];
  if (!Model) return [`kubernetes-models has no ${kind} in ${module}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** Every model declaration the package has (`kubernetes-models/apps/v1/Deployment.d.ts`, …), its schemas left to imports. */
function modelDeclarations(dir = join(packageRoot, "kubernetes-models")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : modelDeclarations(join(dir, entry.name));
    return entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts" ? [join(dir, entry.name)] : [];
  });
}

/**
 * One program over every model, made on first use: 0.9 s once, where a program grown by each new kind took 0.2 s
 * per kind (a dozen kinds per test file), since each growth starts a new type checker.
 */
let models: { program: ts.Program; checker: ts.TypeChecker } | undefined;

/** Every key path in the manifest that the schema does not define, e.g. `spec.template.spec.containers[0].imagePullPolicyy`. */
export function unknownKeys(type: string, manifest: Record<string, unknown>): string[] {
  const { module, kind } = modelOf(type);
  const file = join(packageRoot, module, `${kind}.d.ts`);
  if (!models) {
    const program = ts.createProgram(modelDeclarations(), { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true, types: [] });
    models = { program, checker: program.getTypeChecker() };
  }
  const { program, checker } = models;
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const declared = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `I${kind}`);
  if (!declared) return [`no declared type I${kind} in ${file}`];
  const found: string[] = [];
  walk(checker, manifest, checker.getDeclaredTypeOfSymbol(declared), "", found);
  return found;
}

function walk(types: ts.TypeChecker, value: unknown, declared: ts.Type, path: string, found: string[]): void {
  if (value === null || typeof value !== "object") return;
  const type = types.getNonNullableType(declared);
  if (Array.isArray(value)) {
    const element = types.getIndexTypeOfType(type, ts.IndexKind.Number);
    if (!element) found.push(`${path || "(root)"} (a list where the schema has none)`);
    else value.forEach((item, i) => walk(types, item, element, `${path}[${i}]`, found));
    return;
  }
  // A map such as labels or annotations: any key is allowed.
  if (types.getIndexTypeOfType(type, ts.IndexKind.String)) return;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const property = type.getProperty(key);
    if (!property) found.push(at);
    else walk(types, item, types.getTypeOfSymbol(property), at, found);
  }
}
