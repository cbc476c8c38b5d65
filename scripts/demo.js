// @ts-check
'use strict';

/**
 * The main job, with no Wolkvox account: starts the bundled Wolkvox simulator, runs a real n8n
 * workflow (Manual Trigger → Wolkvox "Workforce per Hour") through n8n-core's execution engine, and
 * prints the hourly rows the node emitted. Usage: npm run demo [-- --skill 12 --date 2026-11-23]
 */

const { parseArgs } = require('node:util');
const { DateTime } = require('luxon');
const { createSimulator } = require('../tools/simulator');
const { runWorkflow, loadPackageTypes } = require('../tools/harness');

const ZONE = 'America/Bogota';

async function main() {
	const { values } = parseArgs({
		options: {
			skill: { type: 'string', default: 'all' },
			date: {
				type: 'string',
				default: DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate() ?? '',
			},
			from: { type: 'string', default: '08:00' },
			to: { type: 'string', default: '12:00' },
		},
	});
	const sim = await createSimulator();
	try {
		const parameters = {
			resource: 'report',
			operation: 'getWorkforcePerHour',
			skillId: values.skill,
			range: 'custom',
			startDate: `${values.date}T${values.from}:00`,
			endDate: `${values.date}T${values.to}:00`,
			options: {
				timezone: ZONE,
				staffingCheck: {
					target: {
						serviceLevelPercent: 80,
						answerWithinSeconds: 20,
						maxOccupancyPercent: 85,
						shrinkagePercent: 30,
					},
				},
			},
		};
		console.log(
			`Wolkvox simulator on ${sim.url} (server ${sim.server}); running the workflow through n8n-core:`,
		);
		console.log(
			`  Manual Trigger → Wolkvox "Workforce per Hour", skill ${values.skill}, ${parameters.startDate} to ${parameters.endDate} (${ZONE})\n`,
		);
		const result = await runWorkflow({
			types: await loadPackageTypes(),
			nodes: [
				{
					name: 'When clicking "Execute workflow"',
					type: 'n8n-nodes-base.manualTrigger',
					parameters: {},
				},
				{
					name: 'Wolkvox',
					type: 'n8n-nodes-wolkvox.wolkvox',
					parameters,
					credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox (simulator)' } },
				},
			],
			connections: {
				'When clicking "Execute workflow"': {
					main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]],
				},
			},
			credentials: {
				wolkvoxApi: { 1: { server: sim.server, token: sim.token, baseUrl: sim.url } },
			},
			timezone: ZONE,
		});
		if (result.error) throw result.error;
		const rows = (result.items.Wolkvox?.[0] ?? []).map((item) => item.json);
		printTable(rows, [
			['hour_start', 'hour start'],
			['skill_id', 'skill'],
			['inbound_calls', 'calls'],
			['inbound_calls_unique_customers', 'customers'],
			['aht', 'AHT s'],
			['agents_needed', 'agents (Wolkvox)'],
			['erlang_agents_required', 'agents (Erlang C 80/20)'],
			['erlang_agents_scheduled', 'scheduled (30% shrinkage)'],
		]);
		const stats = sim.stats();
		console.log(
			`\n${rows.length} items (one per skill and hour), ${stats.requests} request to the API, status ${result.status}.`,
		);
	} finally {
		await sim.close();
	}
}

/** @param {Array<Record<string, unknown>>} rows @param {Array<[string, string]>} columns */
function printTable(rows, columns) {
	const cells = rows.map((row) =>
		columns.map(([key]) => (row[key] === null ? '—' : String(row[key]))),
	);
	const widths = columns.map(([, title], index) =>
		Math.max(title.length, ...cells.map((line) => line[index].length)),
	);
	const line = (/** @type {string[]} */ values) =>
		values.map((value, index) => value.padStart(widths[index])).join('  ');
	console.log(line(columns.map(([, title]) => title)));
	console.log(widths.map((width) => '─'.repeat(width)).join('  '));
	for (const row of cells) console.log(line(row));
}

main().catch((error) => {
	console.error(`demo failed: ${error?.message ?? error}`);
	process.exitCode = 1;
});
