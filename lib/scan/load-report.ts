import { readFile } from "node:fs/promises";
import { UserInputError } from "../cli/errors.ts";
import { isJsonObject, parseJson } from "../fs/read-input.ts";
import { parseSarifReport } from "./sarif-report.ts";
import { parseTrivyReport, type TrivyReportOptions } from "./trivy-report.ts";
import type { ScanReport } from "./finding.ts";

/**
 * Reads a Trivy JSON or SARIF report and fails closed: a file that cannot prove what the scan found (missing,
 * empty, binary, truncated, not JSON, not Trivy, the wrong schema) is bad input naming the file, never a pass.
 */
export async function loadReport(file: string, options: TrivyReportOptions = {}): Promise<ScanReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a report" : `cannot read (${code ?? String(error)})`;
    throw new UserInputError(`${file}: ${problem}`);
  }
  return parseReport(bytes, file, options);
}

export function parseReport(bytes: Uint8Array, file: string, options: TrivyReportOptions = {}): ScanReport {
  if (bytes.includes(0)) throw new UserInputError(`${file}: binary content (NUL bytes), not a JSON or SARIF report`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw new UserInputError(`${file}: empty file; a scan that ran writes a report even when it finds nothing`);
  const document = parseJson(text, file, "a Trivy JSON or SARIF report");
  if (!isJsonObject(document)) {
    throw new UserInputError(`${file}: not a Trivy report (the JSON is ${Array.isArray(document) ? "an array" : typeof document}, expected an object)`);
  }
  const record = document;
  if ("runs" in record) return parseSarifReport(record, file);
  if ("SchemaVersion" in record) return parseTrivyReport(record, file, options);
  throw new UserInputError(`${file}: not a Trivy report (no "SchemaVersion" as in Trivy JSON, no "runs" as in SARIF)`);
}
