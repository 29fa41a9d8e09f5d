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

/** GitHub's escaping for a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** GitHub's escaping for a property value: the message escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** White space as .NET's `TrimStart` and JavaScript's `\s` know it (a line break never occurs within a line). */
const leadingSpace = /^[\s\u0085]*/u;
/** A line break, the next line's white space, and the first of two colons: where a space goes. */
const lineStartCommand = /([\r\n])((?:[^\S\r\n]|\u0085)*):(?=:)/g;

/**
 * Follows one output stream across writes, so a command split over two writes (`"  :"` then `":error::x"`) is
 * caught as surely as one in a single write. Whole writes go through regular expressions, not a loop per
 * character: a plan's JSON on stdout runs to tens of megabytes.
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
    const first = chunk.search(/[\r\n]/);
    if (first < 0) {
      const safe = this.neutralizeLine(chunk);
      this.follow(safe);
      return this.write(safe);
    }
    // The first line continues what earlier writes left; every later line starts afresh.
    const rest = chunk.slice(first).replace(lineStartCommand, "$1$2: ").replace(/##\[/g, "## [");
    const out = this.neutralizeLine(chunk.slice(0, first)) + rest;
    this.afterLastBreak(out);
    this.write(out);
  }

  /** Writes a workflow command stratum means to emit, built with `escapeData`/`escapeProperty`, unchanged. */
  command(line: string): void {
    if (/[\r\n]/.test(line)) this.afterLastBreak(line);
    else this.follow(line);
    this.write(line);
  }

  private afterLastBreak(text: string): void {
    this.newLine();
    this.follow(text.slice(Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r")) + 1));
  }

  /** Breaks the commands in a piece of one line, given what the line held before it. */
  private neutralizeLine(piece: string): string {
    let text = piece;
    if (this.colon && text.startsWith(":")) text = ` ${text}`;
    else if (this.blank) {
      const lead = leadingSpace.exec(text)?.[0].length ?? 0;
      if (text.startsWith("::", lead)) text = `${text.slice(0, lead + 1)} ${text.slice(lead + 1)}`;
    }
    if (this.hashes === 2 && text.startsWith("[")) text = ` ${text}`;
    else if (this.hashes >= 1 && text.startsWith("#[")) text = `# ${text.slice(1)}`;
    return text.replace(/##\[/g, "## [");
  }

  /** Moves the line state past text already written (no line break in it). */
  private follow(piece: string): void {
    if (piece === "") return;
    this.colon = this.blank && /^[\s\u0085]*:$/u.test(piece);
    this.blank &&= leadingSpace.exec(piece)?.[0].length === piece.length;
    const trailing = /#{0,2}$/.exec(piece)?.[0].length ?? 0;
    this.hashes = trailing === piece.length ? Math.min(this.hashes + trailing, 2) : trailing;
  }

  private newLine(): void {
    this.blank = true;
    this.colon = false;
    this.hashes = 0;
  }
}

/** `text` with every workflow command broken, read as if it starts a line (for messages handed to Pulumi's log). */
export function neutralizeWorkflowCommands(text: string): string {
  let out = "";
  new WorkflowCommandGuard((t) => (out += t)).text(text);
  return out;
}
