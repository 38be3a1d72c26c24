-- Initial schema (generated from prisma/schema.prisma's models; forward-only).

CREATE TABLE "Resource" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "resourceVersion" INTEGER NOT NULL DEFAULT 1,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

CREATE UNIQUE INDEX "Resource_kind_namespace_name_key" ON "Resource"("kind", "namespace", "name");

CREATE INDEX "Resource_namespace_idx" ON "Resource"("namespace");

CREATE TABLE "ResourceRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceVersion" INTEGER NOT NULL,
    "manifest" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "ResourceRevision_kind_namespace_name_idx" ON "ResourceRevision"("kind", "namespace", "name");

CREATE TABLE "SecretValue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL
);

CREATE UNIQUE INDEX "SecretValue_kind_namespace_name_key_key" ON "SecretValue"("kind", "namespace", "name", "key");

CREATE TABLE "Event" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "namespace" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "specversion" TEXT NOT NULL,
    "datacontenttype" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "dataBase64" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "extensions" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "replayOf" TEXT,
    "size" INTEGER NOT NULL,
    "busSeq" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX "Event_namespace_eventId_key" ON "Event"("namespace", "eventId");

CREATE INDEX "Event_namespace_source_subject_idx" ON "Event"("namespace", "source", "subject");

CREATE INDEX "Event_receivedAt_idx" ON "Event"("receivedAt");

CREATE TABLE "Explain" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "namespace" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sensor" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "dependency" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

CREATE INDEX "Explain_namespace_eventId_idx" ON "Explain"("namespace", "eventId");

CREATE INDEX "Explain_namespace_sensor_trigger_idx" ON "Explain"("namespace", "sensor", "trigger");

CREATE TABLE "Run" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "namespace" TEXT NOT NULL,
    "sensor" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "atLeastOnce" BOOLEAN NOT NULL,
    "events" TEXT NOT NULL,
    "attempts" TEXT NOT NULL DEFAULT '[]',
    "request" TEXT,
    "error" TEXT,
    "replayOf" TEXT,
    "instanceId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

CREATE INDEX "Run_namespace_sensor_trigger_idx" ON "Run"("namespace", "sensor", "trigger");

CREATE INDEX "Run_status_idx" ON "Run"("status");

CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME
);

CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

CREATE TABLE "Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL
);

CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "detail" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
