// Paging and filter tabs for the app's long lists (deliveries, event log), kept in the URL
// (`?page=`, `?view=`) so a reload, the back button or a shared link shows the same page. The
// loader half reads the URL; the component half changes it, keeping Shopify's own parameters.
import { useSearchParams } from "@remix-run/react";
import { Box, InlineStack, Pagination, Tabs } from "@shopify/polaris";
import { useTranslate } from "../i18n/context";

export const PAGE_SIZE = 50;

export interface ListQuery<View extends string> {
  view: View;
  page: number;
  skip: number;
  /** One row more than a page, to learn whether a next page exists without counting. */
  take: number;
}

/** The list position the request asks for; anything unreadable means the first page of the first view. */
export function readListQuery<View extends string>(request: Request, views: readonly View[]): ListQuery<View> {
  const params = new URL(request.url).searchParams;
  const asked = params.get("view");
  const view = views.find((candidate) => candidate === asked) ?? views[0];
  const page = Math.max(1, Math.min(1_000_000, Math.floor(Number(params.get("page"))) || 1));
  return { view, page, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 };
}

/** A page of rows fetched with ListQuery.take, and whether more follow. */
export function pageOf<Row>(rows: Row[]): { rows: Row[]; hasNext: boolean } {
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

function useListNavigation() {
  const [, setSearchParams] = useSearchParams();
  return (changes: Record<string, string | null>) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) next.delete(name);
        else next.set(name, value);
      }
      return next;
    });
}

export function ListTabs<View extends string>({ views, selected }: { views: readonly { id: View; label: string }[]; selected: View }) {
  const navigate = useListNavigation();
  return (
    <Tabs
      tabs={views.map((view) => ({ id: view.id, content: view.label }))}
      selected={Math.max(
        0,
        views.findIndex((view) => view.id === selected),
      )}
      onSelect={(index) => navigate({ view: index === 0 ? null : views[index].id, page: null })}
    />
  );
}

export function ListPagination({ page, hasNext }: { page: number; hasNext: boolean }) {
  const t = useTranslate();
  const navigate = useListNavigation();
  if (page === 1 && !hasNext) return null;
  return (
    <Box padding="300">
      <InlineStack align="center">
        <Pagination
          label={t("common.page", { page })}
          hasPrevious={page > 1}
          hasNext={hasNext}
          onPrevious={() => navigate({ page: page > 2 ? String(page - 1) : null })}
          onNext={() => navigate({ page: String(page + 1) })}
        />
      </InlineStack>
    </Box>
  );
}
