// The GraphQL errors the emulator raises itself. "Not implemented" is deliberately loud: a test
// that touches something the emulator does not model must fail, not read a quiet null.
import { GraphQLError } from "graphql";

export function notImplemented(what: string): GraphQLError {
  return new GraphQLError(`The Shopify Admin emulator does not implement ${what}.`, { extensions: { code: "EMULATOR_NOT_IMPLEMENTED" } });
}

export function accessDenied(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes" } });
}

export function badArgument(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST" } });
}
