// One Admin GraphQL request from body to answer, independent of HTTP: parse and validate
// against the real 2026-10 schema (rejecting the document whole, as Shopify does), price it,
// consult the shop's bucket, execute, and charge the actual cost. Error shapes follow Shopify's
// (graphql-ruby) codes so clients meet what production sends.
import {
  type GraphQLError,
  executeSync,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
} from "graphql";
import { adminSchema } from "../../tests/fixtures/admin-schema";
import { actualQueryCost, requestedQueryCost } from "./cost";
import { fieldResolver, typeResolver, type ResolverContext } from "./resolvers";
import type { ShopData } from "./shop-data";

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  operation: "query" | "mutation" | null;
  /** rejected: nothing executed nor charged (invalid document, max cost exceeded). */
  outcome: "rejected" | "throttled" | "executed";
  requestedCost: number;
  actualCost: number;
}

export interface AnswerOptions {
  maxQueryCost: number;
  /** Answer THROTTLED whatever the bucket holds (fault injection). */
  forceThrottle?: boolean;
  /** Price fields switched off by @skip/@include as if they ran (a Shopify that does not discount them). */
  chargeSkippedFields?: boolean;
}

const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

/** graphql-js validation messages mapped to the codes (and, where clients match on it, the wording) Shopify uses. */
const VALIDATION_CODES: {
  pattern: RegExp;
  code: string;
  message?: (match: RegExpExecArray) => string;
  extensions?: (match: RegExpExecArray) => Record<string, string>;
}[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    code: "undefinedField",
    message: (m) => `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
    extensions: (m) => ({ typeName: m[2], fieldName: m[1] }),
  },
  {
    pattern: /^Field "(\w+)" argument "(\w+)" of type .* is required/,
    code: "missingRequiredArguments",
    message: (m) => `Field '${m[1]}' is missing required arguments: ${m[2]}`,
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/,
    code: "argumentNotAccepted",
    message: (m) => `Field '${m[2]}' doesn't accept argument '${m[1]}'`,
  },
  { pattern: /cannot represent|^Expected value of type|does not exist in ".*" enum/, code: "argumentLiteralsIncompatible" },
  { pattern: /^Variable ".*" of type ".*" used in position expecting/, code: "variableMismatch" },
  { pattern: /must have a selection of subfields|must not have a selection/, code: "selectionMismatch" },
  { pattern: /^Unknown type/, code: "undefinedType" },
  { pattern: /is never used/, code: "variableNotUsed" },
  { pattern: /^Variable ".*" is not defined/, code: "undefinedVariable" },
];

function shopifyError(error: GraphQLError, fallbackCode: string, rules = VALIDATION_CODES): GraphQLFormattedError {
  const rule = rules.find(({ pattern }) => pattern.test(error.message));
  const match = rule?.pattern.exec(error.message);
  return {
    message: rule?.message && match ? rule.message(match) : error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    extensions: { code: rule?.code ?? fallbackCode, ...(rule?.extensions && match ? rule.extensions(match) : {}) },
  };
}

function rejected(errors: GraphQLFormattedError[]): GraphqlAnswer {
  return { status: 200, body: { errors }, operation: null, outcome: "rejected", requestedCost: 0, actualCost: 0 };
}

function costExtension(shop: ShopData, requested: number, actual: number | null) {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: shop.bucket.status() } };
}

export function answerGraphql(shop: ShopData, body: unknown, options: AnswerOptions): GraphqlAnswer {
  const request = (typeof body === "object" && body !== null ? body : {}) as {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
  };
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return { ...rejected([]), status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
  }
  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const rawVariables =
    typeof request.variables === "object" && request.variables !== null ? (request.variables as Record<string, unknown>) : {};

  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return rejected([shopifyError(error as GraphQLError, "PARSE_ERROR")]);
  }
  const schema = adminSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return rejected(invalid.map((error) => shopifyError(error, "GRAPHQL_VALIDATION_FAILED")));

  const operation = getOperationAST(document, operationName);
  if (!operation)
    return rejected([
      {
        message: operationName ? `No operation named "${operationName}"` : "An operation name is required",
        extensions: { code: "OPERATION_NOT_FOUND" },
      },
    ]);
  if (operation.operation === "subscription")
    return rejected([{ message: "Subscriptions are not supported", extensions: { code: "OPERATION_NOT_SUPPORTED" } }]);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return rejected(coerced.errors.map((error) => shopifyError(error, "INVALID_VARIABLE", [])));

  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === "FragmentDefinition")
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const costInput = { schema, operation, fragments, variables: coerced.coerced, chargeSkipped: options.chargeSkippedFields };
  const requested = requestedQueryCost(costInput);
  const kind = operation.operation;
  if (requested > options.maxQueryCost) {
    const message =
      `Query cost is ${requested}, which exceeds the single query max cost limit (${options.maxQueryCost}).\n\n` +
      `See ${RATE_LIMIT_DOCS} for more information on how the\ncost of a query is calculated.\n\n` +
      "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n";
    return {
      status: 200,
      body: {
        errors: [{ message, extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: options.maxQueryCost } }],
        extensions: costExtension(shop, requested, null),
      },
      operation: kind,
      outcome: "rejected",
      requestedCost: requested,
      actualCost: 0,
    };
  }
  if (options.forceThrottle || !shop.bucket.tryTake(requested)) {
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
        extensions: costExtension(shop, requested, null),
      },
      operation: kind,
      outcome: "throttled",
      requestedCost: requested,
      actualCost: 0,
    };
  }

  const contextValue: ResolverContext = { shop, searchWarnings: [] };
  const result = executeSync({ schema, document, operationName, variableValues: rawVariables, contextValue, fieldResolver, typeResolver });
  const actual = Math.min(requested, actualQueryCost(costInput, result.data));
  shop.bucket.refund(requested - actual);
  const extensions = {
    ...costExtension(shop, requested, actual),
    ...(contextValue.searchWarnings.length > 0 ? { search: contextValue.searchWarnings } : {}),
  };
  return {
    status: 200,
    body: { ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}), data: result.data ?? null, extensions },
    operation: kind,
    outcome: "executed",
    requestedCost: requested,
    actualCost: actual,
  };
}
