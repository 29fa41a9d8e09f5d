import { readFile } from "node:fs/promises";
import { UserInputError } from "../cli/errors.ts";
import { isJsonObject, parseJson } from "../fs/read-input.ts";
import { writeFileAtomic } from "../fs/write-atomic.ts";
import type { Finding, ScanReport } from "./finding.ts";
import type { Decision, WaiverUse } from "./gate.ts";

/** One image's verdict, as the deploy workflow reads it. Bump `schemaVersion` on any incompatible change. */
export interface Verdict {
  readonly schemaVersion: 1;
  readonly image: string | null;
  readonly digest: string | null;
  readonly digestSource: ScanReport["digestSource"];
  readonly verdict: Decision["verdict"];
  readonly failOn: Decision["failOn"];
  readonly ignoreUnfixed: boolean;
  readonly counts: Decision["counts"];
  readonly blocking: readonly VerdictFinding[];
  readonly waived: readonly VerdictWaiverUse[];
  readonly expiredWaivers: readonly VerdictWaiverUse[];
}

type VerdictFinding = Pick<Finding, "id" | "package" | "installedVersion" | "fixedVersion" | "severity" | "title">;
type VerdictWaiverUse = VerdictFinding & { readonly reason: string; readonly approver: string; readonly expires: string };

/** A verdict file: verdicts keyed by digest (or by image reference when the report named no digest). */
export type VerdictFile = Record<string, Verdict>;

export function buildVerdict(report: ScanReport, decision: Decision): Verdict {
  return {
    schemaVersion: 1,
    image: report.image,
    digest: report.digest,
    digestSource: report.digestSource,
    verdict: decision.verdict,
    failOn: decision.failOn,
    ignoreUnfixed: decision.ignoreUnfixed,
    counts: decision.counts,
    blocking: decision.blocking.map(slim),
    waived: decision.waived.map(withWaiver),
    expiredWaivers: decision.expiredWaivers.map(withWaiver),
  };
}

/** The key a verdict is filed under: the digest, the only name the deploy may trust; else the reference or file. */
export function verdictKey(report: ScanReport): string {
  return report.digest ?? report.image ?? report.file;
}

/**
 * Reads an existing verdict file to merge into, so one file can hold every image of a build. A file that is
 * there but is not a JSON object is bad input: overwriting it could erase another image's verdict.
 */
export async function readVerdictFile(file: string): Promise<VerdictFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UserInputError(`${file}: cannot read verdict file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const document = parseJson(text, file, "an existing verdict file (a JSON object keyed by digest); remove it or name another --verdict file");
  if (!isJsonObject(document)) {
    throw new UserInputError(`${file}: existing verdict file is not a JSON object keyed by digest; remove it or name another --verdict file`);
  }
  return document as VerdictFile;
}

/** Files the verdict under its key, replacing an earlier verdict for the same image and keeping the others. */
export async function writeVerdictFile(file: string, existing: VerdictFile, key: string, verdict: Verdict): Promise<void> {
  const merged = { ...existing, [key]: verdict };
  await writeFileAtomic(file, `${JSON.stringify(merged, null, 2)}\n`);
}

function slim(f: Finding): VerdictFinding {
  return { id: f.id, package: f.package, installedVersion: f.installedVersion, fixedVersion: f.fixedVersion, severity: f.severity, title: f.title };
}

function withWaiver({ finding, waiver }: WaiverUse): VerdictWaiverUse {
  return { ...slim(finding), reason: waiver.reason, approver: waiver.approver, expires: waiver.expires };
}
