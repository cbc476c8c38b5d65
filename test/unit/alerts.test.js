// @ts-check
'use strict';

/** The incident logic of the real-time alert (nodes/shared/wolkvox/alerts.ts), poll by poll. */

const {
	ALERT_VIEWS,
	comparableFields,
	pollAlerts,
	readAlertRule,
	readAlertState,
} = require('../../dist/nodes/shared/wolkvox/alerts');
const { endpointOf } = require('../../dist/nodes/shared/wolkvox/spec');

const SKILLS = /** @type {any} */ (endpointOf('realTime', 'getSkillsNow')).fields;
const AGENTS = /** @type {any} */ (endpointOf('realTime', 'getAgentsNow')).fields;

/** @param {object[]} conditions @param {{ forPolls?: unknown, emitResolved?: unknown }} [more] */
const skillRule = (conditions, more = {}) =>
	readAlertRule(
		{ conditions, forPolls: 1, emitResolved: true, ...more },
		ALERT_VIEWS.skills,
		SKILLS,
	);

/** Queue lengths of skills 12 and 15 per poll, as typed rows. @param {Record<number, number | null>} queues */
const skillsView = (queues) =>
	Object.entries(queues).map(([id, queue]) => ({
		skill_id: Number(id),
		skill_name: `Skill ${id}`,
		calls_in_queue_now: queue,
	}));

/**
 * Runs polls in order from no state; per poll, what was emitted ("firing skill:12 since poll 1").
 * @param {any} rule @param {Array<Record<number, number | null>>} polls
 */
function run(rule, polls) {
	/** @type {any} */
	let state;
	return polls.map((queues, index) => {
		const result = pollAlerts(rule, 'skills', skillsView(queues), state, `poll ${index}`);
		state = result.state;
		return result.items.map(
			(item) => `${item.alert_state} ${item.alert_key} since ${item.alert_since}`,
		);
	});
}

describe('which fields a condition may use', () => {
	test('numbers as typed and text as sent, from the spec of each view', () => {
		expect(comparableFields(SKILLS)).toContainEqual({
			name: 'calls_in_queue_now',
			comparedAs: 'number',
		});
		expect(comparableFields(SKILLS)).toContainEqual({
			name: 'service_level_20seg',
			comparedAs: 'number',
		});
		expect(comparableFields(AGENTS)).toContainEqual({ name: 'agent_status', comparedAs: 'text' });
		expect(comparableFields(AGENTS)).toContainEqual({
			name: 'time_state_now',
			comparedAs: 'number',
		});
	});
});

describe('bad input is refused before any request, naming the condition', () => {
	/** @param {() => unknown} read */
	const messageOf = (read) => {
		try {
			read();
		} catch (error) {
			return `${/** @type {Error} */ (error).message} | ${/** @type {any} */ (error).description}`;
		}
		return 'no error';
	};

	test('an empty condition list', () => {
		expect(messageOf(() => skillRule([]))).toMatch(/^An alert needs at least one condition/);
	});

	test('an unknown field, with the fields of the view', () => {
		expect(messageOf(() => skillRule([{ field: 'queue', operator: 'gt', value: '10' }]))).toMatch(
			/^Condition 1: "queue" is not a field of Skills Now \| .*calls_in_queue_now/,
		);
		// A field of the other view is unknown here too.
		expect(
			messageOf(() => skillRule([{ field: 'agent_status', operator: 'eq', value: 'Aux' }])),
		).toMatch(/^Condition 1: "agent_status" is not a field of Skills Now/);
	});

	test('a number compared with a text field', () => {
		const agents = (/** @type {object} */ condition) =>
			readAlertRule(
				{ conditions: [condition], forPolls: 1, emitResolved: false },
				ALERT_VIEWS.agents,
				AGENTS,
			);
		expect(messageOf(() => agents({ field: 'agent_status', operator: 'gt', value: '5' }))).toMatch(
			/^Condition 1: agent_status is text and cannot be greater than "5"/,
		);
		expect(messageOf(() => agents({ field: 'agent_status', operator: 'eq', value: 5 }))).toMatch(
			/^Condition 1: agent_status is text/,
		);
		expect(agents({ field: 'agent_status', operator: 'eq', value: 'Aux' }).conditions).toEqual([
			{ field: 'agent_status', operator: 'eq', value: 'Aux' },
		]);
	});

	test('text where a number is needed, an empty value, a clear value on the wrong side', () => {
		expect(
			messageOf(() =>
				skillRule([
					{ field: 'skill_name', operator: 'eq', value: 'Ventas' },
					{ field: 'calls_in_queue_now', operator: 'gt', value: 'ten' },
				]),
			),
		).toMatch(/^Condition 2: calls_in_queue_now is a number and "ten" is not/);
		expect(
			messageOf(() => skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: ' ' }])),
		).toMatch(/^Condition 1: "Value" is empty/);
		expect(
			messageOf(() =>
				skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: '10', clearValue: '20' }]),
			),
		).toMatch(/^Condition 1: "Value to Clear" 20 is above "Value" 10/);
		expect(
			messageOf(() =>
				skillRule([
					{ field: 'service_level_20seg', operator: 'lt', value: '80', clearValue: '70' },
				]),
			),
		).toMatch(/^Condition 1: "Value to Clear" 70 is below "Value" 80/);
		expect(
			messageOf(() =>
				skillRule([{ field: 'calls_in_queue_now', operator: 'eq', value: '3', clearValue: '1' }]),
			),
		).toMatch(/applies to greater \/ less than comparisons only/);
		expect(
			messageOf(() =>
				skillRule([{ field: 'calls_in_queue_now', operator: 'between', value: '3' }]),
			),
		).toMatch(/^Condition 1: the comparison "between" is not one of the editor's/);
		expect(
			messageOf(() =>
				skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: '3' }], { forPolls: 0 }),
			),
		).toMatch(/^"For Polls" 0 is not valid/);
	});

	test('thresholds are typed as the node types the field: seconds as 05:00, percentages as 80%', () => {
		const rule = readAlertRule(
			{
				conditions: [{ field: 'time_state_now', operator: 'gte', value: '05:00' }],
				forPolls: 1,
				emitResolved: false,
			},
			ALERT_VIEWS.agents,
			AGENTS,
		);
		expect(rule.conditions[0].value).toBe(300);
		expect(
			skillRule([{ field: 'service_level_20seg', operator: 'lt', value: '80%' }]).conditions[0]
				.value,
		).toBe(80);
	});
});

describe('incidents', () => {
	const queueOver10 = skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: '10' }]);

	test('fire once when the condition starts to hold, resolve once when it stops; per row', () => {
		expect(
			run(queueOver10, [
				{ 12: 3, 15: 4 },
				{ 12: 12, 15: 4 },
				{ 12: 14, 15: 11 },
				{ 12: 11, 15: 11 },
				{ 12: 2, 15: 11 },
				{ 12: 2, 15: 0 },
			]),
		).toEqual([
			[],
			['firing skill:12 since poll 1'],
			['firing skill:15 since poll 2'],
			[],
			['resolved skill:12 since poll 1'],
			['resolved skill:15 since poll 2'],
		]);
	});

	test('hysteresis: an open incident ends only once the field passes the value to clear', () => {
		const rule = skillRule([
			{ field: 'calls_in_queue_now', operator: 'gt', value: '10', clearValue: '5' },
		]);
		expect(run(rule, [{ 12: 11 }, { 12: 9 }, { 12: 6 }, { 12: 11 }, { 12: 5 }, { 12: 8 }])).toEqual(
			[['firing skill:12 since poll 0'], [], [], [], ['resolved skill:12 since poll 0'], []],
		);
		// Without a value to clear the same sequence flaps.
		expect(
			run(queueOver10, [{ 12: 11 }, { 12: 9 }, { 12: 6 }, { 12: 11 }, { 12: 5 }, { 12: 8 }]),
		).toEqual([
			['firing skill:12 since poll 0'],
			['resolved skill:12 since poll 0'],
			[],
			['firing skill:12 since poll 3'],
			['resolved skill:12 since poll 3'],
			[],
		]);
	});

	test('a falling condition (service level under 80, clear at 90)', () => {
		const rule = skillRule([
			{ field: 'service_level_20seg', operator: 'lt', value: '80', clearValue: '90' },
		]);
		const levels = [85, 79, 85, 89.9, 90, 70];
		/** @type {any} */
		let state;
		const emitted = levels.map((level, poll) => {
			const rows = [{ skill_id: 12, service_level_20seg: level }];
			const result = pollAlerts(rule, 'skills', rows, state, `poll ${poll}`);
			state = result.state;
			return result.items.map((item) => item.alert_state);
		});
		expect(emitted).toEqual([[], ['firing'], [], [], ['resolved'], ['firing']]);
	});

	test('forPolls: fires after that many polls in a row, counted from the first; a break starts over', () => {
		const rule = skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: '10' }], {
			forPolls: 3,
		});
		expect(
			run(rule, [
				{ 12: 11 },
				{ 12: 12 },
				{ 12: 4 },
				{ 12: 11 },
				{ 12: 11 },
				{ 12: 11 },
				{ 12: 15 },
			]),
		).toEqual([[], [], [], [], [], ['firing skill:12 since poll 3'], []]);
	});

	test('all conditions must hold to open; one failing ends the incident', () => {
		const rule = skillRule([
			{ field: 'calls_in_queue_now', operator: 'gte', value: '10' },
			{ field: 'service_level_20seg', operator: 'lt', value: '80' },
		]);
		const rows = (/** @type {number} */ queue, /** @type {number} */ level) => [
			{ skill_id: 12, calls_in_queue_now: queue, service_level_20seg: level },
		];
		/** @type {any} */
		let state;
		const emitted = [
			[12, 85],
			[12, 70],
			[9, 70],
		].map(([queue, level], poll) => {
			const result = pollAlerts(rule, 'skills', rows(queue, level), state, `poll ${poll}`);
			state = result.state;
			return result.items.map((item) => item.alert_state);
		});
		expect(emitted).toEqual([[], ['firing'], ['resolved']]);
	});

	test('a row that leaves the view ends its incident, with the row as last seen; an empty value ends nothing', () => {
		expect(run(queueOver10, [{ 12: 11, 15: 20 }, { 12: null, 15: 20 }, { 15: 20 }])).toEqual([
			['firing skill:12 since poll 0', 'firing skill:15 since poll 0'],
			[],
			['resolved skill:12 since poll 0'],
		]);
		const opened = pollAlerts(queueOver10, 'skills', skillsView({ 12: 13 }), undefined, 'p0');
		const gone = pollAlerts(queueOver10, 'skills', [], opened.state, 'p1');
		expect(gone.items).toEqual([
			{
				skill_id: 12,
				skill_name: 'Skill 12',
				calls_in_queue_now: 13,
				alert_state: 'resolved',
				alert_key: 'skill:12',
				alert_since: 'p0',
			},
		]);
	});

	test('without emitResolved an incident ends silently, and can fire again later', () => {
		const rule = skillRule([{ field: 'calls_in_queue_now', operator: 'gt', value: '10' }], {
			emitResolved: false,
		});
		expect(run(rule, [{ 12: 11 }, { 12: 2 }, { 12: 11 }])).toEqual([
			['firing skill:12 since poll 0'],
			[],
			['firing skill:12 since poll 2'],
		]);
	});

	test('text conditions compare the text as sent (agents in an auxiliary state for 5 minutes)', () => {
		const rule = readAlertRule(
			{
				conditions: [
					{ field: 'agent_status', operator: 'eq', value: 'Aux' },
					{ field: 'time_state_now', operator: 'gte', value: '00:05:00' },
				],
				forPolls: 1,
				emitResolved: true,
			},
			ALERT_VIEWS.agents,
			AGENTS,
		);
		const rows = [
			{ agent_id: 1001, agent_status: 'Aux', time_state_now: 310 },
			{ agent_id: 1002, agent_status: 'aux', time_state_now: 900 },
			{ agent_id: 1003, agent_status: 'Ready', time_state_now: 900 },
		];
		const { items } = pollAlerts(rule, 'agents', rows, undefined, 'now');
		expect(items.map((item) => item.alert_key)).toEqual(['agent:1001']);
	});

	test('the state: changed only when something changed; a state of another view starts afresh', () => {
		const first = pollAlerts(queueOver10, 'skills', skillsView({ 12: 13 }), undefined, 'p0');
		expect(first.changed).toBe(true);
		const same = pollAlerts(queueOver10, 'skills', skillsView({ 12: 13 }), first.state, 'p1');
		expect([same.changed, same.items, same.state.revision]).toEqual([false, [], 1]);
		const moved = pollAlerts(queueOver10, 'skills', skillsView({ 12: 14 }), first.state, 'p1');
		expect([moved.changed, moved.state.revision]).toEqual([true, 2]);
		// Incidents of skills are not carried into agents (nor resolved there).
		const agents = pollAlerts(queueOver10, 'agents', [], first.state, 'p2');
		expect([agents.items, agents.state.open, agents.state.view]).toEqual([[], {}, 'agents']);
		// JSON round trip, as static data stores it.
		expect(readAlertState(JSON.parse(JSON.stringify(moved.state)))).toEqual(moved.state);
		expect(readAlertState({ view: 'queues', revision: 1, open: {}, streaks: {} })).toBeUndefined();
		expect(readAlertState('x')).toBeUndefined();
	});
});

test('a condition on the service level reads the column the skill is sent with (service_level_{n}seg)', () => {
	const underTarget = skillRule([{ field: 'service_level_{n}seg', operator: 'lt', value: '80' }]);
	const view = (/** @type {number} */ level) => [
		{ skill_id: 12, skill_name: 'Skill 12', service_level_45seg: level },
	];
	const first = pollAlerts(underTarget, 'skills', view(85), undefined, 'poll 0');
	const second = pollAlerts(underTarget, 'skills', view(72.5), first.state, 'poll 1');
	expect(first.items).toEqual([]);
	expect(second.items.map((/** @type {any} */ item) => item.alert_state)).toEqual(['firing']);
});
