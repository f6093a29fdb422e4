import type { App } from "../../src/app.ts";
import type { StartRequest } from "../../src/quiz/round-types.ts";

/**
 * A small community built through the app's services, the way players and moderators make one:
 * finished rounds answered by several users (scores, review cards), a report, a round still
 * running, a server library with an article, a pending and an approved proposal, a hidden shared
 * article, a manager role and a question of the day that one member answered. Every table of
 * the shared state holds rows afterwards.
 */

export const G1 = "200000000000000001";
export const G2 = "200000000000000002";
const mod = { id: "m1", name: "Mira" };
const member = { id: "u1", name: "Uwe" };
const article = {
  filename: "mondbasis.md",
  text: [
    "# Die Mondbasis",
    "",
    "Die Raumfahrtagentur Selenia plant eine Forschungsstation am Südpol des Mondes.",
    "",
    "Gebaut wird die Station von der Firma Regolith Works aus Bremen. Die Kosten liegen bei 12 Milliarden Euro.",
  ].join("\n"),
};
const proposal = {
  articleId: "mondbasis",
  quote: "Gebaut wird die Station von der Firma Regolith Works aus Bremen.",
  questionDe: "Welche Firma baut die Forschungsstation am Südpol des Mondes?",
  questionEn: "Which company builds the research station at the Moon's south pole?",
  answers: "Regolith Works\nRegolith",
  distractors: "Lunar Forge\nCrater Systems\nApollo Bau",
  type: "organisation" as const,
};
const players = ["anna", "ben", "cara", "dörte"];

function expectOk<T extends { kind: string }>(result: T, kind: string): T {
  if (result.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(result)}`);
  return result;
}

/** Plays a round of `count` questions in a channel, each answered by every player. */
async function playRound(app: App, request: StartRequest): Promise<number> {
  const started = await app.quiz.start(request);
  if (!started.ok) throw new Error(`round did not start: ${started.reason}`);
  for (let q = 0; q < request.count; q++) {
    await app.quiz.openNext(request.channelId);
    for (const [i, userId] of players.entries()) {
      const recorded = await app.quiz.answer(request.channelId, {
        userId,
        userName: userId.toUpperCase(),
        option: (i + q) % 2,
      });
      if (recorded.status !== "recorded") throw new Error(`answer not stored: ${recorded.status}`);
    }
    await app.quiz.closeCurrent(request.channelId);
  }
  await app.quiz.finish(request.channelId);
  return started.roundId;
}

const request = (over: Partial<StartRequest>): StartRequest => ({
  guildId: G1,
  channelId: "c1",
  starterId: "anna",
  count: 3,
  seed: 7,
  kind: "mc",
  lang: "de",
  seconds: 20,
  ...over,
});

export async function buildCommunity(app: App): Promise<void> {
  const first = await playRound(app, request({}));
  await playRound(app, request({ guildId: G2, channelId: "c9", kind: "tf", lang: "en", seed: 3 }));
  const reported = await app.reports.report({
    guildId: G1,
    channelId: "c1",
    roundId: first,
    position: 1,
    userId: "ben",
    userName: 'Ben "the reporter" 🚀',
    reason: "Die Antwort stimmt nicht.",
  });
  if (reported !== "reported") throw new Error(`report not stored: ${reported}`);

  expectOk(await app.library.add(G1, mod, article, "Die Mondbasis"), "added");
  expectOk(await app.proposals.propose(G1, member, proposal), "proposed");
  expectOk(
    await app.proposals.propose(G1, member, { ...proposal, answers: "Regolith Works" }),
    "proposed",
  );
  const [pending] = await app.proposals.pending(G1);
  expectOk(await app.proposals.review(G1, mod, pending?.id as number, true), "approved");
  expectOk(await app.library.remove(G1, mod, "bezos-statt-musk"), "hidden");
  expectOk(await app.library.setRole(G1, mod, "300000000000000003"), "set");

  // Left running: its owner's lease is not copied, so PostgreSQL's first process recovers it.
  const running = await app.quiz.start(request({ channelId: "c2", count: 2 }));
  if (!running.ok) throw new Error(`round did not start: ${running.reason}`);
  await app.quiz.openNext("c2");
  await app.quiz.answer("c2", { userId: "anna", userName: "ANNA", option: 1 });

  const schedule = {
    guildId: G1,
    channelId: "c3",
    time: "20:00",
    timeZone: "Europe/Berlin",
    kind: "mc" as const,
    hours: 20,
    lang: "de" as const,
    pausedReason: null,
    createdBy: mod.id,
    updatedAt: app.clock(),
  };
  await app.daily.store.setSchedule(schedule);
  const now = app.clock();
  const question = await app.daily.choose(schedule, "2026-11-22", now);
  if (!question) throw new Error("no question of the day");
  const day = { guildId: G1, day: "2026-11-22", channelId: "c3", lang: "de" as const };
  const claim = await app.daily.store.claimDay(
    { ...day, opensAt: now, closesAt: now + 20 * 3_600_000, question, now },
    app.owner,
  );
  if (claim.status !== "claimed") throw new Error("the day was taken");
  await app.daily.store.markPosted(claim.post.id, app.owner, "400000000000000004", now);
  const answered = await app.daily.answer(claim.post.id, {
    guildId: G1,
    userId: "cara",
    userName: "CARA",
    option: question.correctIndex,
  });
  if (answered.status !== "recorded") throw new Error(`daily answer: ${answered.status}`);
}
