-- Read-only attachments to existing Argo Events buses (JetStream stream or Kafka topic); inline credentials sealed.
CREATE TABLE "Attachment" (
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '{}',
    "keyId" TEXT,
    "credentials" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("name")
);
