// @ts-check
'use strict';

/**
 * The three ways of getting a report's rows into n8n that the benchmark compares, as n8n workflows:
 * (a) our node, (b) HTTP Request + Split Out, (c) (b) plus an Edit Fields step that types the values
 * the way our node does (Workforce per Hour only). All read one whole day (all skills, all agents).
 */

const DAY = {
	start: '2026-11-23T00:00:00',
	end: '2026-11-24T00:00:00',
	dateIni: '20261123000000',
	dateEnd: '20261123235959',
};
const ZONE = 'America/Bogota';
const TRIGGER = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };

/** @param {string[]} names */
const chain = (names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);

/**
 * The reports the benchmarks read: how the node asks for one (its operation's parameters), the
 * query of the API it calls, and a field every row has (what the real-n8n bench counts).
 * @type {Record<string, { operation: (skill: string) => object, query: (skill: string) => Record<string, string>, field: string }>}
 */
const REPORTS = {
	skill_5: {
		operation: (skill) => ({
			resource: 'report',
			operation: 'getWorkforcePerHour',
			skillId: skill,
		}),
		query: (skill) => ({ api: 'skill_5', skill_id: skill }),
		field: 'hour',
	},
	agent_1: {
		operation: () => ({ resource: 'agentReport', operation: 'getAgentTimeByState' }),
		query: () => ({ api: 'agent_1' }),
		field: 'agent_id',
	},
};

/** @param {string} report @param {string} skill 'all', an id, or an expression */
function wolkvoxNode(report, skill) {
	return {
		name: 'Wolkvox',
		type: 'n8n-nodes-wolkvox.wolkvox',
		parameters: {
			...REPORTS[report].operation(skill),
			range: 'custom',
			startDate: DAY.start,
			endDate: DAY.end,
			options: { timezone: ZONE },
		},
		credentials: { wolkvoxApi: { id: '1', name: 'Wolkvox' } },
	};
}

/**
 * The day's bounds as users write them in the HTTP Request node: the Wolkvox date format by hand, in
 * the workflow's zone (a scheduled workflow writes `$today.minus({ days: 1 })`; a fixed day here so
 * every run asks for the same rows). Written with literal digits instead, (b) would never need the
 * zone's rules, which no workflow asking for "yesterday" or "the last hour" can avoid.
 */
const inZone = (/** @type {string} */ iso, /** @type {string} */ shift = '') =>
	`={{ DateTime.fromISO('${iso}', { zone: '${ZONE}' })${shift}.toFormat('yyyyMMddHHmmss') }}`;
const DATE_INI = inZone(DAY.start);
const DATE_END = inZone(DAY.end, '.minus({ seconds: 1 })');

/**
 * What users paste today: the curl snippet turned into an HTTP Request node. The query's order is
 * the node's, so both ways hit the same cached answer of the simulator. With `inCredential`, the
 * token is in an n8n Header Auth credential (as careful users keep it) instead of a header
 * parameter saved in the workflow.
 * @param {string} report @param {{ url: string, token: string }} sim @param {string} skill
 * @param {boolean} [inCredential]
 */
function httpRequestNode(report, sim, skill, inCredential = false) {
	const pairs = (/** @type {Record<string, string>} */ values) => ({
		parameters: Object.entries(values).map(([name, value]) => ({ name, value })),
	});
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			url: `${sim.url}/api/v2/reports_manager.php`,
			sendQuery: true,
			queryParameters: pairs({
				...REPORTS[report].query(skill),
				date_ini: DATE_INI,
				date_end: DATE_END,
			}),
			...(inCredential
				? { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }
				: { sendHeaders: true, headerParameters: pairs({ 'wolkvox-token': sim.token }) }),
			options: {},
		},
		...(inCredential
			? { credentials: { httpHeaderAuth: { id: '2', name: 'Wolkvox token' } } }
			: {}),
	};
}

/** The Header Auth credential of (b) with its token in a credential. @param {{ token: string }} sim */
const headerCredentialData = (sim) => ({ name: 'wolkvox-token', value: sim.token });

const SPLIT_OUT = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
};

/** Expressions a careful user writes to get our node's output: numbers, null for empty, hour start with offset. */
const HOUR_START = `={{ DateTime.fromISO('${DAY.start}', { zone: '${ZONE}' }).plus({ hours: Number($json.hour) }).toISO({ suppressMilliseconds: true }) }}`;
const number = (/** @type {string} */ field) =>
	`={{ $json.${field} === '' ? null : Number($json.${field}) }}`;
const TYPE_FIELDS = {
	name: 'Type Fields',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		includeOtherFields: false,
		assignments: {
			assignments: [
				{ id: '1', name: 'skill_id', type: 'number', value: '={{ Number($json.skill_id) }}' },
				{ id: '2', name: 'hour', type: 'number', value: '={{ Number($json.hour) }}' },
				{ id: '3', name: 'inbound_calls', type: 'number', value: number('inbound_calls') },
				{
					id: '4',
					name: 'inbound_calls_unique_customers',
					type: 'number',
					value: number('inbound_calls_unique_customers'),
				},
				{ id: '5', name: 'aht', type: 'number', value: number('aht') },
				{ id: '6', name: 'agents_needed', type: 'number', value: number('agents_needed') },
				{ id: '7', name: 'hour_start', type: 'string', value: HOUR_START },
				{ id: '8', name: 'interval_start', type: 'string', value: HOUR_START },
				// Every hour of the bench's day lasts 3,600 s (Bogota has no DST).
				{ id: '9', name: 'interval_seconds', type: 'number', value: '={{ 3600 }}' },
			],
		},
		options: {},
	},
};

/** @typedef {'wolkvox' | 'httpSplit' | 'httpSplitCredential' | 'httpSplitTyped'} Way */

/**
 * The nodes of one way reading `report`, in order. `skill` is 'all', an id or an expression.
 * @param {Way} way @param {{ url: string, token: string }} sim @param {string} skill @param {string} [report]
 */
function wayNodes(way, sim, skill, report = 'skill_5') {
	if (way === 'wolkvox') return [wolkvoxNode(report, skill)];
	if (way === 'httpSplitCredential') return [httpRequestNode(report, sim, skill, true), SPLIT_OUT];
	const http = [httpRequestNode(report, sim, skill), SPLIT_OUT];
	if (way === 'httpSplit') return http;
	if (report !== 'skill_5') throw new Error(`${way} is written for skill_5 only`);
	return [...http, TYPE_FIELDS];
}

/** The credential the Wolkvox node uses. @param {{ url: string, token: string, server: string }} sim */
const credentialData = (sim) => ({ server: sim.server, token: sim.token, baseUrl: sim.url });

/**
 * A way as a manual workflow for the in-process harness, reading the whole day of all skills.
 * @param {Way} way @param {{ url: string, token: string, server: string }} sim
 */
function benchWorkflow(way, sim) {
	const nodes = [TRIGGER, ...wayNodes(way, sim, 'all')];
	return {
		nodes,
		connections: chain(nodes.map((node) => node.name)),
		credentials: { wolkvoxApi: { 1: credentialData(sim) } },
		timezone: ZONE,
		lastNode: nodes[nodes.length - 1].name,
	};
}

module.exports = {
	benchWorkflow,
	wayNodes,
	chain,
	credentialData,
	headerCredentialData,
	DAY,
	ZONE,
	REPORTS,
};
