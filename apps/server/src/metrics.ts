/**
 * Prometheus metrics with Argo Events' names (§8.1) — every series carries `namespace` — plus what Argo lacks:
 * events per dependency, filtered counts, held join state, replays.
 */
import { Counter, Gauge, Registry, Summary, collectDefaultMetrics } from "prom-client";
import type { EmitResult, ExplainRecord, RunFinish } from "@signalbox/engine";

/** The metric set of one process. */
export class Metrics {
  readonly registry = new Registry();
  private readonly sent = new Counter({ name: "argo_events_events_sent_total", help: "Events published to the bus", labelNames: ["namespace", "eventsource_name", "event_name"], registers: [this.registry] });
  private readonly sentFailed = new Counter({ name: "argo_events_events_sent_failed_total", help: "Events that could not be published", labelNames: ["namespace", "eventsource_name", "event_name"], registers: [this.registry] });
  private readonly processingFailed = new Counter({ name: "argo_events_events_processing_failed_total", help: "Events whose processing failed at the source (includes sent_failed)", labelNames: ["namespace", "eventsource_name", "event_name"], registers: [this.registry] });
  private readonly processingDuration = new Summary({ name: "argo_events_event_processing_duration_milliseconds", help: "Source-side handling time", labelNames: ["namespace", "eventsource_name", "event_name"], percentiles: [0.5, 0.9, 0.99], registers: [this.registry] });
  private readonly triggered = new Counter({ name: "argo_events_action_triggered_total", help: "Successful trigger executions", labelNames: ["namespace", "sensor_name", "trigger_name"], registers: [this.registry] });
  private readonly actionFailed = new Counter({ name: "argo_events_action_failed_total", help: "Failed trigger attempts", labelNames: ["namespace", "sensor_name", "trigger_name"], registers: [this.registry] });
  private readonly retriesFailed = new Counter({ name: "argo_events_action_retries_failed_total", help: "Triggers that failed after all retries (also DLQ failures)", labelNames: ["namespace", "sensor_name", "trigger_name"], registers: [this.registry] });
  private readonly actionDuration = new Summary({ name: "argo_events_action_duration_milliseconds", help: "Trigger execution time", labelNames: ["namespace", "sensor_name", "trigger_name"], percentiles: [0.5, 0.9, 0.99], registers: [this.registry] });
  private readonly dependencyEvents = new Counter({ name: "signalbox_dependency_events_total", help: "Events received per sensor dependency, by outcome", labelNames: ["namespace", "sensor_name", "trigger_name", "dependency", "outcome"], registers: [this.registry] });
  private readonly replays = new Counter({ name: "signalbox_replays_total", help: "Events replayed", labelNames: ["namespace"], registers: [this.registry] });
  /** Held (unfired) join events per trigger; set by the host from the engine's join snapshots. */
  readonly held = new Gauge({ name: "signalbox_join_held_events", help: "Events an AND trigger holds now", labelNames: ["namespace", "sensor_name", "trigger_name"], registers: [this.registry] });
  /** Messages a durable consumer has not acknowledged yet; set by the host at scrape time from `EventBus.lag`. */
  readonly busLag = new Gauge({ name: "signalbox_bus_consumer_lag_messages", help: "Messages a durable bus consumer has not acknowledged yet", labelNames: ["namespace", "eventbus_name", "consumer", "sensor_name", "trigger_name", "dependency"], registers: [this.registry] });
  readonly build = new Gauge({ name: "build_info", help: "Build information", labelNames: ["version", "goversion", "goarch", "commit"], registers: [this.registry] });

  constructor(version: string) {
    collectDefaultMetrics({ register: this.registry });
    this.build.set({ version, goversion: `node${process.versions.node}`, goarch: process.arch, commit: "" }, 1);
  }

  /** A source published (or failed to publish) an event. */
  emitted(info: { namespace: string; eventSource: string; eventName: string; result: EmitResult; durationMs: number }): void {
    const labels = { namespace: info.namespace, eventsource_name: info.eventSource, event_name: info.eventName };
    this.processingDuration.observe(labels, info.durationMs);
    if (info.result.outcome === "published") this.sent.inc(labels);
    else if (info.result.outcome === "overloaded" || info.result.outcome === "failed") {
      this.sentFailed.inc(labels);
      this.processingFailed.inc(labels);
    }
  }

  /** A run finished. */
  runFinished(run: RunFinish): void {
    const labels = { namespace: run.namespace, sensor_name: run.sensor, trigger_name: run.trigger };
    this.actionDuration.observe(labels, run.finishedAt - run.startedAt);
    const failedAttempts = run.outcome.attempts.filter((attempt) => !attempt.ok).length + (run.outcome.attempts.length === 0 && run.outcome.status === "failed" ? 1 : 0);
    if (failedAttempts > 0) this.actionFailed.inc(labels, failedAttempts);
    if (run.outcome.status === "succeeded") this.triggered.inc(labels);
    else this.retriesFailed.inc(labels);
    if (run.outcome.dlq?.status === "failed") this.retriesFailed.inc(labels);
  }

  /** An event was processed for a dependency. */
  explained(record: ExplainRecord): void {
    this.dependencyEvents.inc({ namespace: record.namespace, sensor_name: record.sensor, trigger_name: record.trigger, dependency: record.dependency, outcome: record.outcome });
  }

  /** An event was replayed. */
  replayed(namespace: string): void {
    this.replays.inc({ namespace });
  }
}
