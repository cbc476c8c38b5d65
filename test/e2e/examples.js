// @ts-check
'use strict';

/**
 * The README's example workflows (examples/*.json) made runnable by `n8n execute` against the
 * simulator, with as little change as possible: a Manual Trigger instead of the schedule, our
 * credentials, and for the spreadsheet examples Convert to File + Write to Disk instead of Google
 * Sheets. Each comes with the check of what it must produce. The Wolkvox Trigger examples run as
 * n8n runs them in production instead: published and polled by `n8n start` (triggerExampleRuns).
 */

const fs = require('node:fs');
const path = require('node:path');
const { DateTime } = require('luxon');
const { spawnInGroup, killGroup } = require('./setup');
const { httpJson } = require('../../tools/http');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const WOLKVOX_NODE = 'Wolkvox';

/** @param {string} file */
const loadExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/** The schedule becomes a Manual Trigger of the same name, so the connections stay as they are. @param {any} workflow */
function manualStart(workflow) {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger')
			Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	}
	return workflow;
}

/** Points every credential of a type at an imported one. @param {any} workflow @param {Record<string, string>} ids */
function useCredentials(workflow, ids) {
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (ids[type]) node.credentials[type] = { id: ids[type], name: `cred ${ids[type]}` };
		}
	}
	return workflow;
}

/**
 * Google Sheets → Convert to File (CSV) → Read/Write Files from Disk; with `append`, each execution
 * adds its CSV (header and rows) to the file.
 * @param {any} workflow @param {string} csvPath
 */
function spreadsheetToFile(workflow, csvPath, append = false) {
	const sheets = workflow.nodes.find(
		(/** @type {any} */ node) => node.type === 'n8n-nodes-base.googleSheets',
	);
	Object.assign(sheets, {
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		parameters: { operation: 'csv', options: { fileName: 'workforce.csv' } },
	});
	delete sheets.credentials;
	workflow.nodes.push({
		id: 'write-file',
		name: 'Write CSV',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position: [660, 0],
		parameters: {
			operation: 'write',
			fileName: csvPath,
			dataPropertyName: 'data',
			options: append ? { append: true } : {},
		},
	});
	workflow.connections[sheets.name] = { main: [[{ node: 'Write CSV', type: 'main', index: 0 }]] };
	return workflow;
}

/**
 * @param {{ credentials: Record<string, string>, filesDir: string, messages: Array<{ data: string }> }} context
 * @returns {Array<{ id: string, workflow: any, check: (execution: any, outputOf: (execution: any, node: string) => any[] | undefined, ok: (pass: boolean, what: string) => boolean) => void }>}
 */
function exampleRuns({ credentials, filesDir, messages }) {
	const csvPath = path.join(filesDir, 'workforce.csv');
	const prepare = (/** @type {string} */ file, /** @type {string} */ id) => ({
		...useCredentials(manualStart(loadExample(file)), credentials),
		id,
		name: `e2e example ${file}`,
	});
	return [
		{
			id: 'e2eExampleSheet1',
			workflow: spreadsheetToFile(
				prepare('hourly-to-google-sheets.json', 'e2eExampleSheet1'),
				csvPath,
			),
			check(execution, outputOf, ok) {
				const rows = outputOf(execution, WOLKVOX_NODE) ?? [];
				ok(execution.status === 'success', `hourly example: success (${execution.status})`);
				if (rows.length === 0)
					return void ok(!fs.existsSync(csvPath), 'hourly example: a quiet hour writes no file');
				const lines = fs.existsSync(csvPath)
					? fs.readFileSync(csvPath, 'utf8').trim().split('\n')
					: [];
				ok(
					lines.length === rows.length + 1,
					`hourly example: the CSV has a header and ${rows.length} rows (got ${lines.length} lines)`,
				);
				ok(
					(lines[0] ?? '').replace(/^\uFEFF/, '') === Object.keys(rows[0].json).join(','),
					`hourly example: CSV columns are the node's fields (${lines[0]})`,
				);
				ok(
					lines
						.slice(1)
						.every((line, index) => line.includes(String(rows[index].json.inbound_calls))),
					'hourly example: CSV rows carry the calls of the node output',
				);
			},
		},
		{
			id: 'e2eExampleMail01',
			workflow: prepare('daily-email-report.json', 'e2eExampleMail01'),
			check(execution, outputOf, ok) {
				const rows = outputOf(execution, WOLKVOX_NODE) ?? [];
				ok(execution.status === 'success', `e-mail example: success (${execution.status})`);
				ok(
					rows.length >= 24,
					`e-mail example: yesterday, all skills gives at least 24 rows (${rows.length})`,
				);
				ok(
					messages.length === 1,
					`e-mail example: one message reached the SMTP sink (${messages.length})`,
				);
				const body = (messages[0]?.data ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
				ok(
					/<table/i.test(body) && /Inbound Calls/i.test(body),
					'e-mail example: the message holds the HTML table with an Inbound Calls column',
				);
				const peak = rows.reduce((best, row) => Math.max(best, row.json.inbound_calls ?? 0), 0);
				ok(
					body.includes(`>${peak}<`),
					`e-mail example: the busiest hour's ${peak} calls are in the table`,
				);
				ok(
					rows.every(
						(row) =>
							typeof row.json.erlang_agents_required === 'number' ||
							row.json.inbound_calls === null,
					),
					'e-mail example: rows carry the Erlang C staffing check',
				);
			},
		},
		{
			id: 'e2eExamplePeak01',
			workflow: prepare('peak-hour-code.json', 'e2eExamplePeak01'),
			check(execution, outputOf, ok) {
				const rows = (outputOf(execution, WOLKVOX_NODE) ?? []).map((row) => row.json);
				const [result] = outputOf(execution, 'Peak hour') ?? [];
				ok(execution.status === 'success', `peak-hour example: success (${execution.status})`);
				const peak = rows.reduce(
					(best, row) => (row.inbound_calls > best.inbound_calls ? row : best),
					rows[0],
				);
				ok(rows.length > 12, `peak-hour example: a day of one skill (${rows.length} rows)`);
				ok(
					result?.json.peak_hour_start === peak?.hour_start &&
						result?.json.peak_inbound_calls === peak?.inbound_calls,
					`peak-hour example: the Code node finds the busiest hour ${peak?.hour_start} (${peak?.inbound_calls} calls); got ${JSON.stringify(result?.json)}`,
				);
			},
		},
	];
}

/** Poll Times every 10 s: n8n refuses a cron that fires more than once a minute, not six that fire once each. */
const EVERY_TEN_SECONDS = {
	item: [0, 10, 20, 30, 40, 50].map((second) => ({
		mode: 'custom',
		cronExpression: `${second} * * * * *`,
	})),
};

/** The Skills Now answers the queue alert sees, one per poll (the last repeats): skill 12's queue. */
const QUEUE_OF_SKILL_12 = [3, 12, 14, 8, 4, 3];

/** The CSV the half-hourly example appended, as rows of named values. @param {string} csvPath */
function csvRows(csvPath) {
	if (!fs.existsSync(csvPath)) return [];
	// Convert to File starts the CSV with a byte order mark.
	const lines = fs
		.readFileSync(csvPath, 'utf8')
		.replace(/^\uFEFF/, '')
		.split('\n')
		.filter(Boolean);
	const header = lines[0]?.split(',') ?? [];
	return lines
		.filter((line) => line !== lines[0])
		.map((line) =>
			Object.fromEntries(line.split(',').map((value, index) => [header[index], value])),
		);
}

/**
 * The Wolkvox Trigger examples in production: imported, published and polled by `n8n start` every
 * 10 s against the simulator (rows per interval; scripted Skills Now answers).
 * - half-hourly sheet: its static data is seeded with a cursor 90 minutes back, so the first poll
 *   emits the three half hours it missed, every skill once each, appended to a CSV file;
 * - queue alert: across the scripted queue of skill 12 (3, 12, 14, 8, 4, 3 ...) with "greater than
 *   10, value to clear 5", exactly one e-mail when it opens and one when it ends.
 * @param {{ credentials: Record<string, string>, filesDir: string, messages: Array<{ data: string }>, simUrl: string }} context
 */
function triggerExampleRuns({ credentials, filesDir, messages, simUrl }) {
	const csvPath = path.join(filesDir, 'half-hours.csv');
	const prepare = (/** @type {string} */ file, /** @type {string} */ id) => {
		const workflow = useCredentials(loadExample(file), credentials);
		const trigger = workflow.nodes.find(
			(/** @type {any} */ node) => node.type === 'n8n-nodes-wolkvox.wolkvoxTrigger',
		);
		trigger.parameters.pollTimes = EVERY_TEN_SECONDS;
		return { workflow: { ...workflow, id, name: `e2e example ${file}` }, trigger };
	};
	const sheet = prepare('half-hourly-to-google-sheets.json', 'e2eTriggerSheet1');
	spreadsheetToFile(sheet.workflow, csvPath, true);
	const zone = sheet.workflow.settings.timezone;
	const now = DateTime.now().setZone(zone).minus({ minutes: 5 });
	const complete = now.startOf('hour').plus({ minutes: now.minute < 30 ? 0 : 30 });
	const missed = [90, 60, 30].map((minutes) => complete.minus({ minutes }));
	sheet.workflow.staticData = {
		[`node:${sheet.trigger.name}`]: {
			nextWallClockTime: missed[0].toFormat("yyyy-MM-dd'T'HH:mm:ss"),
			zone,
		},
	};
	const alert = prepare('queue-alert-email.json', 'e2eTriggerAlert1');
	const control = (/** @type {string} */ route, /** @type {unknown} */ body) =>
		httpJson(new URL(route, simUrl).href, { method: 'POST', body, timeoutMs: 5000 });
	const skillsAnswer = (/** @type {number} */ queue) =>
		[12, 15, 27].map((id) => ({
			skill_id: String(id),
			skill_name: `Skill ${id}`,
			calls_in_queue_now: String(id === 12 ? queue : 2),
			service_level_20seg: '80.00%',
		}));

	return {
		workflows: [sheet.workflow, alert.workflow],
		/**
		 * Activates both, runs `n8n start` until the alert has seen its whole script and both e-mails
		 * arrived (at most `timeoutMs`), stops it and checks what came out.
		 * @param {{ toolchain: { nodeBin: string, n8nBin: string, n8nVersion: string }, env: NodeJS.ProcessEnv,
		 *   cli: (argv: string[]) => Promise<{ code: number | null, stdout: string, stderr: string }>,
		 *   freePort: () => Promise<unknown>, secrets: string[], ok: (pass: boolean, what: string) => boolean,
		 *   log: (message: string) => void, timeoutMs?: number }} run
		 */
		async run({ toolchain, env, cli, freePort, secrets, ok, log, timeoutMs = 150_000 }) {
			// n8n 2 publishes a workflow; n8n 1 sets it active.
			const activate = toolchain.n8nVersion.startsWith('1.')
				? (/** @type {string} */ id) => ['update:workflow', `--id=${id}`, '--active=true']
				: (/** @type {string} */ id) => ['publish:workflow', `--id=${id}`];
			for (const { id } of [sheet.workflow, alert.workflow]) {
				const activated = await cli(activate(id));
				ok(activated.code === 0, `${id}: ${activate(id)[0]} succeeds`);
			}
			await control('/__sim/interval-rows', { enabled: true });
			await control('/__sim/script', {
				api: 'skills',
				answers: QUEUE_OF_SKILL_12.map(skillsAnswer),
			});
			const mailsBefore = messages.length;
			const started = Date.now();
			const { child, ended } = spawnInGroup(toolchain.nodeBin, [toolchain.n8nBin, 'start'], {
				env: { ...env, N8N_PORT: String(await freePort()) },
				cwd: env.N8N_USER_FOLDER,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-200_000)));
			child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-200_000)));
			/** @type {any} */
			let stats;
			const scriptDone = () => (stats?.scripts?.skills?.served ?? 0) > QUEUE_OF_SKILL_12.length;
			while (Date.now() - started < timeoutMs && child.exitCode === null) {
				await new Promise((resolve) => setTimeout(resolve, 2000));
				stats = (await httpJson(new URL('/__sim/stats', simUrl).href, { timeoutMs: 5000 })).json;
				if (scriptDone() && messages.length - mailsBefore >= 2) break;
			}
			// One more poll's time, so an e-mail too many would show.
			await new Promise((resolve) => setTimeout(resolve, 12_000));
			stats = (await httpJson(new URL('/__sim/stats', simUrl).href, { timeoutMs: 5000 })).json;
			killGroup(child);
			await ended;
			log(`n8n start ran the trigger examples for ${((Date.now() - started) / 1000).toFixed(0)} s`);
			ok(
				!secrets.some((secret) => output.includes(secret)),
				'trigger examples: no token in the output of n8n start',
			);

			const rows = csvRows(csvPath);
			const pairs = new Set(rows.map((row) => `${row.skill_id} ${row.interval_start}`));
			const starts = missed.map((start) => start.toISO({ suppressMilliseconds: true }));
			ok(
				rows.length >= 9 && pairs.size === rows.length,
				`half-hourly example: each half hour of each skill appended once (${rows.length} rows, ${pairs.size} distinct)`,
			);
			ok(
				starts.every((start) => [12, 15, 27].every((skill) => pairs.has(`${skill} ${start}`))),
				`half-hourly example: the three missed half hours ${starts.join(', ')} of skills 12, 15 and 27 are there`,
			);
			ok(
				rows.every((row) => row.interval_seconds === '1800'),
				'half-hourly example: every row covers 1800 s',
			);

			const served = stats?.scripts?.skills?.served ?? 0;
			ok(
				served > QUEUE_OF_SKILL_12.length && stats.byApi.skills === served,
				`queue alert example: one Skills Now request per poll (${served} polls, ${stats?.byApi?.skills} requests)`,
			);
			const mails = messages
				.slice(mailsBefore)
				.map((message) => message.data.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
			const subjects = mails.map((mail) => /^Subject: (.*)$/m.exec(mail)?.[1] ?? '');
			ok(
				subjects.length === 2 &&
					/^Queue alert: Skill 12, 12 calls waiting/.test(subjects[0]) &&
					/^Queue back to normal: Skill 12, 4 calls waiting/.test(subjects[1]),
				`queue alert example: one e-mail when the queue passed 10, one when it fell to 5 or less (${JSON.stringify(subjects)})`,
			);
			ok(
				mails.every((mail) => mail.includes('Incident skill:12 since ')),
				'queue alert example: the e-mails name the incident and when it began',
			);
		},
	};
}

module.exports = { exampleRuns, triggerExampleRuns };
