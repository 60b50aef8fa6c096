// One rule, shared by the app, the Prisma CLI config and the scripts: the URL's scheme picks the engine.
/** @param {string} url @returns {"sqlite" | "postgres"} */
export function databaseEngine(url) {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:…"`);
}
