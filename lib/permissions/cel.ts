/**
 * A subset of CEL (the Common Expression Language), exactly what Google Cloud reads where the drivers write it: a
 * workload identity provider's `attributeCondition` and `attributeMapping` (`assertion.repository == 'acme/app'
 * && assertion.environment == 'production'`) and an IAM condition's `expression` (`resource.name.startsWith(...)`).
 * Supported: string, boolean and list literals, dotted names and `x['key']`, `==`, `!=`, `in [...]`, `&&`, `||`,
 * `!`, parentheses and `.startsWith()` / `.endsWith()` with a string argument. Anything else is refused with
 * `CelUnsupported`, naming it: the check never guesses what an expression it cannot read decides.
 */

export type CelValue = string | boolean | readonly CelValue[] | { readonly [key: string]: CelValue };

export class CelUnsupported extends Error {}

/** A name the expression reads that the request does not carry (a claim the token lacks): CEL fails, so the condition is false. */
class Missing extends Error {}

type Node =
  | { kind: "literal"; value: CelValue }
  | { kind: "list"; items: Node[] }
  | { kind: "name"; name: string }
  | { kind: "member"; of: Node; key: string }
  | { kind: "call"; of: Node; method: "startsWith" | "endsWith"; arg: Node }
  | { kind: "not"; of: Node }
  | { kind: "binary"; op: "==" | "!=" | "in" | "&&" | "||"; left: Node; right: Node };

const tokenPattern = /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(==|!=|&&|\|\||[()[\].,!])|([A-Za-z_][A-Za-z0-9_]*)|(\S))/gy;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  for (let m = tokenPattern.exec(source); m; m = tokenPattern.exec(source)) {
    if (m[4] !== undefined) throw new CelUnsupported(`the expression ${JSON.stringify(source)} uses "${m[4]}", which the check does not evaluate`);
    tokens.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return tokens;
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, "$1");
}

const isString = (t: string | undefined) => t !== undefined && (t.startsWith("'") || t.startsWith('"'));
const isName = (t: string | undefined) => t !== undefined && /^[A-Za-z_]/.test(t);

/** Parses an expression of the subset, or throws `CelUnsupported` naming what it does not read. */
export function parseCel(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const refuse = (what: string): never => {
    throw new CelUnsupported(`the expression ${JSON.stringify(source)} ${what}, which the check does not evaluate`);
  };
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const t = tokens[at++];
    if (t === undefined || (expected !== undefined && t !== expected)) refuse(t === undefined ? `ends where "${expected ?? "more"}" was expected` : `has "${t}" where "${expected}" was expected`);
    return t as string;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === "||") { take(); left = { kind: "binary", op: "||", left, right: and() }; }
    return left;
  };
  const and = (): Node => {
    let left = unary();
    while (peek() === "&&") { take(); left = { kind: "binary", op: "&&", left, right: unary() }; }
    return left;
  };
  const unary = (): Node => (peek() === "!" ? (take(), { kind: "not", of: unary() }) : comparison());
  const comparison = (): Node => {
    const left = postfix();
    const op = peek();
    if (op === "==" || op === "!=" || op === "in") { take(); return { kind: "binary", op, left, right: postfix() }; }
    return left;
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (peek() === ".") {
        take();
        const name = take();
        if (!isName(name)) refuse(`has "${name}" after "."`);
        if (peek() === "(") {
          if (name !== "startsWith" && name !== "endsWith") refuse(`calls ${name}()`);
          take("(");
          const arg = or();
          take(")");
          node = { kind: "call", of: node, method: name as "startsWith" | "endsWith", arg };
        } else node = { kind: "member", of: node, key: name };
      } else if (peek() === "[") {
        take();
        const key = take();
        if (!isString(key)) refuse(`indexes with ${key}`);
        take("]");
        node = { kind: "member", of: node, key: unquote(key) };
      } else return node;
    }
  };
  const primary = (): Node => {
    const t = take();
    if (t === "(") { const inner = or(); take(")"); return inner; }
    if (t === "[") {
      const items: Node[] = [];
      while (peek() !== "]") { items.push(or()); if (peek() === ",") take(); else break; }
      take("]");
      return { kind: "list", items };
    }
    if (isString(t)) return { kind: "literal", value: unquote(t) };
    if (t === "true" || t === "false") return { kind: "literal", value: t === "true" };
    if (isName(t) && t !== "in") {
      if (peek() === "(") refuse(`calls ${t}()`);
      return { kind: "name", name: t };
    }
    return refuse(`has "${t}" where a value was expected`);
  };
  const node = or();
  if (at !== tokens.length) refuse(`continues with "${tokens[at]}"`);
  return node;
}

function evaluateNode(node: Node, scope: Readonly<Record<string, CelValue>>): CelValue {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "list":
      return node.items.map((i) => evaluateNode(i, scope));
    case "name": {
      if (!(node.name in scope)) throw new CelUnsupported(`the name ${node.name} is not one the check knows (it knows ${Object.keys(scope).join(", ")})`);
      return scope[node.name] as CelValue;
    }
    case "member": {
      const of = evaluateNode(node.of, scope);
      if (typeof of !== "object" || Array.isArray(of)) throw new CelUnsupported(`.${node.key} is read from a ${Array.isArray(of) ? "list" : typeof of}`);
      const value = (of as Record<string, CelValue>)[node.key];
      if (value === undefined) throw new Missing(node.key);
      return value;
    }
    case "call": {
      const of = evaluateNode(node.of, scope);
      const arg = evaluateNode(node.arg, scope);
      if (typeof of !== "string" || typeof arg !== "string") throw new CelUnsupported(`${node.method}() is called on or with something that is not a string`);
      return node.method === "startsWith" ? of.startsWith(arg) : of.endsWith(arg);
    }
    case "not":
      return !truth(evaluateNode(node.of, scope));
    case "binary": {
      if (node.op === "&&") return truth(evaluateNode(node.left, scope)) && truth(evaluateNode(node.right, scope));
      if (node.op === "||") return truth(evaluateNode(node.left, scope)) || truth(evaluateNode(node.right, scope));
      const left = evaluateNode(node.left, scope);
      const right = evaluateNode(node.right, scope);
      if (node.op === "in") {
        if (!Array.isArray(right)) throw new CelUnsupported("`in` is used with something that is not a list");
        return right.some((r) => equal(left, r));
      }
      return node.op === "==" ? equal(left, right) : !equal(left, right);
    }
  }
}

function equal(a: CelValue, b: CelValue): boolean {
  if (typeof a !== typeof b || typeof a === "object") {
    if (typeof a === "object" || typeof b === "object") throw new CelUnsupported("== compares lists or maps");
    return false;
  }
  return a === b;
}

function truth(value: CelValue): boolean {
  if (typeof value !== "boolean") throw new CelUnsupported(`a condition's value is ${JSON.stringify(value)}, not a boolean`);
  return value;
}

/**
 * The value of an expression over the given names (`assertion`, `attribute`, `resource`, ...). A name the
 * request lacks (`assertion.environment` of a job with no environment) makes CEL fail, which Google Cloud treats
 * as a condition that does not hold: `undefined` here. What the subset does not read throws `CelUnsupported`.
 */
export function evaluateCel(source: string, scope: Readonly<Record<string, CelValue>>): CelValue | undefined {
  const node = parseCel(source);
  try {
    return evaluateNode(node, scope);
  } catch (error) {
    if (error instanceof Missing) return undefined;
    throw error;
  }
}

/** Whether a condition holds: `true` only when it evaluates to true. */
export function celHolds(source: string, scope: Readonly<Record<string, CelValue>>): boolean {
  const value = evaluateCel(source, scope);
  if (value !== undefined && typeof value !== "boolean") throw new CelUnsupported(`the condition ${JSON.stringify(source)} is ${JSON.stringify(value)}, not a boolean`);
  return value === true;
}
