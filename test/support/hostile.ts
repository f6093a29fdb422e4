import fc from "fast-check";
import { type App, createInteractionContext } from "../../src/app.ts";
import type { InteractionContext } from "../../src/interactions/context.ts";
import type { Responder } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";

/** Text a hostile or careless user may type (Discord caps fields; a forger may not). */
export const hostileText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.constantFrom(
    "@everyone @here <@123456789012345678> <@&42> <#1>",
    "[Free Nitro](https://evil.example/x)",
    "**bold** __under__ ~~x~~ `code` ```block``` > quote || spoiler || # heading",
    'NEAR("a" "b", 3) OR "x"* AND NOT y:z ^ { } ( ) -',
    "\u200b\u200c\u200d\u2060\ufeff",
    "x".repeat(6000),
    "Amtseinführung ".repeat(400),
    "bezos-statt-musk",
    "../../etc/passwd",
    "Robert'); DROP TABLE answers;--",
  ),
);

/**
 * An interaction context over an app whose every view, replied or posted to a channel, lands in
 * `views`, with a responder that records the same way.
 */
export function recordingContext(app: App): {
  ctx: InteractionContext;
  views: View[];
  recorder: Responder;
} {
  const views: View[] = [];
  const poster = {
    post: async (_channel: string, view: View) => {
      views.push(view);
      return { edit: async (next: View) => void views.push(next) };
    },
  };
  const ctx = createInteractionContext(app, poster, { revealPauseMs: 1, tickMs: 5 });
  const recorder: Responder = {
    defer: async () => {},
    reply: async (view) => void views.push(view),
    update: async (view) => void views.push(view),
    followUp: async (view) => void views.push(view),
    showForm: async () => {},
  };
  return { ctx, views, recorder };
}
