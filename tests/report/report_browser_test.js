// Opens a run's report.html in Debian's headless Chromium (driven by
// playwright-core; no browser download) from a file URL with the network
// blocked, and checks what a reader sees:
//   - no console error and no request leaving the file;
//   - the page is ready within 5 seconds;
//   - one shape per district of districts.geojson;
//   - clicking a district shows its names and the numbers of districts.geojson;
//   - the issue-category chart lists every n_<issues>_category_* field;
//   - unticking a layer in the layer switcher removes it from the map;
//   - the units table lists every district, sorted as announced;
//   - with priorities.csv in the run: the panel's score breakdown is that of
//     priorities.csv for the district (read here independently), largest first,
//     the panel's action-plan row that of action_plan.csv, and the action-plan
//     table has one row per line of action_plan.csv; without it, neither shows.
// A screenshot is saved under the build folder.
//
// Usage: node report_browser_test.js --run DIR --screenshot PNG --click PCODE
//             --toggle facilities|partners|outlines [--lang ar] [--max-bytes N] [--plan-rows N]
// Exit codes: 0 all checks passed, 1 a check failed, 77 Chromium is missing
// outside CI (with CI set, a missing Chromium is a failure).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.LOCALMAP_CHROMIUM || '/usr/bin/chromium';
// A guard against a hanging page, not a speed requirement (the time is printed).
const LOAD_TIMEOUT_MS = 60000;
// The machine's Chromium flags: no sandbox as root, no GPU, and nothing that
// would talk to the network on its own.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND'];

function parseArguments(argv) {
  const args = { lang: 'en', maxBytes: 0, planRows: 0 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (m, c) => c.toUpperCase());
    args[key] = argv[i + 1];
  }
  for (const needed of ['run', 'screenshot', 'click', 'toggle']) {
    if (!args[needed]) throw new Error('missing --' + needed);
  }
  args.maxBytes = Number(args.maxBytes || 0);
  args.planRows = Number(args.planRows || 0);
  return args;
}

let passed = 0;
let failed = 0;
function check(condition, what, detail) {
  if (condition) {
    passed++;
    console.log('ok - ' + what);
  } else {
    failed++;
    console.log('FAILED - ' + what + (detail !== undefined ? ': ' + detail : ''));
  }
}

// The panel and table show numbers formatted for reading ("130,490",
// "12.19"); compare them with the data as numbers.
function shownNumber(text) {
  return Number(String(text).replace(/,/g, '').trim());
}

// RFC 4180 CSV (quoted fields with commas, quotes and line breaks) as
// [{column: text}], independent of the report's own reading.
function readCsv(file) {
  const text = fs.readFileSync(file, 'utf8');
  const records = [];
  let record = [], field = '', quoted = false, any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') { quoted = true; any = true; } else if (c === ',') { record.push(field); field = ''; any = true; } else if (c === '\r') {
      // CRLF line ends
    } else if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; any = false; } else { field += c; any = true; }
  }
  if (any) { record.push(field); records.push(record); }
  const header = records.shift() || [];
  return { header: header, rows: records.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]]))) };
}

async function checkPriorities(page, args, districts) {
  const prioritiesFile = path.join(args.run, 'priorities.csv');
  const planFile = path.join(args.run, 'action_plan.csv');
  if (!fs.existsSync(prioritiesFile)) {
    check(await page.locator('#lm-priority').count() === 0 && await page.locator('#lm-action-row').count() === 0,
      'no priority section in the panel without priorities.csv');
    check(await page.locator('#lm-action-plan-table').count() === 0, 'no action-plan table without action_plan.csv');
    return;
  }
  const priorities = readCsv(prioritiesFile);
  const indicators = priorities.header.filter((h) => h.endsWith('_contrib')).map((h) => h.slice(0, -'_contrib'.length));
  const row = priorities.rows.find((r) => r.ADM2_PCODE === args.click);
  check(Boolean(row), args.click + ' is in priorities.csv');
  const score = Number(row.score);
  const shownScore = shownNumber(await page.locator('#lm-priority-score').innerText());
  check(Math.abs(shownScore - score) <= 0.0005 + 1e-12, 'the panel shows the priority score of priorities.csv', shownScore + ' vs ' + score);

  const entries = page.locator('#lm-priority-breakdown .lm-contrib-row[data-indicator]');
  const n = await entries.count();
  check(n === indicators.length, 'the breakdown lists every indicator of priorities.csv (' + indicators.length + ')', n);
  let sum = 0, previous = Infinity, ordered = true, matching = 0;
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const entry = entries.nth(i);
    const name = await entry.getAttribute('data-indicator');
    seen.add(name);
    const contrib = Number(row[name + '_contrib']);
    const raw = Number(row[name]);
    const exact = Number(await entry.getAttribute('data-contrib'));
    const shownContrib = shownNumber(await entry.locator('.lm-contrib-value').innerText());
    const shownRaw = shownNumber(await entry.locator('.lm-raw-value').innerText());
    const ok = exact === contrib && Math.abs(shownContrib - contrib) <= 0.0005 + 1e-12 && Math.abs(shownRaw - raw) <= 0.005 + 1e-9;
    if (ok) matching++;
    else check(false, 'breakdown of ' + name, 'shown ' + shownContrib + ' (' + exact + '), value ' + shownRaw + ' vs CSV ' + contrib + ', ' + raw);
    if (contrib > previous) ordered = false;
    previous = contrib;
    sum += exact;
  }
  check(matching === indicators.length && seen.size === indicators.length,
    'each contribution and raw value shown equals priorities.csv', matching + ' of ' + indicators.length);
  check(ordered, 'the largest contribution comes first');
  check(Math.abs(sum - score) < 1e-9, 'the contributions shown add up to the score', sum + ' vs ' + score);

  const plan = readCsv(planFile).rows;
  const planRow = plan.find((r) => r.ADM2_PCODE === args.click);
  if (planRow) {
    const drivers = (await page.locator('#lm-action-row td.lm-plan-value[data-key="top_drivers"]').innerText()).trim();
    check(drivers === (planRow.top_drivers || '–'), 'the panel shows the action-plan row: top drivers', drivers + ' vs ' + planRow.top_drivers);
    const partners = shownNumber(await page.locator('#lm-action-row td.lm-plan-value[data-key="partners_present"]').innerText());
    check(partners === Number(planRow.partners_present), 'the panel shows the action-plan row: partners present', partners);
  }
  const tableRows = page.locator('#lm-action-plan-table tbody tr');
  const count = await tableRows.count();
  check(count === plan.length, 'the action-plan table has one row per line of action_plan.csv (' + plan.length + ')', count);
  if (args.planRows) check(count === args.planRows, 'the action-plan table has ' + args.planRows + ' rows', count);
  const firstCode = districts[Number(await tableRows.first().getAttribute('data-index'))].properties.ADM2_PCODE;
  check(firstCode === plan[0].ADM2_PCODE, 'the action plan starts with the top-priority district', firstCode);
  // A click on a row opens that district in the panel.
  const third = plan[Math.min(2, plan.length - 1)];
  await tableRows.nth(Math.min(2, plan.length - 1)).click();
  const opened = (await page.locator('#lm-unit-name').innerText()).trim();
  check(opened === (args.lang === 'ar' ? third.ADM2_AR : third.ADM2_EN), 'a click on an action-plan row opens its district', opened);
}

async function main() {
  const args = parseArguments(process.argv);
  if (!fs.existsSync(CHROMIUM)) {
    const message = 'Chromium not found at ' + CHROMIUM + ': apt-get install chromium';
    if (process.env.CI) {
      console.error(message);
      return 1;
    }
    console.log('SKIPPED: ' + message);
    return 77;
  }
  const { chromium } = require('playwright-core');

  const reportPath = path.resolve(args.run, 'report.html');
  const reportUrl = 'file://' + reportPath;
  const districts = JSON.parse(fs.readFileSync(path.join(args.run, 'districts.geojson'), 'utf8')).features;
  const bytes = fs.statSync(reportPath).size;
  console.log('report.html: ' + bytes + ' bytes, ' + districts.length + ' districts');
  if (args.maxBytes) check(bytes < args.maxBytes, 'report.html is under ' + args.maxBytes + ' bytes', bytes);

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'localmap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, offline: true, args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1000 },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const consoleErrors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    // Anything that is not the report itself is refused (and recorded above).
    await context.route('**/*', (route) =>
      route.request().url() === reportUrl ? route.continue() : route.abort('blockedbyclient'));

    const started = Date.now();
    await page.goto(reportUrl, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: LOAD_TIMEOUT_MS });
    const openMs = Date.now() - started;
    console.log('report ready after ' + openMs + ' ms');

    check(await page.locator('path.lm-unit').count() === districts.length,
      'one shape per district (' + districts.length + ')', await page.locator('path.lm-unit').count());
    const htmlLang = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    check(htmlLang[0] === args.lang && htmlLang[1] === (args.lang === 'ar' ? 'rtl' : 'ltr'), 'page language and direction', htmlLang);

    // Click a district: the panel shows its names and its numbers.
    const feature = districts.find((f) => f.properties.ADM2_PCODE === args.click);
    check(Boolean(feature), 'district ' + args.click + ' is in districts.geojson');
    const props = feature.properties;
    await page.locator('path.lm-unit[data-code="' + args.click + '"]').dispatchEvent('click');
    const name = await page.locator('#lm-unit-name').innerText();
    const expectedName = args.lang === 'ar' ? props.ADM2_AR : props.ADM2_EN;
    check(name.trim() === expectedName, 'the panel names the clicked district', name + ' vs ' + expectedName);
    const other = page.locator('#panel .other-name');
    const otherName = args.lang === 'ar' ? props.ADM2_EN : props.ADM2_AR;
    if (otherName) {
      check((await other.innerText()).trim() === otherName, 'the other language name is shown');
      const direction = await other.evaluate((e) => getComputedStyle(e).direction);
      check(direction === (args.lang === 'ar' ? 'ltr' : 'rtl'), 'Arabic runs right to left, English left to right', direction);
    }
    const numericFields = Object.keys(props).filter((k) => typeof props[k] === 'number');
    let compared = 0;
    for (const field of numericFields) {
      const cell = page.locator('#panel td.lm-value[data-field="' + field + '"]');
      if (await cell.count() !== 1) {
        check(false, 'the panel shows ' + field);
        continue;
      }
      const shown = shownNumber(await cell.innerText());
      const tolerance = Number.isInteger(props[field]) ? 0 : 0.005 + 1e-9;
      if (Math.abs(shown - props[field]) > tolerance) check(false, 'panel value of ' + field, shown + ' vs ' + props[field]);
      else compared++;
    }
    check(compared === numericFields.length, 'the panel shows all ' + numericFields.length + ' numbers of the district', compared);

    const categories = numericFields.filter((f) => /^n_issues_category_/.test(f));
    if (categories.length) {
      const rows = await page.locator('#lm-category-chart .lm-bar-row').count();
      check(rows === categories.length, 'the chart has one bar per issue category', rows);
      const drugs = categories[0];
      const value = shownNumber(await page.locator('#lm-category-chart .lm-bar-row[data-field="' + drugs + '"] .lm-bar-value').innerText());
      check(value === props[drugs], 'the chart shows ' + drugs, value);
    }

    // Untick a layer in the switcher: its symbols leave the map; tick it again.
    const toggles = {
      facilities: { selector: '.lm-facility', label: args.lang === 'ar' ? 'المرافق الأمنية' : 'Security facilities' },
      partners: { selector: '.lm-partner', label: args.lang === 'ar' ? 'منظمات المجتمع المدني الشريكة' : 'Partner CSOs' },
      outlines: { selector: 'path.lm-outline', label: args.lang === 'ar' ? 'المحافظات' : 'Governorates' },
    };
    const toggle = toggles[args.toggle];
    const before = await page.locator(toggle.selector).count();
    const box = page.locator('.leaflet-control-layers label', { hasText: toggle.label }).locator('input');
    await box.click();
    const hidden = await page.locator(toggle.selector).count();
    await box.click();
    const shownAgain = await page.locator(toggle.selector).count();
    check(before > 0 && hidden === 0 && shownAgain === before, 'unticking "' + toggle.label + '" hides it',
      before + ' -> ' + hidden + ' -> ' + shownAgain);

    // The table lists every district; the first row has the largest value
    // of the announced sort column.
    const rows = await page.locator('#lm-units-table tbody tr').count();
    check(rows === districts.length, 'the table lists every district', rows);
    const sortKey = await page.locator('#lm-units-table th[aria-sort="descending"]').getAttribute('data-key');
    if (sortKey) {
      const firstIndex = Number(await page.locator('#lm-units-table tbody tr').first().getAttribute('data-index'));
      const values = districts.map((f) => f.properties[sortKey]).filter((v) => typeof v === 'number');
      check(districts[firstIndex].properties[sortKey] === Math.max(...values), 'the table is sorted by ' + sortKey);
      await page.locator('#lm-units-table th[data-key="' + sortKey + '"]').click();
      const flipped = Number(await page.locator('#lm-units-table tbody tr').first().getAttribute('data-index'));
      check(districts[flipped].properties[sortKey] === Math.min(...values), 'a click on the heading sorts the other way');
    }

    // The panel still shows the clicked district: its priority breakdown.
    await checkPriorities(page, args, districts);

    fs.mkdirSync(path.dirname(args.screenshot), { recursive: true });
    await page.screenshot({ path: args.screenshot, fullPage: true });
    console.log('screenshot: ' + args.screenshot);

    check(consoleErrors.length === 0, 'no console errors', consoleErrors.join(' | '));
    const leaving = requests.filter((u) => u !== reportUrl && !u.startsWith('data:'));
    check(leaving.length === 0, 'no request leaves the file', leaving.join(' '));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(passed + ' passed, ' + failed + ' failed');
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
