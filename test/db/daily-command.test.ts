import { afterEach, describe, expect, it } from "vitest";
import { handleComponent } from "../../src/interactions/buttons/index.ts";
import { findCommand } from "../../src/interactions/commands/index.ts";
import { handleForm } from "../../src/interactions/forms/index.ts";
import type { RequestBase, Responder } from "../../src/interactions/request.ts";
import type { View } from "../../src/interactions/view.ts";
import { newOwnerIdentity } from "../../src/quiz/owners.ts";
import { consoleHarness } from "../support/console-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const harness = async () => {
  const h = await consoleHarness();
  cleanups.push(h.cleanup);
  return h;
};

/** A responder that keeps what it was told. */
function recorder() {
  const told: View[] = [];
  const respond: Responder = {
    defer: async () => {},
    reply: async (view) => void told.push(view),
    update: async (view) => void told.push(view),
    followUp: async (view) => void told.push(view),
    showForm: async (form) => void told.push({ content: `form ${form.customId}` }),
  };
  return { told, respond, last: () => String(told.at(-1)?.content ?? "") };
}

const member = (over: Partial<RequestBase> = {}): RequestBase => ({
  actor: { id: "m1", name: "Mia **" },
  guildId: "console",
  channelId: "console",
  lang: "en",
  canManageMessages: false,
  canManageGuild: false,
  ...over,
});

describe("/daily (/tagesfrage)", () => {
  it("sets, shows and stops the schedule in German, refusing a bad time or zone", async () => {
    const h = await harness();
    await h.type("/tagesfrage start kanal:123 uhrzeit:25:00");
    expect(h.printed()).toContain("„25:00“ ist keine Uhrzeit");
    await h.type("/tagesfrage start kanal:123 uhrzeit:20:00 zeitzone:Mars/Olympus");
    expect(h.printed()).toContain("„Mars/Olympus“ ist keine Zeitzone");
    h.clear();
    await h.type("/tagesfrage start kanal:123 uhrzeit:7:30 zeitzone:America/New_York stunden:3");
    expect(h.printed()).toContain("07:30");
    expect(h.printed()).toContain("America/New_York");
    const stored = await h.ctx.daily.store.schedule("console");
    expect(stored).toMatchObject({ channelId: "123", time: "07:30", hours: 3, kind: "mixed" });
    h.clear();
    await h.type("/tagesfrage");
    expect(h.printed()).toContain("Nächste Frage");
    expect(h.printed()).toContain("Noch keine laufende Serie.");
    await h.type("/tagesfrage stopp");
    expect(await h.ctx.daily.store.schedule("console")).toBeUndefined();
  });

  it("lets only Manage Server or the library role manage it; anyone may look", async () => {
    const h = await harness();
    const daily = findCommand("daily");
    const r = recorder();
    const start = {
      command: "daily",
      subcommand: "start",
      options: { channel: "9", time: "20:00" },
    };
    await daily?.execute(h.ctx, { ...member(), ...start }, r.respond);
    expect(r.last()).toContain("Only members with Manage Server");
    expect(await h.ctx.daily.store.schedule("console")).toBeUndefined();
    await daily?.execute(h.ctx, { ...member({ canManageGuild: true }), ...start }, r.respond);
    expect(await h.ctx.daily.store.schedule("console")).toMatchObject({ time: "20:00" });
    await daily?.execute(h.ctx, { ...member(), command: "daily", options: {} }, r.respond);
    expect(r.told.at(-1)?.cards?.[0]?.title).toBe("Question of the day");
  });

  it("takes one answer per member by button or typed form, privately", async () => {
    const h = await harness();
    const now = h.clock.now;
    const generated = h.ctx.quiz.generate({ count: 3, seed: 1, kind: "mc", lang: "en" });
    const [mc] = generated;
    if (!mc) throw new Error("no question");
    const claim = await h.ctx.daily.store.claimDay(
      {
        guildId: "console",
        day: "2027-01-01",
        channelId: "console",
        lang: "en",
        opensAt: now,
        closesAt: now + 3_600_000,
        question: mc,
        now,
      },
      newOwnerIdentity(),
    );
    if (claim.status !== "claimed") throw new Error("not claimed");
    const id = claim.post.id;
    const r = recorder();
    const press = (customId: string, actor = member()) =>
      handleComponent(h.ctx, { ...actor, customId }, r.respond);
    await press(`daily:${id}:${mc.correctIndex}`);
    expect(r.told.at(-1)).toMatchObject({ content: "Your answer is in.", ephemeral: true });
    await press(`daily:${id}:0`);
    expect(r.last()).toContain("already answered");
    // A forged post id, or one of another server, is turned away politely.
    await press(`daily:${id + 7}:0`);
    expect(r.last()).toContain("expired");
    await press(`daily:${id}:0`, member({ guildId: "other", actor: { id: "x", name: "x" } }));
    expect(r.last()).toContain("expired");
    // A typed answer to a multiple-choice day is not taken.
    await handleForm(
      h.ctx,
      {
        ...member({ actor: { id: "m2", name: "Max" } }),
        customId: `danswer:${id}`,
        fields: { answer: "x" },
      },
      r.respond,
    );
    expect(r.last()).toContain("expired");
    expect(await h.ctx.daily.store.answersTo(id)).toEqual([
      { userId: "m1", userName: "Mia **", correct: true },
    ]);
    h.clock.now = now + 3_600_000 + 5_000;
    await press(`daily:${id}:1`, member({ actor: { id: "m3", name: "Late" } }));
    expect(r.last()).toContain("Too late");
  });
});
