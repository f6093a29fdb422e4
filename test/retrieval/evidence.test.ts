import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexedTempApp, type TempApp } from "../support/temp-app.ts";
import { evaluateEvidence, formatEvidence, loadEvidence } from "./evidence.ts";

/**
 * Just under the rates measured when this test was last changed, so a change that makes the
 * verdicts worse fails. Rates as chat none / unsupported not backs / wrong detail not backs and
 * named / answerable none, backs, R@1, R@3, on the code that also takes for none what the corpus
 * never mentions (ELSEWHERE), asks more of a message that speaks as the group
 * (SPEAKING_NONE_BELOW), counts numbers towards the coverage, a name held only as the start of a
 * longer one as a part (NAME_PART_CREDIT), and a synonym of a word the corpus uses and a noun's
 * other number ("Firmen"/"Firma") as evidence only (verdictOnly). evidence-tune.yaml was tuned
 * on; every held-out set was written blind from the articles alone, run once untouched and seen
 * since (their first runs are in the README):
 * tune: 100, 100, 95.0 and 92.5, 3.3, 70.0, 93.3, 98.3 %.
 * heldout: 100, 90.0, 90.0 and 90.0, 5.0, 61.7, 93.3, 98.3 %.
 * heldout2: 98.0, 95.0, 95.0 and 95.0, 3.3, 66.7, 88.3, 90.0 %.
 * heldout3: 96.0, 85.0, 90.0 and 87.5, 2.9, 65.7, 91.4, 98.6 %.
 * heldout4: 100, 92.5, 87.5 and 85.0, 7.1, 65.7, 95.7, 98.6 %.
 * heldout5: 100, 95.0, 85.0 and 85.0, 2.9, 65.7, 94.3, 98.6 %.
 * heldout6: 98.0, 92.5, 87.5 and 85.0, 4.3, 62.9, 92.9, 97.1 %.
 * heldout7: 96.0, 90.0, 97.5 and 97.5, 2.9, 62.9, 95.7, 98.6 %.
 * heldout8: 100, 95.0, 95.0 and 90.0, 0.0, 64.3, 98.6, 98.6 %.
 * heldout9: 98.0, 95.0, 90.0 and 90.0, 1.4, 67.1, 98.6, 98.6 %.
 * heldout10: 100, 87.5, 100 and 100, 1.4, 70.0, 98.6, 98.6 %.
 * heldout11: 98.0, 92.5, 97.5 and 97.5, 1.4, 62.9, 95.7, 100 %.
 * heldout12: 96.7, 82.5, 92.5 and 92.5, 0.0, 71.3, 98.8, 100 %.
 * heldout13: 98.3, 90.0, 92.5 and 90.0, 1.4, 72.9, 92.9, 97.1 %.
 * heldout14: 93.3, 92.5, 95.0 and 95.0, 0.0, 68.6, 95.7, 98.6 %.
 * heldout15: 100, 95.0, 92.5 and 90.0, 2.9, 72.9, 97.1, 98.6 %.
 * heldout16: 98.3, 87.5, 92.5 and 92.5, 2.9, 65.7, 92.9, 95.7 %.
 * heldout17: 91.7, 95.0, 92.5 and 92.5, 2.9, 68.6, 95.7, 97.1 %.
 * heldout18: 96.7, 87.5, 87.5 and 85.0, 5.7, 70.0, 91.4, 98.6 %.
 * heldout19: 91.7, 95.0, 95.0 and 95.0, 1.4, 61.4, 94.3, 97.1 %.
 * heldout20: 100, 95.0, 97.5 and 97.5, 1.4, 72.9, 100, 100 %.
 * heldout21: 96.7, 92.5, 90.0 and 90.0, 1.4, 77.1, 97.1, 100 %.
 * heldout22: 96.7, 95.0, 95.0 and 95.0, 2.9, 70.0, 95.7, 97.1 %.
 */
const FLOORS = {
  "evidence-tune.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.98 },
    "wrong-detail": { notBacks: 0.93, named: 0.9 },
    answerable: { backs: 0.68, maxNone: 0.05, recallAt1: 0.91, recallAt3: 0.96 },
  },
  "evidence-heldout.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.88 },
    "wrong-detail": { notBacks: 0.88, named: 0.88 },
    answerable: { backs: 0.59, maxNone: 0.06, recallAt1: 0.91, recallAt3: 0.96 },
  },
  "evidence-heldout2.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.93, named: 0.93 },
    answerable: { backs: 0.64, maxNone: 0.05, recallAt1: 0.86, recallAt3: 0.88 },
  },
  "evidence-heldout3.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.83 },
    "wrong-detail": { notBacks: 0.88, named: 0.85 },
    answerable: { backs: 0.63, maxNone: 0.04, recallAt1: 0.89, recallAt3: 0.96 },
  },
  "evidence-heldout4.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.85, named: 0.83 },
    answerable: { backs: 0.63, maxNone: 0.09, recallAt1: 0.93, recallAt3: 0.96 },
  },
  "evidence-heldout5.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.83, named: 0.83 },
    answerable: { backs: 0.63, maxNone: 0.04, recallAt1: 0.92, recallAt3: 0.96 },
  },
  "evidence-heldout6.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.85, named: 0.83 },
    answerable: { backs: 0.6, maxNone: 0.06, recallAt1: 0.9, recallAt3: 0.95 },
  },
  "evidence-heldout7.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.88 },
    "wrong-detail": { notBacks: 0.95, named: 0.95 },
    answerable: { backs: 0.6, maxNone: 0.04, recallAt1: 0.93, recallAt3: 0.96 },
  },
  "evidence-heldout8.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.93, named: 0.88 },
    answerable: { backs: 0.62, maxNone: 0.01, recallAt1: 0.96, recallAt3: 0.96 },
  },
  "evidence-heldout9.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.88, named: 0.88 },
    answerable: { backs: 0.65, maxNone: 0.03, recallAt1: 0.96, recallAt3: 0.96 },
  },
  "evidence-heldout10.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.85 },
    "wrong-detail": { notBacks: 0.98, named: 0.98 },
    answerable: { backs: 0.68, maxNone: 0.03, recallAt1: 0.96, recallAt3: 0.96 },
  },
  "evidence-heldout11.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.95, named: 0.95 },
    answerable: { backs: 0.6, maxNone: 0.03, recallAt1: 0.93, recallAt3: 0.98 },
  },
  "evidence-heldout12.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.8 },
    "wrong-detail": { notBacks: 0.9, named: 0.9 },
    answerable: { backs: 0.69, maxNone: 0.01, recallAt1: 0.96, recallAt3: 0.98 },
  },
  "evidence-heldout13.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.88 },
    "wrong-detail": { notBacks: 0.9, named: 0.88 },
    answerable: { backs: 0.7, maxNone: 0.03, recallAt1: 0.9, recallAt3: 0.95 },
  },
  "evidence-heldout14.yaml": {
    chat: { none: 0.91 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.93, named: 0.93 },
    answerable: { backs: 0.66, maxNone: 0.01, recallAt1: 0.93, recallAt3: 0.96 },
  },
  "evidence-heldout15.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.9, named: 0.88 },
    answerable: { backs: 0.7, maxNone: 0.04, recallAt1: 0.95, recallAt3: 0.96 },
  },
  "evidence-heldout16.yaml": {
    chat: { none: 0.96 },
    unsupported: { notBacks: 0.85 },
    "wrong-detail": { notBacks: 0.9, named: 0.9 },
    answerable: { backs: 0.63, maxNone: 0.04, recallAt1: 0.9, recallAt3: 0.93 },
  },
  "evidence-heldout17.yaml": {
    chat: { none: 0.89 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.9, named: 0.9 },
    answerable: { backs: 0.66, maxNone: 0.04, recallAt1: 0.93, recallAt3: 0.95 },
  },
  "evidence-heldout18.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.85 },
    "wrong-detail": { notBacks: 0.85, named: 0.83 },
    answerable: { backs: 0.68, maxNone: 0.07, recallAt1: 0.89, recallAt3: 0.96 },
  },
  "evidence-heldout19.yaml": {
    chat: { none: 0.89 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.93, named: 0.93 },
    answerable: { backs: 0.59, maxNone: 0.03, recallAt1: 0.92, recallAt3: 0.95 },
  },
  "evidence-heldout20.yaml": {
    chat: { none: 0.98 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.95, named: 0.95 },
    answerable: { backs: 0.7, maxNone: 0.03, recallAt1: 0.98, recallAt3: 0.98 },
  },
  "evidence-heldout21.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.9 },
    "wrong-detail": { notBacks: 0.88, named: 0.88 },
    answerable: { backs: 0.75, maxNone: 0.03, recallAt1: 0.95, recallAt3: 0.98 },
  },
  "evidence-heldout22.yaml": {
    chat: { none: 0.94 },
    unsupported: { notBacks: 0.93 },
    "wrong-detail": { notBacks: 0.93, named: 0.93 },
    answerable: { backs: 0.68, maxNone: 0.04, recallAt1: 0.93, recallAt3: 0.95 },
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
