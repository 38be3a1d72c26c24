-- Initial schema (generated from prisma/schema.prisma's models; forward-only).

CREATE TABLE "Resource" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "resourceVersion" INTEGER NOT NULL DEFAULT 1,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Resource_kind_namespace_name_key" ON "Resource"("kind", "namespace", "name");

CREATE INDEX "Resource_namespace_idx" ON "Resource"("namespace");

CREATE TABLE "ResourceRevision" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "resourceVersion" INTEGER NOT NULL,
    "manifest" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResourceRevision_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ResourceRevision_kind_namespace_name_idx" ON "ResourceRevision"("kind", "namespace", "name");

CREATE TABLE "SecretValue" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    CONSTRAINT "SecretValue_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SecretValue_kind_namespace_name_key_key" ON "SecretValue"("kind", "namespace", "name", "key");

CREATE TABLE "Event" (
    "seq" SERIAL NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Event_pkey" PRIMARY KEY ("seq")
);

CREATE UNIQUE INDEX "Event_namespace_eventId_key" ON "Event"("namespace", "eventId");

CREATE INDEX "Event_namespace_source_subject_idx" ON "Event"("namespace", "source", "subject");

CREATE INDEX "Event_receivedAt_idx" ON "Event"("receivedAt");

CREATE TABLE "Explain" (
    "id" SERIAL NOT NULL,
    "namespace" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sensor" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "dependency" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Explain_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Explain_namespace_eventId_idx" ON "Explain"("namespace", "eventId");

CREATE INDEX "Explain_namespace_sensor_trigger_idx" ON "Explain"("namespace", "sensor", "trigger");

CREATE TABLE "Run" (
    "runId" TEXT NOT NULL,
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
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Run_pkey" PRIMARY KEY ("runId")
);

CREATE INDEX "Run_namespace_sensor_trigger_idx" ON "Run"("namespace", "sensor", "trigger");

CREATE INDEX "Run_status_idx" ON "Run"("status");

CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

CREATE TABLE "Instance" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Instance_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);
