// Drives the sink's page in Debian's headless Chromium through playwright-core.
// Usage: node page-test.mjs <base url> <screenshot dir> <live trial id>
// Prints one line per check; "READY_FOR_EVENT" asks the Java side (PageBrowserIT) to publish a
// trial event; the last line is "ALL PASSED" or the process exits 1 with "FAILED: <reason>".
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const [base, shots, liveId] = process.argv.slice(2);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log('ok - ' + message);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('dialog', async (d) => { problems.push('dialog opened: ' + d.message()); await d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  // No request may leave this origin (no CDN, no internet).
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push('request off origin: ' + r.url()); });

  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('.hit', { timeout: 30000 });
  const total = await page.locator('.hit').count();
  check(total >= 5, 'page lists the indexed trials (' + total + ')');
  check(await page.locator('#facets fieldset').count() >= 4, 'facet filters are shown');
  check(await page.locator('.facet-values .count').first().textContent() !== '', 'facet values carry counts');
  check(await page.locator('#chart-applications svg rect').count() > 0, 'the application chart draws bars');
  check(await page.locator('#chart-phase svg rect').count() > 0, 'the phase chart draws bars');

  // One hit per real trial: NCT04276987 and ChiCTR2000030261 are one trial.
  check(await page.locator('.hit').count() === 6, 'six trials, seven registrations, six hits');
  check((await page.locator('#total').textContent()).includes('6 trials (7 registrations)'), 'the total counts trials and says how many registrations');
  const pair = page.locator('.hit[data-id="NCT04276987"], .hit[data-id="ChiCTR2000030261"]');
  check(await pair.count() === 1, 'a trial registered in two registries is one hit listing both ids');
  const shown = await pair.getAttribute('data-id');
  const other = shown === 'NCT04276987' ? 'ChiCTR2000030261' : 'NCT04276987';
  check((await pair.locator('.hit-head .id').textContent()) === shown, 'the hit shows its own id');
  check((await pair.locator('.registrations').textContent()).includes(other), 'the hit lists the other registration (' + other + ')');
  check(await page.locator('.hit .registrations').count() === 1, 'trials registered once list no other registration');
  await pair.locator('.registrations a.reg[data-id="' + other + '"]').click();
  await page.waitForSelector('#detail:not([hidden]) #detail-title', { timeout: 15000 });
  const regs = await page.locator('#detail .facts dd').allTextContents();
  check(regs.some((t) => t.includes('NCT04276987 (ClinicalTrials.gov)') && t.includes('ChiCTR2000030261 (ChiCTR)')),
    'the other registration opens with both ids and registries');
  await page.click('#detail-close');

  // Scraped markup renders as text and runs nothing.
  const xss = page.locator('.hit[data-id="NCT66666666"] .title');
  check((await xss.textContent()).includes('<script>window.__pwned=1</script>'), 'a <script> title shows as text');
  check((await xss.textContent()).includes('<img src=x onerror='), 'an <img onerror> title shows as text');
  check(await page.locator('#results script, #results img, #results iframe').count() === 0, 'no element was created from scraped text');
  check(await page.evaluate(() => window.__pwned === undefined), 'no scraped script ran');

  // Search.
  await page.fill('#q', 'ARDS');
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/trials?') && r.url().includes('q=ARDS')), page.press('#q', 'Enter')]);
  await page.waitForFunction(() => document.querySelector('#total').textContent.includes('"ARDS"'));
  const afterSearch = await page.locator('.hit').count();
  check(afterSearch >= 1 && afterSearch < total, 'search narrows the results (' + afterSearch + ')');
  check(await page.locator('.hit mark').count() > 0, 'matches are highlighted with <mark>');

  // Facet filter.
  await page.fill('#q', '');
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/trials?') && !r.url().includes('q=')), page.press('#q', 'Enter')]);
  await page.waitForFunction((n) => document.querySelectorAll('.hit').length === n, total);
  const inhalation = page.locator('input[data-param="route"][data-value="INHALATION"]');
  await Promise.all([page.waitForResponse((r) => r.url().includes('route=INHALATION')), inhalation.check()]);
  await page.waitForFunction(() => document.querySelector('#total').textContent.includes('1 filter'));
  const filtered = await page.locator('.hit').count();
  check(filtered >= 1 && filtered < total, 'filtering by route narrows the results (' + filtered + ')');
  const routes = await page.locator('.hit .badges').allTextContents();
  check(routes.every((t) => t.includes('Inhalation')), 'every filtered hit has the inhalation route');

  // Trial detail with linked articles.
  // Whichever registration represents the collapsed trial; the detail gathers the articles of both.
  await page.locator('.hit[data-id="NCT04276987"] a.title, .hit[data-id="ChiCTR2000030261"] a.title').click();
  await page.waitForSelector('#detail:not([hidden]) #detail-title', { timeout: 15000 });
  check((await page.locator('#detail-title').textContent()).includes('COVID-19'), 'the trial detail opens');
  check(await page.locator('#detail .ev-table tbody tr').count() >= 1, 'the detail shows the evidence');
  const facts = await page.locator('#detail .facts dt').allTextContents();
  check(facts.includes('Sponsor') && facts.includes('Conditions'), 'the detail lists the trial facts (' + facts.join(', ') + ')');
  check(!(await page.locator('#detail').textContent()).includes('[object'), 'no value renders as [object ...]');
  check((await page.locator('#detail .articles').textContent()).includes('Inhaled MSC exosomes'), 'the detail lists the linked article');
  await page.screenshot({ path: shots + '/page-detail.png' });
  await page.click('#detail-close');
  check(await page.locator('#detail').isHidden(), 'the detail closes');

  // Live feed.
  await page.waitForFunction(() => document.querySelector('#conn').textContent === 'feed: live', null, { timeout: 30000 });
  const rl = createInterface({ input: process.stdin });
  const published = new Promise((resolve) => rl.on('line', (l) => { if (l.trim() === 'PUBLISHED') resolve(); }));
  console.log('READY_FOR_EVENT');
  await published;
  await page.waitForSelector('.feed-item[data-id="' + liveId + '"]', { timeout: 30000 });
  const item = await page.locator('.feed-item[data-id="' + liveId + '"]').textContent();
  check(item.includes('<img src=x onerror='), 'the new trial appears in the live feed, its markup as text');
  check(await page.locator('#feed img, #feed script').count() === 0, 'the feed created no element from event text');
  check(await page.evaluate(() => window.__pwned === undefined), 'no script from the feed ran');
  rl.close();

  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/trials?') && !r.url().includes('route=')), page.click('#clear')]);
  await page.waitForFunction((n) => document.querySelectorAll('.hit').length === n, total);
  await page.screenshot({ path: shots + '/page.png', fullPage: true });
  console.log('screenshot ' + shots + '/page.png');
  check(problems.length === 0, 'no page errors, dialogs or off-origin requests' + (problems.length ? ': ' + problems.join('; ') : ''));
  console.log('ALL PASSED');
} catch (e) {
  console.log('FAILED: ' + e.message);
  if (problems.length) console.log('problems: ' + problems.join('; '));
  process.exitCode = 1;
} finally {
  await browser.close();
}
