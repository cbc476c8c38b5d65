// @ts-check
'use strict';

/**
 * The node in the n8n editor, in a real browser: starts n8n 2.41.1 with the packed package,
 * creates the owner, a Wolkvox credential (pointing at the simulator) and a workflow over the REST
 * API, then drives Debian's Chromium with playwright-core: searches the nodes panel, opens the
 * node's actions (grouped by resource), opens the node's parameters with its Resource list, runs
 * the node, opens the credential. Screenshots go to docs/screenshots/. Then builds a node from
 * scratch as a user does: adds it from the nodes panel (found by the alias "CDR"), picks a resource
 * and an operation, opens the skill picker (entries from the simulator), chooses a skill, runs the
 * node and reads the rows in the output panel and the operation in the canvas subtitle. The same
 * for the Wolkvox Trigger: adds it from the nodes panel as a real-time alert, picks the view, a
 * skill and fills in a condition (screenshot), then picks the Complete Interval event and a report,
 * chooses a skill, fetches a test event and reads its rows (screenshot).
 * Fails when the node is missing from the nodes panel, a resource is missing from the panel or the
 * Resource list, the node's panel shows an error, a step of the editor test does not give what it
 * should, or the page logs an error (the editor's own requests to the internet aside).
 * Usage: node test/e2e/screenshots.js [--skip-build]
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureToolchain } = require('./setup');
const {
	build,
	pack,
	installCommunityPackage,
	startSimulator,
	n8nEnv,
	freePort,
	run,
	cleanup,
} = require('./run');
const { httpJson } = require('../../tools/http');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Contact',
	lastName: 'Centre',
	password: 'Wolkvox-e2e-1',
};
/** What the editor shows for a node type it cannot load. */
const NODE_PROBLEMS =
	/install this node|not currently installed|Unrecognized node type|Problem loading|node is not known/i;

const log = (/** @type {string} */ message) => process.stderr.write(`[screenshots] ${message}\n`);

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	log('installing Debian chromium');
	for (const argv of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		const result = childProcess.spawnSync('apt-get', argv, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (result.status !== 0) throw new Error(`apt-get ${argv.join(' ')} failed`);
	}
}

/** @param {string} base @param {string} path_ @param {{ method?: string, body?: unknown, cookie?: string }} [options] */
async function rest(base, path_, options = {}) {
	const method = /** @type {import('undici').Dispatcher.HttpMethod} */ (options.method ?? 'GET');
	const response = await httpJson(`${base}${path_}`, {
		method,
		headers: { 'browser-id': 'wolkvox-e2e', ...(options.cookie ? { cookie: options.cookie } : {}) },
		body: options.body,
		timeoutMs: 60_000,
	});
	const { status, text, json } = response;
	if (status < 200 || status > 299)
		throw new Error(`${method} ${path_}: ${status} ${text.slice(0, 500)}`);
	if (text && json === undefined)
		throw new Error(`${method} ${path_}: not JSON: ${text.slice(0, 300)}`);
	const setCookie = response.headers['set-cookie'];
	return { json, cookie: (Array.isArray(setCookie) ? setCookie.join(', ') : setCookie) ?? '' };
}

/** @param {string} base */
async function waitForN8n(base, timeoutMs = 120_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		try {
			// /healthz answers while n8n is still starting; the REST settings only once it serves.
			const response = await httpJson(`${base}/rest/settings`, { timeoutMs: 5000 });
			if (
				response.status === 200 &&
				String(response.headers['content-type'] ?? '').includes('json')
			)
				return;
		} catch {
			/* not up yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('n8n did not come up');
}

/** The skill picker of the node's panel (the node's and the trigger's). */
const SKILL_PICKER = '[data-test-id="ndv"] [data-test-id="resource-locator-skillId"]';

/**
 * Opens the skill picker of the open node, checks that it lists All Skills and the simulator's
 * skills, and chooses `name`.
 * @param {import('playwright-core').Page} page @param {string} name @returns {Promise<string[]>} what went wrong
 */
async function pickSkill(page, name) {
	await page.locator(SKILL_PICKER).locator('[data-test-id="rlc-input"]').click();
	const entries = page.locator('[data-test-id="rlc-item"]');
	await entries.filter({ hasText: name }).waitFor({ timeout: 30_000 });
	const listed = await entries.allInnerTexts();
	const expected = ['All Skills', 'Ventas (12)', 'Soporte (15)', 'Cobranzas (27)'];
	await entries.filter({ hasText: name }).click();
	// n8n lists the skill already chosen first
	return listed.length === expected.length && expected.every((entry) => listed.includes(entry))
		? []
		: [`the skill picker lists ${JSON.stringify(listed)}`];
}

/**
 * The rows of the open node's last run, from the output panel's JSON view as shown (one value per
 * line, indented with non-breaking spaces), on one line.
 * @param {import('playwright-core').Page} page
 */
async function outputJson(page) {
	const output = page.locator('[data-test-id="output-panel"]');
	await output.getByText('skill_id', { exact: false }).first().waitFor({ timeout: 60_000 });
	await output
		.locator('[data-test-id="ndv-run-data-display-mode"]')
		.getByText('JSON', { exact: true })
		.click();
	await output.getByText('"skill_id":', { exact: false }).first().waitFor({ timeout: 15_000 });
	return (await output.innerText()).replace(/\s+/g, ' ');
}

/**
 * Adds a Wolkvox node after the Manual Trigger of workflow `id` as a user does, picks Workforce /
 * Get Workforce per Hour, chooses "Soporte (15)" in the skill picker and runs the node.
 * @param {import('playwright-core').Page} page @param {string} id @returns {Promise<string[]>} what went wrong
 */
async function buildNodeFromScratch(page, id) {
	const failures = [];
	await page.goto(`/workflow/${id}`);
	await page.locator('[data-test-id="canvas-handle-plus"]').first().click({ timeout: 60_000 });
	await page.getByText('What happens next?').waitFor({ timeout: 15_000 });
	// found by an alias of the codex, not by its name
	await page.keyboard.type('CDR', { delay: 50 });
	await page.getByText('Wolkvox', { exact: true }).first().click({ timeout: 15_000 });
	await page.getByText('Get call detail (cdr_1)', { exact: true }).click({ timeout: 15_000 });
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="parameter-input-resource"]').click({ timeout: 30_000 });
	await page.getByRole('option', { name: 'Workforce', exact: true }).click();
	await ndv.locator('[data-test-id="parameter-input-operation"]').click();
	await page.getByRole('option', { name: /^Get Workforce per Hour/ }).click();
	// the skill picker: "All Skills" by default, the skills listed from the simulator
	const picked = await page
		.locator(SKILL_PICKER)
		.locator('[data-test-id="rlc-input"]')
		.inputValue();
	if (picked !== 'All Skills')
		failures.push(`the skill picker shows "${picked}", not "All Skills"`);
	failures.push(...(await pickSkill(page, 'Soporte (15)')));
	await ndv.locator('[data-test-id="node-execute-button"]').first().click();
	const shown = await outputJson(page);
	const skills = [...shown.matchAll(/"skill_id": (\S+?),/g)].map((match) => match[1]);
	const hours = [...shown.matchAll(/"hour_start": "[0-9T:-]+"/g)];
	if (!skills.length || skills.some((id) => id !== '15') || hours.length !== skills.length)
		failures.push(`the output panel does not show the rows of skill 15: ${shown.slice(0, 300)}`);
	await page.keyboard.press('Escape');
	// the canvas subtitle names the operation
	const canvasNode = page.locator('[data-test-id="canvas-node"]', {
		// case-sensitive: the node's name is the action, "Get workforce per hour (skill_5)"
		hasText: /Get Workforce per Hour/,
	});
	if ((await canvasNode.count()) !== 1) failures.push('the canvas does not show the operation');
	return failures;
}

/**
 * Adds a Wolkvox Trigger to the empty workflow `id` as a user does. First a queue alert: Skills
 * Now, "Soporte (15)", calls in queue greater than 10 until 5 or less, emitting the end too
 * (screenshot). Then the Complete Interval event on the half-hourly report for "Cobranzas (27)":
 * fetches a test event and reads its rows in the output panel (screenshot).
 * @param {import('playwright-core').Page} page @param {string} id @param {string} token the credential's
 * @returns {Promise<string[]>} what went wrong
 */
async function buildTriggerFromScratch(page, id, token) {
	const failures = [];
	await page.goto(`/workflow/${id}`);
	await page.locator('[data-test-id="canvas-add-button"]').click({ timeout: 60_000 });
	await page.keyboard.type('Wolkvox', { delay: 50 });
	await page.getByText('Wolkvox', { exact: true }).first().click({ timeout: 15_000 });
	// the trigger's events, as the nodes panel offers them
	await page.getByText('On real time alert', { exact: true }).click({ timeout: 15_000 });
	const ndv = page.locator('[data-test-id="ndv"]');
	const event = ndv.locator('[data-test-id="parameter-input-event"]');
	await event.waitFor({ timeout: 30_000 });
	const shownEvent = await event.locator('input').inputValue();
	if (shownEvent !== 'Real-Time Alert')
		failures.push(`"On real time alert" opens the trigger on the event "${shownEvent}"`);
	await ndv.locator('[data-test-id="parameter-input-view"]').click();
	await page.getByRole('option', { name: /^Skills Now/ }).click();
	failures.push(...(await pickSkill(page, 'Soporte (15)')));
	await ndv.getByRole('button', { name: 'Add Condition' }).click();
	// "field" is also the test id n8n gives every input: the condition's field is the select's box
	await ndv.locator('div[data-test-id="parameter-input-field"]').click();
	await page.getByRole('option', { name: /^calls_in_queue_now/ }).click();
	await ndv.locator('[data-test-id="parameter-input-value"] input').fill('10');
	await ndv.locator('[data-test-id="parameter-input-clearValue"] input').fill('5');
	const emitResolved = ndv.locator('[data-test-id="parameter-input-emitResolved"]');
	await emitResolved.locator('.el-switch').click();
	if ((await emitResolved.getByRole('switch').getAttribute('aria-checked')) !== 'true')
		failures.push('Emit Resolved does not switch on');
	if (await ndv.locator('[data-test-id="parameter-issues"]').count())
		failures.push('the alert shows a parameter issue once its condition is filled in');
	// tall enough for the alert's parameters, scrolled to their end
	await page.setViewportSize({ ...VIEWPORT, height: 1250 });
	await ndv.locator('[data-test-id="node-feature-request"]').scrollIntoViewIfNeeded();
	await page.mouse.move(VIEWPORT.width / 2, 1200);
	await page.waitForTimeout(1000);
	await page.screenshot({ path: path.join(SHOTS, 'trigger-alert.png') });
	await page.setViewportSize(VIEWPORT);

	await event.click();
	await page.getByRole('option', { name: /^Complete Interval/ }).click();
	await ndv.locator('[data-test-id="parameter-input-report"]').click();
	await page.getByRole('option', { name: /^Calls and Service Level per 30 Minutes/ }).click();
	failures.push(...(await pickSkill(page, 'Cobranzas (27)')));
	await ndv.getByRole('button', { name: 'Fetch Test Event' }).first().click();
	const shown = await outputJson(page);
	// the last complete half hour of skill 27, typed and dated
	const skills = [...shown.matchAll(/"skill_id": (\S+?),/g)].map((match) => match[1]);
	const halfHours = [
		...shown.matchAll(
			/"interval_start": "[0-9-]+T\d\d:[03]0:00[+-][0-9:]+", "interval_seconds": 1800 /g,
		),
	];
	if (!skills.length || skills.some((id) => id !== '27') || halfHours.length !== skills.length)
		failures.push(
			`the output panel does not show the half hours of skill 27: ${shown.slice(0, 300)}`,
		);
	// out of the way of the screenshot: the pointer and the run's notification
	await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 20);
	await page.getByText('Node executed successfully').waitFor({ state: 'hidden', timeout: 15_000 });
	await page.screenshot({ path: path.join(SHOTS, 'trigger-complete-interval.png') });
	if ((await page.locator('body').innerText()).includes(token))
		failures.push('the token is visible in the editor');
	await page.keyboard.press('Escape');
	// the canvas subtitle names the report
	const canvasNode = page.locator('[data-test-id="canvas-node"]', {
		hasText: 'Calls and Service Level per 30 Minutes',
	});
	if ((await canvasNode.count()) !== 1)
		failures.push("the canvas does not show the trigger's report");
	return failures;
}

async function main() {
	ensureChromium();
	const { chromium } = require('playwright-core');
	const toolchain = await ensureToolchain({});
	if (!process.argv.includes('--skip-build')) await build();
	// the resources as the editor names them, from the built spec
	const CATALOGUE = require('../../dist/nodes/shared/wolkvox/spec');
	const RESOURCE_LABELS = Object.values(CATALOGUE.RESOURCES);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-shots-'));
	const userFolder = path.join(work, 'user');
	await installCommunityPackage(userFolder, await pack(work));
	const sim = await startSimulator(path.join(REPO_ROOT, 'tools', 'simulator', 'cli.js'));
	const port = await freePort();
	const env = {
		...n8nEnv(toolchain, userFolder, await freePort()),
		N8N_PORT: String(port),
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_FORMAT: 'text',
		N8N_LOG_LEVEL: 'warn',
	};
	const base = `http://127.0.0.1:${port}`;
	void run(toolchain.nodeBin, [toolchain.n8nBin, 'start'], {
		env,
		cwd: userFolder,
		timeoutMs: 900_000,
	}).catch(() => undefined);
	await waitForN8n(base);
	log(`n8n is up on ${base}`);

	const { cookie } = await rest(base, '/rest/owner/setup', { method: 'POST', body: OWNER });
	const auth = cookie.split(';')[0];
	const credential = (
		await rest(base, '/rest/credentials', {
			method: 'POST',
			cookie: auth,
			body: {
				name: 'Wolkvox account',
				type: 'wolkvoxApi',
				data: { server: '0042', token: sim.token, baseUrl: sim.url },
			},
		})
	).json.data;
	const workflow = (
		await rest(base, '/rest/workflows', {
			method: 'POST',
			cookie: auth,
			body: {
				name: 'Wolkvox workforce per hour',
				active: false,
				settings: { executionOrder: 'v1', timezone: 'America/Bogota' },
				connections: {
					'When clicking ‘Execute workflow’': {
						main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]],
					},
				},
				nodes: [
					{
						id: 'a1',
						name: 'When clicking ‘Execute workflow’',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'a2',
						name: 'Wolkvox',
						type: 'n8n-nodes-wolkvox.wolkvox',
						typeVersion: 1,
						position: [260, 0],
						parameters: {
							resource: 'report',
							operation: 'getWorkforcePerHour',
							skillId: { __rl: true, mode: 'list', value: 'all', cachedResultName: 'All Skills' },
							range: 'custom',
							startDate: '2026-11-23T08:00:00',
							endDate: '2026-11-23T11:00:00',
							options: { timezone: 'America/Bogota' },
						},
						credentials: { wolkvoxApi: { id: credential.id, name: credential.name } },
					},
				],
			},
		})
	).json.data;

	const emptyWorkflow = (
		await rest(base, '/rest/workflows', {
			method: 'POST',
			cookie: auth,
			body: {
				name: 'Wolkvox from scratch',
				active: false,
				settings: { executionOrder: 'v1', timezone: 'America/Bogota' },
				connections: {},
				nodes: [
					{
						id: 'b1',
						name: 'When clicking ‘Execute workflow’',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
				],
			},
		})
	).json.data;

	const emptyTriggerWorkflow = (
		await rest(base, '/rest/workflows', {
			method: 'POST',
			cookie: auth,
			body: {
				name: 'Wolkvox Trigger from scratch',
				active: false,
				settings: { executionOrder: 'v1', timezone: 'America/Bogota' },
				connections: {},
				nodes: [],
			},
		})
	).json.data;
	// rows for each interval asked for, so a test event always finds its half hour
	await httpJson(`${sim.url}/__sim/interval-rows`, {
		method: 'POST',
		body: { enabled: true },
		timeoutMs: 5000,
	});

	fs.mkdirSync(SHOTS, { recursive: true });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const failures = [];
	/** @type {string[]} */
	const consoleErrors = [];
	/** @type {import('playwright-core').Page | undefined} */
	let page;
	try {
		const context = await browser.newContext({
			viewport: VIEWPORT,
			baseURL: base,
		});
		page = await context.newPage();
		// Sign in through the form: n8n ties its session cookie to the browser that signed in.
		await page.goto('/signin');
		await page.getByLabel('Email').fill(OWNER.email);
		await page.getByLabel('Password').fill(OWNER.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		// From here on the page must log no error. The editor's own calls to the internet (npm's
		// registry for the package's details) fail in a sandbox without it: they are not the node's.
		page.on('console', (message) => {
			const offline =
				/^Failed to load resource/.test(message.text()) && !message.location().url.startsWith(base);
			if (message.type() === 'error' && !offline)
				consoleErrors.push(`${message.text()} (${message.location().url})`);
		});
		page.on('pageerror', (error) => consoleErrors.push(error.message));

		// 1. the nodes panel finds the node
		await page.goto(`/workflow/${workflow.id}`);
		await page.getByText('Wolkvox', { exact: true }).first().waitFor({ timeout: 60_000 });
		const gotIt = page.getByRole('button', { name: 'Got it' });
		if (await gotIt.isVisible()) await gotIt.click();
		await page.keyboard.press('n');
		await page.getByText('What happens next?').waitFor({ timeout: 15_000 });
		await page.waitForTimeout(500);
		await page.keyboard.type('Wolkvox', { delay: 50 });
		await page.waitForTimeout(1500);
		// the node's actions, grouped by resource
		await page.getByText('Get Wolkvox contact-centre reports', { exact: false }).first().click();
		await page
			.getByText(/Actions \(\d+\)/)
			.first()
			.waitFor({ timeout: 15_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: path.join(SHOTS, 'nodes-panel.png') });
		// innerText is as shown: the panel prints its group headings in capitals
		const panelText = (
			await page.locator('[data-test-id="node-creator"]').innerText()
		).toUpperCase();
		if (!panelText.includes(`ACTIONS (${CATALOGUE.ENDPOINTS.length})`))
			failures.push(`the nodes panel does not offer the ${CATALOGUE.ENDPOINTS.length} actions`);
		const notInPanel = RESOURCE_LABELS.filter(
			(label) => !panelText.includes(`${label} ACTIONS`.toUpperCase()),
		);
		if (notInPanel.length)
			failures.push(
				`the nodes panel does not group the actions by resource (missing ${notInPanel.join(', ')})`,
			);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');

		// 2. the node's parameters, then its output after running it against the simulator
		await page
			.locator('[data-test-id="canvas-node"]', { hasText: 'Workforce per Hour' })
			.first()
			.dblclick();
		await page.getByText('Start Date', { exact: true }).first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1000);
		// the parameters with the Resource list open: it offers every resource of the spec
		const resourceSelect = page.locator('[data-test-id="parameter-input-resource"]');
		await resourceSelect.click();
		await page
			.getByText(RESOURCE_LABELS[RESOURCE_LABELS.length - 1], { exact: true })
			.first()
			.waitFor({ state: 'attached', timeout: 15_000 });
		await page.waitForTimeout(500);
		await page.screenshot({ path: path.join(SHOTS, 'node-parameters.png') });
		const parametersText = await page.locator('body').innerText();
		if (NODE_PROBLEMS.test(parametersText)) failures.push('the node panel shows a problem');
		const notListed = RESOURCE_LABELS.filter((label) => !parametersText.includes(label));
		if (notListed.length) failures.push(`the Resource list lacks ${notListed.join(', ')}`);
		await resourceSelect.click();
		await page.waitForTimeout(500);
		await page
			.getByRole('button', { name: /Execute step|Test step/ })
			.filter({ hasText: /Execute step|Test step/ })
			.first()
			.click();
		await page.getByText('hour_start', { exact: false }).first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(1000);
		await page.screenshot({ path: path.join(SHOTS, 'node-output.png') });
		const outputText = await page.locator('body').innerText();
		if (!/2026-11-23T08:00:00-05:00/.test(outputText))
			failures.push('the output does not show the rows');
		if (outputText.includes(sim.token)) failures.push('the token is visible in the editor');
		await page.keyboard.press('Escape');

		// 3. the credential dialog
		await page.goto(`/home/credentials/${credential.id}`);
		await page.getByText('Wolkvox API', { exact: false }).first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1500);
		await page.screenshot({ path: path.join(SHOTS, 'credential.png') });
		const dialogText = await page.locator('body').innerText();
		if (!/Server/.test(dialogText) || !/Token/.test(dialogText))
			failures.push('the credential dialog lacks Server or Token');
		if (dialogText.includes(sim.token))
			failures.push('the credential dialog shows the token in clear');

		// 4. the editor from scratch
		failures.push(...(await buildNodeFromScratch(page, emptyWorkflow.id)));

		// 5. the trigger from scratch, in both modes
		failures.push(...(await buildTriggerFromScratch(page, emptyTriggerWorkflow.id, sim.token)));
		if (consoleErrors.length) failures.push(`the page logged errors: ${consoleErrors.join('; ')}`);
	} catch (error) {
		// What the browser showed when it went wrong, to see why.
		await page
			?.screenshot({ path: path.join(os.tmpdir(), 'wolkvox-screenshots-failure.png') })
			.catch(() => undefined);
		throw error;
	} finally {
		await browser.close();
	}
	if (failures.length) throw new Error(failures.join('; '));
	log(
		`screenshots in ${path.relative(REPO_ROOT, SHOTS)}: nodes-panel, node-parameters, node-output, credential, trigger-alert, trigger-complete-interval`,
	);
}

main().then(
	() => {
		cleanup();
		process.exit(0);
	},
	(error) => {
		log(`FAILED: ${error?.stack ?? error}`);
		cleanup();
		process.exit(1);
	},
);
