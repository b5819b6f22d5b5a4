import type { ListResult } from './types';

/** The API's largest page. */
export const MAX_PAGE_SIZE = 100;

/**
 * Every item of a paged list: asks page 1, 2, … of `MAX_PAGE_SIZE` until `total` items have come (or a
 * page comes back short). `limit` stops runaway loops on a misbehaving server.
 */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<ListResult<T>>,
  limit = 100,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= limit; page++) {
    const result = await fetchPage(page, MAX_PAGE_SIZE);
    items.push(...result.items);
    if (result.items.length < MAX_PAGE_SIZE || items.length >= result.total) break;
  }
  return items;
}

/** Page/page_size of a list query, clamped to what the API accepts. */
export function pageParams(page: number | undefined, pageSize: number | undefined) {
  return {
    page: Math.max(1, Math.floor(page ?? 1) || 1),
    page_size: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? 20) || 20)),
  };
}
