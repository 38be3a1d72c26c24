import { freshPostgresDatabase } from "../testing/testApp.ts";
import { describeApi } from "./testing/apiSuite.ts";

const adminUrl = process.env.SIGNALBOX_TEST_DATABASE_URL;
if (!adminUrl) throw new Error("SIGNALBOX_TEST_DATABASE_URL is not set: the integration globalSetup starts PostgreSQL");

describeApi("PostgreSQL", { databaseUrl: () => freshPostgresDatabase(adminUrl) });
