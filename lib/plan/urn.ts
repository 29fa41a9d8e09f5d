/*
 * Pulumi URNs: `urn:pulumi:<stack>::<project>::<parent-type$type>::<name>`. The name is everything after the
 * third `::`, because a logical name may itself contain `::`.
 */

function urnParts(urn: string): string[] {
  return urn.split("::");
}

/** The stack a URN belongs to, or undefined when the text is not a Pulumi URN. */
export function urnStack(urn: string): string | undefined {
  const head = urnParts(urn)[0] ?? "";
  return head.startsWith("urn:pulumi:") ? head.slice("urn:pulumi:".length) : undefined;
}

/** The resource's logical name; the whole text when it is not a URN. */
export function urnName(urn: string): string {
  return urnParts(urn).slice(3).join("::") || urn;
}

/** The resource's own type token, without its parents' types. */
export function urnType(urn: string): string {
  const qualified = urnParts(urn)[2] ?? "";
  return qualified.split("$").at(-1) ?? qualified;
}
