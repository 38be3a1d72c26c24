/**
 * A time-and-count bounded memory of ids: Kafka has no server-side dedup, so the bus remembers what it published
 * (and each durable what it acknowledged) for a window, like JetStream's `duplicates`. Entries leave when older than
 * the window or, oldest first, when more than `maxIds` are held. Pure apart from the `now` values it is given.
 */
export class RecentIds<TValue> {
  private readonly entries = new Map<string, { at: number; value: TValue }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxIds: number,
  ) {}

  /** The value remembered for `id`, unless it has expired. */
  get(id: string, now: number): TValue | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (now - entry.at >= this.windowMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  /** Remember `id` from `now` on (a repeat moves it to the newest end). */
  set(id: string, value: TValue, now: number): void {
    this.entries.delete(id);
    this.entries.set(id, { at: now, value });
    this.prune(now);
  }

  /** Change the value of a remembered id without restarting its window. */
  update(id: string, value: TValue): void {
    const entry = this.entries.get(id);
    if (entry) entry.value = value;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    // Map iteration follows insertion order, and entries are inserted with non-decreasing `now`: the oldest first.
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxIds && now - entry.at < this.windowMs) break;
      this.entries.delete(id);
    }
  }
}
