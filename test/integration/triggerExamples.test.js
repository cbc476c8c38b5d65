// @ts-check
'use strict';

/**
 * The trigger nodes of the example workflows (examples/*.json), with the parameters as saved there,
 * polled through n8n-core against the simulator; the end-to-end stage runs the whole workflows in
 * real n8n (test/e2e/examples.js).
 */

const fs = require('node:fs');
const path = require('node:path');
const { useSimulator } = require('./wolkvox');
const { setNow, pollTrigger, rangesOf } = require('./triggerPoll');

const sim = useSimulator({ intervalRows: true });

/** @param {string} file */
const triggerOf = (file) =>
	JSON.parse(
		fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
	).nodes.find((/** @type {any} */ node) => node.type === 'n8n-nodes-wolkvox.wolkvoxTrigger');

test('half-hourly sheet: each half hour of every skill once, dated in the workflow zone', async () => {
	const { parameters } = triggerOf('half-hourly-to-google-sheets.json');
	setNow('2026-11-23T15:10:00Z'); // 10:10 in Bogotá: activation
	const first = await pollTrigger(sim, { parameters, nodeId: 'sheet', timezone: 'America/Bogota' });
	expect([first.error, first.rows]).toEqual([undefined, []]);
	setNow('2026-11-23T15:35:00Z');
	const next = await pollTrigger(sim, {
		parameters,
		staticData: first.staticData,
		nodeId: 'sheet',
		timezone: 'America/Bogota',
	});
	expect(next.rows.map((row) => [row.skill_id, row.hour, row.interval_start])).toEqual(
		[12, 15, 27].map((skill) => [skill, '10:00', '2026-11-23T10:00:00-05:00']),
	);
	expect(rangesOf(sim, 'skill_4_1')).toEqual(['20261123100000-20261123102959']);
});

test('queue alert: fires at 11 calls, not again at 8, resolves at 5', async () => {
	const { parameters } = triggerOf('queue-alert-email.json');
	const queue = (/** @type {number} */ calls) => [
		{ skill_id: '12', skill_name: 'Ventas', calls_in_queue_now: String(calls) },
	];
	sim.script('skills', [queue(11), queue(8), queue(5)]);
	/** @type {object} */
	let staticData = {};
	/** @type {string[]} */
	const emitted = [];
	for (let minute = 0; minute < 3; minute++) {
		setNow(Date.parse('2026-11-23T15:00:00Z') + minute * 60_000);
		const poll = await pollTrigger(sim, {
			parameters,
			staticData,
			nodeId: 'alert',
			timezone: 'America/Bogota',
		});
		expect(poll.error).toBeUndefined();
		staticData = poll.staticData;
		emitted.push(...poll.rows.map((row) => `${row.alert_state} ${row.calls_in_queue_now}`));
	}
	expect(emitted).toEqual(['firing 11', 'resolved 5']);
});
