/**
 * The engine: runs the resources the host applies. It owns buses (one per namespace/EventBus), sources and
 * sensors, and reports status conditions. Storage, time, logging and bus construction come from the host.
 */
import type { BusMessage, EventBus } from "../bus/types.ts";
import { errorMessage, NotFoundError, type FieldIssue } from "../errors.ts";
import type { Clock, Logger } from "../host.ts";
import type { EventBusSpec } from "../resources/eventBus.ts";
import { supportedSourceTypes, type EventSourceResource, type SupportedSourceType } from "../resources/eventSource.ts";
import type { ParsedResource, Resource } from "../resources/parse.ts";
import type { SensorResource } from "../resources/sensor.ts";
import { startSensor } from "../sensors/runtime.ts";
import type { DirectDelivery, RunningSensor, SensorHooks, JoinSnapshot } from "../sensors/types.ts";
import { sourceKind, type ApiRoute, type SecretResolver } from "../sources/registry.ts";
import type { EmitResult, RunningSource, SourceEmission } from "../sources/types.ts";
import type { WebhookRequest, WebhookResponse } from "../sources/webhook/request.ts";
import { WebhookServerPool } from "../sources/webhook/servers.ts";
import { AdmissionControl, SHED_RESPONSE, type AdmissionOptions } from "../sources/webhook/admission.ts";
import { compileExpr, evaluateSourceFilter, type CompiledExpr } from "../sources/expr/index.ts";
import { encodeCloudEvent, formatRfc3339Nano, newEventId } from "../sources/cloudevent.ts";
import { publishEmission } from "./emit.ts";
import { startHistory, type ObservedEvent } from "./history.ts";
import { ConditionBook, type Condition } from "./status.ts";

/** Where a namespace's bus is: a declared EventBus spec, or none (the embedded default). */
export interface BusTarget {
  namespace: string;
  name: string;
  spec?: EventBusSpec;
  /** Report a status condition of the EventBus resource (e.g. replicas capped to the server's size). */
  setCondition(type: string, status: Condition["status"], reason?: string, message?: string): void;
}

/** Callbacks to the host. */
export interface EngineHooks extends SensorHooks {
  /** Store a batch of events seen on a bus; resolve once stored (the bus messages are acked after). */
  recordEvents(events: ObservedEvent[]): Promise<void>;
  /** A source published (or failed to publish) an event. */
  emitted?(info: { namespace: string; eventSource: string; eventName: string; result: EmitResult; durationMs: number }): void;
  /** A source's `filter.expression` dropped an event before the bus: its CloudEvent and the reason, to record. */
  sourceFiltered?(info: { namespace: string; eventSource: string; eventName: string; body: Uint8Array; headers: Readonly<Record<string, string>>; reason: string }): void;
}

/** What the host gives the engine. */
export interface EngineOptions {
  clock: Clock;
  logger: Logger;
  /** Interface webhook ports bind to. */
  host: string;
  secrets: SecretResolver;
  hooks: EngineHooks;
  /**
   * Whether this process starts as the leader (default true). With several processes on one shared bus, only the
   * leader binds webhook ports, runs singleton sources (calendar, queue consumers) and AND-join triggers; every
   * process serves the API-port webhook route and shares the other triggers' work. See {@link Engine.setLeader}.
   */
  leader?: boolean;
  /** Webhook admission control (shed with 503 + Retry-After while saturated); `false` turns it off. */
  admission?: AdmissionOptions | false;
  /** Durable key/value state of sources (a calendar's last tick for catch-up); sources needing it fail without. */
  sourceState?: { get(key: string): Promise<string | undefined>; put(key: string, value: string): Promise<void> };
  /** Build a bus for a namespace. Called once per (namespace, bus name) while it is in use. */
  openBus(target: BusTarget): Promise<EventBus>;
}

interface BusEntry {
  bus: EventBus;
  stopHistory: () => Promise<void>;
  specKey: string;
}

const key = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

/** Source types every process runs (their intake also works through the API port); the rest run on the leader. */
const ACTIVE_ACTIVE_SOURCES: ReadonlySet<string> = new Set(["webhook"]);

/** How long senders to a paused EventSource are asked to wait (`Retry-After`). */
const PAUSED_RETRY_AFTER_MS = 30_000;

/** What {@link Engine.deliverTo} did. */
export type DeliverToResult =
  | { outcome: "delivered"; targets: DirectDelivery["targets"]; done: Promise<void> }
  | { outcome: "unknown-sensor" | "unknown-trigger" | "not-running" | "no-dependency"; reason: string };

/** Runs applied resources. One per process. */
export class Engine {
  private readonly webhooks: WebhookServerPool;
  private readonly admission: AdmissionControl | undefined;
  private readonly routes = new Map<string, ApiRoute>();
  private readonly buses = new Map<string, BusEntry>();
  private readonly busOpening = new Map<string, Promise<BusEntry>>();
  private readonly eventBuses = new Map<string, EventBusSpec>();
  private readonly sources = new Map<string, { resource: EventSourceResource; running?: RunningSource }>();
  private readonly sensors = new Map<string, { resource: SensorResource; running?: RunningSensor }>();
  private readonly conditions: ConditionBook;
  /** Paused EventSources and Sensors (`kind/namespace/name`). */
  private readonly paused = new Set<string>();
  private leader: boolean;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    this.admission = options.admission === false ? undefined : new AdmissionControl(options.admission ?? {});
    this.webhooks = new WebhookServerPool({ host: options.host, logger: options.logger, ...(this.admission ? { admission: this.admission } : {}) });
    this.conditions = new ConditionBook(() => options.clock.now());
    this.leader = options.leader ?? true;
  }

  /** Problems that would make applying these resources fail in this process (taken webhook port+path). */
  checkApply(resources: readonly ParsedResource[]): FieldIssue[] {
    const issues: FieldIssue[] = [];
    // Sources re-applied in this batch give up their routes first, so their own routes never conflict.
    const replacing = resources.filter((r) => r.kind === "EventSource").map((r) => `${r.namespace}/${r.name}/`);
    const claimed = new Map<string, string>();
    for (const { resource, namespace, name } of resources) {
      if (resource.kind !== "EventSource") continue;
      for (const [eventName, config] of Object.entries(resource.spec.webhook ?? {})) {
        const owner = `${namespace}/${name}/${eventName}`;
        const route = `${Number(config.port)}${config.endpoint}`;
        const running = this.webhooks.conflict(Number(config.port), config.endpoint, owner);
        const holder = running && !replacing.some((prefix) => running.startsWith(prefix)) ? running : claimed.get(route);
        if (holder && holder !== owner) {
          issues.push({ path: `spec.webhook.${eventName}`, message: `port ${config.port} path ${config.endpoint} is already used by ${holder}` });
        }
        claimed.set(route, owner);
      }
    }
    return issues;
  }

  /** Apply one validated resource: start, restart or reconfigure what depends on it. Serialised. */
  apply(parsed: ParsedResource): Promise<void> {
    return this.serialize(() => this.applyNow(parsed));
  }

  /** Remove a resource and stop what it ran. */
  remove(kind: Resource["kind"], namespace: string, name: string): Promise<void> {
    return this.serialize(async () => {
      const id = key(kind, namespace, name);
      if (kind === "EventSource") {
        await this.sources.get(id)?.running?.stop();
        this.sources.delete(id);
        this.refreshSensorDependencies(namespace);
      } else if (kind === "Sensor") {
        await this.sensors.get(id)?.running?.stop();
        this.sensors.delete(id);
      } else if (kind === "EventBus") {
        this.eventBuses.delete(id);
        await this.restartNamespace(namespace, name);
      }
      this.conditions.delete(id);
      this.paused.delete(id);
    });
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async applyNow(parsed: ParsedResource): Promise<void> {
    const { namespace, name, resource } = parsed;
    const id = key(resource.kind, namespace, name);
    switch (resource.kind) {
      case "EventBus":
        this.eventBuses.set(id, resource.spec);
        this.conditions.set(id, "Configured", "True");
        this.conditions.set(id, "Deployed", "Unknown", "Connecting");
        await this.restartNamespace(namespace, name);
        // Connect now, so the status tells at once whether the broker is reachable (Deployed True/False).
        await this.busFor(namespace, name).catch((error: unknown) =>
          this.options.logger.warn("event bus not reachable", { namespace, eventBus: name, error: errorMessage(error) }),
        );
        return;
      case "EventSource": {
        await this.sources.get(id)?.running?.stop();
        const entry: { resource: EventSourceResource; running?: RunningSource } = { resource };
        this.sources.set(id, entry);
        await this.startSource(namespace, entry);
        this.refreshSensorDependencies(namespace);
        return;
      }
      case "Sensor": {
        await this.sensors.get(id)?.running?.stop();
        const entry: { resource: SensorResource; running?: RunningSensor } = { resource };
        this.sensors.set(id, entry);
        await this.startSensorEntry(namespace, entry);
        return;
      }
      case "Secret":
      case "ConfigMap":
        return;
      default: {
        const exhaustive: never = resource;
        throw new Error(`unknown kind ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private async startSource(namespace: string, entry: { resource: EventSourceResource; running?: RunningSource }): Promise<void> {
    const { resource } = entry;
    const name = resource.metadata.name;
    const id = key("EventSource", namespace, name);
    this.conditions.set(id, "SourcesProvided", "True");
    try {
      const bus = await this.busFor(namespace, resource.spec.eventBusName ?? "default");
      const logger = this.options.logger.child({ namespace, eventSource: name });
      const filters = sourceFilters(resource);
      const emit = async (emission: SourceEmission): Promise<EmitResult> => {
        // A paused source takes nothing: its senders get 503 + Retry-After and try again later.
        if (this.paused.has(id)) return { outcome: "overloaded", retryAfterMs: PAUSED_RETRY_AFTER_MS, reason: "the EventSource is paused" };
        const filter = filters.get(emission.eventName);
        if (filter) {
          // §4.3: the source filter runs before publishing; a dropped event still counts as success to its sender.
          const verdict = evaluateSourceFilter(filter, emission.data);
          if (!verdict.match) {
            const eventId = emission.id ?? newEventId();
            const result: EmitResult = { outcome: "filtered", eventId, reason: verdict.reason };
            logger.debug("event dropped by the source filter", { eventName: emission.eventName, reason: verdict.reason });
            this.options.hooks.emitted?.({ namespace, eventSource: name, eventName: emission.eventName, result, durationMs: 0 });
            // Not on the bus (as in Argo), but recorded, so "why did nothing happen?" has an answer.
            const body = encodeCloudEvent(
              { id: eventId, source: name, type: emission.type, subject: emission.eventName, time: formatRfc3339Nano(this.options.clock.now()) },
              emission.data,
            );
            this.options.hooks.sourceFiltered?.({ namespace, eventSource: name, eventName: emission.eventName, body, headers: emission.headers ?? {}, reason: verdict.reason });
            return result;
          }
        }
        return this.emit(namespace, name, bus, emission);
      };
      const running: RunningSource[] = [];
      for (const type of Object.keys(supportedSourceTypes) as SupportedSourceType[]) {
        const events = resource.spec[type];
        if (!events || Object.keys(events).length === 0) continue;
        // Only webhook-style sources are active/active (through the API port); the others run on the leader.
        if (!this.leader && !ACTIVE_ACTIVE_SOURCES.has(type)) continue;
        running.push(
          await sourceKind(type).start({
            context: { namespace, eventSourceName: name, emit, clock: this.options.clock, logger },
            events,
            services: {
              webhooks: this.webhooks,
              secrets: this.options.secrets,
              routes: this.routes,
              bindPorts: this.leader,
              ...(this.options.sourceState ? { calendarState: this.options.sourceState } : {}),
            },
          }),
        );
      }
      entry.running = { stop: async () => void (await Promise.all(running.map((source) => source.stop()))) };
      this.setDeployed(id);
    } catch (error) {
      this.options.logger.error("event source failed to start", { namespace, eventSource: name, error: errorMessage(error) });
      this.conditions.set(id, "Deployed", "False", reason(error), errorMessage(error));
    }
  }

  private async startSensorEntry(namespace: string, entry: { resource: SensorResource; running?: RunningSensor }): Promise<void> {
    const { resource } = entry;
    const id = key("Sensor", namespace, resource.metadata.name);
    this.conditions.set(id, "TriggersProvided", "True");
    this.refreshSensorDependencies(namespace);
    if (this.paused.has(id)) {
      this.setDeployed(id);
      return;
    }
    try {
      const bus = await this.busFor(namespace, resource.spec.eventBusName ?? "default");
      entry.running = await startSensor({
        namespace,
        sensor: resource,
        bus,
        clock: this.options.clock,
        logger: this.options.logger,
        secrets: this.options.secrets,
        hooks: this.options.hooks,
        runJoins: this.leader,
      });
      this.setDeployed(id);
    } catch (error) {
      this.options.logger.error("sensor failed to start", { namespace, sensor: resource.metadata.name, error: errorMessage(error) });
      this.conditions.set(id, "Deployed", "False", reason(error), errorMessage(error));
    }
  }

  /** `Deployed` of a started resource: True, or Unknown with reason `Paused` while it is paused. */
  private setDeployed(id: string): void {
    if (this.paused.has(id)) {
      const what = id.startsWith("Sensor/") ? "not consuming; its bus positions are kept" : "its webhooks answer 503 with Retry-After";
      this.conditions.set(id, "Deployed", "Unknown", "Paused", `paused: ${what}`);
    } else {
      this.conditions.set(id, "Deployed", "True");
    }
  }

  /**
   * Pause or resume an EventSource or a Sensor. A paused EventSource keeps its routes but takes no event (webhooks
   * answer 503 + Retry-After, nothing is published); a paused Sensor stops consuming, and its durable consumers
   * and join state are kept, so on resume it goes on from where it stopped and nothing is lost. Re-applying a
   * paused resource keeps it paused. Serialised with apply.
   */
  // eslint-disable-next-line max-params -- (kind, namespace, name) addresses a resource everywhere in this class.
  setPaused(kind: "EventSource" | "Sensor", namespace: string, name: string, paused: boolean): Promise<void> {
    return this.serialize(async () => {
      const id = key(kind, namespace, name);
      if (paused === this.paused.has(id)) return;
      if (paused) this.paused.add(id);
      else this.paused.delete(id);
      if (kind === "Sensor") {
        const entry = this.sensors.get(id);
        if (!entry) return;
        if (paused) {
          await entry.running?.stop();
          delete entry.running;
          this.setDeployed(id);
        } else {
          await this.startSensorEntry(namespace, entry);
        }
        return;
      }
      if (this.sources.get(id)?.running) this.setDeployed(id);
    });
  }

  /**
   * Become (or stop being) the leader: sources and sensors restart in the new role. Followers keep serving the
   * API-port webhook route and non-join triggers, so losing leadership never stops intake.
   */
  setLeader(leader: boolean): Promise<void> {
    return this.serialize(async () => {
      if (leader === this.leader) return;
      this.leader = leader;
      this.options.logger.info(leader ? "this process is now the leader" : "this process is no longer the leader");
      for (const [id, entry] of this.sources) {
        await entry.running?.stop();
        delete entry.running;
        await this.startSource(id.split("/")[1] ?? "default", entry);
      }
      for (const [id, entry] of this.sensors) {
        if (this.paused.has(id)) continue;
        await entry.running?.stop();
        delete entry.running;
        await this.startSensorEntry(id.split("/")[1] ?? "default", entry);
      }
    });
  }

  /**
   * The spec this engine runs for a resource, or `undefined`; with `list()` it lets a host converge on definitions
   * another process applied to a shared store.
   */
  runningSpec(kind: "EventBus" | "EventSource" | "Sensor", namespace: string, name: string): unknown {
    const id = key(kind, namespace, name);
    if (kind === "EventBus") return this.eventBuses.get(id);
    if (kind === "EventSource") return this.sources.get(id)?.resource.spec;
    return this.sensors.get(id)?.resource.spec;
  }

  /** Every EventBus, EventSource and Sensor this engine runs. */
  list(): { kind: "EventBus" | "EventSource" | "Sensor"; namespace: string; name: string }[] {
    const parse = (id: string) => {
      const [kind, namespace = "", name = ""] = id.split("/");
      return { kind: kind as "EventBus" | "EventSource" | "Sensor", namespace, name };
    };
    return [...this.eventBuses.keys(), ...this.sources.keys(), ...this.sensors.keys()].map(parse);
  }

  /** Whether this process is the leader. */
  isLeader(): boolean {
    return this.leader;
  }

  /** Whether a resource is paused. */
  isPaused(kind: "EventSource" | "Sensor", namespace: string, name: string): boolean {
    return this.paused.has(key(kind, namespace, name));
  }

  /**
   * Deliver one CloudEvent straight to a running sensor — every trigger, or the one named — bypassing the bus
   * (replay or injection aimed at one sensor). Each of the trigger's dependencies the event is for runs it through
   * transform, filters, join and trigger as a bus delivery would; explain records and runs are reported through
   * the hooks, with `replayOf` taken from the event's `replayof` extension.
   *
   * @example
   * const result = await engine.deliverTo({ namespace: "default", sensor: "notify", trigger: "http-1", message });
   * if (result.outcome === "delivered") await result.done;
   */
  async deliverTo(input: { namespace: string; sensor: string; trigger?: string; message: BusMessage }): Promise<DeliverToResult> {
    const id = key("Sensor", input.namespace, input.sensor);
    const entry = this.sensors.get(id);
    if (!entry) return { outcome: "unknown-sensor", reason: `Sensor ${input.namespace}/${input.sensor} is not applied` };
    if (input.trigger !== undefined && !entry.resource.spec.triggers.some((t) => t.template.name === input.trigger)) {
      return { outcome: "unknown-trigger", reason: `Sensor ${input.namespace}/${input.sensor} has no trigger ${input.trigger}` };
    }
    const running = entry.running;
    if (!running?.deliver) {
      const why = this.paused.has(id) ? "is paused" : "is not running";
      return { outcome: "not-running", reason: `Sensor ${input.namespace}/${input.sensor} ${why}` };
    }
    const delivery = await running.deliver(input.message, input.trigger);
    if (delivery.targets.length === 0) {
      const to = input.trigger === undefined ? "" : ` trigger ${input.trigger}`;
      return {
        outcome: "no-dependency",
        reason: `no dependency of Sensor ${input.namespace}/${input.sensor}${to} is for ${input.message.eventSourceName}/${input.message.eventName}`,
      };
    }
    return { outcome: "delivered", targets: delivery.targets, done: delivery.done };
  }

  /** `DependenciesProvided` of every sensor of a namespace, from the EventSources that exist now. */
  private refreshSensorDependencies(namespace: string): void {
    for (const [id, { resource }] of this.sensors) {
      if (!id.startsWith(`Sensor/${namespace}/`)) continue;
      const missing = resource.spec.dependencies.filter((dep) => {
        const source = this.sources.get(key("EventSource", namespace, dep.eventSourceName));
        if (!source) return true;
        return !Object.values(source.resource.spec).some(
          (events) => events && typeof events === "object" && !Array.isArray(events) && dep.eventName in (events as object),
        );
      });
      if (missing.length === 0) this.conditions.set(id, "DependenciesProvided", "True");
      else {
        const names = missing.map((dep) => `${dep.eventSourceName}/${dep.eventName}`).join(", ");
        this.conditions.set(id, "DependenciesProvided", "False", "EventSourceNotFound", `no EventSource provides ${names}`);
      }
    }
  }

  private async restartNamespace(namespace: string, busName: string): Promise<void> {
    const busId = `${namespace}/${busName}`;
    const usesBus = (spec: { eventBusName?: string | undefined }) => (spec.eventBusName ?? "default") === busName;
    const sources = [...this.sources].filter(([id, e]) => id.startsWith(`EventSource/${namespace}/`) && usesBus(e.resource.spec));
    const sensors = [...this.sensors].filter(([id, e]) => id.startsWith(`Sensor/${namespace}/`) && usesBus(e.resource.spec));
    await Promise.all([...sources, ...sensors].map(([, e]) => e.running?.stop()));
    const entry = this.buses.get(busId);
    if (entry) {
      this.buses.delete(busId);
      await entry.stopHistory();
      await entry.bus.close();
    }
    for (const [, e] of sources) await this.startSource(namespace, e);
    for (const [, e] of sensors) await this.startSensorEntry(namespace, e);
  }

  private async busFor(namespace: string, name: string): Promise<EventBus> {
    const busId = `${namespace}/${name}`;
    const existing = this.buses.get(busId);
    if (existing) return existing.bus;
    const opening = this.busOpening.get(busId);
    if (opening) return (await opening).bus;
    const spec = this.eventBuses.get(key("EventBus", namespace, name));
    if (!spec && name !== "default") throw new NotFoundError(`EventBus ${namespace}/${name} not found (EventBusNotFound)`);
    const open = (async () => {
      const busResource = key("EventBus", namespace, name);
      const setCondition = (type: string, status: Condition["status"], reason?: string, message?: string) =>
        this.conditions.set(busResource, type, status, reason, message);
      let bus: EventBus;
      try {
        bus = await this.options.openBus({ namespace, name, setCondition, ...(spec ? { spec } : {}) });
      } catch (error) {
        if (spec) this.conditions.set(busResource, "Deployed", "False", "BusUnavailable", errorMessage(error));
        throw error;
      }
      if (spec) this.conditions.set(busResource, "Deployed", "True");
      const stopHistory = await startHistory({ namespace, bus, logger: this.options.logger, record: (events) => this.options.hooks.recordEvents(events) });
      const entry = { bus, stopHistory, specKey: JSON.stringify(spec ?? null) };
      this.buses.set(busId, entry);
      return entry;
    })();
    this.busOpening.set(busId, open);
    try {
      return (await open).bus;
    } finally {
      this.busOpening.delete(busId);
    }
  }

  private async emit(namespace: string, eventSource: string, bus: EventBus, emission: SourceEmission, extensions?: Record<string, string>): Promise<EmitResult> {
    const started = this.options.clock.now();
    const result = await publishEmission({ bus, eventSourceName: eventSource, clock: this.options.clock, ...(extensions ? { extensions } : {}) }, emission);
    this.options.hooks.emitted?.({ namespace, eventSource, eventName: emission.eventName, result, durationMs: this.options.clock.now() - started });
    return result;
  }

  /** Publish an event as if `eventSource` had emitted it (inject, replay). The source need not exist. */
  async publish(input: { namespace: string; eventSource: string; emission: SourceEmission; extensions?: Record<string, string>; eventBusName?: string }): Promise<EmitResult> {
    const source = this.sources.get(key("EventSource", input.namespace, input.eventSource));
    const busName = input.eventBusName ?? source?.resource.spec.eventBusName ?? "default";
    const bus = await this.busFor(input.namespace, busName);
    return this.emit(input.namespace, input.eventSource, bus, input.emission, input.extensions);
  }

  /** Serve `POST /api/v1/webhooks/{ns}/{source}/{event}`; `undefined` when no such active webhook. */
  async handleWebhook(namespace: string, eventSource: string, eventName: string, request: WebhookRequest): Promise<WebhookResponse | undefined> {
    const route = this.routes.get(`${namespace}/${eventSource}/${eventName}`);
    if (!route) return undefined;
    if (request.body.byteLength > route.maxBodyBytes) return { status: 413, body: "http: request body too large" };
    if (this.admission && !this.admission.admit()) return { ...SHED_RESPONSE, headers: { ...SHED_RESPONSE.headers } };
    try {
      return await route.handler(request);
    } finally {
      this.admission?.release();
    }
  }

  /** Status conditions of a resource. */
  status(kind: Resource["kind"], namespace: string, name: string): Condition[] {
    return this.conditions.get(key(kind, namespace, name));
  }

  /** Held join state of a sensor. */
  joinState(namespace: string, name: string): JoinSnapshot[] {
    return this.sensors.get(key("Sensor", namespace, name))?.running?.joinState() ?? [];
  }

  /** Bus health per namespace/bus, for `/readyz`. */
  busHealth(): { bus: string; kind: string; connected: boolean; detail?: string }[] {
    return [...this.buses].map(([bus, entry]) => ({ bus, kind: entry.bus.kind, ...entry.bus.health() }));
  }

  /** Webhooks answer 503 + Retry-After from now on (graceful shutdown). */
  drain(): void {
    this.webhooks.drain();
  }

  /** Stop everything: sources first (no new events), then sensors, then buses. */
  async stop(): Promise<void> {
    await this.serialize(async () => {
      this.webhooks.drain();
      await Promise.allSettled([...this.sources.values()].map((entry) => entry.running?.stop()));
      await this.webhooks.close();
      await Promise.allSettled([...this.sensors.values()].map((entry) => entry.running?.stop()));
      for (const entry of this.buses.values()) {
        await entry.stopHistory();
        await entry.bus.close();
      }
      this.buses.clear();
      this.admission?.close();
    });
  }
}

/** Compiled `filter.expression` per event name of an EventSource (validated at apply time). */
function sourceFilters(resource: EventSourceResource): Map<string, CompiledExpr> {
  const filters = new Map<string, CompiledExpr>();
  for (const events of Object.values(resource.spec)) {
    if (!events || typeof events !== "object" || Array.isArray(events)) continue;
    for (const [eventName, config] of Object.entries(events as Record<string, unknown>)) {
      const expression = (config as { filter?: { expression?: unknown } } | null)?.filter?.expression;
      if (typeof expression !== "string") continue;
      const compiled = compileExpr(expression);
      if (compiled.ok) filters.set(eventName, compiled.expression);
    }
  }
  return filters;
}

function reason(error: unknown): string {
  const message = errorMessage(error);
  if (message.includes("EventBusNotFound")) return "EventBusNotFound";
  if (message.includes("already")) return "PortConflict";
  return "StartFailed";
}
