// Shopify's search syntax for `orders(query:)`: terms separated by spaces are ANDed, `OR`
// between terms, `NOT`/`-` negates, parentheses group, `field:value` with optional `>`, `>=`,
// `<`, `<=` and quoted values. Unknown fields match everything, as on Shopify, which reports
// them as warnings under `extensions.search` instead of failing.
import { displayFulfillmentStatus, type OrderRecord } from "./model";

type Comparator = "=" | ">" | ">=" | "<" | "<=";

export type SearchNode =
  | { kind: "and" | "or"; children: SearchNode[] }
  | { kind: "not"; child: SearchNode }
  | { kind: "term"; field: string | null; comparator: Comparator; value: string };

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    if (/\s/.test(char)) {
      i++;
    } else if (char === "(" || char === ")") {
      tokens.push(char);
      i++;
    } else {
      let token = "";
      while (i < query.length && !/[\s()]/.test(query[i])) {
        const quote = query[i];
        if (quote === '"' || quote === "'") {
          const close = query.indexOf(quote, i + 1);
          const stop = close < 0 ? query.length : close + 1;
          token += query.slice(i, stop);
          i = stop;
        } else {
          token += quote;
          i++;
        }
      }
      tokens.push(token);
    }
  }
  return tokens;
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/s, "$2").replace(/^["']/, "");
}

function term(token: string): SearchNode {
  const match = /^([a-z_]+):(>=|<=|>|<)?(.*)$/i.exec(token);
  if (!match) return { kind: "term", field: null, comparator: "=", value: unquote(token) };
  return { kind: "term", field: match[1].toLowerCase(), comparator: (match[2] as Comparator | undefined) ?? "=", value: unquote(match[3]) };
}

export function parseSearch(query: string): SearchNode {
  const tokens = tokenize(query);
  let position = 0;
  const peek = () => tokens[position];

  function parseOr(): SearchNode {
    const children = [parseAnd()];
    while (peek() === "OR") {
      position++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: "or", children };
  }

  function parseAnd(): SearchNode {
    const children: SearchNode[] = [];
    while (position < tokens.length && peek() !== ")" && peek() !== "OR") {
      if (peek() === "AND") {
        position++;
        continue;
      }
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0] : { kind: "and", children };
  }

  function parseUnary(): SearchNode {
    const token = tokens[position++];
    if (token === "NOT") return { kind: "not", child: parseUnary() };
    if (token === "(") {
      const inner = parseOr();
      if (peek() === ")") position++;
      return inner;
    }
    if (token.startsWith("-") && token.length > 1) return { kind: "not", child: term(token.slice(1)) };
    return term(token);
  }

  return parseOr();
}

function compare(actual: number, comparator: Comparator, expected: number): boolean {
  switch (comparator) {
    case "=":
      return actual === expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
  }
}

/** Order names are searched without their `#`, so `name:1001` and `name:#1001` both find #1001. */
function normalizeName(value: string): string {
  return value.trim().replace(/^#/, "").toLowerCase();
}

function matchName(order: OrderRecord, value: string): boolean {
  const name = normalizeName(order.name);
  const wanted = normalizeName(value);
  return wanted.endsWith("*") ? name.startsWith(wanted.slice(0, -1)) : name === wanted;
}

/** A date alone means that whole day (UTC here; Shopify uses the shop's time zone). */
function matchDate(actualIso: string, comparator: Comparator, value: string): boolean {
  const actual = Date.parse(actualIso);
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const start = Date.parse(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(start)) return false;
  const end = dayOnly ? start + 24 * 3600 * 1000 : start + 1000;
  switch (comparator) {
    case "=":
      return actual >= start && actual < end;
    case ">":
      return actual >= end;
    case ">=":
      return actual >= start;
    case "<":
      return actual < start;
    case "<=":
      return actual < end;
  }
}

const FULFILLMENT_STATUS: Record<string, string[]> = {
  shipped: ["FULFILLED"],
  fulfilled: ["FULFILLED"],
  partial: ["PARTIALLY_FULFILLED"],
  unshipped: ["UNFULFILLED"],
  unfulfilled: ["UNFULFILLED", "PARTIALLY_FULFILLED"],
};

type FieldMatcher = (order: OrderRecord, comparator: Comparator, value: string) => boolean;

const ORDER_FIELDS: Record<string, FieldMatcher> = {
  name: (order, _comparator, value) => matchName(order, value),
  id: (order, comparator, value) => compare(Number(order.legacyResourceId), comparator, Number(value.split("/").pop())),
  status: (order, _comparator, value) => {
    switch (value.toLowerCase()) {
      case "open":
        return !order.closed && !order.cancelledAt;
      case "closed":
        return order.closed;
      case "cancelled":
        return order.cancelledAt !== null;
      default:
        return true;
    }
  },
  tag: (order, _comparator, value) => order.tags.some((tag) => tag.toLowerCase() === value.toLowerCase()),
  tag_not: (order, _comparator, value) => !order.tags.some((tag) => tag.toLowerCase() === value.toLowerCase()),
  created_at: (order, comparator, value) => matchDate(order.createdAt, comparator, value),
  updated_at: (order, comparator, value) => matchDate(order.updatedAt, comparator, value),
  processed_at: (order, comparator, value) => matchDate(order.processedAt, comparator, value),
  fulfillment_status: (order, _comparator, value) =>
    FULFILLMENT_STATUS[value.toLowerCase()]?.includes(displayFulfillmentStatus(order)) ?? true,
};

/** Fields the search does not know, for Shopify's "Invalid search field" warnings. */
export function unknownFields(node: SearchNode): string[] {
  switch (node.kind) {
    case "and":
    case "or":
      return node.children.flatMap(unknownFields);
    case "not":
      return unknownFields(node.child);
    case "term":
      return node.field && !ORDER_FIELDS[node.field] ? [node.field] : [];
  }
}

export function matchesOrder(node: SearchNode, order: OrderRecord): boolean {
  switch (node.kind) {
    case "and":
      return node.children.every((child) => matchesOrder(child, order));
    case "or":
      return node.children.some((child) => matchesOrder(child, order));
    case "not":
      return !matchesOrder(node.child, order);
    case "term": {
      // Free text finds an order by its number, as Shopify's default search fields do.
      if (node.field === null) return matchName(order, node.value);
      const matcher = ORDER_FIELDS[node.field];
      return matcher ? matcher(order, node.comparator, node.value) : true;
    }
  }
}
