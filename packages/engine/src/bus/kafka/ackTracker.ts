/**
 * Per-partition ack bookkeeping for at-least-once commits. Records arrive in offset order; acks arrive in any order.
 * The committable position is the lowest offset not yet settled (or one past the last seen when all are), so a
 * restart redelivers every unacknowledged record and nothing below it. Offsets may have gaps (compaction, control
 * records): only the offsets that were seen count. Pure.
 */
export class AckTracker {
  private readonly open: number[] = [];
  private head = 0;
  private readonly settled = new Set<number>();
  private next: number | undefined;

  /** A record was taken at `offset` (strictly above every offset taken before); `settled` when it needs no ack. */
  take(offset: number, settled = false): void {
    this.next = offset + 1;
    if (settled && this.head === this.open.length) return; // nothing below is open: no need to remember it
    this.open.push(offset);
    if (settled) this.settled.add(offset);
  }

  /** Nothing taken yet, but the partition is read from `offset`: that is the position until records come. */
  startAt(offset: number): void {
    if (this.next === undefined) this.next = offset;
  }

  /** The record at `offset` was acknowledged (or needs no ack any more). */
  settle(offset: number): void {
    this.settled.add(offset);
  }

  /** One past the last offset taken, `undefined` before the first. */
  get nextOffset(): number | undefined {
    return this.next;
  }

  /** The offset to commit: every record below it is settled. `undefined` before the first record. */
  position(): number | undefined {
    while (this.head < this.open.length) {
      const offset = this.open[this.head]!;
      if (!this.settled.has(offset)) {
        if (this.head > 1024 && this.head * 2 > this.open.length) {
          this.open.splice(0, this.head);
          this.head = 0;
        }
        return offset;
      }
      this.settled.delete(offset);
      this.head += 1;
    }
    if (this.head > 0) {
      this.open.length = 0;
      this.head = 0;
    }
    return this.next;
  }

  /** Records taken and not settled yet (an upper bound until {@link position} has run). */
  get openCount(): number {
    return this.open.length - this.head;
  }
}
