/**
 * Rules that span fields (names referenced elsewhere, Argo quirks). Pure; runs at apply time after the schema.
 */
import type { FieldIssue } from "../errors.ts";
import { compileConditions } from "../sensors/filters/govaluate/conditions.ts";
import { checkResetSchedule } from "../sensors/reset.ts";
import { parseTemplate } from "../mapping/template/index.ts";
import { checkFilters } from "./filterChecks.ts";
import { compileExpr } from "../sources/expr/index.ts";
import type { EventSourceResource } from "./eventSource.ts";
import { nestedKubernetesOnlyWarnings } from "./sources/kubernetes.ts";
import type { Resource } from "./parse.ts";
import type { SensorResource } from "./sensor.ts";

/** Hard errors: each makes the whole apply fail. */
export function checkSensorSemantics(sensor: SensorResource): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const depNames = new Set<string>();
  sensor.spec.dependencies.forEach((dep, index) => {
    if (depNames.has(dep.name)) {
      issues.push({ path: `spec.dependencies[${index}].name`, message: `dependency name '${dep.name}' is used twice` });
    }
    depNames.add(dep.name);
    issues.push(...checkFilters(dep, index));
  });
  const triggerNames = new Set<string>();
  sensor.spec.triggers.forEach((trigger, index) => {
    const base = `spec.triggers[${index}]`;
    const name = trigger.template.name;
    if (triggerNames.has(name)) issues.push({ path: `${base}.template.name`, message: `trigger name '${name}' is used twice` });
    triggerNames.add(name);
    if (trigger.template.conditions !== undefined) {
      const compiled = compileConditions(trigger.template.conditions, [...depNames]);
      if (!compiled.ok) issues.push({ path: `${base}.template.conditions`, message: compiled.error.message });
    }
    trigger.template.conditionsReset?.forEach((reset, j) => {
      if (!reset.byTime) return;
      const path = `${base}.template.conditionsReset[${j}].byTime`;
      if (reset.byTime.timezone !== undefined && !isTimeZone(reset.byTime.timezone)) {
        issues.push({ path: `${path}.timezone`, message: `unknown timezone '${reset.byTime.timezone}'` });
      } else {
        const problem = checkResetSchedule(reset.byTime);
        if (problem) issues.push({ path: `${path}.cron`, message: `invalid cron '${reset.byTime.cron}': ${problem}` });
      }
    });
    const paramSets: [string, { src: { dependencyName: string; dataTemplate?: string | undefined; contextTemplate?: string | undefined } }[] | undefined][] = [
      [`${base}.parameters`, trigger.parameters],
      [`${base}.template.http.payload`, trigger.template.http?.payload],
      [`${base}.template.http.parameters`, trigger.template.http?.parameters],
      [`${base}.template.http.dynamicHeaders`, trigger.template.http?.dynamicHeaders],
    ];
    for (const [path, params] of paramSets) {
      params?.forEach((param, i) => {
        issues.push(...templateIssues(`${path}[${i}].src`, param.src));
      });
    }
    if (trigger.dlqTrigger) {
      if (trigger.atLeastOnce !== true) {
        issues.push({ path: `${base}.dlqTrigger`, message: "needs atLeastOnce: true on the trigger (Argo runs a DLQ only then)" });
      }
      if (trigger.dlqTrigger.atLeastOnce !== true) {
        issues.push({ path: `${base}.dlqTrigger.atLeastOnce`, message: "a dlqTrigger needs atLeastOnce: true itself" });
      }
    }
  });
  return issues;
}

/** Argo behaviours that are odd but matched on purpose; each is said once at apply time with its path. */
export function sensorWarnings(sensor: SensorResource): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  sensor.spec.triggers.forEach((trigger, index) => {
    const base = `spec.triggers[${index}]`;
    if (trigger.retryStrategy && trigger.atLeastOnce !== true) {
      warnings.push({
        path: `${base}.retryStrategy`,
        message: "has no effect without atLeastOnce: true (Argo retries only at-least-once triggers)",
      });
    }
    if (trigger.template.http && !trigger.policy?.status) {
      warnings.push({
        path: `${base}.template.http`,
        message: "without policy.status.allow every HTTP response, even 4xx/5xx, counts as success (as in Argo)",
      });
    }
    const payload = trigger.template.http?.payload ?? [];
    payload.forEach((param, i) => {
      if ((param.src.dataKey || param.src.contextKey) && param.src.useRawData !== true) {
        warnings.push({
          path: `${base}.template.http.payload[${i}].src.useRawData`,
          message: "is false: the value is sent as a JSON string even when it is a number, bool or object (as in Argo)",
        });
      }
    });
  });
  const depNames = new Set(sensor.spec.dependencies.map((dep) => dep.name));
  sensor.spec.triggers.forEach((trigger, index) => {
    const base = `spec.triggers[${index}]`;
    const sets: [string, { src: { dependencyName: string } }[] | undefined][] = [
      [`${base}.parameters`, trigger.parameters],
      [`${base}.template.http.payload`, trigger.template.http?.payload],
      [`${base}.template.http.parameters`, trigger.template.http?.parameters],
      [`${base}.template.http.dynamicHeaders`, trigger.template.http?.dynamicHeaders],
    ];
    for (const [path, params] of sets) {
      params?.forEach((param, i) => {
        // Argo only requires a name; its own tutorials use placeholders that always fall back to `value`.
        if (!depNames.has(param.src.dependencyName)) {
          warnings.push({
            path: `${path}[${i}].src.dependencyName`,
            message: `'${param.src.dependencyName}' is not a dependency of this sensor: the parameter always uses its value (or is skipped)`,
          });
        }
      });
    }
  });
  sensor.spec.dependencies.forEach((dep, index) => {
    dep.filters?.data?.forEach((filter, i) => {
      if (filter.type === "string" && filter.value.some((value) => !value.startsWith("^") || !value.endsWith("$"))) {
        warnings.push({
          path: `spec.dependencies[${index}].filters.data[${i}].value`,
          message: "string values are unanchored regular expressions (as in Argo): use ^…$ for an exact match",
        });
      }
    });
  });
  return warnings;
}

const kubernetesOnlyFields: Record<string, string[]> = {
  EventSource: ["template", "service", "replicas"],
  Sensor: ["template", "replicas", "revisionHistoryLimit"],
  EventBus: [],
};

/** Fields that only make sense to a Kubernetes controller: accepted and ignored, with a warning. */
export function kubernetesOnlyWarnings(resource: Resource): FieldIssue[] {
  const warnings: FieldIssue[] = [...nestedKubernetesOnlyWarnings(resource)];
  if ("spec" in resource) {
    const spec = resource.spec as Record<string, unknown>;
    for (const field of kubernetesOnlyFields[resource.kind] ?? []) {
      if (spec[field] !== undefined) {
        warnings.push({ path: `spec.${field}`, message: "is a Kubernetes-only field: accepted and ignored by Signalbox" });
      }
    }
    if ("status" in resource && resource.status !== undefined) {
      warnings.push({ path: "status", message: "is computed by Signalbox: the given value is ignored" });
    }
  }
  return warnings;
}

/** Argo's "Recreate" (singleton) source types (§1.4); the others are active/active webhook-style types. */
const recreateTypes = new Set([
  "amqp", "calendar", "kafka", "pubSub", "azureEventsHub", "azureServiceBus", "nats", "mqtt", "minio", "emitter", "nsq",
  "pulsar", "redis", "redisStream", "resource", "hdfs", "file", "sftp", "generic",
]);

/**
 * EventSource rules beyond the schema: every `filter.expression` compiles (antonmedv/expr, §4.3), and singleton
 * ("Recreate") types are not mixed with webhook-style ones in one EventSource (Argo refuses that too, §1.4).
 */
export function checkEventSourceSemantics(source: EventSourceResource): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const present = Object.entries(source.spec).filter(([, events]) => events && typeof events === "object" && !Array.isArray(events) && Object.keys(events).length > 0).map(([type]) => type);
  const sourceTypes = present.filter((type) => !["eventBusName", "template", "service", "replicas"].includes(type));
  const singletons = sourceTypes.filter((type) => recreateTypes.has(type));
  const others = sourceTypes.filter((type) => !recreateTypes.has(type));
  if (singletons.length > 0 && others.length > 0) {
    issues.push({
      path: `spec.${others[0]}`,
      message: `cannot be mixed with ${singletons.join(", ")} in one EventSource: Argo runs those as singletons and ${others.join(", ")} active/active; use two EventSources`,
    });
  }
  for (const [type, events] of Object.entries(source.spec)) {
    if (!events || typeof events !== "object" || Array.isArray(events)) continue;
    for (const [eventName, config] of Object.entries(events as Record<string, unknown>)) {
      const expression = (config as { filter?: { expression?: unknown } } | null)?.filter?.expression;
      if (typeof expression !== "string") continue;
      const compiled = compileExpr(expression);
      if (!compiled.ok) issues.push({ path: `spec.${type}.${eventName}.filter.expression`, message: compiled.error.message });
    }
  }
  return issues;
}

/** Whether `zone` is an IANA timezone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Go templates of a parameter source that do not parse, or use a function outside the supported list. */
function templateIssues(path: string, src: { dataTemplate?: string | undefined; contextTemplate?: string | undefined }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ["dataTemplate", "contextTemplate"] as const) {
    const source = src[field];
    if (source === undefined) continue;
    const parsed = parseTemplate(source);
    if (!parsed.ok) for (const error of parsed.errors) issues.push({ path: `${path}.${field}`, message: error.message });
  }
  return issues;
}
