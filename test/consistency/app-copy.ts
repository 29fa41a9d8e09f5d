import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../support/shared-dir.ts";

/** Copies of examples/ under temp roots, each with one file changed (or removed), for the mutation tests. */
export class AppCopies {
  private readonly roots: string[] = [];

  /** A temp root holding a copy of examples/ where `edit` rewrote `examples/<app>/<file>` (null: removed it). */
  with(app: string, file: string, edit: (source: string) => string | null): string {
    const root = mkdtempSync(path.join(tmpdir(), "stratum-consistency-"));
    this.roots.push(root);
    cpSync(path.join(repoRoot, "examples"), path.join(root, "examples"), { recursive: true, filter: (src) => !src.includes("node_modules") });
    const target = path.join(root, "examples", app, file);
    const next = edit(readFileSync(target, "utf8"));
    if (next === null) rmSync(target);
    else writeFileSync(target, next);
    return root;
  }

  removeAll(): void {
    for (const root of this.roots.splice(0)) rmSync(root, { recursive: true, force: true });
  }
}
