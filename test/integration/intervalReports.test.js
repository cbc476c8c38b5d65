// @ts-check
'use strict';

/**
 * The interval reports on the one path: every one dated (interval_start, interval_seconds), the
 * staffing check where the spec offers it, "Split Long Range" cutting time-of-day reports at
 * midnights, and a time-of-day report over several days in one request summed and undated.
 */

const { expectedCatalogueItems } = require('../../tools/simulator');
const { ENDPOINTS, PARAMETERS } = require('../../dist/nodes/shared/wolkvox/spec');
const { staffingCheck } = require('../../dist/nodes/shared/wolkvox/staffing/staffing');
const { useSimulator, runWolkvox, ZONE } = require('./wolkvox');

// Enough rows that every report has some with both a day and a time of day.
const ROWS = 12;
const sim = useSimulator({ catalogueRows: ROWS });

const TARGET = {
	serviceLevelPercent: 80,
	answerWithinSeconds: 20,
	maxOccupancyPercent: 85,
	shrinkagePercent: 30,
};
const byApi = (/** @type {string} */ api) =>
	/** @type {any} */ (ENDPOINTS.find((/** @type {any} */ e) => e.api === api));
const naive = (/** @type {string} */ text) => Date.parse(`${text}Z`);

/** Parameters of `endpoint` for [start, end) (naive texts), "all" or a sample id for its parameters. */
function parametersOf(/** @type {any} */ endpoint, start, end, options = {}) {
	/** @type {Record<string, unknown>} */
	const parameters = {
		resource: endpoint.resource,
		operation: endpoint.operation,
		range: 'custom',
		startDate: start,
		endDate: end,
		options,
	};
	for (const param of endpoint.params ?? []) {
		const spec = /** @type {any} */ (PARAMETERS)[param.wire];
		parameters[spec.name] = { __rl: true, mode: 'id', value: param.all ? 'all' : '12' };
	}
	return parameters;
}

const INTERVAL_REPORTS = ENDPOINTS.filter(
	(/** @type {any} */ e) => e.interval && e.api !== 'skill_5',
);

test('the spec names the eight interval reports of the contract', () => {
	expect(
		ENDPOINTS.filter((/** @type {any} */ e) => e.interval)
			.map((/** @type {any} */ e) => e.api)
			.sort(),
	).toEqual(
		[
			'agent_6',
			'agent_8',
			'agent_8_1',
			'skill_4',
			'skill_4_1',
			'skill_4_2',
			'skill_5',
			'skill_7',
		].sort(),
	);
	expect(
		ENDPOINTS.filter((/** @type {any} */ e) => e.staffing)
			.map((/** @type {any} */ e) => e.api)
			.sort(),
	).toEqual(['skill_4', 'skill_4_1', 'skill_4_2', 'skill_5'].sort());
});

describe.each(INTERVAL_REPORTS.map((/** @type {any} */ e) => [e.api, e]))(
	'%s',
	(_api, endpoint) => {
		test('every row is dated: first instant of its interval in the range, real seconds', async () => {
			const result = await runWolkvox(
				sim,
				parametersOf(endpoint, '2026-11-23T00:00:00', '2026-11-24T00:00:00'),
			);
			expect(result.error).toBeUndefined();
			expect(result.rows).toEqual(
				expectedCatalogueItems(endpoint, {
					zone: ZONE,
					rows: ROWS,
					window: { from: naive('2026-11-23T00:00:00'), to: naive('2026-11-24T00:00:00') },
				}),
			);
			expect(result.rows.some((row) => typeof row.interval_start === 'string')).toBe(true);
		});
	},
);

describe.each(
	INTERVAL_REPORTS.filter((/** @type {any} */ e) => !e.interval.dateField).map(
		(/** @type {any} */ e) => [e.api, e],
	),
)('%s, a time-of-day report', (_api, endpoint) => {
	test('three days with "Split Long Range": one request per day, cut at midnight', async () => {
		const result = await runWolkvox(
			sim,
			parametersOf(endpoint, '2026-11-21T07:30:00', '2026-11-24T00:00:00', {
				splitLongRange: true,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().datedRanges).toEqual([
			`${endpoint.api} 20261121073000-20261121235959`,
			`${endpoint.api} 20261122000000-20261122235959`,
			`${endpoint.api} 20261123000000-20261123235959`,
		]);
		const days = ['2026-11-21', '2026-11-22', '2026-11-23'];
		const perDay = days.map((day, index) =>
			expectedCatalogueItems(endpoint, {
				zone: ZONE,
				rows: ROWS,
				window: {
					from: index === 0 ? naive('2026-11-21T07:30:00') : naive(`${day}T00:00:00`),
					to: naive(`${day}T00:00:00`) + 86_400_000,
				},
			}),
		);
		expect(result.rows).toEqual(perDay.flat());
	});

	test('the same range without it: one request, each time of day summed over its days, undated', async () => {
		const result = await runWolkvox(
			sim,
			parametersOf(endpoint, '2026-11-21T07:30:00', '2026-11-24T00:00:00'),
		);
		expect(result.error).toBeUndefined();
		expect(sim.stats().datedRanges).toEqual([`${endpoint.api} 20261121073000-20261123235959`]);
		for (const row of result.rows) {
			expect(row.interval_start).toBeNull();
			if (row.interval_seconds !== null)
				expect(row.interval_seconds).toBeGreaterThanOrEqual(2 * endpoint.interval.minutes * 60);
		}
	});
});

describe.each(
	ENDPOINTS.filter((/** @type {any} */ e) => e.staffing && e.api !== 'skill_5').map(
		(/** @type {any} */ e) => [e.api, e],
	),
)('%s offers the staffing check', (_api, endpoint) => {
	test("each row staffed over its interval's real length", async () => {
		const result = await runWolkvox(
			sim,
			parametersOf(endpoint, '2026-11-23T00:00:00', '2026-11-24T00:00:00', {
				staffingCheck: { target: TARGET },
			}),
		);
		expect(result.error).toBeUndefined();
		const target = {
			serviceLevel: 0.8,
			answerWithinSeconds: 20,
			maxOccupancy: 0.85,
			shrinkage: 0.3,
		};
		expect(result.rows.some((row) => typeof row.erlang_agents_required === 'number')).toBe(true);
		for (const row of result.rows)
			expect(row).toEqual(expect.objectContaining(staffingCheck(row, target)));
	});
});

test('with the callers\' patience the rows also get Erlang A; patience 0 is "not set"', async () => {
	const skill4 = byApi('skill_4_1');
	const range = ['2026-11-23T00:00:00', '2026-11-24T00:00:00'];
	const withPatience = await runWolkvox(
		sim,
		parametersOf(skill4, ...range, {
			staffingCheck: { target: { ...TARGET, patienceSeconds: 90 } },
		}),
	);
	expect(withPatience.error).toBeUndefined();
	const target = {
		serviceLevel: 0.8,
		answerWithinSeconds: 20,
		maxOccupancy: 0.85,
		shrinkage: 0.3,
		patienceSeconds: 90,
	};
	expect(withPatience.rows.some((row) => typeof row.erlang_a_agents_required === 'number')).toBe(
		true,
	);
	for (const row of withPatience.rows)
		expect(row).toEqual(expect.objectContaining(staffingCheck(row, target)));
	const unset = await runWolkvox(
		sim,
		parametersOf(skill4, ...range, {
			staffingCheck: { target: { ...TARGET, patienceSeconds: 0 } },
		}),
	);
	for (const row of unset.rows) expect(row).not.toHaveProperty('erlang_a_agents_required');
});

test('a report without calls and handle time offers no staffing check: the option is not read', async () => {
	const agent6 = byApi('agent_6');
	const result = await runWolkvox(
		sim,
		parametersOf(agent6, '2026-11-23T00:00:00', '2026-11-24T00:00:00', {
			staffingCheck: { target: TARGET },
		}),
	);
	expect(result.error).toBeUndefined();
	for (const row of result.rows) expect(row).not.toHaveProperty('erlang_agents_required');
});
