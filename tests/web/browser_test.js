// browser_test.js
// Project: sfia-evidence, tests/web (issue 11, item 2: the browser part)
// The reference web host `sfia-evidence serve` in a real browser: playwright-core drives Debian's chromium
// through each role's flow, as a person would click it, and axe-core checks every page each role reaches.
//
// Usage: node browser_test.js --cli BIN --manifest MANIFEST --definition CSMG.xml --examples DIR
//   (tests/web/browser.sh installs the pinned npm packages and sets NODE_PATH; ctest runs it as web_browser)
//
// The store is set up as the main job does (examples/main-job.sh): the CSMG definition imported,
// examples/activities.tsv mapped, examples/lms-events.jsonl replayed; users anna.schmidt (learner),
// berta (admin) and dora (auditor); one `serve` on a free port, one browser.
//
//   learner   logs in through the form; /learner shows the German sentences of definitions/csmg.de.xml
//             and a next step
//   admin     uploads the mappings CSV with one bad line: sees LINE:COL and nothing changes; uploads it
//             fixed: coverage of the new level changes; versions and their diff
//   auditor   searches anna's evidence, opens a record's proof (log entries intact), verifies the log
//   axe       on every page above and the login page: no violation of impact serious or critical
//             (moderate and minor ones are printed)
// Screenshots: $SFE_SCREENSHOT_DIR (default ./web-screenshots), one PNG per page and step.
//
// Environment: SFE_CHROMIUM (default /usr/bin/chromium). SQLite only: it refuses to run with SFE_TEST_PG set.
'use strict';

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const { chromium } = require('playwright-core');
const AXE_PATH = require.resolve('axe-core');

function option(name)
{
    const i = process.argv.indexOf('--' + name);
    if (i < 0 || i + 1 >= process.argv.length)
    {
        throw new Error('browser_test.js: --' + name + ' is required');
    }
    return process.argv[i + 1];
}

const ARGS = {
    cli: option('cli'),
    manifest: option('manifest'),
    definition: option('definition'),
    examples: option('examples'),
};
const CHROMIUM = process.env.SFE_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.SFE_SCREENSHOT_DIR || 'web-screenshots');
const USERS = {
    'anna.schmidt': ['learner', 'anna-passwort-1'],
    berta: ['admin', 'berta-passwort-3'],
    dora: ['auditor', 'dora-passwort-4'],
};

let tmp;
let server;
let baseUrl;
let browser;

function storeArgs()
{
    if ((process.env.SFE_TEST_PG || '').trim())
    {
        throw new Error('browser_test.js runs on SQLite only (SFE_TEST_PG is set)');
    }
    return ['--db', path.join(tmp, 'store.db')];
}

function cli(args, input)
{
    const result = childProcess.spawnSync(ARGS.cli, ['--manifest', ARGS.manifest, ...storeArgs(), ...args],
        { input: input || '', encoding: 'utf8', timeout: 60000 });
    if (result.status !== 0)
    {
        throw new Error('sfia-evidence ' + args.join(' ') + ' exited ' + result.status + ':\n'
            + result.stdout + result.stderr);
    }
    return result.stdout;
}

// The store as after the main job, the users file and a running `serve`; resolves to its base URL.
async function startServer()
{
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sfe-browser-'));
    cli(['import', ARGS.definition]);
    for (const line of fs.readFileSync(path.join(ARGS.examples, 'activities.tsv'), 'utf8').split('\n'))
    {
        if (!line || line.startsWith('#'))
        {
            continue;
        }
        const [activity, kind, level, responsibilities, name] = line.split('\t');
        const args = ['map', activity, '--skill', 'CSMG', '--level', level, '--type', kind, '--name', name];
        if (responsibilities !== '-')
        {
            for (const r of responsibilities.split(' '))
            {
                args.push('--responsibility', r);
            }
        }
        cli(args);
    }
    cli(['replay', path.join(ARGS.examples, 'lms-events.jsonl')]);
    const users = path.join(tmp, 'users.jsonl');
    for (const [user, [role, password]] of Object.entries(USERS))
    {
        cli(['users', 'add', user, '--role', role, '--users', users, '--password-stdin'], password + '\n');
    }
    const environment = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SFE_LRS')));
    server = childProcess.spawn(ARGS.cli, ['--manifest', ARGS.manifest, ...storeArgs(),
        'serve', '--listen', '127.0.0.1:0', '--users', users], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => { stderr += chunk; });
    const lines = readline.createInterface({ input: server.stdout });
    const first = await new Promise((resolve, reject) => {
        lines.once('line', resolve);
        server.once('exit', (code) => reject(new Error('serve exited ' + code + ' before listening: ' + stderr)));
    });
    const match = /(https?:\/\/[0-9.]+:[0-9]+)/.exec(first);
    if (!match)
    {
        throw new Error('serve did not print where it listens: ' + first + ' ' + stderr);
    }
    return match[1];
}

async function shot(page, name)
{
    await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

// axe-core on a page: `target` is a URL (fetched again with the session of `context`) or {html} (the page
// a POST answered, which cannot be fetched again). The server's Content-Security-Policy forbids every
// script (script-src 'none'), so axe cannot be injected into the pages the flows use: this check opens the
// page in a context of its own with Playwright's bypassCSP, which ONLY this context has. The flows
// themselves run under the real policy.
async function checkAccessibility(context, target, name)
{
    const cookies = await context.cookies();
    const axeContext = await browser.newContext({ bypassCSP: true, locale: 'de-DE' });
    const url = typeof target === 'string' ? target : '(page answering a POST)';
    try
    {
        await axeContext.addCookies(cookies);
        const page = await axeContext.newPage();
        if (typeof target === 'string')
        {
            const response = await page.goto(target);
            assert.equal(response.status(), 200, 'axe: ' + target);
        }
        else
        {
            await page.setContent(target.html);
        }
        await page.addScriptTag({ path: AXE_PATH });
        const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        // axe ran its rules: a page with none applicable would pass vacuously.
        assert.ok(results.passes.length > 0, 'axe checked nothing on ' + name);
        const describe = (v) => v.impact + ' ' + v.id + ': ' + v.help + ' (' + v.nodes.length + 'x: '
            + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + ')';
        const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const lesser = results.violations.filter((v) => !grave.includes(v));
        console.log('# axe ' + name + ': ' + results.passes.length + ' rules passed, ' + results.violations.length
            + ' violated');
        for (const v of lesser)
        {
            console.log('# axe ' + name + ': ' + describe(v));
        }
        assert.deepEqual(grave.map(describe), [], 'axe: serious or critical violations on ' + name + ' (' + url + ')');
    }
    finally
    {
        await axeContext.close();
    }
}

async function login(context, user)
{
    const page = await context.newPage();
    await page.goto(baseUrl + '/login');
    await page.getByLabel(/Benutzer|User/i).fill(user);
    await page.getByLabel(/Passwort|Password/i).fill(USERS[user][1]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Anmelden|Log in/i }).click()]);
    return page;
}

// The text of every <statement>/<description> sentence of the definition's levels, as the learner page
// shows them (whitespace collapsed).
function definitionSentences()
{
    const xml = fs.readFileSync(ARGS.definition, 'utf8');
    const sentences = [];
    const re = /<(description|statement|guidance|text)[^>]*>([^<]{20,})<\/\1>/g;
    let m;
    while ((m = re.exec(xml)) !== null)
    {
        sentences.push(m[2].replace(/\s+/g, ' ').trim());
    }
    return sentences;
}

before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    if (!fs.existsSync(CHROMIUM))
    {
        throw new Error('chromium not found at ' + CHROMIUM + ' (install it: packaging/install-deps.sh; or set SFE_CHROMIUM)');
    }
    baseUrl = await startServer();
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        // chromium refuses its sandbox as root (CI containers run as root).
        args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
    });
});

after(async () => {
    if (browser)
    {
        await browser.close();
    }
    if (server && server.exitCode === null)
    {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
    }
    if (tmp)
    {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    console.log('# screenshots in ' + SHOTS);
});

test('learner: logs in and sees the German sentences and a next step', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try
    {
        // Anonymous: /learner sends the browser to the login page.
        const anonymous = await context.newPage();
        await anonymous.goto(baseUrl + '/learner');
        assert.match(new URL(anonymous.url()).pathname, /^\/login$/);
        await shot(anonymous, '01-login');
        await checkAccessibility(context, baseUrl + '/login', 'login');
        await anonymous.close();

        const page = await login(context, 'anna.schmidt');
        assert.equal(new URL(page.url()).pathname, '/learner');
        assert.equal(await page.getAttribute('html', 'lang'), 'de');
        await assertVisible(page.getByRole('heading', { level: 1, name: 'Fortschritt von anna.schmidt' }));
        // The definition's own German sentences: every responsibility of the CSMG levels she sees.
        const text = await page.locator('main').innerText();
        const sentences = definitionSentences();
        const shown = sentences.filter((s) => text.includes(s));
        assert.ok(shown.length >= 10, 'few definition sentences on /learner: ' + shown.length + ' of ' + sentences.length);
        assert.ok(text.includes('Weist Anrufe rasch entsprechend zu.'), 'CSMG-1.2 in German');
        // A next step: the next level and what is missing for it.
        await assertVisible(page.getByRole('heading', { name: 'Nächste Schritte' }));
        assert.match(text, /Als Nächstes: Stufe \d/);
        assert.match(text, /Was noch fehlt:/);
        await shot(page, '02-learner');
        await checkAccessibility(context, page.url(), 'learner');
        // Her own page only: someone else's progress is refused.
        const other = await page.goto(baseUrl + '/learner?learner=ben.keller');
        assert.equal(other.status(), 403);
    }
    finally
    {
        await context.close();
    }
});

test('admin: a mappings CSV with one bad line shows LINE:COL; fixed, coverage changes', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try
    {
        const page = await login(context, 'berta');
        assert.equal(new URL(page.url()).pathname, '/admin');
        // CSMG-1.2 is not covered before the upload.
        const row = () => page.locator('tr', { has: page.locator('th', { hasText: /^CSMG-1\.2$/ }) });
        assert.match(await row().innerText(), /NICHT ABGEDECKT/);
        const summaryBefore = await page.locator('main > p').first().innerText();
        assert.match(summaryBefore, /CSMG: 8 von 24 Verantwortlichkeiten abgedeckt/);
        await shot(page, '03-admin');
        await checkAccessibility(context, page.url(), 'admin');

        // The mappings as stored (the CSV download), one line added after line 2 with level 9.
        const exported = await context.request.get(baseUrl + '/api/mappings.export?skill=CSMG');
        assert.equal(exported.status(), 200);
        const lines = (await exported.json()).csv.split('\n').filter((l) => l);
        const bad = [...lines.slice(0, 2), 'uebung-anrufe,Anrufe zuweisen,task,CSMG,9,CSMG-1.2,', ...lines.slice(2)];
        const fixed = [...lines, 'uebung-anrufe,Anrufe zuweisen,task,CSMG,1,CSMG-1.2,'];

        const upload = async (csvLines, dryRun) => {
            await page.goto(baseUrl + '/admin');
            await page.getByLabel(/Zuordnungen als CSV-Datei/).setInputFiles(
                { name: 'zuordnungen.csv', mimeType: 'text/csv', buffer: Buffer.from(csvLines.join('\n') + '\n') });
            await page.getByLabel(/Probelauf/).setChecked(dryRun);
            const [response] = await Promise.all([page.waitForNavigation(),
                page.getByRole('button', { name: 'Zuordnungen hochladen' }).click()]);
            return response;
        };

        // The bad line: refused, and where it is: line 3, the column of the level.
        let response = await upload(bad, false);
        assert.equal(response.status(), 422);
        const error = await page.locator('main .error').innerText();
        assert.match(error, /:3:\d+: level/);
        await shot(page, '04-admin-upload-bad-line');
        await checkAccessibility(context, { html: await page.content() }, 'admin-upload-error');
        // Nothing changed.
        await page.goto(baseUrl + '/admin');
        assert.match(await row().innerText(), /NICHT ABGEDECKT/);

        // Fixed: a dry run first, then the import.
        response = await upload(fixed, true);
        assert.equal(response.status(), 200);
        assert.match(await page.locator('main').innerText(), /1 neu, 0 ersetzt, 5 unverändert/);
        await shot(page, '05-admin-upload-dry-run');
        await checkAccessibility(context, { html: await page.content() }, 'admin-upload-result');
        response = await upload(fixed, false);
        assert.equal(response.status(), 200);
        assert.match(await page.locator('main').innerText(), /1 neu/);
        await shot(page, '06-admin-upload-imported');

        // Coverage changed: CSMG-1.2 is now covered by the new activity.
        await page.getByRole('link', { name: /Zurück zur Verwaltung/ }).click();
        await page.waitForURL(baseUrl + '/admin');
        assert.match(await row().innerText(), /abgedeckt durch Anrufe zuweisen/);
        assert.doesNotMatch(await row().innerText(), /NICHT ABGEDECKT/);
        assert.match(await page.locator('main > p').first().innerText(), /CSMG: 9 von 24 Verantwortlichkeiten abgedeckt/);
        await shot(page, '07-admin-coverage-changed');

        // Versions of the definition and their diff.
        await page.getByRole('link', { name: 'Versionen der Definition' }).click();
        await assertVisible(page.getByRole('heading', { level: 1, name: 'Versionen von CSMG' }));
        await shot(page, '08-admin-versions');
        await checkAccessibility(context, page.url(), 'admin-versions');
        const diff = await page.goto(baseUrl + '/admin/diff?skill=CSMG&from=1&to=1');
        assert.equal(diff.status(), 200);
        await shot(page, '09-admin-diff');
        await checkAccessibility(context, page.url(), 'admin-diff');
    }
    finally
    {
        await context.close();
    }
});

test('auditor: finds a record, opens its proof and verifies it', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try
    {
        const page = await login(context, 'dora');
        assert.equal(new URL(page.url()).pathname, '/auditor');
        await checkAccessibility(context, page.url(), 'auditor');
        await page.getByLabel('Lernende/r').fill('anna.schmidt');
        await page.getByLabel('Zustand').selectOption('active');
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Suchen' }).click()]);
        const url = new URL(page.url());
        assert.equal(url.searchParams.get('learner'), 'anna.schmidt');
        const results = page.locator('main table tbody tr');
        assert.ok(await results.count() > 0, 'no evidence found for anna.schmidt');
        for (const text of await results.allInnerTexts())
        {
            assert.match(text, /anna\.schmidt/);
        }
        await shot(page, '10-auditor-search');
        await checkAccessibility(context, page.url(), 'auditor-search');

        // A demonstration attested by the team lead: its record and proof.
        const attested = results.filter({ hasText: 'teamlead.mueller' }).first();
        const id = await attested.locator('a').innerText();
        await Promise.all([page.waitForNavigation(), attested.locator('a').click()]);
        await assertVisible(page.getByRole('heading', { level: 1, name: 'Nachweis ' + id }));
        const record = await page.locator('main dl').innerText();
        assert.match(record, /anna\.schmidt/);
        assert.match(record, /teamlead\.mueller/);
        // The proof: its log entries with hashes, each intact.
        const log = page.locator('table', { has: page.getByRole('columnheader', { name: 'Kettenhash' }) });
        const entries = log.locator('tbody tr');
        assert.ok(await entries.count() > 0, 'no log entry for ' + id);
        for (const text of await entries.allInnerTexts())
        {
            assert.match(text, /\b[0-9a-f]{64}\b/);
            assert.match(text, /\bja\b/);
        }
        await shot(page, '11-auditor-record');
        await checkAccessibility(context, page.url(), 'auditor-record');

        // Verify the whole log.
        await Promise.all([page.waitForNavigation(), page.locator('main a[href="/auditor/verify"]').click()]);
        const verified = await page.locator('main').innerText();
        assert.match(verified, /OK: nichts ist falsch\./);
        await shot(page, '12-auditor-verify');
        await checkAccessibility(context, page.url(), 'auditor-verify');
        // Not the admin's pages.
        assert.equal((await page.goto(baseUrl + '/admin')).status(), 403);
    }
    finally
    {
        await context.close();
    }
});

async function assertVisible(locator)
{
    assert.ok(await locator.isVisible(), 'not visible: ' + locator);
}
