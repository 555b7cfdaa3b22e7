// The HTML report in a real browser: Playwright (npm playwright-core, pinned in
// report/web/package-lock.json) drives Debian's headless Chromium over the demo's report.
// Checks: no console errors and no network request; every section present; clicking a park
// on the map selects it and updates its panels; hovering a firm shows its tooltip; a table
// sorts, filters and downloads the rows shown as CSV; SVG exports are valid SVG with axis
// titles and legends; the map's aspect ratio is the projection's; the demo's park labels do
// not overlap; the firm-level views follow the selected park and community; user park
// outlines, a boundary layer and tiles from a (stubbed) tile server are drawn; the Chinese
// report draws too. Screenshots at 1400 px go to the work dir.
// Usage: node report.test.mjs --firmnet BIN --source-dir DIR --work-dir DIR [--chromium PATH]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const chromiumPath = args.chromium || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  // ctest reads exit code 77 as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
  console.log(`SKIP: ${chromiumPath} is absent; scripts/install-deps.sh installs Debian's chromium`);
  process.exit(77);
}
const require = createRequire(path.join(args['source-dir'], 'report/web/package.json'));
const { chromium } = require('playwright-core');

let failures = 0;
function check(label, ok, detail) {
  if (ok) console.log(`ok   ${label}`);
  else {
    failures += 1;
    console.log(`FAIL ${label}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

// The demo's network and results, as `make demo` computes them (fewer replicates and runs).
const work = args['work-dir'];
fs.mkdirSync(work, { recursive: true });
const data = path.join(args['source-dir'], 'datasets/demo');
const h5 = path.join(work, 'demo.h5');
const report = path.join(work, 'report.html');
const reportZh = path.join(work, 'report-zh.html');
fs.rmSync(h5, { force: true });
execFileSync(args.firmnet, ['--quiet', 'analyze', '--nodes', path.join(data, 'nodes.csv'), '--edges', path.join(data, 'edges.csv'),
  '-o', h5, '--report', report, '--null-models', '49', '--runs', '2'], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(args.firmnet, ['--quiet', 'report', h5, '-o', reportZh, '--lang', 'zh', '--title', '演示区域报告'], { stdio: ['ignore', 'ignore', 'inherit'] });
const html = fs.readFileSync(report, 'utf8');
check('no external resource in the file', !/(src|href)=["']?https?:/i.test(html));
check('ECharts is embedded', html.includes('Apache') && html.includes('echarts'));

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });

// A 1x1 PNG served for every tile request of the tiles report.
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
async function open(file) {
  const page = await context.newPage();
  const errors = [], requests = [], tiles = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = 'file://' + file;
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    if (u.startsWith('http://tiles.test/')) {
      tiles.push(u);
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
    }
    requests.push(u);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForFunction(() => window.firmnetReport !== undefined, null, { timeout: 20000 });
  await page.waitForTimeout(300);
  return { page, errors, requests, tiles };
}

const { page, errors, requests } = await open(report);
const started = Date.now();
const sections = ['overview', 'map', 'park', 'verdicts', 'network', 'communities', 'clusters', 'anchors', 'risk', 'flows', 'concentration', 'methods'];
for (const id of sections) {
  const present = await page.evaluate((id) => {
    const s = document.getElementById(id);
    return !!s && !!s.querySelector('h2') && s.children.length > 1 && !s.querySelector('.missing');
  }, id);
  check(`section ${id} present and filled`, present);
}
const cards = await page.evaluate(() => ({ cards: document.querySelectorAll('#cluster-cards .cluster-card').length,
  rows: window.firmnetReport.data.clusters.rows.length, footprints: window.firmnetReport.data.clusters.footprints.length,
  drawn: (window.firmnetReport.charts.map.getOption().series.find((x) => x.id === 'cluster-footprints') || { data: [] }).data.length }));
check('a card per identified cluster, its outline on the map', cards.rows > 0 && cards.cards === cards.rows && cards.drawn === cards.footprints && cards.footprints > 0, cards);
const charts = await page.evaluate(() => Object.keys(window.firmnetReport.charts));
for (const id of ['map', 'park-null', 'park-links', 'park-stages', 'park-firms', 'network', 'community-firms', 'stages', 'kdensity', 'park-deterrence'])
  check(`chart ${id} drawn`, charts.includes(id), charts);

// Clicking a park on the map selects it and updates its panels.
const target = 2;
const parkName = await page.evaluate((i) => window.firmnetReport.data.areas[i].name, target);
await page.locator('#chart-map').scrollIntoViewIfNeeded();
const centre = await page.evaluate((i) => {
  const r = window.firmnetReport;
  const a = r.data.areas[i];
  const pixel = r.charts.map.convertToPixel({ geoIndex: 0 }, [a.x / 1e5, a.y / 1e5]);
  const box = document.getElementById('chart-map').getBoundingClientRect();
  return [box.left + pixel[0], box.top + pixel[1]];
}, target);
// As a person clicks: the pointer comes to rest on the park first.
await page.mouse.move(centre[0] - 20, centre[1] - 20);
await page.mouse.move(centre[0], centre[1], { steps: 4 });
await page.waitForTimeout(300);
await page.mouse.down();
await page.mouse.up();
await page.waitForFunction((i) => window.firmnetReport.state.park === i, target, { timeout: 3000 }).catch(() => {});
const selected = await page.evaluate(() => ({
  park: window.firmnetReport.state.park,
  evidence: document.getElementById('park-evidence').textContent,
  nullTitle: window.firmnetReport.charts['park-null'].getOption().title[0].text,
  stagesTitle: window.firmnetReport.charts['park-stages'].getOption().title[0].text,
  anchors: document.querySelector('#park-anchors h3').textContent,
  row: (document.querySelector('#table-verdicts tr.selected td') || {}).textContent,
  firmsTitle: window.firmnetReport.charts['park-firms'].getOption().title[0].text,
  firmsDrawn: window.firmnetReport.charts['park-firms'].getOption().series[0].data.length,
  firmsData: window.firmnetReport.data.areas[window.firmnetReport.state.park].firms,
  mapFirms: window.firmnetReport.charts.map.getOption().series.find((x) => x.id === 'park-firms').data.length,
}));
check('map click selects the park', selected.park === target, selected.park);
check('evidence panel follows', selected.evidence.includes(parkName), selected.evidence);
check('null chart follows', selected.nullTitle.startsWith(parkName), selected.nullTitle);
check('stage matrix follows', selected.stagesTitle.startsWith(parkName), selected.stagesTitle);
check('anchors follow', selected.anchors.includes(parkName), selected.anchors);
check('verdict row highlighted', selected.row === parkName, selected.row);
check('firm-level view follows', selected.firmsTitle.includes(parkName) && selected.firmsDrawn === selected.firmsData.nodes.length &&
  selected.firmsData.shown > 0 && selected.firmsData.nodes.slice(0, selected.firmsData.shown).every((n) => n[7] === target), selected.firmsTitle);
check('the selected park\'s firms on the map', selected.mapFirms > 0 && selected.mapFirms <= selected.firmsData.nodes.length, selected.mapFirms);

// Choosing a community shows its firm-level view.
await page.locator('#community-select').selectOption('1');
const community = await page.evaluate(() => ({
  title: window.firmnetReport.charts['community-firms'].getOption().title[0].text,
  expected: String(window.firmnetReport.data.communities.rows[1].community),
  members: window.firmnetReport.data.communities.firmViews[1],
}));
check('community view follows the chooser', community.title.includes(community.expected) &&
  community.members.nodes.slice(0, community.members.shown).every((n) => String(n[6]) === community.expected), community.title);

// Hovering a firm shows its tooltip.
const firm = await page.evaluate(() => {
  const r = window.firmnetReport;
  const P = r.data.points;
  const box = document.getElementById('chart-map').getBoundingClientRect();
  // A firm outside every park, where no hull lies under it.
  for (let i = 0; i < P.shown; ++i) {
    if (P.unit[i] >= 0 || P.institution[i]) continue;
    const p = r.charts.map.convertToPixel({ geoIndex: 0 }, [P.x[i] / 1e5, P.y[i] / 1e5]);
    if (p[0] > 40 && p[0] < box.width - 40 && p[1] > 90 && p[1] < box.height - 60)
      return { x: box.left + p[0], y: box.top + p[1], label: P.label[i] };
  }
  return null;
});
check('a firm on screen to hover', firm !== null);
if (firm) {
  await page.mouse.move(firm.x - 30, firm.y - 30);
  await page.mouse.move(firm.x, firm.y, { steps: 4 });
  await page.waitForTimeout(400);
  const tip = await page.evaluate(() => {
    const t = document.querySelector('#chart-map .firmnet-tooltip');
    return t && getComputedStyle(t).display !== 'none' && getComputedStyle(t).opacity !== '0' ? t.textContent : '';
  });
  check('hover shows the firm tooltip', tip.length > 0 && tip.includes('community'), { tip, expected: firm.label });
}

// A table sorts, filters, and downloads what it shows.
const verdicts = page.locator('#table-verdicts');
await verdicts.locator('th[data-key="z"]').click();
const zs = await verdicts.locator('tbody tr td:nth-child(7)').allTextContents();
const numbers = zs.filter((z) => z !== '–').map(Number);
check('sorted by z, largest first', numbers.length > 3 && numbers.every((z, i) => i === 0 || numbers[i - 1] >= z), zs);
await verdicts.locator('input.table-filter').fill('linked cluster');
const kept = await verdicts.locator('tbody tr').count();
const expectedLinked = await page.evaluate(() => window.firmnetReport.data.units.filter((u) => u.verdict === 'linked cluster').length);
check('filter keeps the linked clusters', kept === expectedLinked && kept > 0, { kept, expectedLinked });
const [csvDownload] = await Promise.all([page.waitForEvent('download'), verdicts.locator('button.export-csv').click()]);
const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
const csvLines = csv.trim().split(/\r\n/);
check('CSV has a BOM, a header and the rows shown', csv.charCodeAt(0) === 0xfeff && csvLines.length === kept + 1, csvLines.length);
await verdicts.locator('input.table-filter').fill('');

// SVG exports: valid, with axis titles and legends.
const [svgDownload] = await Promise.all([page.waitForEvent('download'),
  page.locator('#figure-park-null button.export-svg').click()]);
const svgText = fs.readFileSync(await svgDownload.path(), 'utf8');
fs.writeFileSync(path.join(work, 'park-null.svg'), svgText);
const expectations = {
  'park-null': ['internal links (count)', 'null replicates (count)', 'observed', 'null expectation'],
  'park-stages': ['from stage (supplier)', 'to stage (customer)'],
  'park-links': ['share of member link ends', 'inside the park', 'outside the region'],
  stages: ['from stage (supplier)', 'to stage (customer)'],
  kdensity: ['distance (km)', 'K-density (1/km)', 'global band'],
  'park-deterrence': ['distance (km)', 'f(d)'],
  network: ['parks', 'communities'],
  'risk-histogram': ['ESRI (share of the network', 'firms (count)'],
  'park-firms': ['outside partners'],
  map: ['linked cluster', 'links between places', 'km', 'N'],
};
const exports = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.firmnetReport.exportSvg(id)])), Object.keys(expectations));
exports['park-null (downloaded)'] = svgText;
expectations['park-null (downloaded)'] = expectations['park-null'];
for (const [id, svg] of Object.entries(exports)) {
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), root: doc.documentElement.nodeName,
      texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent) };
  }, svg);
  check(`${id}: valid SVG`, !parsed.error && parsed.root === 'svg', parsed.root);
  const missing = expectations[id].filter((want) => !parsed.texts.some((t) => t.includes(want)));
  check(`${id}: axis titles and legend present`, missing.length === 0, missing);
}
// The parks' exposure joins the risk section's park table: its anchors and what they and the
// worst outside lockdown cost.
const exposure = await page.evaluate(() => {
  const block = document.querySelector('#table-risk-parks');
  if (!block) return null;
  const heads = Array.from(block.querySelectorAll('th')).map((th) => th.textContent);
  const firstRow = Array.from(block.querySelectorAll('tbody tr:first-child td')).map((td) => td.textContent);
  return { heads, firstRow };
});
check('risk section: park exposure columns', exposure && ['anchors', 'lost if anchors fail', 'worst outside region',
  'lost in its lockdown'].every((h) => exposure.heads.some((x) => x.includes(h))), exposure && exposure.heads);
check('risk section: a park names its anchors', exposure && exposure.firstRow.some((cell) => /F\d+/.test(cell)), exposure && exposure.firstRow);
const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#figure-stages button.export-png').click()]);
const png = fs.readFileSync(await pngDownload.path());
check('PNG export', png.subarray(1, 4).toString() === 'PNG' && png.length > 5000, png.length);

// The map's aspect ratio is the projection's: one degree east over one degree north is cos(lat).
const aspect = await page.evaluate(() => {
  const r = window.firmnetReport;
  const lat = r.projection.meanLat;
  const o = r.charts.map.convertToPixel({ geoIndex: 0 }, [120, lat]);
  const e = r.charts.map.convertToPixel({ geoIndex: 0 }, [121, lat]);
  const n = r.charts.map.convertToPixel({ geoIndex: 0 }, [120, lat + 1]);
  return { ratio: Math.abs(e[0] - o[0]) / Math.abs(n[1] - o[1]), cos: r.projection.cosLat, skew: Math.abs(e[1] - o[1]) + Math.abs(n[0] - o[0]) };
});
check('map aspect matches the projection', Math.abs(aspect.ratio / aspect.cos - 1) < 0.01 && aspect.skew < 1e-6, aspect);

// The scale bar is drawn above the map's area, not hidden under it.
const scaleOnTop = await page.evaluate(() => {
  const label = Array.from(document.querySelectorAll('#chart-map svg text')).find((t) => / km$/.test(t.textContent));
  if (!label) return 'no scale label';
  label.scrollIntoView({ block: 'center' });
  const b = label.getBoundingClientRect();
  const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
  return hit && hit.closest('text') === label ? 'on top' : (hit ? hit.nodeName : 'nothing');
});
check('scale bar above the map area', scaleOnTop === 'on top', scaleOnTop);

// No two park labels overlap on the map.
await page.locator('#fit-parks').click();
await page.waitForTimeout(200);
const boxes = await page.evaluate(() => {
  const names = new Set(window.firmnetReport.data.areas.map((a) => a.name));
  return Array.from(document.querySelectorAll('#chart-map svg text')).filter((t) => names.has(t.textContent))
    .map((t) => { const b = t.getBoundingClientRect(); return { name: t.textContent, x: b.left, y: b.top, w: b.width, h: b.height }; });
});
const overlaps = [];
for (let i = 0; i < boxes.length; ++i)
  for (let j = i + 1; j < boxes.length; ++j) {
    const a = boxes[i], b = boxes[j];
    if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push([a.name, b.name]);
  }
check('every park labelled', boxes.length === 10, boxes.length);
check('no park labels overlap', overlaps.length === 0, overlaps);

check('no network requests', requests.length === 0, requests);
check('no console errors', errors.length === 0, errors);
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: path.join(work, 'report-1400.png') });
await page.locator('#figure-map').screenshot({ path: path.join(work, 'report-map-1400.png') });
await page.screenshot({ path: path.join(work, 'report-full-1400.png'), fullPage: true });
// The map and the selected park's panels, as README.md shows them (docs/report-demo.png).
const clip = await page.evaluate(() => {
  const top = document.getElementById('map').getBoundingClientRect().top + window.scrollY;
  const bottom = document.getElementById('park').getBoundingClientRect().bottom + window.scrollY;
  return { x: 0, y: top - 10, width: 1400, height: bottom - top + 20 };
});
await page.screenshot({ path: path.join(work, 'report-demo-1400.png'), clip, fullPage: true });
console.log(`interactions took ${Date.now() - started} ms`);

// The Chinese report.
const zh = await open(reportZh);
const zhHeadings = await zh.page.evaluate(() => Array.from(document.querySelectorAll('h2')).map((h) => h.textContent));
check('Chinese labels', zhHeadings.includes('园区判定') && zhHeadings.includes('地图'), zhHeadings);
check('Chinese title', (await zh.page.title()) === '演示区域报告');
check('Chinese report: no console errors', zh.errors.length === 0, zh.errors);
check('Chinese report: no network requests', zh.requests.length === 0, zh.requests);
await zh.page.screenshot({ path: path.join(work, 'report-zh-1400.png') });

// User outlines for three parks (boxes around their hulls), a boundary layer of two counties
// (one a MultiPolygon, one named in Chinese) and tiles from a stubbed tile server.
const areas = await page.evaluate(() => window.firmnetReport.data.areas.map((a) => ({ name: a.name, hull: a.hull })));
const box = (points, pad) => {
  const xs = points.map((p) => p[0] / 1e5), ys = points.map((p) => p[1] / 1e5);
  const [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
};
const outlined = areas.filter((a) => a.hull.length >= 3).slice(0, 3);
const outlines = path.join(work, 'outlines.geojson'), counties = path.join(work, 'counties.geojson');
fs.writeFileSync(outlines, JSON.stringify({ type: 'FeatureCollection', features: outlined.map((a) => ({ type: 'Feature',
  properties: { park: a.name }, geometry: { type: 'Polygon', coordinates: [box(a.hull, 0.004)] } })).concat([{ type: 'Feature',
  properties: { park: 'no such park' }, geometry: { type: 'Polygon', coordinates: [box([[0, 0], [1000, 1000]], 0)] } }]) }));
const all = box(areas.flatMap((a) => a.hull), 0.05);
const middle = (all[0][0] + all[1][0]) / 2;
fs.writeFileSync(counties, JSON.stringify({ type: 'FeatureCollection', features: [
  { type: 'Feature', properties: { name: 'West county' }, geometry: { type: 'Polygon',
    coordinates: [[all[0], [middle, all[0][1]], [middle, all[2][1]], all[3], all[0]]] } },
  { type: 'Feature', properties: { name: '东县' }, geometry: { type: 'MultiPolygon',
    coordinates: [[[[middle, all[0][1]], all[1], all[2], [middle, all[2][1]], [middle, all[0][1]]]]] } }] }));
const reportGeo = path.join(work, 'report-geo.html');
execFileSync(args.firmnet, ['--quiet', 'report', h5, '-o', reportGeo, '--park-polygons', outlines, '--boundaries', counties,
  '--tiles', 'http://tiles.test/{z}/{x}/{y}.png'], { stdio: ['ignore', 'ignore', 'inherit'] });
const geo = await open(reportGeo);
await geo.page.waitForTimeout(500);
const geoState = await geo.page.evaluate(() => {
  const r = window.firmnetReport;
  const series = r.charts.map.getOption().series;
  return {
    outlined: r.data.areas.filter((a) => a.outline).map((a) => a.name),
    outlinesNote: (document.getElementById('outlines-note') || {}).textContent || '',
    boundaries: (series.find((x) => x.id === 'boundaries') || { data: [] }).data.map((d) => d.name),
    tiles: (series.find((x) => x.id === 'tiles') || { data: [] }).data.length,
  };
});
check('user outlines replace the hulls of the parks they name', JSON.stringify(geoState.outlined) === JSON.stringify(outlined.map((a) => a.name)) &&
  geoState.outlinesNote.includes('3 matched') && geoState.outlinesNote.includes('1 features matched no park'), geoState);
check('boundary layer drawn', JSON.stringify(geoState.boundaries) === JSON.stringify(['West county', '东县']), geoState.boundaries);
const tileUrls = geo.tiles.filter((u) => /^http:\/\/tiles\.test\/\d+\/\d+\/\d+\.png$/.test(u));
check('tiles requested from the tile server only', geoState.tiles > 0 && tileUrls.length > 0 && tileUrls.length === geo.tiles.length &&
  geo.requests.length === 0, { tiles: geoState.tiles, requested: geo.tiles.slice(0, 3), other: geo.requests });
check('outlines report: no console errors', geo.errors.length === 0, geo.errors);

// A panel over the years: the evolution section draws a trajectory per unit and the alluvial
// diagram of dynamic communities.
const panelDir = path.join(work, 'panel');
const panelH5 = path.join(work, 'panel.h5'), reportPanel = path.join(work, 'report-panel.html');
fs.rmSync(panelH5, { force: true });
execFileSync(args.firmnet, ['--quiet', '--seed', '2', 'generate', 'panel', '--out-dir', panelDir], { stdio: ['ignore', 'ignore', 'inherit'] });
execFileSync(args.firmnet, ['--quiet', 'analyze', '--nodes', path.join(panelDir, 'nodes.csv'), '--edges', path.join(panelDir, 'edges.csv'),
  '-o', panelH5, '--report', reportPanel, '--null-models', '19', '--runs', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
const panel = await open(reportPanel);
const evolution = await panel.page.evaluate(() => {
  const r = window.firmnetReport;
  const e = r.data.evolution;
  const trajectories = Object.keys(r.charts).filter((id) => id.startsWith('trajectory-'));
  const alluvial = r.charts.alluvial ? r.charts.alluvial.getOption().series[0] : null;
  const growing = e.units.findIndex((u) => u.name === 'growing');
  const bands = growing >= 0 ? r.charts['trajectory-' + growing].getOption().series.filter((x) => x.markArea).map((x) => x.name) : [];
  return { units: e.units.length, trajectories: trajectories.length, nodes: alluvial ? alluvial.data.length : 0,
    links: alluvial ? alluvial.links.length : 0, bands };
});
check('a trajectory per unit', evolution.units > 0 && evolution.trajectories === evolution.units, evolution);
check('the growing park passes through embryonic, growth and maturity', JSON.stringify(evolution.bands) === JSON.stringify(['embryonic', 'growth', 'maturity']), evolution.bands);
check('the alluvial diagram of dynamic communities', evolution.nodes > 10 && evolution.links > 10, evolution);
check('panel report: no console errors', panel.errors.length === 0 && panel.requests.length === 0, panel.errors);
await panel.page.locator('#evolution').screenshot({ path: path.join(work, 'report-evolution-1400.png') });
await geo.page.locator('#figure-map').screenshot({ path: path.join(work, 'report-geo-map-1400.png') });

await browser.close();
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
