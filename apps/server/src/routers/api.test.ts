import { describeApi } from "./testing/apiSuite.ts";

describeApi("SQLite", { databaseUrl: async () => undefined });
