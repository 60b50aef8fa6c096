// Relay connections the way Shopify pages them: `first`/`after` or `last`/`before` (one of
// first/last is required, at most 250), `reverse`, opaque base64 cursors, and pageInfo that
// tells whether anything lies outside the returned page.
import { badArgument } from "./errors";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const MAX_PAGE = 250;

export function cursorFor(item: { id: string }): string {
  return Buffer.from(JSON.stringify({ last_id: Number(item.id.split("/").pop()) })).toString("base64");
}

function indexOfCursor<T extends { id: string }>(items: T[], cursor: string): number {
  const index = items.findIndex((item) => cursorFor(item) === cursor);
  if (index < 0) throw badArgument(`Invalid cursor for current pagination sort: ${cursor}`);
  return index;
}

export function connection<T extends { id: string }>(all: T[], args: ConnectionArgs): Connection<T> {
  const { first, last, after, before } = args;
  if (first == null && last == null) throw badArgument("you must provide one of first or last");
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE)) throw badArgument(`The value for \`${name}\` must be between 0 and ${MAX_PAGE}.`);
  }
  const items = args.reverse ? [...all].reverse() : all;
  let start = after ? indexOfCursor(items, after) + 1 : 0;
  let end = before ? indexOfCursor(items, before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const page = items.slice(start, Math.max(start, end));
  const edges = page.map((node) => ({ node, cursor: cursorFor(node) }));
  return {
    nodes: page,
    edges,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < items.length,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
