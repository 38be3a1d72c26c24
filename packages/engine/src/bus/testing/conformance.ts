/**
 * The one conformance suite every {@link EventBus} implementation must pass. Each implementation's test file calls
 * `describeEventBus(name, harness)`; the harness creates buses on a real backend (a file, nats-server, a Kafka
 * broker) and knows how to crash and restart it.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BusMessage, Delivery, EventBus, PublishResult, Subscription } from "../types.ts";

/** How the suite drives one implementation. */
export interface BusHarness {
  /** A bus on a fresh stream/namespace unless `reuse` names one created before (to test persistence). */
  create(options?: { reuse?: string }): Promise<{ bus: EventBus; stream: string }>;
  /**
   * Kill the backend hard (SIGKILL or closing the file without flushing) and bring it back on the same data.
   * `whileDown`, when given, runs after the kill and before the restart.
   */
  crashAndRestart?(whileDown?: () => Promise<void>): Promise<void>;
  /** Buses stay usable across `crashAndRestart` (a network broker they reconnect to, not an in-process file). */
  reconnects?: boolean;
  /** Make publishes overload (a tiny cap), returning a bus that must answer `overloaded`. */
  createOverloaded?(): Promise<EventBus>;
}

/** Build a message with a random id and a JSON body. */
export function testMessage(overrides: Partial<BusMessage> & { data?: unknown } = {}): BusMessage {
  const id = overrides.id ?? randomBytes(16).toString("hex");
  const body = overrides.body ?? new TextEncoder().encode(JSON.stringify({ id, data: overrides.data ?? null }));
  return {
    id,
    eventSourceName: overrides.eventSourceName ?? "webhook",
    eventName: overrides.eventName ?? "example",
    body,
    headers: overrides.headers ?? {},
  };
}

// One iterator per subscription, and the `next()` left pending by a `take` that timed out is reused by the next
// `take`: an abandoned `next()` would otherwise swallow the delivery it eventually receives.
const cursors = new WeakMap<Subscription, { iterator: AsyncIterator<Delivery>; pending?: Promise<IteratorResult<Delivery>> }>();

/** Take `count` deliveries from a subscription, failing after `timeoutMs`. */
export async function take(subscription: Subscription, count: number, timeoutMs = 10_000): Promise<Delivery[]> {
  const out: Delivery[] = [];
  let cursor = cursors.get(subscription);
  if (!cursor) cursors.set(subscription, (cursor = { iterator: subscription[Symbol.asyncIterator]() }));
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`timed out after ${out.length}/${count} deliveries`);
    const pending = (cursor.pending ??= cursor.iterator.next());
    const next = await Promise.race([
      pending,
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), remaining).unref()),
    ]);
    if (next === "timeout") throw new Error(`timed out after ${out.length}/${count} deliveries`);
    cursor.pending = undefined;
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Publish like a client that honours 503/Retry-After: retry while the bus is unavailable or overloaded. */
async function publishPatiently(bus: EventBus, message: BusMessage, timeoutMs: number): Promise<PublishResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await bus.publish(message).catch((error: unknown) => {
      if (Date.now() > deadline) throw error;
      return undefined;
    });
    if (result && (result.outcome !== "overloaded" || Date.now() > deadline)) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Expect no delivery within `ms`. */
async function expectQuiet(subscription: Subscription, ms: number): Promise<void> {
  await expect(take(subscription, 1, ms)).rejects.toThrow(/timed out/);
}

const text = (delivery: Delivery) => new TextDecoder().decode(delivery.message.body);
const durable = () => `test-${randomBytes(4).toString("hex")}`;

/** Register the conformance cases for one bus implementation. */
export function describeEventBus(name: string, harness: BusHarness): void {
  describe(`EventBus conformance: ${name}`, () => {
    const open: EventBus[] = [];
    const make = async (reuse?: string) => {
      const made = await harness.create(reuse ? { reuse } : {});
      open.push(made.bus);
      return made;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((bus) => bus.close()));
    });

    it("publishes, acknowledges and delivers a message with its body intact", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const message = testMessage({ data: { hello: "world" } });
      const result = await bus.publish(message);
      expect(result.outcome).toBe("accepted");
      const [delivery] = await take(sub, 1);
      expect(delivery?.message.id).toBe(message.id);
      expect(text(delivery!)).toBe(new TextDecoder().decode(message.body));
      await delivery!.ack();
    });

    it("delivers only the subjects a consumer filters on", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "a", eventName: "x" }] });
      await bus.publish(testMessage({ eventSourceName: "b", eventName: "x" }));
      const wanted = testMessage({ eventSourceName: "a", eventName: "x" });
      await bus.publish(wanted);
      const [delivery] = await take(sub, 1);
      expect(delivery?.message.id).toBe(wanted.id);
      expect(delivery?.message.eventSourceName).toBe("a");
      await delivery!.ack();
    });

    it("starts a new durable consumer at new messages by default", async () => {
      const { bus } = await make();
      await bus.publish(testMessage());
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const later = testMessage();
      await bus.publish(later);
      const [delivery] = await take(sub, 1);
      expect(delivery?.message.id).toBe(later.id);
    });

    it("resumes a durable consumer after the last acknowledged message", async () => {
      const { bus, stream } = await make();
      const name = durable();
      const filters = [{ eventSourceName: "webhook", eventName: "example" }];
      const first = await bus.subscribe({ durable: name, filters });
      const messages = [testMessage(), testMessage(), testMessage()];
      for (const message of messages) await bus.publish(message);
      const got = await take(first, 2);
      for (const delivery of got) await delivery.ack();
      await first.close();
      await bus.close();
      const { bus: again } = await make(stream);
      const second = await again.subscribe({ durable: name, filters });
      const [next] = await take(second, 1);
      expect(next?.message.id).toBe(messages[2]!.id);
    });

    it("redelivers a message that a crashed consumer never acknowledged", async () => {
      const { bus } = await make();
      const name = durable();
      const filters = [{ eventSourceName: "webhook", eventName: "example" }];
      const first = await bus.subscribe({ durable: name, filters, ackWaitMs: 500 });
      const message = testMessage();
      await bus.publish(message);
      const [unacked] = await take(first, 1);
      expect(unacked?.deliveryCount).toBe(1);
      await first.close();
      const second = await bus.subscribe({ durable: name, filters, ackWaitMs: 500 });
      const [again] = await take(second, 1);
      expect(again?.message.id).toBe(message.id);
      await again!.ack();
    });

    it("redelivers after a nak and after the ack wait expires", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({
        durable: durable(),
        filters: [{ eventSourceName: "webhook", eventName: "example" }],
        ackWaitMs: 300,
      });
      const message = testMessage();
      await bus.publish(message);
      const [first] = await take(sub, 1);
      first!.nak();
      const [second] = await take(sub, 1);
      expect(second?.message.id).toBe(message.id);
      expect(second?.deliveryCount).toBe(2);
      const [third] = await take(sub, 1, 5_000);
      expect(third?.message.id).toBe(message.id);
      expect(third?.deliveryCount).toBe(3);
      await third!.ack();
    });

    it("keeps the order of messages from one source", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const messages = Array.from({ length: 50 }, (_, i) => testMessage({ data: i }));
      await Promise.all(messages.map((message) => bus.publish(message)));
      const got = await take(sub, 50);
      expect(got.map((d) => d.message.id)).toEqual(messages.map((m) => m.id));
      expect(got.map((d) => d.sequence)).toEqual([...got.map((d) => d.sequence)].sort((a, b) => a - b));
      for (const delivery of got) await delivery.ack();
    });

    it("drops a re-published id inside the dedup window", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const message = testMessage();
      const first = await bus.publish(message);
      const again = await bus.publish(message);
      expect(first.outcome).toBe("accepted");
      expect(again.outcome).toBe("duplicate");
      const [delivery] = await take(sub, 1);
      await delivery!.ack();
      await expectQuiet(sub, 400);
    });

    it("does not swallow a replay: a new id with the same body is delivered", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const original = testMessage();
      const replay = { ...original, id: randomBytes(16).toString("hex"), headers: { "sb-replay-of": original.id } };
      expect((await bus.publish(original)).outcome).toBe("accepted");
      expect((await bus.publish(replay)).outcome).toBe("accepted");
      const got = await take(sub, 2);
      expect(got.map((d) => d.message.id)).toEqual([original.id, replay.id]);
      expect(got[1]?.message.headers["sb-replay-of"]).toBe(original.id);
    });

    it("carries headers such as traceparent and ce- extensions beside the body", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
      const headers = { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ce-tenant": "acme" };
      const message = testMessage({ headers });
      await bus.publish(message);
      const [delivery] = await take(sub, 1);
      expect(delivery?.message.headers).toMatchObject(headers);
      expect(text(delivery!)).not.toContain("acme");
    });

    it("stores key/value state that survives reopening", async () => {
      const { bus, stream } = await make();
      const kv = await bus.openKeyValue("sensor-a");
      await kv.put("trigger/dep", new TextEncoder().encode("held"));
      await kv.put("trigger/other", new TextEncoder().encode("x"));
      await kv.delete("trigger/other");
      await bus.close();
      const { bus: again } = await make(stream);
      const reopened = await again.openKeyValue("sensor-a");
      expect(new TextDecoder().decode((await reopened.get("trigger/dep")) ?? new Uint8Array())).toBe("held");
      expect(await reopened.get("trigger/other")).toBeUndefined();
      expect(await reopened.keys("trigger/")).toEqual(["trigger/dep"]);
    });

    it("loses nothing on a clean shutdown right after publishing", async () => {
      const { bus, stream } = await make();
      const name = durable();
      const filters = [{ eventSourceName: "webhook", eventName: "example" }];
      void (await bus.subscribe({ durable: name, filters })).close();
      const messages = Array.from({ length: 100 }, () => testMessage());
      const results = await Promise.all(messages.map((message) => bus.publish(message)));
      expect(results.every((r) => r.outcome === "accepted")).toBe(true);
      await bus.close();
      const { bus: again } = await make(stream);
      const sub = await again.subscribe({ durable: name, filters });
      const got = await take(sub, 100);
      expect(new Set(got.map((d) => d.message.id))).toEqual(new Set(messages.map((m) => m.id)));
    });

    it("starts a new durable consumer at the first message with deliver: all", async () => {
      const { bus } = await make();
      const earlier = testMessage();
      await bus.publish(earlier);
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }], deliver: "all" });
      const later = testMessage();
      await bus.publish(later);
      const got = await take(sub, 2);
      expect(got.map((d) => d.message.id)).toEqual([earlier.id, later.id]);
      for (const delivery of got) await delivery.ack();
    });

    it("delivers every subject to a */* consumer, with the names it was published under", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "*", eventName: "*" }] });
      const messages = [testMessage({ eventSourceName: "a", eventName: "x" }), testMessage({ eventSourceName: "b", eventName: "y" })];
      for (const message of messages) await bus.publish(message);
      const got = await take(sub, 2);
      expect(got.map((d) => [d.message.id, d.message.eventSourceName, d.message.eventName])).toEqual(
        messages.map((m) => [m.id, m.eventSourceName, m.eventName]),
      );
      expect(got.every((d) => d.storedAt > Date.now() - 60_000 && d.storedAt <= Date.now() + 1_000)).toBe(true);
      for (const delivery of got) await delivery.ack();
    });

    it("keeps a delivery that is marked working past its ack wait, and redelivers a delayed nak only later", async () => {
      const { bus } = await make();
      const sub = await bus.subscribe({
        durable: durable(),
        filters: [{ eventSourceName: "webhook", eventName: "example" }],
        ackWaitMs: 600,
      });
      const message = testMessage();
      await bus.publish(message);
      const [first] = await take(sub, 1);
      const ticker = setInterval(() => first!.working(), 150);
      try {
        await expectQuiet(sub, 1_500);
      } finally {
        clearInterval(ticker);
      }
      first!.nak(1_000);
      await expectQuiet(sub, 500);
      const [again] = await take(sub, 1, 5_000);
      expect(again?.message.id).toBe(message.id);
      expect(again?.deliveryCount).toBe(2);
      await again!.ack();
    });

    it("forgets a deleted consumer's position: re-created, it starts at new messages", async () => {
      const { bus } = await make();
      const name = durable();
      const filters = [{ eventSourceName: "webhook", eventName: "example" }];
      const first = await bus.subscribe({ durable: name, filters, ackWaitMs: 500 });
      await bus.publish(testMessage());
      await take(first, 1);
      await bus.deleteConsumer(name);
      await first.closed;
      const second = await bus.subscribe({ durable: name, filters, ackWaitMs: 500 });
      const fresh = testMessage();
      await bus.publish(fresh);
      const [delivery] = await take(second, 1);
      expect(delivery?.message.id).toBe(fresh.id);
      await delivery!.ack();
      await expectQuiet(second, 800);
    });

    if (harness.createOverloaded) {
      it("answers overloaded instead of accepting what it cannot store", async () => {
        const bus = await harness.createOverloaded!();
        open.push(bus);
        const results = await Promise.all(Array.from({ length: 20 }, () => bus.publish(testMessage({ data: "x".repeat(512) }))));
        const overloaded = results.filter((r) => r.outcome === "overloaded");
        expect(overloaded.length).toBeGreaterThan(0);
        for (const result of overloaded) if (result.outcome === "overloaded") expect(result.retryAfterMs).toBeGreaterThan(0);
      });
    }

    if (harness.crashAndRestart) {
      it("keeps every accepted message across a hard crash of the backend", async () => {
        const { bus, stream } = await make();
        const name = durable();
        const filters = [{ eventSourceName: "webhook", eventName: "example" }];
        await (await bus.subscribe({ durable: name, filters })).close();
        const messages = Array.from({ length: 20 }, () => testMessage());
        for (const message of messages) expect((await bus.publish(message)).outcome).toBe("accepted");
        await harness.crashAndRestart!();
        const { bus: again } = await make(stream);
        const sub = await again.subscribe({ durable: name, filters });
        const got = await take(sub, 20, 30_000);
        expect(new Set(got.map((d) => d.message.id))).toEqual(new Set(messages.map((m) => m.id)));
      });
    }

    if (harness.crashAndRestart && harness.reconnects) {
      it("reconnects by itself after the backend restarts: the same bus and subscription carry on", async () => {
        const { bus } = await make();
        const sub = await bus.subscribe({ durable: durable(), filters: [{ eventSourceName: "webhook", eventName: "example" }] });
        const before = testMessage();
        expect((await bus.publish(before)).outcome).toBe("accepted");
        const [first] = await take(sub, 1);
        await first!.ack();
        await harness.crashAndRestart!(async () => {
          await vi.waitFor(() => expect(bus.health().connected).toBe(false), { timeout: 10_000, interval: 50 });
          await expect(bus.publish(testMessage())).rejects.toMatchObject({ code: "BUS_UNAVAILABLE" });
        });
        await vi.waitFor(() => expect(bus.health()).toEqual({ connected: true }), { timeout: 30_000, interval: 100 });
        const after = testMessage();
        expect((await publishPatiently(bus, after, 30_000)).outcome).toBe("accepted");
        const [next] = await take(sub, 1, 30_000);
        expect(next?.message.id).toBe(after.id);
        await next!.ack();
      });
    }
  });
}
