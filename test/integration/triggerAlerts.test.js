// @ts-check
'use strict';

/**
 * The Wolkvox Trigger's real-time alerts through n8n-core's poll path, against the simulator with
 * scripted Skills Now / Agents Now answers (one per request): each incident fires once and
 * resolves once across restarts and overlapping polls, hysteresis and forPolls hold, a row that
 * leaves the view resolves, Fetch Test Event changes nothing, and bad input spends no token.
 */

const { useSimulator } = require('./wolkvox');
const { setNow, pollTrigger } = require('./triggerPoll');

const sim = useSimulator();
const BOGOTA = 'America/Bogota';
const START = Date.parse('2026-11-23T15:00:00Z'); // 10:00 in Bogotá

/** A Skills Now answer as Wolkvox sends it: per skill id, the calls in queue now. @param {Record<number, number>} queues */
const skillsAnswer = (queues) =>
	Object.entries(queues).map(([id, queue]) => ({
		skill_id: id,
		skill_name: `Skill ${id}`,
		calls_in_queue_now: String(queue),
		stat_inbound: '120',
		stat_answer: '110',
		stat_abandon: '10',
		service_level_10seg: '70.00%',
		service_level_20seg: '81.50%',
		service_level_30seg: '90.00%',
		service_level_45seg: '81.50%',
		by_abandon: '8.33%',
	}));

/** @param {object[]} condition @param {object} [more] */
const queueAlert = (condition, more = {}) => ({
	event: 'realTimeAlert',
	view: 'skills',
	skillId: 'all',
	conditions: { condition },
	emitResolved: true,
	options: { timezone: BOGOTA },
	...more,
});

const OVER_10 = [{ field: 'calls_in_queue_now', operator: 'gt', value: '10' }];

/**
 * Polls once a minute, one scripted answer per poll (two overlapping polls per minute with
 * `overlapping`, each answer then served twice); a restart every `restartEvery` polls. Static
 * data is saved as n8n does: after an activation's poll and after a poll that emitted.
 * @param {Record<string, unknown>} parameters @param {Array<Record<number, number>>} answers
 * @param {{ id: string, restartEvery?: number, overlapping?: boolean, staticData?: object }} options
 */
async function pollSequence(
	parameters,
	answers,
	{ id, restartEvery = 1000, overlapping = false, staticData = {} },
) {
	const copies = overlapping ? 2 : 1;
	sim.script(
		'skills',
		answers.flatMap((queues) => Array.from({ length: copies }, () => skillsAnswer(queues))),
	);
	/** @type {string[][]} */
	const emitted = [];
	let state = staticData;
	for (let poll = 0; poll < answers.length; poll++) {
		setNow(START + poll * 60_000);
		const nodeId = `${id}-${Math.floor(poll / restartEvery)}`;
		const results = await Promise.all(
			Array.from({ length: copies }, () =>
				pollTrigger(sim, { parameters, staticData: state, nodeId }),
			),
		);
		for (const result of results) expect(result.error).toBeUndefined();
		const items = results.flatMap((result) => result.rows);
		const winner = results.find((result) => result.rows.length > 0) ?? results[0];
		if (poll % restartEvery === 0 || winner.rows.length > 0) state = winner.staticData;
		emitted.push(
			items.map(
				(row) =>
					`${row.alert_state} ${row.alert_key} queue ${row.calls_in_queue_now} since ${row.alert_since.slice(11, 16)}`,
			),
		);
	}
	return { emitted, staticData: state };
}

describe('a queue alert on Skills Now', () => {
	test('each incident fires once and resolves once, per skill, across restarts; one request per poll', async () => {
		const { emitted } = await pollSequence(
			queueAlert(OVER_10),
			[
				{ 12: 3, 15: 4 },
				{ 12: 12, 15: 4 },
				{ 12: 14, 15: 11 },
				{ 12: 11, 15: 11 },
				{ 12: 2, 15: 11 },
				{ 12: 13, 15: 11 },
				{ 15: 4 },
			],
			{ id: 'queue', restartEvery: 2 },
		);
		expect(emitted).toEqual([
			[],
			['firing skill:12 queue 12 since 10:01'],
			['firing skill:15 queue 11 since 10:02'],
			[],
			['resolved skill:12 queue 2 since 10:01'],
			['firing skill:12 queue 13 since 10:05'],
			// Skill 12 left the view: its incident ends too, with its row as last seen.
			['resolved skill:15 queue 4 since 10:02', 'resolved skill:12 queue 13 since 10:05'],
		]);
		expect(sim.stats().byApi.skills).toBe(7);
	});

	test('the items carry the typed row, alert_state, alert_key and alert_since in the chosen zone', async () => {
		setNow(START);
		sim.script('skills', [skillsAnswer({ 12: 12 })]);
		const { rows } = await pollTrigger(sim, { parameters: queueAlert(OVER_10), nodeId: 'item' });
		expect(rows).toEqual([
			{
				skill_id: 12,
				skill_name: 'Skill 12',
				calls_in_queue_now: 12,
				stat_inbound: 120,
				stat_answer: 110,
				stat_abandon: 10,
				service_level_10seg: 70,
				service_level_20seg: 81.5,
				service_level_30seg: 90,
				service_level_45seg: 81.5,
				by_abandon: 8.33,
				alert_state: 'firing',
				alert_key: 'skill:12',
				alert_since: '2026-11-23T10:00:00-05:00',
			},
		]);
	});

	test('overlapping polls: each sees the view (one request each), the incident fires once and resolves once', async () => {
		const { emitted } = await pollSequence(
			queueAlert(OVER_10),
			[{ 12: 12 }, { 12: 12 }, { 12: 3 }],
			{ id: 'overlap', overlapping: true },
		);
		expect(emitted).toEqual([
			['firing skill:12 queue 12 since 10:00'],
			[],
			['resolved skill:12 queue 3 since 10:00'],
		]);
		expect(sim.stats().byApi.skills).toBe(6);
	});

	test('a re-activation repeats nothing: the open incident is in the static data', async () => {
		const first = await pollSequence(queueAlert(OVER_10), [{ 12: 12 }], { id: 'before' });
		expect(first.emitted).toEqual([['firing skill:12 queue 12 since 10:00']]);
		const again = await pollSequence(queueAlert(OVER_10), [{ 12: 15 }, { 12: 1 }], {
			id: 'after',
			staticData: first.staticData,
		});
		expect(again.emitted).toEqual([[], ['resolved skill:12 queue 1 since 10:00']]);
	});

	test('hysteresis: with a value to clear of 5, a queue wavering around 10 is one incident', async () => {
		const { emitted } = await pollSequence(
			queueAlert([{ ...OVER_10[0], clearValue: '5' }]),
			[{ 12: 11 }, { 12: 9 }, { 12: 12 }, { 12: 6 }, { 12: 5 }, { 12: 9 }, { 12: 11 }],
			{ id: 'hysteresis', restartEvery: 3 },
		);
		expect(emitted).toEqual([
			['firing skill:12 queue 11 since 10:00'],
			[],
			[],
			[],
			['resolved skill:12 queue 5 since 10:00'],
			[],
			['firing skill:12 queue 11 since 10:06'],
		]);
	});

	test('forPolls 3: fires at the third poll in a row, dated from the first; a dip starts over', async () => {
		const { emitted } = await pollSequence(
			queueAlert(OVER_10, { forPolls: 3 }),
			[{ 12: 11 }, { 12: 12 }, { 12: 4 }, { 12: 11 }, { 12: 12 }, { 12: 13 }, { 12: 14 }],
			{ id: 'forPolls' },
		);
		expect(emitted).toEqual([[], [], [], [], [], ['firing skill:12 queue 13 since 10:03'], []]);
	});

	test('without Emit Resolved only the openings are emitted', async () => {
		const { emitted } = await pollSequence(
			queueAlert(OVER_10, { emitResolved: false }),
			[{ 12: 12 }, { 12: 1 }, { 12: 12 }],
			{ id: 'no-resolved' },
		);
		expect(emitted).toEqual([
			['firing skill:12 queue 12 since 10:00'],
			[],
			['firing skill:12 queue 12 since 10:02'],
		]);
	});

	test('Fetch Test Event shows what a poll now would emit, and changes nothing', async () => {
		const open = await pollSequence(queueAlert(OVER_10), [{ 12: 12, 15: 3 }], { id: 'manual' });
		setNow(START + 60_000);
		sim.script('skills', [skillsAnswer({ 12: 2, 15: 20 })]);
		const manual = await pollTrigger(sim, {
			parameters: queueAlert(OVER_10),
			staticData: open.staticData,
			nodeId: 'manual-0',
			mode: 'manual',
		});
		expect(manual.rows.map((row) => `${row.alert_state} ${row.alert_key}`)).toEqual([
			'resolved skill:12',
			'firing skill:15',
		]);
		expect([manual.staticDataChanged, manual.staticData]).toEqual([false, open.staticData]);
		// The next real poll still emits both.
		const poll = await pollTrigger(sim, {
			parameters: queueAlert(OVER_10),
			staticData: open.staticData,
			nodeId: 'manual-0',
		});
		expect(poll.rows.map((row) => `${row.alert_state} ${row.alert_key}`)).toEqual([
			'resolved skill:12',
			'firing skill:15',
		]);
	});
});

describe('an Agents Now alert on text and seconds', () => {
	test('agents in an auxiliary state for 5 minutes or more, keyed per agent', async () => {
		setNow(START);
		const agent = (
			/** @type {string} */ id,
			/** @type {string} */ status,
			/** @type {string} */ time,
		) => ({
			agent_id: id,
			agent_name: `Agent ${id}`,
			agent_status: status,
			time_state_now: time,
		});
		sim.script('agents', [
			[agent('1001', 'Aux', '00:04:00'), agent('1002', 'Ready', '00:09:00')],
			[agent('1001', 'Aux', '00:05:10'), agent('1002', 'Aux', '00:00:20')],
			[agent('1002', 'Aux', '00:05:20')],
		]);
		const parameters = {
			event: 'realTimeAlert',
			view: 'agents',
			conditions: {
				condition: [
					{ field: 'agent_status', operator: 'eq', value: 'Aux' },
					{ field: 'time_state_now', operator: 'gte', value: '05:00' },
				],
			},
			emitResolved: true,
		};
		/** @type {object} */
		let staticData = {};
		/** @type {string[][]} */
		const emitted = [];
		for (let poll = 0; poll < 3; poll++) {
			setNow(START + poll * 60_000);
			const result = await pollTrigger(sim, { parameters, staticData, nodeId: 'agents' });
			expect(result.error).toBeUndefined();
			staticData = result.staticData;
			emitted.push(
				result.rows.map((row) => `${row.alert_state} ${row.alert_key} ${row.time_state_now}`),
			);
		}
		// Agent 1001 logged off: its incident ends with its row as last seen.
		expect(emitted).toEqual([
			[],
			['firing agent:1001 310'],
			['firing agent:1002 320', 'resolved agent:1001 310'],
		]);
	});
});

describe('bad input: a clear error before any token', () => {
	test.each([
		[
			'an unknown field',
			queueAlert([{ field: 'queue_now', operator: 'gt', value: '10' }]),
			/^Condition 1: "queue_now" is not a field of Skills Now/,
		],
		[
			'a number compared with a text field',
			queueAlert([{ field: 'skill_name', operator: 'gt', value: '10' }]),
			/^Condition 1: skill_name is text and cannot be greater than "10"/,
		],
		['an empty condition list', queueAlert([]), /^An alert needs at least one condition/],
		[
			'no conditions at all',
			{ event: 'realTimeAlert', view: 'skills', skillId: 'all' },
			/^An alert needs at least one condition/,
		],
	])('%s', async (_what, parameters, message) => {
		setNow(START);
		const result = await pollTrigger(sim, { parameters, nodeId: 'bad' });
		expect(result.error?.constructor.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(sim.stats().requests).toBe(0);
	});
});

test("a new condition's field list is the watched view's (the editor asks the node for it)", async () => {
	const { WolkvoxTrigger } = require('../../dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node');
	const { fieldOptions } = require('../../dist/nodes/WolkvoxTrigger/description');
	const fieldsFor = async (/** @type {string} */ view) =>
		(
			await new WolkvoxTrigger().methods.loadOptions.getAlertFields.call(
				/** @type {any} */ ({ getCurrentNodeParameter: () => view }),
			)
		).map((/** @type {any} */ option) => option.value);
	expect(await fieldsFor('skills')).toContain('calls_in_queue_now');
	expect(await fieldsFor('skills')).not.toContain('time_state_now');
	expect(await fieldsFor('agents')).toContain('time_state_now');
	expect(await fieldsFor('agents')).toEqual(fieldOptions('agents').map((option) => option.value));
});
