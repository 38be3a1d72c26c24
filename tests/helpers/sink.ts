/** The engine's test HTTP sink, shared with these integration tests. */
export { startSink, type Sink, type SinkRequest } from "../../packages/engine/src/testing/httpSink.ts";
