/**
 * Button ids, namespaced and validated. Anything that does not parse (a stale or forged id) is
 * `undefined` and gets a polite private answer, never a crash.
 */
export type CustomId =
  | {
      readonly kind: "cite";
      readonly session: string;
      readonly page: number;
      readonly context: boolean;
    }
  | {
      readonly kind: "quiz";
      readonly roundId: number;
      readonly position: number;
      readonly option: number;
    }
  | {
      readonly kind: "review";
      readonly session: string;
      readonly index: number;
      readonly option: number;
    }
  | { readonly kind: "post"; readonly session: string; readonly page: number };

const PATTERNS: [RegExp, (m: RegExpExecArray) => CustomId][] = [
  [
    /^cite:([a-z0-9]{1,16}):(\d{1,3}):([01])$/,
    (m) => ({ kind: "cite", session: m[1] as string, page: Number(m[2]), context: m[3] === "1" }),
  ],
  [
    /^quiz:(\d{1,12}):(\d{1,3}):(\d)$/,
    (m) => ({ kind: "quiz", roundId: Number(m[1]), position: Number(m[2]), option: Number(m[3]) }),
  ],
  [
    /^review:([a-z0-9]{1,16}):(\d{1,3}):(\d)$/,
    (m) => ({ kind: "review", session: m[1] as string, index: Number(m[2]), option: Number(m[3]) }),
  ],
  [
    /^post:([a-z0-9]{1,16}):(\d{1,3})$/,
    (m) => ({ kind: "post", session: m[1] as string, page: Number(m[2]) }),
  ],
];

export function encodeCustomId(id: CustomId): string {
  switch (id.kind) {
    case "cite":
      return `cite:${id.session}:${id.page}:${id.context ? 1 : 0}`;
    case "quiz":
      return `quiz:${id.roundId}:${id.position}:${id.option}`;
    case "review":
      return `review:${id.session}:${id.index}:${id.option}`;
    case "post":
      return `post:${id.session}:${id.page}`;
  }
}

export function parseCustomId(raw: string): CustomId | undefined {
  if (raw.length > 100) return undefined;
  for (const [pattern, build] of PATTERNS) {
    const m = pattern.exec(raw);
    if (m) return build(m);
  }
  return undefined;
}
