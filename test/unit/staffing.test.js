// @ts-check
const {
	staffingCheck,
	STAFFING_TARGET_FIELDS,
	MIN_STAFFING_INTERVAL_SECONDS,
} = require('../../dist/nodes/shared/wolkvox/staffing/staffing');
const { requiredAgents } = require('../../dist/nodes/shared/wolkvox/staffing/erlang');
const { requiredAgentsErlangA } = require('../../dist/nodes/shared/wolkvox/staffing/erlangA');

const target = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };
const patient = { ...target, patienceSeconds: 60 };
const row = {
	skill_id: 12,
	hour: 7,
	hour_start: 'x',
	inbound_calls: 1000,
	inbound_calls_unique_customers: 900,
	aht: 120,
	agents_needed: 38,
	interval_seconds: 3600,
};

const ERLANG_C_FIELDS = [
	'erlang_agents_required',
	'erlang_agents_scheduled',
	'erlang_service_level',
	'erlang_occupancy',
	'erlang_probability_wait',
	'erlang_average_speed_of_answer_seconds',
	'erlang_agent_hours',
];
const ERLANG_A_FIELDS = [
	'erlang_a_agents_required',
	'erlang_a_service_level',
	'erlang_a_abandon_rate',
	'erlang_a_average_speed_of_answer_seconds',
];

describe('staffingCheck on a row', () => {
	test('an hour of 1000 calls at 120 s gives the golden 40 / 58, 40 agent hours', () => {
		expect(staffingCheck(row, target)).toEqual({
			erlang_agents_required: 40,
			erlang_agents_scheduled: 58,
			erlang_service_level: 0.9372,
			erlang_occupancy: 0.8333,
			// Checked against exact rational arithmetic (Python fractions): C = 0.190737, ASA = 3.4333 s.
			erlang_probability_wait: 0.1907,
			erlang_average_speed_of_answer_seconds: 3.4,
			erlang_agent_hours: 40,
		});
	});

	test('with the callers’ patience, Erlang A figures too (39 agents: the occupancy cap decides)', () => {
		// The birth–death chain (test/unit/erlang-a.test.js checks the module against it) gives at 39
		// agents P(abandon) 0.021545, service level 0.968209, ASA 1.164 s; at 38 agents the carried
		// traffic keeps them 85.24 % busy, over the 85 % cap.
		expect(staffingCheck(row, patient)).toEqual({
			...staffingCheck(row, target),
			erlang_a_agents_required: 39,
			erlang_a_service_level: 0.9682,
			erlang_a_abandon_rate: 0.0215,
			erlang_a_average_speed_of_answer_seconds: 1.2,
		});
	});

	test('Erlang A fields are the search’s figures, rounded as the Erlang C ones', () => {
		const half = { ...row, inbound_calls: 100, aht: 180, interval_seconds: 1800 };
		const exact = requiredAgentsErlangA(100, 180, 1800, { ...patient, patienceSeconds: 90 });
		const check = staffingCheck(half, { ...patient, patienceSeconds: 90 });
		expect(check).toMatchObject({
			erlang_a_agents_required: exact?.agents,
			erlang_a_service_level: Math.round(/** @type {number} */ (exact?.serviceLevel) * 1e4) / 1e4,
			erlang_a_abandon_rate: Math.round(/** @type {number} */ (exact?.abandonRate) * 1e4) / 1e4,
			erlang_a_average_speed_of_answer_seconds:
				Math.round(/** @type {number} */ (exact?.averageSpeedOfAnswerSeconds) * 10) / 10,
		});
	});

	test('without patience, no Erlang A field at all (saved workflows keep their columns)', () => {
		expect(Object.keys(staffingCheck(row, target)).sort()).toEqual([...ERLANG_C_FIELDS].sort());
		expect(Object.keys(staffingCheck(row, patient)).sort()).toEqual(
			[...ERLANG_C_FIELDS, ...ERLANG_A_FIELDS].sort(),
		);
	});

	test('agent hours are the required agents over the real seconds, to 0.01 h', () => {
		const cut = { ...row, inbound_calls: 100, aht: 180, interval_seconds: 1000 };
		const agents = requiredAgents(100, 180, 1000, target)?.agentsRequired;
		expect(agents).toBe(22);
		expect(staffingCheck(cut, target).erlang_agent_hours).toBe(6.11); // 22 x 1000 / 3600 = 6.111…
		const repeated = { ...row, interval_seconds: 7200 };
		expect(staffingCheck(repeated, target).erlang_agent_hours).toBe(
			2 * /** @type {number} */ (requiredAgents(1000, 120, 7200, target)?.agentsRequired),
		);
	});

	test('a repeated fall-back hour is staffed over its 7200 s', () => {
		expect(staffingCheck({ ...row, interval_seconds: 7200 }, target).erlang_agents_required).toBe(
			requiredAgents(1000, 120, 7200, target)?.agentsRequired,
		);
	});

	test('any interval report row fits: only calls, handle time and seconds are read', () => {
		const skill4Row = { skill_id: 3, interval_start: 'x', inbound_calls: 1000, aht: 120 };
		expect(staffingCheck({ ...skill4Row, interval_seconds: 3600 }, patient)).toEqual(
			staffingCheck(row, patient),
		);
	});

	test(`no staffing figure under ${MIN_STAFFING_INTERVAL_SECONDS} s of interval`, () => {
		expect(MIN_STAFFING_INTERVAL_SECONDS).toBe(300);
		const short = staffingCheck({ ...row, inbound_calls: 5, interval_seconds: 299 }, patient);
		for (const field of [...ERLANG_C_FIELDS, ...ERLANG_A_FIELDS]) expect(short[field]).toBeNull();
		const enough = staffingCheck({ ...row, inbound_calls: 5, interval_seconds: 300 }, patient);
		for (const field of [...ERLANG_C_FIELDS, ...ERLANG_A_FIELDS])
			expect(enough[field]).toEqual(expect.any(Number));
	});

	test.each([
		['unknown calls', { inbound_calls: null }],
		['unknown handle time', { aht: null }],
		['negative calls', { inbound_calls: -5 }],
		['AHT 0 with calls', { aht: 0 }],
		['a skipped hour (0 s)', { interval_seconds: 0 }],
		['no interval (hour outside the window)', { interval_seconds: null }],
		['absurd traffic (corrupt AHT)', { aht: 99999999999 }],
	])('%s → not computed (null), Erlang A too', (_name, change) => {
		const check = staffingCheck({ ...row, ...change }, patient);
		for (const field of [...ERLANG_C_FIELDS, ...ERLANG_A_FIELDS]) expect(check[field]).toBeNull();
		expect(staffingCheck({ ...row, ...change }, target).erlang_agents_required).toBeNull();
	});

	test('patience within the bounds the editor and the runtime read gives figures at both ends (0 is "not set")', () => {
		expect(STAFFING_TARGET_FIELDS.patienceSeconds).toEqual({ min: 0, max: 3600 });
		for (const patienceSeconds of [1, STAFFING_TARGET_FIELDS.patienceSeconds.max]) {
			const check = staffingCheck(row, { ...target, patienceSeconds });
			for (const field of ERLANG_A_FIELDS) expect(check[field]).toEqual(expect.any(Number));
		}
	});
});
