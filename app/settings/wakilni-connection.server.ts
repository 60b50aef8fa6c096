// "Test connection": asks Wakilni's API whether the shop's credentials work and keeps the answer
// and its time on the shop row. Run by the settings page's button and after every save that
// changes what the app presents to Wakilni.
import { prisma } from "../db.server";
import { hasWakilniApiCredentials } from "../wakilni/api/http-wakilni-api";
import type { WakilniApi, WakilniApiCredentials } from "../wakilni/api/wakilni-api";
import { wakilniApiFor } from "../wakilni/api/wakilni-api.server";
import { wakilniApiCredentialsOf } from "./shop-settings.server";
import { connectionCheckColumns, connectionCheckOf, type ConnectionCheck } from "./wakilni-connection";

/** The check's result, stored; null (and nothing stored) when the shop has no credentials the API could take. */
export async function checkWakilniConnection(
  shop: string,
  now: () => Date = () => new Date(),
  apiFor: (credentials: WakilniApiCredentials) => WakilniApi = wakilniApiFor,
): Promise<ConnectionCheck | null> {
  const credentials = wakilniApiCredentialsOf(await prisma.shop.findUniqueOrThrow({ where: { shop } }));
  if (!hasWakilniApiCredentials(credentials)) return null;
  const check = connectionCheckOf(await apiFor(credentials).checkCredentials(), now());
  await prisma.shop.update({ where: { shop }, data: connectionCheckColumns(check) });
  return check;
}
