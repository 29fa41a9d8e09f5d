import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { dockerfileInstructions } from "../support/dockerfile.ts";

/**
 * The parts of an app's Dockerfile the consistency checks read: what it copies from the build context into the
 * image, the ENV it sets, the ports it EXPOSEs, its CMD and ENTRYPOINT, its WORKDIR and HEALTHCHECK, and the
 * `RUN node …` build steps that make files in the image (the model server trains its model there).
 */
export interface Dockerfile {
  readonly workdir: string;
  /** Image path → the context file it comes from (relative to the context), for every file COPY brings in. */
  readonly files: ReadonlyMap<string, string>;
  readonly env: Readonly<Record<string, string>>;
  readonly expose: readonly number[];
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly healthcheck?: string;
  readonly nodeBuildSteps: readonly (readonly string[])[];
}

/** `["node", "x.js"]` (exec form) or `node x.js` (shell form, split on blanks). */
function words(text: string): string[] {
  const t = text.trim();
  if (t.startsWith("[")) return JSON.parse(t) as string[];
  return t.split(/\s+/).filter(Boolean);
}

/** Files of the context a COPY source names: a file, a folder (its files, recursively) or a `*` pattern in one folder. */
function expand(context: string, source: string): { rel: string; under: string }[] {
  const clean = source.replace(/^\.\//, "").replace(/\/$/, "");
  const full = path.join(context, clean);
  if (!clean.includes("*")) {
    if (!existsSync(full)) return [];
    if (!statSync(full).isDirectory()) return [{ rel: clean, under: path.basename(clean) }];
    return readdirSync(full, { recursive: true, encoding: "utf8" }).filter((f) => !statSync(path.join(full, f)).isDirectory()).map((f) => ({ rel: path.posix.join(clean, f), under: f }));
  }
  const dir = path.posix.dirname(clean);
  const pattern = new RegExp(`^${path.posix.basename(clean).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
  const inDir = path.join(context, dir);
  return existsSync(inDir) ? readdirSync(inDir).filter((f) => pattern.test(f) && !statSync(path.join(inDir, f)).isDirectory()).map((f) => ({ rel: path.posix.join(dir, f).replace(/^\.\//, ""), under: f })) : [];
}

/** The folder of a named build context (`COPY --from=cloud` → `<context>/../cloud`), or undefined for a build stage. */
function namedContext(context: string, name: string): string | undefined {
  const folder = path.join(path.dirname(context), name);
  return /^[a-z][a-z0-9-]*$/.test(name) && existsSync(folder) && statSync(folder).isDirectory() ? folder : undefined;
}

export function readDockerfile(context: string): Dockerfile | undefined {
  const file = path.join(context, "Dockerfile");
  if (!existsSync(file)) return undefined;
  let workdir = "/";
  const files = new Map<string, string>();
  const env: Record<string, string> = {};
  const expose: number[] = [];
  const nodeBuildSteps: string[][] = [];
  let cmd: string[] | undefined;
  let entrypoint: string[] | undefined;
  let healthcheck: string | undefined;
  for (const { keyword, rest } of dockerfileInstructions(readFileSync(file, "utf8"))) {
    switch (keyword) {
      case "FROM":
        // A new stage starts from nothing of this one's; the last stage is the image.
        files.clear();
        workdir = "/";
        break;
      case "WORKDIR":
        workdir = path.posix.resolve(workdir, rest.trim());
        break;
      case "ENV":
        for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, "");
        if (!rest.includes("=")) {
          const [name, ...value] = rest.trim().split(/\s+/);
          env[name!] = value.join(" ");
        }
        break;
      case "EXPOSE":
        expose.push(...rest.trim().split(/\s+/).map((p) => Number(p.replace(/\/(tcp|udp)$/, ""))));
        break;
      case "COPY":
      case "ADD": {
        const parts = words(rest).filter((w) => !w.startsWith("--"));
        const from = /--from=(\S+)/.exec(rest)?.[1];
        // A named build context is the folder of that name beside the app's (workflows/build-contexts.ts); its
        // files are recorded relative to the app's folder (`../cloud/gcs.js`). Another stage's files are not the context's.
        const source = from === undefined ? context : namedContext(context, from);
        if (source === undefined) break;
        const dest = parts.pop()!;
        const target = path.posix.resolve(workdir, dest);
        const toDir = dest.endsWith("/") || parts.length > 1 || parts.some((s) => s.includes("*"));
        for (const part of parts) {
          const isDir = !part.includes("*") && existsSync(path.join(source, part)) && statSync(path.join(source, part)).isDirectory();
          for (const f of expand(source === context ? context : source, part)) files.set(toDir || isDir ? path.posix.join(target, f.under) : target, source === context ? f.rel : path.posix.join(path.relative(context, source), f.rel));
        }
        break;
      }
      case "RUN": {
        const w = words(rest);
        if (w[0] === "node") nodeBuildSteps.push(w);
        break;
      }
      case "CMD":
        cmd = words(rest);
        break;
      case "ENTRYPOINT":
        entrypoint = words(rest);
        cmd = undefined; // as Docker does: a later ENTRYPOINT resets an earlier CMD
        break;
      case "HEALTHCHECK":
        healthcheck = rest;
        break;
    }
  }
  return { workdir, files, env, expose, ...(cmd ? { cmd } : {}), ...(entrypoint ? { entrypoint } : {}), ...(healthcheck ? { healthcheck } : {}), nodeBuildSteps };
}

/** The script an interpreter runs (`node migrate.js` → `migrate.js`), or the executable itself. */
export function scriptOf(argv: readonly string[]): string | undefined {
  const [first, ...rest] = argv;
  if (first === undefined) return undefined;
  if (/^(node|python3?|sh|bash)$/.test(path.posix.basename(first))) return rest.find((a) => !a.startsWith("-"));
  return first;
}
