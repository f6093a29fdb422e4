import { randomBytes } from "node:crypto";

/**
 * Short-lived state behind buttons (a /cite result list, a /review round), by a random id that
 * fits in a custom id. Bounded in size and age: an old button says it expired.
 */
export class SessionStore<T extends { readonly userId: string }> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxEntries = 2000,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  add(value: T): string {
    const id = randomBytes(6).toString("hex");
    this.entries.set(id, { value, at: this.clock() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return id;
  }

  get(id: string): T | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.clock() - entry.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
