/**
 * Paging a Kafka topic newest first across partitions. Pure functions.
 *
 * A cursor is the exclusive upper offset of every partition, `"<partition>:<offset>,…"` (`"0:15,1:7"`): the next page
 * holds records below those offsets. A page is a k-way merge of each partition's newest records (each partition in
 * offset order, the heads compared by timestamp), so what a page takes from a partition is always its newest
 * remaining records and the new upper offset is simply the lowest one taken.
 */
import { ValidationError } from "../../errors.ts";

/** Upper (exclusive) offset per partition. */
export type KafkaBounds = Map<number, bigint>;

/** `"0:15,1:7"` → bounds; throws {@link ValidationError} for anything else. */
export function parseKafkaCursor(cursor: string, path = "cursor"): KafkaBounds {
  const bounds: KafkaBounds = new Map();
  if (!/^\d{1,9}:\d{1,19}(,\d{1,9}:\d{1,19})*$/.test(cursor)) {
    throw new ValidationError([
      { path, message: `"${cursor.slice(0, 100)}" is not a cursor this API returned (<partition>:<offset>,…)` },
    ]);
  }
  for (const part of cursor.split(",")) {
    const [partition, offset] = part.split(":");
    bounds.set(Number(partition), BigInt(offset ?? "0"));
  }
  return bounds;
}

/** Bounds → cursor, partitions in order. */
export function formatKafkaCursor(bounds: KafkaBounds): string {
  return [...bounds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, offset]) => `${partition}:${offset}`)
    .join(",");
}

/** `"<partition>:<offset>"` → both; throws {@link ValidationError} otherwise. */
export function parseKafkaPosition(position: string, path = "position"): { partition: number; offset: bigint } {
  const match = /^(\d{1,9}):(\d{1,19})$/.exec(position);
  if (!match)
    throw new ValidationError([
      { path, message: `"${position.slice(0, 100)}" is not a Kafka position (<partition>:<offset>)` },
    ]);
  return { partition: Number(match[1]), offset: BigInt(match[2] ?? "0") };
}

/** A record as the merge sees it. */
export interface Positioned {
  readonly partition: number;
  readonly offsetValue: bigint;
  readonly timestamp: number;
}

/**
 * Take up to `limit` records newest first from per-partition candidate lists (each sorted by offset, newest first)
 * and work out the bounds of the next page. `exhausted` partitions had every record down to their low watermark among
 * their candidates; a partition whose candidates are all taken and that is exhausted is done (bound = `low`).
 */
export function mergeNewestFirst<TRecord extends Positioned>(page: {
  readonly candidates: ReadonlyMap<number, readonly TRecord[]>;
  readonly bounds: KafkaBounds;
  readonly lows: ReadonlyMap<number, bigint>;
  readonly exhausted: ReadonlySet<number>;
  readonly limit: number;
}): { items: TRecord[]; next: KafkaBounds; more: boolean } {
  const { candidates, bounds, lows, exhausted, limit } = page;
  const heads = new Map<number, number>([...candidates.keys()].map((partition) => [partition, 0]));
  const items: TRecord[] = [];
  while (items.length < limit) {
    let best: TRecord | undefined;
    for (const [partition, index] of heads) {
      const candidate = candidates.get(partition)?.[index];
      if (!candidate) continue;
      if (
        !best ||
        candidate.timestamp > best.timestamp ||
        (candidate.timestamp === best.timestamp &&
          (candidate.partition < best.partition ||
            (candidate.partition === best.partition && candidate.offsetValue > best.offsetValue)))
      ) {
        best = candidate;
      }
    }
    if (!best) break;
    items.push(best);
    heads.set(best.partition, (heads.get(best.partition) ?? 0) + 1);
  }
  const next: KafkaBounds = new Map();
  let more = false;
  for (const [partition, bound] of bounds) {
    const list = candidates.get(partition) ?? [];
    const taken = heads.get(partition) ?? 0;
    const low = lows.get(partition) ?? 0n;
    let upper = taken > 0 ? list[taken - 1]!.offsetValue : bound;
    if (taken === list.length && exhausted.has(partition)) upper = low;
    if (upper < low) upper = low;
    next.set(partition, upper);
    if (upper > low) more = true;
  }
  return { items, next, more };
}
