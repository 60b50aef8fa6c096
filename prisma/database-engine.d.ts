export function databaseEngine(url: string): "sqlite" | "postgres";
