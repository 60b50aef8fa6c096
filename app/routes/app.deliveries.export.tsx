// The deliveries list's CSV export: the list's filter (or the selected ids), streamed a page at
// a time as the browser takes it, so an export of any size holds one page in the server's memory.
// X-Total-Rows lets the page show a progress bar while the rows arrive.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { ensureShop } from "../settings/shop-settings.server";
import { localeFromRequest } from "../i18n/locale";
import { translator } from "../i18n/messages";
import { parseDeliveryFilters } from "../delivery/delivery-filters";
import { countDeliveries, exportDeliveries, type DeliveryRow } from "../delivery/delivery-list.server";
import { csvStream } from "../delivery/delivery-csv";
import { formatWakilniLocalTime } from "../wakilni/local-time";
import { topicFromCode } from "../wakilni/topics";

/** `ids=1,2,3`: only these deliveries (the bulk action), still within the shop. */
function selectedIds(params: URLSearchParams): number[] | undefined {
  const ids = params.get("ids");
  if (!ids) return undefined;
  return ids
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0)
    .slice(0, 1000);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await ensureShop(session.shop);
  const params = new URL(request.url).searchParams;
  const filters = { ...parseDeliveryFilters(params), ids: selectedIds(params) };
  const zone = shop.wakilniZone;
  const t = translator(localeFromRequest(request));
  const time = (at: Date | null) => (at ? formatWakilniLocalTime(at, zone) : null);
  const status = (code: string | null) => {
    const topic = code ? topicFromCode(code) : null;
    return topic ? t(`status.${topic}`) : code;
  };
  const header = [
    t("csv.waybill"),
    t("csv.order"),
    t("csv.status"),
    t("csv.reason"),
    t("csv.lastEvent"),
    t("csv.firstSeen"),
    t("csv.driver"),
    t("csv.driverPhone"),
    t("csv.trackingUrl"),
    t("csv.resolvedBy"),
  ];
  const cells = (row: DeliveryRow) => [
    row.waybill,
    row.orderName,
    status(row.status),
    row.reason ? t(`queue.reason.${row.reason}`) : null,
    time(row.lastEventAt),
    time(row.createdAt),
    row.driverName,
    row.driverPhone,
    row.trackingUrl,
    row.attentionResolvedBy,
  ];
  const total = await countDeliveries(session.shop, filters, zone);
  const pages = exportDeliveries(session.shop, filters, zone);
  const day = formatWakilniLocalTime(new Date(), zone).slice(0, 10);
  return new Response(csvStream(header, pages, cells), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="wakilni-deliveries-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Total-Rows": String(total),
    },
  });
}
