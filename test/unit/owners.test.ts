import { describe, expect, it } from "vitest";
import { newOwnerIdentity, ownerGone } from "../../src/quiz/owners.ts";

const now = 1_800_000_000_000;
const self = newOwnerIdentity();
const row = (
  over: Partial<{ id: string; host: string; pid: number; startedAt: number; heartbeatAt: number }>,
) => ({
  id: "other",
  host: self.host,
  pid: process.ppid,
  startedAt: now - 1000,
  heartbeatAt: now - 1000,
  ...over,
});

describe("a round's owner", () => {
  it("is this process itself: alive", () => {
    expect(ownerGone(row({ id: self.id, pid: self.pid }), self, now)).toBe(false);
  });

  it("on this host, with a running process id and a recent heartbeat: alive", () => {
    expect(ownerGone(row({}), self, now)).toBe(false);
  });

  it("on this host with our own process id, registered before we started: an earlier life, gone", () => {
    const before = performance.timeOrigin - 60_000;
    expect(ownerGone(row({ pid: self.pid, startedAt: before }), self, now)).toBe(true);
    // Registered since: another app in this same process (as tests run them), alive.
    expect(ownerGone(row({ pid: self.pid }), self, now)).toBe(false);
  });

  it("on this host whose process id has no process, or whose heartbeat is very old: gone", () => {
    expect(ownerGone(row({ pid: 2 ** 22 + 12345 }), self, now)).toBe(true);
    expect(ownerGone(row({ heartbeatAt: now - 11 * 60_000 }), self, now)).toBe(true);
  });

  it("on another host: alive while its heartbeat is under a minute old", () => {
    expect(ownerGone(row({ host: "elsewhere", heartbeatAt: now - 30_000 }), self, now)).toBe(false);
    expect(ownerGone(row({ host: "elsewhere", heartbeatAt: now - 61_000 }), self, now)).toBe(true);
  });

  it("missing: gone", () => {
    expect(ownerGone(undefined, self, now)).toBe(true);
  });
});
