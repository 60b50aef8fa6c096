-- InboxEvent.leaseExpiresAt was never written or read: leases live in WaybillLease.
ALTER TABLE "InboxEvent" DROP COLUMN "leaseExpiresAt";
