/**
 * A running sensor: one durable consumer per (trigger, dependency) with Argo's names, the per-event pipeline, the
 * join, and trigger runs with Argo's delivery rules (§5.6):
 * - `atLeastOnce: true`: the bus message is acked only after the run (and its DLQ) finished;
 * - otherwise the run's start is recorded durably, the message acked, and the run proceeds in the background.
 */
import { setMaxListeners } from "node:events";
import type { BusMessage, Delivery, EventBus, Subscription } from "../bus/types.ts";
import { errorMessage } from "../errors.ts";
import type { Clock, Logger } from "../host.ts";
import { toTriggerEvent, type TriggerEvent } from "../mapping/events.ts";
import type { SensorResource } from "../resources/sensor.ts";
import type { Trigger } from "../resources/trigger.ts";
import { decodeCloudEvent, newEventId } from "../sources/cloudevent.ts";
import type { SecretResolver } from "../sources/registry.ts";
import { RateLimiter } from "../triggers/backoff.ts";
import { runTrigger } from "../triggers/run.ts";
import { compileConditions, durableName, type CompiledConditions } from "./conditions.ts";
import { compileDependency, type CompiledDependency } from "./dependency.ts";
import type { ExplainRecord } from "./explain.ts";
import { JoinState } from "./join.ts";
import { lastTick, runResets, type ResetSchedule } from "./reset.ts";
import { Semaphore } from "./semaphore.ts";
import type { DirectDelivery, JoinSnapshot, RunningSensor, SensorHooks } from "./types.ts";

/** Options of {@link startSensor}. */
export interface SensorRuntimeOptions {
  namespace: string;
  sensor: SensorResource;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  secrets: SecretResolver;
  hooks: SensorHooks;
  /** Concurrent runs per trigger (default 32). */
  maxConcurrentRuns?: number;
  /** How long an event id is remembered per trigger to skip duplicates (Argo: 60 s). */
  dedupWindowMs?: number;
  /**
   * Run AND-join triggers (default true). A join's held state must live in one process, so with several processes
   * only the leader runs them; every process runs the other triggers, splitting the work on the shared durable
   * consumers.
   */
  runJoins?: boolean;
}

const ACK_WAIT_MS = 30_000;

/** Start consuming for a sensor. */
export async function startSensor(options: SensorRuntimeOptions): Promise<RunningSensor> {
  const name = options.sensor.metadata.name;
  const logger = options.logger.child({ namespace: options.namespace, sensor: name, ...options.sensor.spec.loggingFields });
  const dependencies = new Map<string, CompiledDependency>();
  options.sensor.spec.dependencies.forEach((dep, index) => dependencies.set(dep.name, compileDependency(dep, index)));
  const kv = await options.bus.openKeyValue(name);
  const triggers: TriggerRunner[] = [];
  try {
    for (const trigger of options.sensor.spec.triggers) {
      const conditions = compileConditions(trigger.template.conditions, [...dependencies.keys()]);
      if (conditions.needsJoin && options.runJoins === false) continue;
      const join = conditions.needsJoin ? await JoinState.load(kv, trigger.template.name, conditions.source, conditions.dependencies) : undefined;
      const runner = new TriggerRunner({ ...options, logger: logger.child({ trigger: trigger.template.name }) }, trigger, conditions, join, dependencies);
      triggers.push(runner);
      await runner.start();
    }
  } catch (error) {
    await Promise.all(triggers.map((runner) => runner.stop()));
    throw error;
  }
  return {
    stop: async () => {
      await Promise.all(triggers.map((runner) => runner.stop()));
    },
    joinState: () => triggers.map((runner) => runner.snapshot()),
    deliver: async (message, trigger) => {
      const targets = triggers.filter((runner) => trigger === undefined || runner.name === trigger);
      const accepted: DirectDelivery["targets"] = [];
      const work: Promise<void>[] = [];
      for (const runner of targets) {
        for (const dependency of runner.dependenciesFor(message)) {
          accepted.push({ trigger: runner.name, dependency: dependency.name });
          work.push(runner.deliverDirect(message, dependency));
        }
      }
      return { targets: accepted, done: Promise.all(work).then(() => undefined) };
    },
  };
}

class TriggerRunner {
  private readonly subscriptions: Subscription[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly seen = new Map<string, number>();
  private readonly semaphore: Semaphore;
  private readonly rateLimiter: RateLimiter | undefined;
  private readonly active = new Set<Delivery>();
  private joinLock: Promise<void> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  readonly name: string;

  constructor(
    private readonly options: SensorRuntimeOptions,
    private readonly trigger: Trigger,
    private readonly conditions: CompiledConditions,
    private readonly join: JoinState | undefined,
    private readonly dependencies: Map<string, CompiledDependency>,
  ) {
    this.name = trigger.template.name;
    this.semaphore = new Semaphore(options.maxConcurrentRuns ?? 32);
    // Every run in flight (up to maxConcurrentRuns) listens for the stop on this signal and removes its listener when
    // done: many listeners is the design, not a leak, so Node's warning at 11 would only be noise.
    setMaxListeners(0, this.abort.signal);
    const limit = trigger.rateLimit;
    this.rateLimiter = limit
      ? new RateLimiter(limit.requestsPerUnit, limit.unit ?? "Second", () => options.clock.now(), (ms) => options.clock.sleep(ms))
      : undefined;
  }

  async start(): Promise<void> {
    const sensor = this.options.sensor.metadata.name;
    for (const depName of this.conditions.dependencies) {
      const dependency = this.dependencies.get(depName);
      if (!dependency) throw new Error(`trigger ${this.name}: conditions name unknown dependency ${depName}`);
      const subscription = await this.options.bus.subscribe({
        durable: durableName(sensor, this.name, depName),
        filters: [{ eventSourceName: dependency.eventSourceName, eventName: dependency.eventName }],
        deliver: "new",
        ackWaitMs: ACK_WAIT_MS,
        maxInFlight: 256,
      });
      this.subscriptions.push(subscription);
      this.loops.push(this.consume(subscription, dependency));
    }
    const resets = (this.trigger.template.conditionsReset ?? []).flatMap((reset) => (reset.byTime ? [reset.byTime as ResetSchedule] : []));
    if (this.join && resets.length > 0) {
      const join = this.join;
      const ticks = resets.map((schedule) => lastTick(schedule, this.options.clock.now()) ?? 0);
      await join.clear(Math.max(...ticks));
      this.loops.push(
        runResets(resets, this.options.clock, this.abort.signal, async () => {
          this.options.logger.info("conditionsReset: discarding held events", { held: join.list().map((h) => h.dependency) });
          await this.withJoinLock(() => join.clear());
        }),
      );
    }
    // While a run is in progress its messages must not be redelivered: tell the bus we are still working (Argo +WPI).
    this.heartbeat = setInterval(() => {
      for (const delivery of this.active) delivery.working();
    }, ACK_WAIT_MS / 3);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.heartbeat) clearInterval(this.heartbeat);
    await Promise.all(this.subscriptions.map((subscription) => subscription.close()));
    await Promise.allSettled(this.loops);
    await this.semaphore.drain();
  }

  snapshot(): JoinSnapshot {
    return {
      trigger: this.name,
      expression: this.conditions.source,
      held: (this.join?.list() ?? []).map(({ dependency, eventId, since }) => ({ dependency, eventId, since })),
    };
  }

  /** Dependencies of this trigger that a message is for (its EventSource and event name). */
  dependenciesFor(message: BusMessage): CompiledDependency[] {
    return this.conditions.dependencies
      .map((name) => this.dependencies.get(name))
      .filter((dep): dep is CompiledDependency => dep !== undefined && dep.eventSourceName === message.eventSourceName && dep.eventName === message.eventName);
  }

  /**
   * Handle a message that did not come from the bus (a replay or an injection aimed at this trigger): the same
   * pipeline — transform, filters, join, run — with nothing to acknowledge.
   */
  async deliverDirect(message: BusMessage, dependency: CompiledDependency): Promise<void> {
    const delivery: Delivery = {
      message,
      sequence: 0,
      deliveryCount: 1,
      storedAt: this.options.clock.now(),
      ack: async () => undefined,
      nak: () => undefined,
      working: () => undefined,
    };
    await this.semaphore.acquire();
    try {
      await this.handle(delivery, dependency);
    } finally {
      this.semaphore.release();
    }
  }

  private async consume(subscription: Subscription, dependency: CompiledDependency): Promise<void> {
    try {
      for await (const delivery of subscription) {
        await this.semaphore.acquire();
        this.active.add(delivery);
        void this.handle(delivery, dependency)
          .catch((error) => {
            this.options.logger.error("processing an event failed; it will be redelivered", { error: errorMessage(error) });
            delivery.nak(1000);
          })
          .finally(() => {
            this.active.delete(delivery);
            this.semaphore.release();
          });
      }
    } catch (error) {
      if (!this.abort.signal.aborted) this.options.logger.error("subscription ended", { error: errorMessage(error) });
    }
  }

  private explain(base: Omit<ExplainRecord, "version" | "namespace" | "sensor" | "trigger" | "at">): void {
    this.options.hooks.explain({
      version: 1,
      namespace: this.options.namespace,
      sensor: this.options.sensor.metadata.name,
      trigger: this.name,
      at: this.options.clock.now(),
      ...base,
    });
  }

  private async handle(delivery: Delivery, dependency: CompiledDependency): Promise<void> {
    const cloudEvent = decodeCloudEvent(delivery.message.body);
    if (!cloudEvent) {
      this.options.logger.warn("dropping a message that is not a CloudEvent", { messageId: delivery.message.id });
      await delivery.ack();
      return;
    }
    const logger = this.options.logger.child({ eventId: cloudEvent.id, dependency: dependency.name, traceparent: delivery.message.headers.traceparent });
    const now = this.options.clock.now();
    this.pruneSeen(now);
    if (this.seen.has(`${dependency.name}/${cloudEvent.id}`)) {
      this.explain({ eventId: cloudEvent.id, dependency: dependency.name, outcome: "duplicate", filters: [], filtersOperator: "and" });
      await delivery.ack();
      return;
    }
    const verdict = await dependency.evaluate(toTriggerEvent(cloudEvent), { now });
    const base = {
      eventId: cloudEvent.id,
      dependency: dependency.name,
      filters: verdict.verdicts,
      filtersOperator: verdict.operator,
      ...(verdict.transform ? { transform: verdict.transform } : {}),
    };
    if (!verdict.pass) {
      logger.debug(`Event [${cloudEvent.id}] discarded due to filtering`);
      this.explain({ ...base, outcome: verdict.error ? "error" : "filtered", ...(verdict.error ? { error: verdict.error } : {}) });
      this.remember(dependency.name, cloudEvent.id);
      await delivery.ack();
      return;
    }
    const replayOf = cloudEvent.extensions.replayof;
    if (!this.join) {
      await this.fire({ [dependency.name]: verdict.event }, [delivery], base, logger, replayOf);
      this.remember(dependency.name, cloudEvent.id);
      return;
    }
    const join = this.join;
    await this.withJoinLock(async () => {
      const transformed = new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(delivery.message.body)), data_base64: Buffer.from(verdict.event.data).toString("base64") }));
      await join.hold({ dependency: dependency.name, eventId: cloudEvent.id, since: now, streamSeq: delivery.sequence, cloudEvent: transformed });
      const held = join.names();
      const satisfied = this.conditions.evaluate(held);
      const joinRecord = { expression: this.conditions.source, held: join.list().map(({ dependency: d, eventId, since }) => ({ dependency: d, eventId, since })), satisfied };
      if (!satisfied) {
        this.explain({ ...base, outcome: "held", join: joinRecord });
        this.remember(dependency.name, cloudEvent.id);
        await delivery.ack();
        return;
      }
      const events: Record<string, TriggerEvent> = {};
      for (const heldEvent of join.list()) {
        const decoded = decodeCloudEvent(heldEvent.cloudEvent);
        if (decoded) events[heldEvent.dependency] = toTriggerEvent(decoded);
      }
      await this.fire(events, [delivery], { ...base, join: joinRecord }, logger, replayOf, () => join.clear());
      this.remember(dependency.name, cloudEvent.id);
    });
  }

  /** The join is a critical section: events of one trigger update and read the held state one at a time. */
  private async withJoinLock(work: () => Promise<void>): Promise<void> {
    const previous = this.joinLock;
    let release!: () => void;
    this.joinLock = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      await work();
    } finally {
      release();
    }
  }

  private async fire(
    events: Record<string, TriggerEvent>,
    deliveries: Delivery[],
    base: Omit<ExplainRecord, "version" | "namespace" | "sensor" | "trigger" | "at" | "outcome">,
    logger: Logger,
    replayOf: string | undefined,
    afterRun?: () => Promise<void>,
  ): Promise<void> {
    const runId = newEventId();
    const start = {
      runId,
      namespace: this.options.namespace,
      sensor: this.options.sensor.metadata.name,
      trigger: this.name,
      events: Object.fromEntries(Object.entries(events).map(([dep, event]) => [dep, event.context.id])),
      startedAt: this.options.clock.now(),
      atLeastOnce: this.trigger.atLeastOnce === true,
      ...(replayOf ? { replayOf } : {}),
    };
    this.explain({ ...base, outcome: "fired", runId });
    // The delivery that completed the firing carries the trace the trigger's request continues (W3C traceparent).
    const traceparent = deliveries[deliveries.length - 1]?.message.headers.traceparent;
    const execute = async () => {
      const outcome = await runTrigger(this.trigger, events, {
        namespace: this.options.namespace,
        sensorName: this.options.sensor.metadata.name,
        clock: this.options.clock,
        logger,
        secrets: this.options.secrets,
        ...(this.rateLimiter ? { rateLimiter: this.rateLimiter } : {}),
        signal: this.abort.signal,
        ...(traceparent ? { traceparent } : {}),
      });
      this.options.hooks.runFinished({ ...start, finishedAt: this.options.clock.now(), outcome });
      if (outcome.status === "succeeded") {
        logger.info(`Successfully processed trigger '${this.name}'`, { triggeredBy: Object.keys(events), triggeredByEvents: Object.values(start.events) });
      } else {
        logger.warn(`trigger '${this.name}' failed`, { error: outcome.error, attempts: outcome.attempts.length });
      }
      return outcome;
    };
    if (this.trigger.atLeastOnce === true) {
      await this.options.hooks.runStarted(start);
      const outcome = await execute();
      if (outcome.status !== "succeeded" && this.abort.signal.aborted) {
        // Cut off by a stop (shutdown, re-apply), not failed after its retries: the message stays unacknowledged
        // and is delivered again, so an acknowledged webhook is never dropped by a SIGTERM.
        for (const delivery of deliveries) delivery.nak();
        return;
      }
      await afterRun?.();
      await Promise.all(deliveries.map((delivery) => delivery.ack()));
      return;
    }
    // At most once: the run starts at once (no added latency) while its start record commits; the bus message is
    // acked only after that record is durable, so a crash leaves an `interrupted` run or a redelivery, never nothing.
    const recorded = this.options.hooks.runStarted(start);
    await afterRun?.();
    const running = execute();
    await recorded;
    await Promise.all(deliveries.map((delivery) => delivery.ack()));
    await running;
  }

  private remember(dependency: string, eventId: string): void {
    this.seen.set(`${dependency}/${eventId}`, this.options.clock.now() + (this.options.dedupWindowMs ?? 60_000));
  }

  private pruneSeen(now: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
  }
}
