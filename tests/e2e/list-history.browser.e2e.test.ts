// The browser's Back and Forward on the two long lists (the deliveries list, the event log), in
// Chromium inside the demo's admin frame: each list keeps its search, status and days in the URL,
// so Back undoes the last one (the search box and the day fields emptied, the full list back) and
// Forward brings it back, without the list writing the undone search into the URL again.
// Screenshots: test-results/screenshots/list-history-<list>-<n>-<what>.png.
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n/messages";
import { polarisTranslations } from "../../app/i18n/polaris-translations";
import { postWakilniEvent, specPayload } from "../../sandbox/wakilni-sender";
import { useDemoInBrowser } from "../helpers/browser";

const session = useDemoInBrowser("list-history-e2e");
const app = () => session.app();
const t = translator("en");
const polaris = polarisTranslations("en").Polaris;

/** One delivery per waybill, one event each; the assigned one is what the status filter picks. */
const EVENTS = [
  specPayload({ topic: "created", waybill: "#1001" }),
  specPayload({ topic: "assigned", waybill: "#1002", driver: { name: "Rami", phone: "+961 3 000000" } }),
  specPayload({ topic: "created", waybill: "#1003" }),
];
const SOUGHT = "#1002";
/** A day no event is received on: the day filter leaves the list empty. */
const FUTURE_DAY = "2099-01-01";

beforeAll(async () => {
  for (const event of EVENTS) {
    expect((await postWakilniEvent(session.demo.ready.webhookUrl, session.demo.ready.webhookSecret, event)).status).toBe(200);
    await session.demo.until("the worker to apply the event", async () =>
      session.db.inboxEvent.findFirst({ where: { eventId: String(event.event_id), state: "applied" } }),
    );
  }
}, 120_000);

/** expect.poll with room for a navigation on a busy machine (its default gives up after a second). */
function poll<T>(value: () => T | Promise<T>) {
  return expect.poll(value, { timeout: 30_000, interval: 200 });
}

describe.each([
  {
    list: "deliveries",
    path: "/app/deliveries",
    heading: t("queue.title"),
    searchPlaceholder: t("queue.search"),
    statusFilter: t("queue.filter.status"),
    datesFilter: t("queue.filter.dates"),
    fromLabel: t("queue.filter.from"),
    datesPinned: false,
  },
  {
    list: "events",
    path: "/app/events",
    heading: t("events.title"),
    searchPlaceholder: t("events.search.placeholder"),
    statusFilter: t("events.filter.status"),
    datesFilter: t("events.filter.dates"),
    fromLabel: t("events.filter.from"),
    datesPinned: true,
  },
])(
  "the $list list and the browser's Back and Forward",
  ({ list, path, heading, searchPlaceholder, statusFilter, datesFilter, fromLabel, datesPinned }) => {
    const shot = (name: string) => session.admin.shot(`list-history-${list}-${name}`);
    const param = (name: string) => session.admin.appFrame().evaluate((key) => new URLSearchParams(location.search).get(key), name);
    const rowCount = () => app().locator("tbody tr").count();
    const searchField = () => app().getByPlaceholder(searchPlaceholder);
    const back = () => session.admin.page.goBack();
    const fromField = () => app().getByLabel(fromLabel, { exact: true });
    /**
     * The "from" day the filter bar shows: the field's value while its popover is open; once the
     * popover has closed (a busy machine's re-render can close it, and Polaris then drops an unpinned
     * filter that holds nothing), the day its applied filter's pill names, or "" with none.
     */
    const fromShown = async () => {
      if (await fromField().isVisible()) return fromField().inputValue();
      const pill = app().getByRole("button", { name: new RegExp(FUTURE_DAY) });
      return (await pill.count()) > 0 ? FUTURE_DAY : "";
    };
    const forward = () => session.admin.page.goForward();

    it("Back undoes a search, a status and a day range, and Forward brings each back", { timeout: 240_000 }, async () => {
      await session.open(path, "en");
      await app().getByRole("heading", { name: heading, exact: true }).waitFor({ timeout: 30_000 });
      await poll(rowCount).toBe(EVENTS.length);
      await app().getByRole("button", { name: polaris.IndexFilters.searchFilterAccessibilityLabel }).click();

      // The search: typed, then undone by Back (the box emptied, the whole list), redone by Forward.
      await searchField().fill(SOUGHT);
      await poll(() => param("q")).toBe(SOUGHT);
      await poll(rowCount).toBe(1);
      await back();
      await poll(() => param("q")).toBe(null);
      await poll(() => searchField().inputValue()).toBe("");
      await poll(rowCount).toBe(EVENTS.length);
      await shot("1-search-undone");
      await forward();
      await poll(() => param("q")).toBe(SOUGHT);
      await poll(() => searchField().inputValue()).toBe(SOUGHT);
      await poll(rowCount).toBe(1);
      await shot("2-search-redone");
      await back();
      await poll(() => searchField().inputValue()).toBe("");
      await poll(rowCount).toBe(EVENTS.length);

      // A status: chosen, undone by Back, redone by Forward; the choice list shows what the URL says.
      await app().getByRole("button", { name: statusFilter, exact: true }).click();
      const assigned = app().getByRole("checkbox", { name: t("status.assigned"), exact: true });
      await assigned.click();
      await poll(() => param("status")).toBe("assigned");
      await poll(rowCount).toBe(1);
      await back();
      await poll(() => param("status")).toBe(null);
      await poll(rowCount).toBe(EVENTS.length);
      await forward();
      await poll(() => param("status")).toBe("assigned");
      await poll(rowCount).toBe(1);
      await back();
      await poll(rowCount).toBe(EVENTS.length);
      await app().getByRole("heading", { name: heading, exact: true }).click();

      // A day range: a "from" day applied when its field loses focus, undone by Back, redone by Forward.
      if (datesPinned) {
        await app().getByRole("button", { name: datesFilter, exact: true }).click();
      } else {
        await app()
          .getByRole("button", { name: new RegExp(`^${polaris.Filters.addFilter}`) })
          .click();
        await app().getByRole("menuitem", { name: datesFilter, exact: true }).click();
      }
      await fromField().fill(FUTURE_DAY);
      await fromField().blur();
      await poll(() => param("from")).toBe(FUTURE_DAY);
      await poll(rowCount).toBe(0);
      await shot("3-days");
      await back();
      await poll(() => param("from")).toBe(null);
      await poll(rowCount).toBe(EVENTS.length);
      await poll(fromShown).toBe("");
      await shot("4-days-undone");
      await forward();
      await poll(() => param("from")).toBe(FUTURE_DAY);
      await poll(rowCount).toBe(0);
      await poll(fromShown).toBe(FUTURE_DAY);
    });
  },
);
