// Auth failures are refusals, not server errors: a session token that is valid but for a shop the
// app cannot get access to answers 403, through the real authenticate.admin and real tokens,
// with Shopify's token endpoint faked.
import { afterEach, describe, expect, it } from "vitest";
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { prisma } from "./db.server";
import { offlineAccessToken } from "./settings/sealed-session-storage.server";
import { secretBox } from "./settings/sealing.server";
import { embeddedRequest, extensionFetchRequest, installShop, uniqueShop } from "../tests/helpers/shopify";
import { loader as appLoader } from "./routes/app";
import { loader as timelineLoader } from "./routes/api.orders.$orderId.timeline";

const routeArgs = (request: Request, params = {}) => ({ request, params, context: {} });

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

/** Shopify's token endpoint for `shop`, answering every exchange with `status`. */
function shopifyExchangeAnswers(shop: string, status: number, body: Record<string, unknown>): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent.get(`https://${shop}`).intercept({ path: "/admin/oauth/access_token", method: "POST" }).reply(status, body).persist();
  setGlobalDispatcher(agent);
  return agent;
}

describe("authenticate.admin when the token exchange fails", () => {
  const original = getGlobalDispatcher();
  afterEach(() => setGlobalDispatcher(original));

  it("answers 403 to a valid session token for a shop Shopify will not give access to, and stores nothing", async () => {
    const stranger = uniqueShop("stranger");
    shopifyExchangeAnswers(stranger, 401, { errors: "[API] This app is not installed on this shop" });

    const refusal = await thrownBy(appLoader(routeArgs(await embeddedRequest(stranger, "/app"))));

    expect(refusal.status).toBe(403);
    expect(await refusal.text()).toMatch(/did not give this app access/);
    expect(await prisma.session.count({ where: { shop: stranger } })).toBe(0);
    expect(await prisma.shop.count({ where: { shop: stranger } })).toBe(0);
  });

  it("answers 403 to a token whose dest is another shop than the one in the URL, leaving the installed shop alone", async () => {
    const installed = uniqueShop("installed");
    await installShop(installed);
    const other = uniqueShop("other");
    shopifyExchangeAnswers(other, 400, { error: "invalid_request" });

    const refusal = await thrownBy(appLoader(routeArgs(await embeddedRequest(other, `/app?shop=${installed}`))));

    expect(refusal.status).toBe(403);
    expect(await prisma.session.count({ where: { shop: other } })).toBe(0);
    expect(await offlineAccessToken(prisma, installed, secretBox)).toBe(`shpat_${installed}`);
  });

  it("answers 403 when Shopify cannot be reached for the exchange", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    setGlobalDispatcher(agent);
    const refusal = await thrownBy(appLoader(routeArgs(await embeddedRequest(uniqueShop("offline"), "/app"))));
    expect(refusal.status).toBe(403);
  });

  it("answers an admin extension's fetch 403 with the CORS headers it needs to read the refusal", async () => {
    const stranger = uniqueShop("extension");
    shopifyExchangeAnswers(stranger, 401, { errors: "not installed" });

    const request = await extensionFetchRequest(stranger, "/api/orders/1/timeline");
    const refusal = await thrownBy(timelineLoader(routeArgs(request, { orderId: "1" })));

    expect(refusal.status).toBe(403);
    expect(refusal.headers.get("Access-Control-Allow-Origin")).toBeTruthy();
  });

  it("still answers 401 to a token that is not validly signed", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app?_data=routes%2Fapp", { headers: { Authorization: "Bearer a.b.c" } });
    expect((await thrownBy(appLoader(routeArgs(request)))).status).toBe(401);
  });
});
