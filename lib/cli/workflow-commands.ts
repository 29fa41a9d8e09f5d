/**
 * GitHub Actions reads workflow commands from every line a step prints (stdout and stderr alike): a line that
 * starts with `::` after leading white space (`::error::`, `::add-mask::`, `::stop-commands::`, ...), and the
 * legacy form `##[command]` anywhere in a line. Text that came from an input file (a Trivy title, a SARIF message,
 * a tag value echoed by a policy message) must never be read as one, so everything stratum prints goes through
 * one guard, and the few commands stratum means to emit (the scan gate's `::error` lines) through `command`.
 *
 * The guard inserts a space: `::` at the start of a line becomes `: :`, and `##[` becomes `## [`. Lines are what
 * the runner splits on (LF, CR); white space is what .NET's `TrimStart` and JavaScript's `\s` remove.
 */

const whiteSpace = /^[\s\u0085]$/u;

/** GitHub's escaping for a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** GitHub's escaping for a property value: the message escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Follows one output stream across writes, so a command split over two writes (`"  :"` then `":error::x"`) is
 * caught as surely as one in a single write.
 */
export class WorkflowCommandGuard {
  /** Only white space so far on the current line. */
  private blank = true;
  /** The current line so far is white space and one ':'. */
  private colon = false;
  /** How many '#' end the current line so far (2 is enough to know). */
  private hashes = 0;

  private readonly write: (text: string) => void;

  constructor(write: (text: string) => void) {
    this.write = write;
  }

  /** Writes text from anywhere; nothing in it can start a workflow command. */
  text(chunk: string): void {
    this.write(this.neutralize(chunk));
  }

  /** Writes a workflow command stratum means to emit, built with `escapeData`/`escapeProperty`, unchanged. */
  command(line: string): void {
    for (const ch of line) this.advance(ch);
    this.write(line);
  }

  private neutralize(chunk: string): string {
    // Most output holds neither character; it only moves the line state on.
    if (!chunk.includes(":") && !chunk.includes("[")) {
      for (const ch of chunk) this.advance(ch);
      return chunk;
    }
    let out = "";
    for (const ch of chunk) {
      if ((ch === ":" && this.colon) || (ch === "[" && this.hashes >= 2)) {
        out += " ";
        this.advance(" ");
      }
      out += ch;
      this.advance(ch);
    }
    return out;
  }

  private advance(ch: string): void {
    if (ch === "\n" || ch === "\r") {
      this.blank = true;
      this.colon = false;
      this.hashes = 0;
      return;
    }
    this.colon = this.blank && ch === ":";
    this.blank &&= whiteSpace.test(ch);
    this.hashes = ch === "#" ? Math.min(this.hashes + 1, 2) : 0;
  }
}

/** `text` with every workflow command broken, read as if it starts a line (for messages handed to Pulumi's log). */
export function neutralizeWorkflowCommands(text: string): string {
  let out = "";
  new WorkflowCommandGuard((t) => (out += t)).text(text);
  return out;
}
