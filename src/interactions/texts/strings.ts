import type { de } from "./de.ts";

/** The shape of a language's texts: the German texts' keys and argument lists. */
export type Strings = {
  [K in keyof typeof de]: (typeof de)[K] extends (...args: infer A) => infer R
    ? (...args: A) => R
    : (typeof de)[K] extends string
      ? string
      : (typeof de)[K] extends readonly unknown[]
        ? (typeof de)[K]
        : { [P in keyof (typeof de)[K]]: string };
};
