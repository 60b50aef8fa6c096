// What runs beside the HTTP server for the life of the process; server.mjs starts it after
// listening and stops it on SIGTERM so no event is left half-applied.
import { prisma } from "./db.server";

export const serverRuntime = {
  start(): void {},
  async stop(): Promise<void> {
    await prisma.$disconnect();
  },
};
