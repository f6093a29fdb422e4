import { isMap, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";

export interface LocatedYaml {
  value: unknown;
  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: readonly PropertyKey[]): number;
  /** Syntax errors, and limits the parser enforces (aliases, nesting), with their 1-based lines. */
  errors: { line: number; message: string }[];
}

/**
 * Values an alias may stand for, counted over every use: more is a "billion laughs" bomb, which
 * the parser refuses when it builds the values.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Collections nested deeper than this are refused before parsing: no claims file or front matter
 * needs more than a few levels, and deep nesting drives the parser's recursion (and with it memory
 * and time) far beyond what the file's size suggests.
 */
const MAX_NESTING = 64;

/**
 * The first line where collections nest deeper than MAX_NESTING, by a linear scan: flow brackets
 * outside quoted scalars and comments, and block indentation (a level per two columns, which
 * over-counts wide indentation and so errs on the side of refusing).
 */
export function tooDeepLine(source: string): number | undefined {
  let depth = 0;
  let line = 1;
  let quote: string | undefined;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\n") {
      line++;
      lineStart = true;
      indent = 0;
      if (quote === "#") quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === " " || c === "-") {
        indent++;
        if (indent / 2 > MAX_NESTING) return line;
        continue;
      }
      lineStart = false;
    }
    if (quote !== undefined) {
      if (quote !== "#" && c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "#") quote = "#";
    else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING) return line;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Parses YAML keeping node positions, so validation errors can point at a line.
 * `lineOffset` shifts lines when the YAML sits inside a larger file (front matter).
 */
export function parseLocatedYaml(source: string, lineOffset = 0): LocatedYaml {
  const deep = tooDeepLine(source);
  if (deep !== undefined) {
    const line = deep + lineOffset;
    const message = `collections nested more than ${MAX_NESTING} levels deep`;
    return { value: undefined, lineOf: () => line, errors: [{ line, message }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  const errors = doc.errors.map((e) => ({
    line: lineAt(e.pos[0]),
    message: e.message.split("\n")[0] ?? e.message,
  }));
  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line =
      node && (node as Node).range ? lineAt((node as Node).range?.[0] ?? 0) : 1 + lineOffset;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => String((p.key as Node | null)?.toJSON?.() ?? p.key) === String(key),
        );
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = lineAt(keyNode.range[0]);
        node = pair.value;
        if (isSeq(node) || isMap(node)) continue;
        if ((node as Node | null)?.range) line = lineAt((node as Node).range?.[0] ?? 0);
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
  const firstAliasLine = (): number => {
    let line = 1 + lineOffset;
    visit(doc, {
      Alias: (_key, node) => {
        line = lineAt(node.range?.[0] ?? 0);
        return visit.BREAK;
      },
    });
    return line;
  };
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // Building values refuses alias bombs and unresolved aliases by throwing, without a place.
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ line: firstAliasLine(), message: `aliases: ${message}` });
    }
  }
  return { value, lineOf, errors };
}
