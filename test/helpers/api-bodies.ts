// The JSON bodies of the serving API as the tests read them. JSON.parse gives
// `any`; naming the shape a test relies on keeps the linter's no-unsafe-* rules
// meaningful in tests too. The tests' assertions check the values.

/** Every API error answer (serving/http/error-middleware.ts). */
export interface ApiErrorBody {
  readonly error: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly request_id: string;
    readonly parameter?: string;
  };
}

/** GET /api/v1/counts. */
export interface CountsBody {
  readonly watermark: string | null;
  readonly sources: readonly { readonly source: string; readonly from: string; readonly to?: string; readonly resolution: string }[];
  readonly series: readonly {
    readonly location: string;
    readonly location_name?: string | null;
    readonly total: string;
    readonly points: readonly { readonly start: string; readonly count: string; readonly source: string }[];
  }[];
}

/** GET /api/v1/top-items. */
export interface TopItemsBody {
  readonly sources: readonly { readonly source: string }[];
  readonly items: readonly {
    readonly item_rank: number;
    readonly item_name: string;
    readonly item_count: string;
    readonly geographical_location_oid?: string;
    readonly geographical_location?: string | null;
  }[];
}

/** `text` parsed as the shape `T` the test expects (not validated: the assertions that follow do that). */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
