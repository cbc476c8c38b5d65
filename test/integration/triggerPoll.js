// @ts-check
'use strict';

/**
 * Shared pieces of the trigger's tests: polls of the Wolkvox Trigger through n8n-core's poll path
 * (tools/harness runPoll) against the simulator, with "now" set through luxon's Settings.now,
 * which the trigger reads through DateTime.now().
 */

const { Settings } = require('luxon');
const { loadPackageTypes, runPoll } = require('../../tools/harness');
const { simulatorCredential } = require('./wolkvox');

const NODE_NAME = 'Wolkvox Trigger';

const realNow = Settings.now;
afterEach(() => {
	Settings.now = realNow;
});

/** Sets luxon's clock (and so the trigger's) to `iso` (an instant, with Z or an offset). @param {string | number} instant */
function setNow(instant) {
	const millis = typeof instant === 'number' ? instant : Date.parse(instant);
	Settings.now = () => millis;
	return millis;
}

/**
 * One poll of a trigger with `parameters`. Polls with the same `nodeId` share the process's memory
 * of what the trigger emitted (PollGuard); another id with the same static data is the trigger
 * after a restart, with only what n8n saved.
 * @param {import('./wolkvox').Simulator | any} sim
 * @param {{ parameters: Record<string, unknown>, staticData?: object, nodeId: string,
 *   timezone?: string, mode?: 'trigger' | 'manual' }} options
 */
async function pollTrigger(sim, { parameters, staticData = {}, nodeId, timezone = 'UTC', mode }) {
	const result = await runPoll({
		types: await loadPackageTypes(),
		node: {
			name: NODE_NAME,
			id: nodeId,
			type: 'n8n-nodes-wolkvox.wolkvoxTrigger',
			parameters: /** @type {any} */ (parameters),
			credentials: { wolkvoxApi: { id: '1', name: 'W' } },
		},
		credentials: { wolkvoxApi: { 1: simulatorCredential(sim) } },
		staticData,
		timezone,
		mode: /** @type {any} */ (mode),
	});
	const rows = (result.emitted?.[0] ?? []).map(
		(item) => /** @type {Record<string, any>} */ (item.json),
	);
	return {
		...result,
		rows,
		nodeState: /** @type {any} */ (result.staticData)[`node:${NODE_NAME}`],
	};
}

/**
 * `date_ini-date_end` of each request of `api` the simulator received, in order.
 * @param {any} sim @param {string} api
 */
function rangesOf(sim, api) {
	return sim
		.stats()
		.datedRanges.filter((/** @type {string} */ entry) => entry.startsWith(`${api} `))
		.map((/** @type {string} */ entry) => entry.slice(api.length + 1));
}

module.exports = { setNow, pollTrigger, rangesOf, NODE_NAME };
