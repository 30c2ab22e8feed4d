// run-screens.ts — runs the dashboard's screens (screens.ts) against a real edudx serving the
// Tuyên Hoá demo (`serve --demo`) with a `district` token of district 453, and checks what they
// show against figures worked out by hand from db/demo-tuyenhoa.json (each one says how).
// Every exchange is written to EDUDX_EXCHANGE_LOG for the contract checker.
// Usage: EDUDX_URL=http://127.0.0.1:PORT EDUDX_TOKEN=... EDUDX_EXCHANGE_LOG=file node run-screens.js
import { appendFileSync } from 'node:fs';
import * as s from './screens.js';

const baseUrl = process.env.EDUDX_URL ?? '';
const token = process.env.EDUDX_TOKEN ?? '';
const exchangeLog = process.env.EDUDX_EXCHANGE_LOG ?? '';
let checks = 0;
let failures = 0;

function check(what: string, ok: boolean, seen?: unknown): void {
  checks++;
  if (ok) return;
  failures++;
  console.error(`not ok - ${what}${seen === undefined ? '' : `: saw ${JSON.stringify(seen)}`}`);
}
function eq(what: string, seen: unknown, expected: unknown): void {
  check(`${what} is ${JSON.stringify(expected)}`, JSON.stringify(seen) === JSON.stringify(expected),
        seen);
}
function near(what: string, seen: number | null | undefined, expected: number): void {
  check(`${what} is ${expected}`, typeof seen === 'number' && Math.abs(seen - expected) < 0.005,
        seen);
}

/** fetch that records each exchange as check-exchanges.mjs reads them (bodies decoded). */
const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  // the raw text: Response.text() would drop the CSV's byte-order mark, which the contract fixes
  const body = new TextDecoder('utf-8', { ignoreBOM: true })
    .decode(await response.clone().arrayBuffer());
  const url = new URL(request.url);
  appendFileSync(exchangeLog, JSON.stringify({
    method: request.method, url: url.pathname + url.search, status: response.status,
    content_type: response.headers.get('Content-Type'), body: body === '' ? null : body,
  }) + '\n');
  return response;
};

async function main(): Promise<void> {
  const c = s.client(baseUrl, token, exchangeLog ? recordingFetch : undefined);
  const district = 'code:453';
  const planTitle = 'Kế hoạch thực hiện chuyển đổi số ngành Giáo dục và Đào tạo Tuyên Hoá năm 2024';

  // Landing screen, one call. The demo: district 453 "Huyện Tuyên Hóa", 60 schools of which 19
  // preschools, so 41 general-education schools assess themselves; 39 assessments in 2024 by
  // state: recognized 25, submitted 4, approved 3, externally_assessed 3, draft 2, returned 2,
  // hence 41 - 39 = 2 not started; the 2024 plan has 23 targets; 900 dossiers in 2024.
  const o = await s.landing(c, district, 2024);
  eq('overview district code', o.district.code, '453');
  eq('overview district name', o.district.name, 'Huyện Tuyên Hóa');
  eq('overview me.role', o.me.role, 'district');
  eq('overview me.district_id', o.me.district_id, o.district.id);
  eq('overview plan title', o.progress.plan?.title, planTitle);
  eq('overview indicators', o.progress.indicators.length, 23);
  const sum = o.progress.summary;
  eq('overview summary met + not_met + no_data', sum.met + sum.not_met + sum.no_data, 23);
  eq('overview assessments.schools', o.assessments.schools, 41);
  eq('overview assessments.by_state', o.assessments.by_state, {
    not_started: 2, draft: 2, submitted: 4, returned: 2, approved: 3, externally_assessed: 3,
    recognized: 25 });
  eq('overview procedure_metrics.dossiers', o.procedure_metrics.dossiers, 900);
  const brief = (code: string) => o.progress.indicators.find((i) => i.code === code);
  // 29 of the 31 procedures are eligible online; 16 full + 11 partly online = 27; 27/29.
  near('PROC_ONLINE_PROVISION actual', brief('PROC_ONLINE_PROVISION')?.actual, 93.10);
  eq('PROC_ONLINE_PROVISION status (>= 100)', brief('PROC_ONLINE_PROVISION')?.status, 'not_met');
  // The office reported 98.60 against >= 98.
  near('OFFICE_DOCS_ONLINE actual', brief('OFFICE_DOCS_ONLINE')?.actual, 98.6);
  eq('OFFICE_DOCS_ONLINE status', brief('OFFICE_DOCS_ONLINE')?.status, 'met');
  // each_school: 40 of the 60 schools report >= 90 (52 report at all): 40/60.
  near('SCHOOL_DOCS_ONLINE actual', brief('SCHOOL_DOCS_ONLINE')?.actual, 66.67);
  eq('SCHOOL_DOCS_ONLINE status', brief('SCHOOL_DOCS_ONLINE')?.status, 'not_met');

  // Progress screen: the same figures as the landing screen's brief.
  const p = await s.progress(c, district, 2024);
  eq('progress plan title', p.plan.title, planTitle);
  eq('progress summary = overview summary', p.summary, o.progress.summary);
  eq('progress codes = overview codes', p.indicators.map((i) => i.code),
     o.progress.indicators.map((i) => i.code));
  // Who holds PROC_ONLINE_PROVISION back: 27 of 29 eligible procedures are online, so the 2
  // others, each shown as "not offered online" whatever the value's shape.
  const provision = p.indicators.find((i) => i.code === 'PROC_ONLINE_PROVISION');
  const belowProvision = provision ? s.belowLines(provision) : [];
  eq('procedures below PROC_ONLINE_PROVISION', belowProvision.length, 2);
  check('each a procedure not offered online',
        belowProvision.every((l) => l.startsWith('procedure ') && l.endsWith(': not offered online')),
        belowProvision);

  // Trend chart 2023-2024: no plan in 2023 (not an error), the 23 indicators of 2024.
  const t = await s.series(c, district, 2023, 2024);
  eq('series years', t.years.map((y) => y.year), [2023, 2024]);
  eq('series 2023 plan', t.years[0]?.plan, null);
  eq('series 2024 plan title', t.years[1]?.plan?.title, planTitle);
  eq('series indicators', t.indicators.length, 23);
  check('series: no indicator in a 2023 plan',
        t.indicators.every((i) => i.values[0]?.in_plan === false && i.values[0]?.actual === null));
  eq('series 2024 = progress', t.indicators.map((i) => i.values[1]?.status),
     p.indicators.map((i) => i.status));

  // Every school's scorecard: the 60 schools, by code; 453-TH-01 comes first.
  const all = await s.scorecards(c, district, 2024);
  eq('scorecards total', all.total, 60);
  eq('scorecards items', all.items.length, 60);
  eq('first scorecard school', all.items[0]?.school.code, '453-TH-01');
  const codes = all.items.map((i) => i.school.code);
  check('scorecards in code order', codes.every((code, k) => k === 0 || codes[k - 1]! < code));

  // 453-TH-01's scorecard: its 2024 reports against the plan's school-level targets:
  // SCHOOL_DOCS_ONLINE 98.87 >= 90 met; the yes/no ones met when true (SECTOR_DB_USE,
  // PORTAL_COMPLIANT, E_RECORDS_USE, SCHOOL_MGMT_PLATFORM, DIGITAL_SIGNATURE_USE,
  // BROADBAND_CONNECTED) and not met when false (DISTANCE_LEARNING_PLATFORM, CASHLESS_FEES);
  // ONLINE_CURRICULUM_SHARE_PRIMARY 5.54 >= 4 met; SATELLITE_SITES_HIGH_SPEED 0/1 > 70 not met;
  // TEACHER_TRAINING_ACCOUNTS 25/25 >= 100 met; DIGITAL_INSPECTION_RATE not reported: no data.
  const expected: Record<string, string> = {
    SCHOOL_DOCS_ONLINE: 'met', SECTOR_DB_USE: 'met', DIGITAL_INSPECTION_RATE: 'no_data',
    PORTAL_COMPLIANT: 'met', ONLINE_CURRICULUM_SHARE_PRIMARY: 'met', E_RECORDS_USE: 'met',
    SCHOOL_MGMT_PLATFORM: 'met', DIGITAL_SIGNATURE_USE: 'met',
    DISTANCE_LEARNING_PLATFORM: 'not_met', CASHLESS_FEES: 'not_met', BROADBAND_CONNECTED: 'met',
    SATELLITE_SITES_HIGH_SPEED: 'not_met', TEACHER_TRAINING_ACCOUNTS: 'met' };
  const one = await s.scorecard(c, 'code:453-TH-01', 2024);
  eq('scorecard 453-TH-01 statuses',
     Object.fromEntries(one.indicators.map((e) => [e.code, e.status])), expected);
  eq('scorecard 453-TH-01 summary', one.summary, { met: 9, not_met: 3, no_data: 1 });
  eq('district scorecards hold the same 453-TH-01 scorecard', all.items[0]?.indicators, one.indicators);

  // Schools list and its CSV (district_id is the UUID): 60 schools, the first "Trường Tiểu học
  // Đức Hóa" (453-TH-01).
  const list = await s.schools(c, o.district.id, 20);
  eq('schools total', list.total, 60);
  eq('schools page', list.items.length, 20);
  eq('first school name', list.items[0]?.name, 'Trường Tiểu học Đức Hóa');
  const csv = await s.schoolsCsv(c, o.district.id, 3);
  // (fetch's text() drops the byte-order mark; check-exchanges.mjs checks it in the raw body)
  const lines = csv.split('\r\n');
  eq('CSV header line', lines[0], 'id,code,name,level,district_id,commune,address,phone,' +
     'email,website,principal,students,teachers,satellite_sites,active,created_at,updated_at');
  eq('CSV lines (header, 3 rows, the empty rest after the last CRLF)', lines.length, 5);
  eq('CSV first row', lines[1]?.split(',').slice(1, 4),
     ['453-TH-01', 'Trường Tiểu học Đức Hóa', 'primary']);

  // Dossier search: "00293" finds the one dossier 453-2024-00293 (procedure 15 of the seed,
  // online, still processing).
  const found = await s.searchDossiers(c, '00293');
  eq('dossiers found', found.items.map((d) => d.reference), ['453-2024-00293']);
  eq('dossier status', found.items[0]?.status, 'processing');
  eq('dossier channel', found.items[0]?.channel, 'online');
  eq('dossier procedure', found.items[0]?.procedure.name,
     'Cho phép cơ sở giáo dục khác thực hiện chương trình giáo dục tiểu học');

  // Vietnamese: labels with lang=vi (src/rules/labels.c) and a problem with Accept-Language: vi
  // (src/rules/problems.c: 400 "Yêu cầu không hợp lệ").
  const l = await s.labels(c, 'vi');
  eq('labels Content-Language', l.contentLanguage, 'vi');
  eq('label of primary', l.labels.school_level.primary, 'Tiểu học');
  eq('label of processing', l.labels.dossier_status.processing, 'Đang xử lý');
  eq('label of met', l.labels.progress_status.met, 'Đạt');
  const bad = await s.badSchoolsQuery(c, 'code:453');
  eq('bad district_id status', bad.status, 400);
  eq('bad district_id title', bad.problem.title, 'Yêu cầu không hợp lệ');
  eq('bad district_id Content-Language', bad.contentLanguage, 'vi');
  eq('bad district_id errors', bad.problem.errors?.map((e) => [e.field, e.code]),
     [['district_id', 'invalid_format']]);

  // An edit from the list (last: it changes a school): the second school's phone, with its
  // list item's etag as If-Match; the same etag again is stale: 412, nothing changed.
  const item = list.items[1];
  if (!item) throw new Error('no second school');
  const version = s.versionOf(item);
  const ok = await s.editSchool(c, item.id, version, { phone: '0232 3684 123' });
  eq('edit status', ok.status, 200);
  eq('edited phone', ok.school?.phone, '0232 3684 123');
  check('edit gives a new ETag', ok.etag !== null && ok.etag !== version, ok.etag);
  const stale = await s.editSchool(c, item.id, version, { phone: '0232 3684 999' });
  eq('stale edit status', stale.status, 412);
  eq('stale edit problem', stale.problem?.type, 'urn:edudx:problem:precondition-failed');
}

main().then(() => {
  console.log(`run-screens: ${checks - failures} of ${checks} checks passed`);
  process.exitCode = failures === 0 ? 0 : 1;
}, (e: unknown) => {
  console.error(`run-screens: ${e instanceof Error ? e.stack : String(e)}`);
  process.exitCode = 1;
});
