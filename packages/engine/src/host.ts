/**
 * What the host gives the engine. The engine never reads the environment, the wall clock or a database by itself:
 * everything it needs from the outside world arrives through these interfaces, so tests can drive time and storage.
 */

/** Source of time. `now()` in ms since the epoch; tests pass a controllable one. */
export interface Clock {
  now(): number;
  /** Resolve after `ms`, or earlier when `signal` aborts. Tests may resolve instantly or on a manual tick. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The engine's logger: JSON-lines friendly, child loggers carry context (namespace, sensor, trigger…). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** The real clock, for hosts that have no reason to fake time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A logger that drops everything; handy default in unit tests. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
