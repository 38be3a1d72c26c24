/**
 * Test helpers for the engine and its hosts: a controllable clock, in-memory hooks, a real HTTP sink and the bus
 * conformance suite. Not used by production code.
 */
export { TestClock } from "./clock.ts";
export { memoryHooks, type MemoryHooks } from "./memoryHooks.ts";
export { startSink, type Sink, type SinkRequest } from "./httpSink.ts";
