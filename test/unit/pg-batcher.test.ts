import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type BatcherOptions,
  GroupCommitBatcher,
  type ItemOutcome,
} from "../../src/db/pg/batcher.ts";
import { WriteFailedError } from "../../src/db/write-failure.ts";

/** A flush the test settles by hand: each call waits until the test resolves or rejects it. */
function manualFlush<I>() {
  const calls: {
    items: readonly I[];
    deadline: number;
    resolve: (outcomes: readonly ItemOutcome<string>[]) => void;
    reject: (error: unknown) => void;
  }[] = [];
  const flush = (items: readonly I[], deadline: number) =>
    new Promise<readonly ItemOutcome<string>[]>((resolve, reject) =>
      calls.push({ items, deadline, resolve, reject }),
    );
  return { calls, flush };
}

const stored = <I>(items: readonly I[]) =>
  items.map((item) => ({ ok: true as const, value: `stored ${item}` }));

const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

/** Settles what can settle now: promise callbacks, then due timers. */
const settle = () => vi.advanceTimersByTimeAsync(0);

let now = 0;
const options = (over: Partial<BatcherOptions> = {}): BatcherOptions => ({
  gatherMs: 5,
  maxItems: 10,
  maxInFlight: 1,
  deadlineMs: 1_000,
  now: () => now,
  ...over,
});

beforeEach(() => {
  vi.useFakeTimers();
  now = 1_000_000;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the group-commit batcher", () => {
  it("gathers items submitted one at a time into one flush, in order, each told its own result", async () => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options());
    const results = [1, 2, 3].map((n) => batcher.submit(n));
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    calls[0]?.resolve(stored([1, 2, 3]));
    expect(await Promise.all(results)).toEqual(["stored 1", "stored 2", "stored 3"]);
  });

  it("flushes at once when maxItems are there, and no more than maxItems at a time", async () => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options({ maxItems: 2 }));
    const results = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    expect(calls.map((c) => c.items)).toEqual([[1, 2]]);
    calls[0]?.resolve(stored([1, 2]));
    await settle();
    expect(calls.map((c) => c.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    calls[1]?.resolve(stored([3, 4]));
    await settle();
    calls[2]?.resolve(stored([5]));
    expect(calls.map((c) => c.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(results)).toHaveLength(5);
    await batcher.drained();
  });

  it("runs at most maxInFlight flushes; items arriving meanwhile gather for the next one", async () => {
    const { calls, flush } = manualFlush<string>();
    const batcher = new GroupCommitBatcher(flush, options({ maxItems: 1, maxInFlight: 2 }));
    const results = ["a", "b", "c", "d"].map((item) => batcher.submit(item));
    expect(calls.map((c) => c.items)).toEqual([["a"], ["b"]]);
    calls[1]?.resolve(stored(["b"]));
    await settle();
    expect(calls.map((c) => c.items)).toEqual([["a"], ["b"], ["c"]]);
    calls[0]?.resolve(stored(["a"]));
    calls[2]?.resolve(stored(["c"]));
    await settle();
    calls[3]?.resolve(stored(["d"]));
    expect(await Promise.all(results)).toEqual(["stored a", "stored b", "stored c", "stored d"]);
  });

  it("fails only the item whose own write failed; the others of its flush are stored", async () => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options());
    const duplicate = sqlError("23505");
    const results = [1, 2, 3].map((n) => batcher.submit(n).catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(5);
    calls[0]?.resolve([
      { ok: true, value: "stored 1" },
      { ok: false, error: duplicate },
      { ok: true, value: "stored 3" },
    ]);
    expect(await Promise.all(results)).toEqual(["stored 1", duplicate, "stored 3"]);
  });

  it.each([
    ["57P01", "timeout"],
    ["40001", "timeout"],
    ["08006", "timeout"],
    ["53100", "full"],
  ] as const)("fails every item of a flush that failed with %s as %s", async (code, reason) => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options());
    const results = [1, 2].map((n) => batcher.submit(n).catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(5);
    calls[0]?.reject(sqlError(code));
    const errors = await Promise.all(results);
    for (const error of errors) {
      expect(error).toBeInstanceOf(WriteFailedError);
      expect((error as WriteFailedError).reason).toBe(reason);
    }
  });

  it("passes a whole flush's own error (a bug, a constraint) on to each item unchanged", async () => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options());
    const result = batcher.submit(1).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5);
    const bug = new TypeError("no such column");
    calls[0]?.reject(bug);
    expect(await result).toBe(bug);
  });

  it("gives a flush its items' earliest deadline", async () => {
    const { calls, flush } = manualFlush<number>();
    const batcher = new GroupCommitBatcher(flush, options());
    void batcher.submit(1, 2_000);
    void batcher.submit(2, 500);
    await vi.advanceTimersByTimeAsync(5);
    expect(calls[0]?.deadline).toBe(now + 500);
    calls[0]?.resolve(stored([1, 2]));
  });

  it("fails an item still waiting at its deadline as a timeout, and never flushes it", async () => {
    const { calls, flush } = manualFlush<string>();
    const batcher = new GroupCommitBatcher(flush, options({ maxInFlight: 1 }));
    const first = batcher.submit("first");
    await vi.advanceTimersByTimeAsync(5);
    const late = batcher.submit("late", 100).catch((error: unknown) => error);
    const patient = batcher.submit("patient", 5_000);
    now += 200;
    calls[0]?.resolve(stored(["first"]));
    await settle();
    const error = await late;
    expect(error).toBeInstanceOf(WriteFailedError);
    expect((error as WriteFailedError).reason).toBe("timeout");
    expect(calls.map((c) => c.items)).toEqual([["first"], ["patient"]]);
    calls[1]?.resolve(stored(["patient"]));
    expect([await first, await patient]).toEqual(["stored first", "stored patient"]);
  });

  it("fails an item waiting behind busy flushes at its deadline, while they still run", async () => {
    const { calls, flush } = manualFlush<string>();
    const batcher = new GroupCommitBatcher(flush, options({ maxItems: 1, now: () => Date.now() }));
    const first = batcher.submit("first", 5_000);
    const waiting = batcher.submit("waiting", 300).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(300);
    const error = await waiting;
    expect((error as WriteFailedError).reason).toBe("timeout");
    expect(calls.map((c) => c.items)).toEqual([["first"]]);
    calls[0]?.resolve(stored(["first"]));
    expect(await first).toBe("stored first");
    await batcher.drained();
  });
});
