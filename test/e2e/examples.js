// @ts-check
'use strict';

/**
 * The README's example workflows (examples/*.json) made runnable by `n8n execute` against the
 * simulator, with as little change as possible: a Manual Trigger instead of the schedule, our
 * credentials, and for the spreadsheet example Convert to File + Write to Disk instead of Google
 * Sheets. Each comes with the check of what it must produce.
 */

const fs = require('node:fs');
const path = require('node:path');

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

/** Google Sheets → Convert to File (CSV) → Read/Write Files from Disk. @param {any} workflow @param {string} csvPath */
function spreadsheetToFile(workflow, csvPath) {
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
		parameters: { operation: 'write', fileName: csvPath, dataPropertyName: 'data', options: {} },
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
					/skill_id.*hour_start.*inbound_calls/.test(lines[0] ?? ''),
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

module.exports = { exampleRuns };
