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

const HOUR_MS = 3_600_000;
const STEP_MS = 5 * 60_000;

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
 * Real time showing a wall-clock time in [from, to) (naive ms), by walking real time in 5-minute
 * steps (every zone these tests use changes offset on a 5-minute boundary): its first instant as
 * ISO with offset, and its length in seconds.
 * @param {string} zone @param {number} from @param {number} to
 */
function realTimeOf(zone, from, to) {
	let first = null;
	let seconds = 0;
	for (let instant = from - 15 * HOUR_MS; instant < to + 13 * HOUR_MS; instant += STEP_MS) {
		const offsetMs = DateTime.fromMillis(instant, { zone }).offset * 60_000;
		if (instant + offsetMs >= from && instant + offsetMs < to) {
			first ??= instant;
			seconds += STEP_MS / 1000;
		}
	}
	return {
		hour_start:
			first === null
				? null
				: DateTime.fromMillis(first, { zone }).toISO({ suppressMilliseconds: true }),
		interval_seconds: seconds,
	};
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
	/** @type {Map<number, { hour_start: string | null, interval_seconds: number }>} */
	const hours = new Map();
	return sim
		.expectedRows({ skillId, dateIni: toWolkvox(from), dateEnd: toWolkvox(to - 1000) })
		.map((row) => {
			const { date, ...values } = row;
			const hour = Date.parse(`${date}T00:00:00Z`) + row.hour * HOUR_MS;
			if (!hours.has(hour))
				hours.set(hour, realTimeOf(zone, Math.max(hour, from), Math.min(hour + HOUR_MS, to)));
			const { hour_start, interval_seconds } =
				/** @type {{ hour_start: string | null, interval_seconds: number }} */ (hours.get(hour));
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
