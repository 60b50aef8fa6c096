// Generates both Prisma clients after every install: the SQLite one into @prisma/client's
// default place and the PostgreSQL one into node_modules/.prisma/postgres (imported as
// ".prisma/postgres"; npm leaves dot-folders alone when it prunes), so one build runs on
// either engine and DATABASE_URL picks at start-up. Plain JS: it runs before dev tools exist.
import { execFileSync } from "node:child_process";

const engines = [
  ["sqlite", "file:./prisma/dev.sqlite"],
  ["postgres", "postgres://localhost/generate-only"],
];
for (const [engine, url] of engines) {
  execFileSync("npx", ["prisma", "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  console.log(`prisma: generated the ${engine} client`);
}
