/**
 * What the end-to-end run and the consistency checks both read from an app's Dockerfile, written once: its
 * instructions (comments dropped, continuation lines joined, the keyword upper-cased), and the command a container
 * runs from an image, as Kubernetes decides it.
 */

export interface Instruction {
  readonly keyword: string;
  readonly rest: string;
}

export function dockerfileInstructions(text: string): Instruction[] {
  const lines: string[] = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (current === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      current += line.slice(0, -1) + " ";
      continue;
    }
    lines.push(current + line);
    current = "";
  }
  if (current.trim() !== "") lines.push(current.trim());
  return lines.map((line) => {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    return { keyword: keyword.toUpperCase(), rest };
  });
}

/**
 * What a container runs, as Kubernetes decides it: `command` replaces the ENTRYPOINT (and drops the CMD), `args`
 * replaces the CMD. https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
 */
export function containerArgv(
  image: { readonly entrypoint?: readonly string[]; readonly cmd?: readonly string[] },
  container: { readonly command?: readonly string[]; readonly args?: readonly string[] },
): string[] {
  if (container.command?.length) return [...container.command, ...(container.args ?? [])];
  return [...(image.entrypoint ?? []), ...(container.args?.length ? container.args : (image.cmd ?? []))];
}
