// @ts-check
'use strict';

/**
 * Shared pieces of the integration tests: a Manual Trigger → Wolkvox workflow run through n8n-core
 * against the simulator, and the rows the node should output for what the simulator sends.
 */

const { DateTime } = require('luxon');
const { runWorkflow, loadPackageTypes } = require('../../tools/harness');
const { useSharedSimulator } = require('../simulator/useSharedSimulator');
const { realTimeOf, HOUR_MS } = require('../../tools/simulator/realTime');

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
 * @param {{ inputItems?: Array<{json: object}>, credential?: object, continueOnFail?: boolean, timezone?: string, alwaysOutputData?: boolean, typeVersion?: number }} [options]
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
				...(options.typeVersion ? { typeVersion: options.typeVersion } : {}),
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				...(options.alwaysOutputData ? { alwaysOutputData: true } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Wolkvox', type: 'main', index: 0 }]] } },
		credentials: {
			wolkvoxApi: { [CREDENTIAL_ID]: options.credential ?? simulatorCredential(sim) },
		},
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
 * A date as the node reads it, as naive wall-clock milliseconds: text with an offset is an instant
 * shown on the zone's clock, text without one is the wall-clock time as typed.
 * @param {string} text @param {string} zone
 */
function wallClockMillis(text, zone) {
	const hasOffset = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text);
	const moment = hasOffset
		? DateTime.fromISO(text, { setZone: true }).setZone(zone)
		: DateTime.fromISO(text, { zone: 'utc' });
	return Date.UTC(
		moment.year,
		moment.month - 1,
		moment.day,
		moment.hour,
		moment.minute,
		moment.second,
	);
}

/**
 * What the node outputs for the simulator's rows of [start, end) read in `zone`: each hour dated at
 * its first instant inside the range, with the real seconds it covers there.
 * @param {Simulator} sim @param {{ skillId?: string | number, start: string, end: string, zone?: string }} query
 */
function expectedOutput(sim, { skillId = 'all', start, end, zone = ZONE }) {
	const from = wallClockMillis(start, zone);
	const to = wallClockMillis(end, zone);
	const toWolkvox = (/** @type {number} */ wall) =>
		DateTime.fromMillis(wall, { zone: 'utc' }).toFormat('yyyyMMddHHmmss');
	/** @type {Map<number, { start: string | null, seconds: number }>} */
	const hours = new Map();
	return sim
		.expectedRows({ skillId, dateIni: toWolkvox(from), dateEnd: toWolkvox(to - 1000) })
		.map((row) => {
			const { date, ...values } = row;
			const hour = Date.parse(`${date}T00:00:00Z`) + row.hour * HOUR_MS;
			if (!hours.has(hour))
				hours.set(hour, realTimeOf(zone, Math.max(hour, from), Math.min(hour + HOUR_MS, to)));
			const { start: hour_start, seconds: interval_seconds } =
				/** @type {{ start: string | null, seconds: number }} */ (hours.get(hour));
			const { skill_id, inbound_calls, inbound_calls_unique_customers, aht, agents_needed } =
				values;
			return {
				skill_id,
				hour: row.hour,
				hour_start,
				inbound_calls,
				inbound_calls_unique_customers,
				aht,
				agents_needed,
				interval_seconds,
				// Every interval report's name for the hour's start; skill_5 keeps hour_start too.
				interval_start: hour_start,
			};
		});
}

/** Everything a run exposed: output, errors and log lines, as one text to search for secrets. */
function everythingSaid(/** @type {{ run?: unknown, logs: string[], error?: unknown }} */ result) {
	const error = /** @type {any} */ (result.error);
	return [
		JSON.stringify(result.run),
		result.logs.join('\n'),
		error?.message,
		error?.description,
		JSON.stringify(error),
	].join('\n');
}

module.exports = {
	useSimulator,
	runWolkvox,
	customRange,
	expectedOutput,
	simulatorCredential,
	everythingSaid,
	ZONE,
};
