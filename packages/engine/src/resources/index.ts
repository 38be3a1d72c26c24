export * from "./common.ts";
export * from "./eventBus.ts";
export * from "./eventSource.ts";
export * from "./sensor.ts";
export * from "./trigger.ts";
export * from "./parse.ts";
