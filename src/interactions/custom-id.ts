/**
 * The ids of buttons and forms (modals), namespaced and validated. Anything that does not parse
 * (a stale or forged id) is `undefined` and gets a polite private answer, never a crash.
 */
export type ButtonId =
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
  | { readonly kind: "post"; readonly session: string; readonly page: number }
  /** Opens the form to type an answer to a question. */
  | { readonly kind: "typed"; readonly roundId: number; readonly position: number }
  /** Opens the form to report a question as wrong. */
  | { readonly kind: "report"; readonly roundId: number; readonly position: number }
  /** A moderator has reviewed the reports on a claim. */
  | { readonly kind: "reviewed"; readonly claimId: string }
  /** A page of /quiz reports. */
  | { readonly kind: "reports"; readonly page: number }
  /** Propose a quiz question on a /cite result: first the answer's type is chosen. */
  | { readonly kind: "propose"; readonly session: string; readonly page: number }
  /** The answer's type (an index into CLAIM_TYPES) is chosen: opens the proposal form. */
  | {
      readonly kind: "ptype";
      readonly session: string;
      readonly page: number;
      readonly type: number;
    }
  /** A moderator approves (1) or rejects (0) a proposed claim. */
  | { readonly kind: "verdict"; readonly proposal: number; readonly approve: boolean }
  /** An option of a question of the day (answered in any process: the post is in the database). */
  | { readonly kind: "daily"; readonly post: number; readonly option: number }
  /** Opens the form to type the answer to a question of the day. */
  | { readonly kind: "dtyped"; readonly post: number };

export type ModalId =
  | { readonly kind: "answer"; readonly roundId: number; readonly position: number }
  | { readonly kind: "reason"; readonly roundId: number; readonly position: number }
  /** The proposal form of a /cite result, for an answer of one type. */
  | {
      readonly kind: "proposal";
      readonly session: string;
      readonly page: number;
      readonly type: number;
    }
  /** The title of an uploaded article that states none. */
  | { readonly kind: "title"; readonly session: string }
  /** The typed answer to a question of the day. */
  | { readonly kind: "danswer"; readonly post: number };

export type CustomId = ButtonId | ModalId;

const SESSION = "([a-z0-9]{1,16})";
const NUMBER = "(\\d{1,12})";
const SMALL = "(\\d{1,3})";
const SLUG = "([a-z0-9]+(?:-[a-z0-9]+)*)";

const roundAt = <K extends string>(kind: K) =>
  [
    new RegExp(`^${kind}:${NUMBER}:${SMALL}$`),
    (m: RegExpExecArray) => ({ kind, roundId: Number(m[1]), position: Number(m[2]) }),
  ] as const;

const PATTERNS: readonly (readonly [RegExp, (m: RegExpExecArray) => CustomId])[] = [
  [
    new RegExp(`^cite:${SESSION}:${SMALL}:([01])$`),
    (m) => ({ kind: "cite", session: m[1] as string, page: Number(m[2]), context: m[3] === "1" }),
  ],
  [
    new RegExp(`^quiz:${NUMBER}:${SMALL}:(\\d)$`),
    (m) => ({ kind: "quiz", roundId: Number(m[1]), position: Number(m[2]), option: Number(m[3]) }),
  ],
  [
    new RegExp(`^review:${SESSION}:${SMALL}:(\\d)$`),
    (m) => ({ kind: "review", session: m[1] as string, index: Number(m[2]), option: Number(m[3]) }),
  ],
  [
    new RegExp(`^post:${SESSION}:${SMALL}$`),
    (m) => ({ kind: "post", session: m[1] as string, page: Number(m[2]) }),
  ],
  roundAt("typed"),
  roundAt("report"),
  roundAt("answer"),
  roundAt("reason"),
  [new RegExp(`^reviewed:${SLUG}$`), (m) => ({ kind: "reviewed", claimId: m[1] as string })],
  [new RegExp(`^reports:${SMALL}$`), (m) => ({ kind: "reports", page: Number(m[1]) })],
  [
    new RegExp(`^propose:${SESSION}:${SMALL}$`),
    (m) => ({ kind: "propose", session: m[1] as string, page: Number(m[2]) }),
  ],
  [
    new RegExp(`^ptype:${SESSION}:${SMALL}:(\\d)$`),
    (m) => ({ kind: "ptype", session: m[1] as string, page: Number(m[2]), type: Number(m[3]) }),
  ],
  [
    new RegExp(`^proposal:${SESSION}:${SMALL}:(\\d)$`),
    (m) => ({ kind: "proposal", session: m[1] as string, page: Number(m[2]), type: Number(m[3]) }),
  ],
  [
    new RegExp(`^verdict:${NUMBER}:([01])$`),
    (m) => ({ kind: "verdict", proposal: Number(m[1]), approve: m[2] === "1" }),
  ],
  [new RegExp(`^title:${SESSION}$`), (m) => ({ kind: "title", session: m[1] as string })],
  [
    new RegExp(`^daily:${NUMBER}:(\\d)$`),
    (m) => ({ kind: "daily", post: Number(m[1]), option: Number(m[2]) }),
  ],
  [new RegExp(`^dtyped:${NUMBER}$`), (m) => ({ kind: "dtyped", post: Number(m[1]) })],
  [new RegExp(`^danswer:${NUMBER}$`), (m) => ({ kind: "danswer", post: Number(m[1]) })],
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
    case "reviewed":
      return `reviewed:${id.claimId}`;
    case "reports":
      return `reports:${id.page}`;
    case "propose":
      return `propose:${id.session}:${id.page}`;
    case "ptype":
    case "proposal":
      return `${id.kind}:${id.session}:${id.page}:${id.type}`;
    case "verdict":
      return `verdict:${id.proposal}:${id.approve ? 1 : 0}`;
    case "title":
      return `title:${id.session}`;
    case "daily":
      return `daily:${id.post}:${id.option}`;
    case "dtyped":
    case "danswer":
      return `${id.kind}:${id.post}`;
    default:
      return `${id.kind}:${id.roundId}:${id.position}`;
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

const MODAL_KINDS: ReadonlySet<string> = new Set([
  "answer",
  "reason",
  "proposal",
  "title",
  "danswer",
]);

export function isModalId(id: CustomId): id is ModalId {
  return MODAL_KINDS.has(id.kind);
}
