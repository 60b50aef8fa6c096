-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "shop" TEXT NOT NULL,
    "endpointKey" TEXT NOT NULL,
    "appTokenSealed" TEXT,
    "appTokenLast4" TEXT,
    "secretSealed" TEXT,
    "secretLast4" TEXT,
    "previousSecretSealed" TEXT,
    "previousSecretUntil" TIMESTAMP(3),
    "wakilniZone" TEXT NOT NULL DEFAULT 'Asia/Beirut',
    "tagPrefix" TEXT NOT NULL DEFAULT 'Wakilni: ',
    "fulfillmentStage" TEXT NOT NULL DEFAULT 'assigned',
    "notifyCustomer" BOOLEAN NOT NULL DEFAULT true,
    "waybillPattern" TEXT NOT NULL DEFAULT '',
    "trackingUrlTemplate" TEXT NOT NULL DEFAULT '',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "WebhookRejection" (
    "shop" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookRejection_pkey" PRIMARY KEY ("shop","reason","hourStart")
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT,
    "topicName" TEXT NOT NULL,
    "waybill" TEXT NOT NULL,
    "wakilniOrderId" TEXT NOT NULL,
    "newStatusCode" INTEGER,
    "newStatus" TEXT,
    "previousStatusCode" INTEGER,
    "previousStatus" TEXT,
    "occurredAtText" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "timestampText" TEXT NOT NULL,
    "wakilniZone" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    "webhookId" TEXT,
    "deliveryId" TEXT,
    "attemptNumber" INTEGER,
    "source" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "lastReceivedAt" TIMESTAMP(3) NOT NULL,
    "deliveryCount" INTEGER NOT NULL DEFAULT 1,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxEventTransition" (
    "id" SERIAL NOT NULL,
    "inboxEventId" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "detail" TEXT,

    CONSTRAINT "InboxEventTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "waybill" TEXT NOT NULL,
    "wakilniOrderId" TEXT,
    "orderId" TEXT,
    "orderName" TEXT,
    "fulfillmentId" TEXT,
    "status" TEXT,
    "lastAppliedAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3),
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "trackingUrl" TEXT,
    "driverName" TEXT,
    "driverPhone" TEXT,
    "parkedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "inboxEventId" INTEGER,
    "topic" TEXT,
    "outcome" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3),
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_endpointKey_key" ON "Shop"("endpointKey");

-- CreateIndex
CREATE INDEX "InboxEvent_state_nextAttemptAt_idx" ON "InboxEvent"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboxEvent_shop_waybill_occurredAt_idx" ON "InboxEvent"("shop", "waybill", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_shop_eventId_key" ON "InboxEvent"("shop", "eventId");

-- CreateIndex
CREATE INDEX "InboxEventTransition_inboxEventId_idx" ON "InboxEventTransition"("inboxEventId");

-- CreateIndex
CREATE INDEX "Delivery_shop_orderId_idx" ON "Delivery"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_shop_waybill_key" ON "Delivery"("shop", "waybill");

-- CreateIndex
CREATE INDEX "TimelineEntry_deliveryId_recordedAt_idx" ON "TimelineEntry"("deliveryId", "recordedAt");

-- AddForeignKey
ALTER TABLE "InboxEventTransition" ADD CONSTRAINT "InboxEventTransition_inboxEventId_fkey" FOREIGN KEY ("inboxEventId") REFERENCES "InboxEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
