/**
 * Signalbox engine: runs Argo Events resources (EventBus, EventSource, Sensor) with a durable bus.
 * The host supplies storage hooks, clock, logger and bus construction; nothing here reads the environment.
 *
 * @example
 * const engine = new Engine({ clock: systemClock, logger, host: "127.0.0.1", secrets, hooks, openBus });
 * const { resources } = parseManifests(yamlText);
 * for (const resource of resources) await engine.apply(resource);
 */
export { Engine } from "./engine/engine.ts";
export { summarize, ConditionBook } from "./engine/status.ts";
export { HISTORY_DURABLE } from "./engine/history.ts";
export {
  EngineError,
  ValidationError,
  NotFoundError,
  ConflictError,
  BusUnavailableError,
  NonRetriableError,
  RetryAfterError,
  ParameterUnresolvedError,
  errors,
  errorMessage,
} from "./errors.ts";
export { systemClock, silentLogger } from "./host.ts";
export { parseManifests, splitDocuments, formatPath, zodIssues } from "./resources/parse.ts";
export { durationToMs, parseGoDuration } from "./resources/common.ts";
export { argoSourceTypes, supportedSourceTypes } from "./resources/eventSource.ts";
export { argoTriggerTypes, supportedTriggerTypes } from "./resources/trigger.ts";
export { decodeCloudEvent, encodeCloudEvent, newEventId, formatRfc3339Nano } from "./sources/cloudevent.ts";
export { explainRecord, explainRecordV1, filterVerdict } from "./sensors/explain.ts";
export { durableName } from "./sensors/conditions.ts";
export { prepareTrigger, runTrigger } from "./triggers/run.ts";
export { redactAction } from "./triggers/types.ts";
export { toTriggerEvent } from "./mapping/events.ts";
export { dryRunSensor } from "./sensors/dryRun.ts";
export { childTraceparent } from "./triggers/http.ts";

export type { EngineErrorCode, FieldIssue } from "./errors.ts";
export type { Clock, Logger, LogFields } from "./host.ts";
export type { BusTarget, DeliverToResult, EngineHooks, EngineOptions } from "./engine/engine.ts";
export type { DryRunFiring, DryRunOptions, DryRunResult } from "./sensors/dryRun.ts";
export type { Condition } from "./engine/status.ts";
export type { ObservedEvent } from "./engine/history.ts";
export type {
  BusHealth,
  BusKind,
  BusMessage,
  Delivery,
  EventBus,
  KeyValueStore,
  PublishResult,
  SubjectFilter,
  SubscribeOptions,
  Subscription,
} from "./bus/types.ts";
export type { ParsedManifests, ParsedResource, ManifestWarning, Resource, ResourceKind } from "./resources/parse.ts";
export type { EventBusResource, EventBusSpec, SecretResource, ConfigMapResource } from "./resources/eventBus.ts";
export type { EventSourceResource, EventSourceSpec, WebhookEvent } from "./resources/eventSource.ts";
export type { SensorResource, SensorSpec, Dependency } from "./resources/sensor.ts";
export type { Trigger, TriggerTemplate, TriggerParameter } from "./resources/trigger.ts";
export type { SecretKeySelector } from "./resources/common.ts";
export type { CloudEventRecord } from "./sources/cloudevent.ts";
export type { EmitResult, SourceEmission } from "./sources/types.ts";
export type { SecretResolver } from "./sources/registry.ts";
export type { WebhookRequest, WebhookResponse } from "./sources/webhook/request.ts";
export type { ExplainRecord, FilterVerdict } from "./sensors/explain.ts";
export type { RunStart, RunFinish, SensorHooks, JoinSnapshot, DirectDelivery } from "./sensors/types.ts";
export type { RunOutcome, AttemptRecord } from "./triggers/run.ts";
export type { PreparedAction, PreparedHttpRequest } from "./triggers/types.ts";
export type { TriggerEvent, EventContext } from "./mapping/events.ts";
