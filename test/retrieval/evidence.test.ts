import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";
import { evaluateEvidence, formatEvidence, loadEvidence } from "./evidence.ts";

/**
 * Just under the rates measured when this test was last changed, so a change that makes the
 * verdicts worse fails. Rates as chat none / unsupported not backs / wrong detail not backs and
 * named / answerable none, backs, R@1, R@3, on the code that leaves out what names a text being
 * read ("der Musk-Text"), does not count everyday synonyms as evidence and takes a passage
 * holding only everyday words for none. evidence-tune.yaml (tuned on): 97.5, 100, 95.0 and 92.5,
 * 3.3, 68.3, 93.3, 98.3 %. evidence-heldout.yaml to evidence-heldout6.yaml (each blind once, seen
 * since): 97.5, 90.0, 90.0 and 90.0, 3.3, 61.7, 93.3, 98.3 %; 96.0, 92.5, 95.0 and 95.0, 3.3,
 * 61.7, 88.3, 90.0 %; 94.0, 85.0, 90.0 and 87.5, 1.4, 65.7, 91.4, 98.6 %; 96.0, 92.5, 87.5 and
 * 85.0, 5.7, 65.7, 95.7, 98.6 %; 92.0, 90.0, 85.0 and 85.0, 2.9, 60.0, 94.3, 98.6 %; 90.0, 92.5,
 * 87.5 and 85.0, 2.9, 58.6, 92.9, 97.1 %. evidence-heldout7.yaml (blind, then tuned on): 94.0,
 * 90.0, 97.5 and 97.5, 2.9, 61.4, 95.7, 98.6 %. evidence-heldout8.yaml (run once blind): 100,
 * 95.0, 95.0 and 90.0, 0.0, 62.9, 98.6, 98.6 %. evidence-heldout9.yaml (run once blind, then
 * seen): 94.0, 95.0, 92.5 and 90.0, 1.4, 65.7, 98.6, 98.6 %. evidence-heldout10.yaml (run once
 * blind): 94.0, 90.0, 100 and 100, 1.4, 64.3, 98.6, 98.6 %. evidence-heldout11.yaml (run once
 * blind, then seen): 94.0, 92.5, 97.5 and 97.5, 1.4, 61.4, 95.7, 100 %. evidence-heldout12.yaml
 * (run once blind, then seen): 88.3, 82.5, 92.5 and 92.5, 0.0, 68.8, 98.8, 100 %.
 */
const FLOORS = {
  "evidence-tune.yaml": {
    chat: { none: 0.95 },
    unsupported: { notBacks: 0.97 },
    "wrong-detail": { notBacks: 0.92, named: 0.9 },
    answerable: { backs: 0.65, maxNone: 0.05, recallAt1: 0.9, recallAt3: 0.95 },
  },
  "evidence-heldout.yaml": {
    chat: { none: 0.95 },
    unsupported: { notBacks: 0.87 },
    "wrong-detail": { notBacks: 0.87, named: 0.87 },
    answerable: { backs: 0.58, maxNone: 0.07, recallAt1: 0.9, recallAt3: 0.96 },
  },
  "evidence-heldout2.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.92, named: 0.92 },
    answerable: { backs: 0.58, maxNone: 0.05, recallAt1: 0.86, recallAt3: 0.88 },
  },
  "evidence-heldout3.yaml": {
    chat: { none: 0.92 },
    unsupported: { notBacks: 0.82 },
    "wrong-detail": { notBacks: 0.87, named: 0.85 },
    answerable: { backs: 0.62, maxNone: 0.03, recallAt1: 0.88, recallAt3: 0.96 },
  },
  "evidence-heldout4.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.85, named: 0.82 },
    answerable: { backs: 0.62, maxNone: 0.07, recallAt1: 0.93, recallAt3: 0.96 },
  },
  "evidence-heldout5.yaml": {
    chat: { none: 0.9 },
    unsupported: { notBacks: 0.87 },
    "wrong-detail": { notBacks: 0.82, named: 0.82 },
    answerable: { backs: 0.57, maxNone: 0.05, recallAt1: 0.92, recallAt3: 0.96 },
  },
  "evidence-heldout6.yaml": {
    chat: { none: 0.88 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.85, named: 0.82 },
    answerable: { backs: 0.57, maxNone: 0.04, recallAt1: 0.9, recallAt3: 0.95 },
  },
  "evidence-heldout7.yaml": {
    chat: { none: 0.92 },
    unsupported: { notBacks: 0.87 },
    "wrong-detail": { notBacks: 0.95, named: 0.95 },
    answerable: { backs: 0.6, maxNone: 0.04, recallAt1: 0.94, recallAt3: 0.97 },
  },
  "evidence-heldout8.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.92 },
    "wrong-detail": { notBacks: 0.92, named: 0.87 },
    answerable: { backs: 0.61, maxNone: 0.02, recallAt1: 0.97, recallAt3: 0.97 },
  },
  "evidence-heldout9.yaml": {
    chat: { none: 0.92 },
    unsupported: { notBacks: 0.92 },
    "wrong-detail": { notBacks: 0.9, named: 0.87 },
    answerable: { backs: 0.63, maxNone: 0.03, recallAt1: 0.97, recallAt3: 0.97 },
  },
  "evidence-heldout10.yaml": {
    chat: { none: 0.92 },
    unsupported: { notBacks: 0.87 },
    "wrong-detail": { notBacks: 0.97, named: 0.97 },
    answerable: { backs: 0.62, maxNone: 0.03, recallAt1: 0.97, recallAt3: 0.97 },
  },
  "evidence-heldout11.yaml": {
    chat: { none: 0.92 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.95, named: 0.95 },
    answerable: { backs: 0.6, maxNone: 0.03, recallAt1: 0.94, recallAt3: 0.98 },
  },
  "evidence-heldout12.yaml": {
    chat: { none: 0.86 },
    unsupported: { notBacks: 0.8 },
    "wrong-detail": { notBacks: 0.9, named: 0.9 },
    answerable: { backs: 0.66, maxNone: 0.02, recallAt1: 0.97, recallAt3: 0.98 },
  },
};

let t: TempApp;
beforeAll(async () => {
  t = await indexedTempApp();
});
afterAll(() => t.cleanup());

describe.each(Object.entries(FLOORS))("verdicts on %s", (file, floors) => {
  it("says no source for chat, does not back what the articles do not say, names wrong details", () => {
    const path = new URL(`./${file}`, import.meta.url).pathname;
    const f = evaluateEvidence(t.db, loadEvidence(path), (q) =>
      t.app.search.search(q, { limit: 10 }),
    );
    process.stdout.write(`${file}\n${formatEvidence(f)}\n`);
    expect(f.chat?.none).toBeGreaterThanOrEqual(floors.chat.none);
    expect(f.unsupported?.notBacks).toBeGreaterThanOrEqual(floors.unsupported.notBacks);
    expect(f["wrong-detail"]?.notBacks).toBeGreaterThanOrEqual(floors["wrong-detail"].notBacks);
    expect(f["wrong-detail"]?.named).toBeGreaterThanOrEqual(floors["wrong-detail"].named);
    expect(f.answerable?.backs).toBeGreaterThanOrEqual(floors.answerable.backs);
    expect(f.answerable?.none).toBeLessThanOrEqual(floors.answerable.maxNone);
    expect(f.answerable?.recallAt1).toBeGreaterThanOrEqual(floors.answerable.recallAt1);
    expect(f.answerable?.recallAt3).toBeGreaterThanOrEqual(floors.answerable.recallAt3);
  });
});
