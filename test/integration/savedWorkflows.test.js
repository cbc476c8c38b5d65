// @ts-check
'use strict';

/**
 * Workflows saved with 0.1.0 and 0.2.0 run unchanged: each case of
 * test/fixtures/saved-workflows/cases.json (the Wolkvox node's parameters as n8n saved them) runs
 * through n8n-core against the simulator, and every field 0.2.0 output is still there with the same
 * value (outputs-0.2.0.json, recorded from 0.2.0 by tools/record-saved-outputs.js). What this
 * version adds is only the fields the contract names.
 */

const { Settings } = require('luxon');
const { runWorkflow, loadPackageTypes } = require('../../tools/harness');
const { savedWorkflow } = require('../../tools/record-saved-outputs');
const { useSimulator } = require('./wolkvox');
const cases = require('../fixtures/saved-workflows/cases.json');
const recorded = require('../fixtures/saved-workflows/outputs-0.2.0.json');

const sim = useSimulator();

/** Fields this version may add to a row (design.md, "Interval reports"). */
const ADDED = new Set([
	'interval_start',
	'interval_seconds',
	'erlang_agent_hours',
	'erlang_a_agents_required',
	'erlang_a_service_level',
	'erlang_a_abandon_rate',
	'erlang_a_average_speed_of_answer_seconds',
]);

const realNow = Settings.now;
afterEach(() => {
	Settings.now = realNow;
});

test.each(cases.map((/** @type {any} */ savedCase) => [savedCase.name, savedCase]))(
	'%s',
	async (name, savedCase) => {
		const now = Date.parse(savedCase.now);
		Settings.now = () => now;
		const types = await loadPackageTypes();
		const result = await runWorkflow(savedWorkflow(types, sim, savedCase.parameters));
		expect(result.error).toBeUndefined();
		const rows = (result.items.Wolkvox?.[0] ?? []).map((item) => item.json);
		const before = /** @type {Record<string, unknown>[]} */ (recorded[name]);
		expect(before.length).toBeGreaterThan(0);
		expect(rows).toHaveLength(before.length);
		rows.forEach((row, index) => {
			const added = Object.keys(row).filter((field) => !(field in before[index]));
			expect(added.filter((field) => !ADDED.has(field))).toEqual([]);
			const kept = Object.fromEntries(Object.keys(before[index]).map((key) => [key, row[key]]));
			expect(kept).toEqual(before[index]);
		});
	},
);

test('the interval reports among them gain their dating, Workforce per Hour its hour_start twin', async () => {
	const [hourly] = cases;
	Settings.now = () => Date.parse(hourly.now);
	const types = await loadPackageTypes();
	const result = await runWorkflow(savedWorkflow(types, sim, hourly.parameters));
	const rows = (result.items.Wolkvox?.[0] ?? []).map((item) => item.json);
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) {
		expect(row.interval_start).toBe(row.hour_start);
		expect(row.interval_seconds).toBe(3600);
	}
});
