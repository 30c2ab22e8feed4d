// screens.ts — the main screens of a dashboard, written as a front-end team would with a client
// generated from openapi.yaml (openapi-typescript types + openapi-fetch). It is type-checked in
// CI (`npm run typecheck`: regenerate api.d.ts, then `tsc --strict --noEmit`), so a contract
// that generates badly (a JSON/CSV union in a 200, an `unknown` parameter) fails the build.
// Run against a server (optional): EDUDX_URL=http://127.0.0.1:8080 EDUDX_TOKEN=... node ...
import createClient from 'openapi-fetch';
import type { paths } from './api';

export interface ScreenConfig {
  baseUrl: string;
  token: string;
  district: string;
  school: string;
  year: number;
}

export interface Landing {
  role: string;
  firstIndicatorActual: unknown;
  belowLines: string[];
  firstSchoolName: string | undefined;
  dossierReferences: string[];
  scorecardStatuses: string[];
  schoolsCsv: string;
}

export async function screens(cfg: ScreenConfig): Promise<Landing> {
  const client = createClient<paths>({
    baseUrl: cfg.baseUrl,
    headers: { Authorization: `Bearer ${cfg.token}` },
  });

  // Who am I: the role decides which screens show.
  const me = await client.GET('/v1/me');
  if (!me.data) throw new Error(`me: ${me.response.status}`);
  const role: string = me.data.role;

  // District progress: the first indicator's figure.
  const progress = await client.GET('/v1/districts/{district}/progress', {
    params: { path: { district: cfg.district }, query: { year: cfg.year } },
  });
  if (!progress.data) throw new Error(`progress: ${progress.response.status}`);
  const firstIndicatorActual = progress.data.indicators[0]?.actual;
  // Who is below the first target, as a list shows it: `unit` tells the kinds apart (the
  // discriminator narrows each item), `display` is the value as text whatever its shape.
  const belowLines: string[] = (progress.data.indicators[0]?.below ?? []).map((b) => {
    if (b.unit === 'procedure') return `procedure ${b.name}: ${b.display}`;
    const kind: 'school' | 'office' = b.unit; // narrowed by the discriminator
    return `${kind} ${b.code} ${b.name}: ${b.display}`;
  });

  // Schools list: a page of items, the first one's name.
  const schools = await client.GET('/v1/schools', {
    params: { query: { district_id: cfg.district, limit: 20 } },
  });
  if (!schools.data) throw new Error(`schools: ${schools.response.status}`);
  const firstSchoolName: string | undefined = schools.data.items[0]?.name;

  // The same list as CSV, for a download: its own operation, a string.
  const csv = await client.GET('/v1/schools.csv', {
    params: { query: { district_id: cfg.district, limit: 20 } },
    parseAs: 'text',
  });
  const schoolsCsv: string = csv.data ?? '';

  // Dossier search by reference or applicant.
  const dossiers = await client.GET('/v1/dossiers', {
    params: { query: { q: '00293', limit: 10 } },
  });
  if (!dossiers.data) throw new Error(`dossiers: ${dossiers.response.status}`);
  const dossierReferences: string[] = dossiers.data.items.map((d) => d.reference);

  // A school's scorecard.
  const scorecard = await client.GET('/v1/schools/{school}/scorecard', {
    params: { path: { school: cfg.school }, query: { year: cfg.year } },
  });
  if (!scorecard.data) throw new Error(`scorecard: ${scorecard.response.status}`);
  const scorecardStatuses: string[] = scorecard.data.indicators.map((e) => e.status);

  return { role, firstIndicatorActual, belowLines, firstSchoolName, dossierReferences,
           scorecardStatuses, schoolsCsv };
}
