import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * One throwaway self-signed certificate per test process for the HTTPS stand-ins (Entra ID, Blob Storage, Cloud
 * Storage), valid for the hosts the apps are configured with: the real service names (the end-to-end run resolves
 * them to loopback addresses) and 127.0.0.1. Apps trust it through NODE_EXTRA_CA_CERTS, Node's own variable, so
 * their TLS checks stay on.
 */
export interface TestCertificate {
  readonly cert: string;
  readonly key: string;
  /** A file holding the certificate, for NODE_EXTRA_CA_CERTS. */
  readonly file: string;
}

export const CERTIFICATE_NAMES = ["localhost", "login.microsoftonline.com", "*.blob.core.windows.net", "storage.googleapis.com"];

let made: TestCertificate | undefined;

export function testCertificate(): TestCertificate {
  if (made) return made;
  const dir = mkdtempSync(path.join(tmpdir(), "stratum-tls-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  const san = [...CERTIFICATE_NAMES.map((n) => `DNS:${n}`), "IP:127.0.0.1"].join(",");
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", file, "-days", "2", "-subj", "/CN=stratum offline stand-ins", "-addext", `subjectAltName=${san}`, "-addext", "basicConstraints=critical,CA:TRUE"], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`openssl could not make the stand-ins' test certificate (is openssl installed?): ${(error as Error).message}`);
  }
  made = { cert: readFileSync(file, "utf8"), key: readFileSync(keyFile, "utf8"), file };
  return made;
}
