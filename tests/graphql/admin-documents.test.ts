// Every GraphQL document in app/ must be valid against Shopify's real Admin schema 2026-10:
// a misspelled field or a wrong argument fails here, not in a merchant's store.
import { describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { adminSchema } from "../fixtures/admin-schema";
import { appGraphqlDocuments, findDocumentsIn } from "./admin-documents";

function validationErrors(source: string): string[] {
  if (source.includes("${")) return ["documents must be static: no ${…} interpolation"];
  try {
    return validate(adminSchema(), parse(source)).map((error) => error.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

describe("GraphQL documents in app/", () => {
  const documents = appGraphqlDocuments();

  it.each(documents.map((document) => [`${document.file}:${document.line}`, document] as const))(
    "%s is valid against the Admin API 2026-10",
    (_where, document) => {
      expect(validationErrors(document.source)).toEqual([]);
    },
  );
});

describe("the document check itself", () => {
  it("finds #graphql documents and their lines", () => {
    const found = findDocumentsIn("const a = 1;\nconst Q = `#graphql\n  query { shop { name } }`;\n", "x.ts");
    expect(found).toEqual([{ file: "x.ts", line: 2, source: "#graphql\n  query { shop { name } }" }]);
  });

  it("accepts a valid document", () => {
    expect(validationErrors("#graphql\n query Shop { shop { name myshopifyDomain ianaTimezone } }")).toEqual([]);
  });

  it("rejects a field the 2026-10 schema lacks", () => {
    expect(validationErrors("#graphql\n query { shop { name wakilniCourierNumber } }")).toEqual([
      'Cannot query field "wakilniCourierNumber" on type "Shop".',
    ]);
  });

  it("rejects an enum value the 2026-10 schema lacks (PICKED_UP exists only in unstable)", () => {
    const errors = validationErrors(`#graphql
      mutation { fulfillmentEventCreate(fulfillmentEvent: { fulfillmentId: "gid://shopify/Fulfillment/1", status: PICKED_UP }) { userErrors { message } } }`);
    expect(errors.join()).toMatch(/PICKED_UP/);
  });

  it("rejects interpolated documents, which cannot be checked", () => {
    expect(validationErrors("#graphql\n query { ${field} }")).toEqual(["documents must be static: no ${…} interpolation"]);
  });
});
