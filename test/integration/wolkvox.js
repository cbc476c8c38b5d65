// @ts-check
'use strict';

/**
 * Shared pieces of the integration tests: a Manual Trigger → Wolkvox workflow run through n8n-core
 * against the simulator, and the rows the node should output for what the simulator sends.
 */

const { DateTime } = require('luxon');
const { runWorkflow, loadPackageTypes } = require('../../tools/harness');
const { useSharedSimulator } = require('../simulator/useSharedSimulator');

const CREDENTIAL_ID = '1';
const ZONE = 'America/Bogota';

/** @typedef {Awaited<ReturnType<typeof import('../../tools/simulator').createSimulator>>} Simulator */

/**
 * One simulator for a test file, back to its first state and with a full quota before each test.
 * @param {Parameters<typeof import('../../tools/simulator').createSimulator>[0]} [options]
 * @returns {Simulator}
 */
function useSimulator(options) {
	const sim = useSharedSimulator(options);
	beforeEach(() => {
		for (const token of Object.keys(sim.stats().tokens)) sim.setQuota(token, 1e6);
	});
	return sim;
}

/** The credential as a user would save it for the simulator. @param {Simulator} sim */
function simulatorCredential(sim, overrides = {}) {
	return { server: sim.server, token: sim.token, baseUrl: sim.url, ...overrides };
}

/**
 * Runs Manual Trigger → Wolkvox (getWorkforcePerHour) once.
 * @param {Simulator} sim
 * @param {Record<string, unknown>} parameters the Wolkvox node's parameters
 * @param {{ inputItems?: Array<{json: object}>, credential?: object, continueOnFail?: boolean, timezone?: string, alwaysOutputData?: boolean }} [options]
 */
async function runWolkvox(sim, parameters, options = {}) {
	const types = await loadPackageTypes();
	const result = await runWorkflow({
		types,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Wolkvox',
				type: 'n8n-nodes-wolkvox.wolkvox',
				parameters: { resource: 'report', operation: 'getWorkforcePerHour', ...parameters },
				credentials: { wolkvoxApi: { id: CREDENTIAL_ID, name: 'Wolkvox' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				...(options.alwaysOutputData ? { alwaysOutputData: true } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] } },
		credentials: { wolkvoxApi: { [CREDENTIAL_ID]: options.credential ?? simulatorCredential(sim) } },
		timezone: options.timezone ?? ZONE,
		inputItems: options.inputItems,
	});
	const items = result.items.Wolkvox?.[0] ?? [];
	return { ...result, items, rows: items.map((item) => item.json) };
}

/** Parameters of a custom range. @param {string} start @param {string} end */
function customRange(start, end, extra = {}) {
	return { skillId: 'all', range: 'custom', startDate: start, endDate: end, ...extra };
}

/**
 * What the node outputs for the simulator's rows of [start, end) read in `zone`.
 * @param {Simulator} sim @param {{ skillId?: string | number, start: string, end: string, zone?: string }} query
 */
function expectedOutput(sim, { skillId = 'all', start, end, zone = ZONE }) {
	const toWolkvox = (/** @type {DateTime} */ moment) => moment.toFormat('yyyyMMddHHmmss');
	const from = DateTime.fromISO(start, { zone });
	const to = DateTime.fromISO(end, { zone }).minus({ seconds: 1 });
	return sim.expectedRows({ skillId, dateIni: toWolkvox(from), dateEnd: toWolkvox(to) }).map((row) => {
		const { date, ...values } = row;
		const hourStart = DateTime.fromISO(`${date}T${String(row.hour).padStart(2, '0')}:00`, { zone });
		return { ...values, hour_start: hourStart.toISO({ suppressMilliseconds: true }) };
	});
}

/** Everything a run exposed: output, errors and log lines, as one text to search for secrets. */
function everythingSaid(/** @type {{ run?: unknown, logs: string[], error?: unknown }} */ result) {
	const error = /** @type {any} */ (result.error);
	return [JSON.stringify(result.run), result.logs.join('\n'), error?.message, error?.description, JSON.stringify(error)].join('\n');
}

module.exports = { useSimulator, runWolkvox, customRange, expectedOutput, simulatorCredential, everythingSaid, ZONE };
