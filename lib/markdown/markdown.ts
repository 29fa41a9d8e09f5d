/*
 * The Markdown every report shares (plan, policy, scan gate, pull-request comment, drift issue). Cell text often
 * comes from outside (resource names, CVE titles, rule messages), so it is escaped in one place.
 */

/**
 * Text for one table cell: a `|` would end the cell and a line break the row, so pipes are escaped (with the
 * backslash before one, so `\|` in the text cannot turn the escape back into a delimiter) and line breaks become
 * spaces. Other backslashes are left alone, so code spans in cells show paths as written.
 */
export function cell(text: string): string {
  return text.replace(/\\(?=\|)/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
}

/** A Markdown table with every cell escaped by `cell`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
