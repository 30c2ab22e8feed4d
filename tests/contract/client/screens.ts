// screens.ts — the screens of a district dashboard, written as a front-end team would with a
// client generated from openapi.yaml (openapi-typescript types + openapi-fetch), and nothing
// else: no casts, no `any`. tests/contract/client/run.sh generates api.d.ts, compiles this file
// with `tsc --strict` and runs it against the real server (run-screens.ts checks the answers),
// so a contract that generates badly (a JSON/CSV union in a 200, an `unknown` path parameter)
// fails the build, and so does a server that answers something else than the types say.
import createClient from 'openapi-fetch';
import type { components, paths } from './api.js';

export type Client = ReturnType<typeof createClient<paths>>;
type Schemas = components['schemas'];

/** A client for one token; `fetch` may be replaced (run-screens.ts records every exchange). */
export function client(baseUrl: string, token: string, fetchFn?: typeof fetch): Client {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetchFn ? { fetch: fetchFn } : {}),
  });
}

function fail(screen: string, status: number, body: unknown): never {
  throw new Error(`${screen}: HTTP ${status} ${JSON.stringify(body)}`);
}

/** The landing screen, one call: who I am, progress summary, assessments, procedures, what is late. */
export async function landing(c: Client, district: string, year: number) {
  const r = await c.GET('/v1/districts/{district}/overview', {
    params: { path: { district }, query: { year } },
  });
  if (!r.data) return fail('overview', r.response.status, r.error);
  const overview: Schemas['DistrictOverview'] = r.data;
  return overview;
}

/** The progress screen: every indicator of the year's plan with its figures. */
export async function progress(c: Client, district: string, year: number) {
  const r = await c.GET('/v1/districts/{district}/progress', {
    params: { path: { district }, query: { year } },
  });
  if (!r.data) return fail('progress', r.response.status, r.error);
  return r.data;
}

/** The trend chart: each indicator year by year, one call. */
export async function series(c: Client, district: string, from: number, to: number) {
  const r = await c.GET('/v1/districts/{district}/progress/series', {
    params: { path: { district }, query: { from, to } },
  });
  if (!r.data) return fail('series', r.response.status, r.error);
  return r.data;
}

/** Who misses a target, as a list shows them: `unit` tells the kinds apart (the discriminator
 * narrows each item to its schema), `display` is the value as text whatever its shape. */
export function belowLines(entry: Schemas['ProgressEntry']): string[] {
  return entry.below.map((b) => {
    if (b.unit === 'procedure') return `procedure ${b.code}: ${b.display}`;
    const kind: 'school' | 'office' = b.unit; // narrowed by the discriminator
    return `${kind} ${b.code}: ${b.display}`;
  });
}

/** Every school's scorecard, one call (not one per school). */
export async function scorecards(c: Client, district: string, year: number) {
  const r = await c.GET('/v1/districts/{district}/scorecards', {
    params: { path: { district }, query: { year } },
  });
  if (!r.data) return fail('scorecards', r.response.status, r.error);
  return r.data;
}

/** One school's scorecard. */
export async function scorecard(c: Client, school: string, year: number) {
  const r = await c.GET('/v1/schools/{school}/scorecard', {
    params: { path: { school }, query: { year } },
  });
  if (!r.data) return fail('scorecard', r.response.status, r.error);
  return r.data;
}

/** The schools list: a page of items (JSON only: `.items` compiles). */
export async function schools(c: Client, districtId: string, limit: number) {
  const r = await c.GET('/v1/schools', {
    params: { query: { district_id: districtId, limit } },
  });
  if (!r.data) return fail('schools', r.response.status, r.error);
  return r.data;
}

/** The same list as a CSV download: its own operation, typed string. */
export async function schoolsCsv(c: Client, districtId: string, limit: number): Promise<string> {
  const r = await c.GET('/v1/schools.csv', {
    params: { query: { district_id: districtId, limit } },
    parseAs: 'text',
  });
  if (r.data === undefined) return fail('schools.csv', r.response.status, r.error);
  return r.data;
}

/** Dossier search by reference or applicant. */
export async function searchDossiers(c: Client, q: string) {
  const r = await c.GET('/v1/dossiers', { params: { query: { q, limit: 10 } } });
  if (!r.data) return fail('dossiers', r.response.status, r.error);
  return r.data;
}

/** The labels of every enum value, for a UI in Vietnamese (`lang=vi`). */
export async function labels(c: Client, lang: string) {
  const r = await c.GET('/v1/labels', { params: { query: { lang } } });
  if (!r.data) return fail('labels', r.response.status, r.error);
  return { labels: r.data, contentLanguage: r.response.headers.get('Content-Language') };
}

/** A bad query with `Accept-Language: vi`: the problem a form shows, in Vietnamese. */
export async function badSchoolsQuery(c: Client, districtId: string) {
  const r = await c.GET('/v1/schools', {
    params: { query: { district_id: districtId } },
    headers: { 'Accept-Language': 'vi' },
  });
  if (!r.error) return fail('schools (bad query)', r.response.status, r.data);
  return { status: r.response.status, problem: r.error,
           contentLanguage: r.response.headers.get('Content-Language') };
}

/** The version of a list item for an edit: its `etag`, the ETag a read of the item alone
 * answers, so an edit from a list needs no read first. */
export function versionOf(item: Schemas['SchoolListItem']): string {
  return item.etag;
}

/** An edit from the list: PATCH with If-Match; a stale version is a 412 and changes nothing. */
export async function editSchool(c: Client, school: string, version: string,
                                 patch: Schemas['SchoolPatch']) {
  const r = await c.PATCH('/v1/schools/{school}', {
    params: { path: { school }, header: { 'If-Match': version } },
    body: patch,
  });
  return { status: r.response.status, school: r.data, problem: r.error,
           etag: r.response.headers.get('ETag') };
}

/** Never called: compiles only while the contract types a path parameter as a string. */
export function pathParametersAreStrings(c: Client): void {
  // @ts-expect-error an object is not a school id or code
  void c.GET('/v1/schools/{school}', { params: { path: { school: { not: 'a string' } } } });
  // @ts-expect-error nor is a number a district
  void c.GET('/v1/districts/{district}/overview', { params: { path: { district: 453 },
                                                               query: { year: 2024 } } });
}
