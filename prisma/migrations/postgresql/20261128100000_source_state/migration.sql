-- Durable state of sources (calendar catch-up).
CREATE TABLE "SourceState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SourceState_pkey" PRIMARY KEY ("key")
);
