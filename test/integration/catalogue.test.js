// @ts-check
'use strict';

/**
 * Every catalogue endpoint as a workflow (Manual Trigger -> Wolkvox) run by n8n-core's
 * WorkflowExecute against the simulator, typed and raw; validation before any request; pickers.
 */

const { loadPackageTypes, runListSearch } = require('../../tools/harness');
const { expectedCatalogueItems, DEFAULT_SKILLS } = require('../../tools/simulator');
const { ENDPOINTS, PARAMETERS } = require('../../dist/nodes/shared/wolkvox/spec');
const { useSimulator, runWolkvox, simulatorCredential, ZONE } = require('./wolkvox');

const sim = useSimulator();

/** A value of each extra parameter a user could pick or type (a list field: its last choice). */
const VALUES = {
	skill_id: '12',
	agent_id: '1001',
	agent: '1001',
	agent_dni: '12345678',
	campaign_id: '301',
	campaign: '301',
	cod_act: 'SALE',
	skill: '12',
	routing: '5',
	customer_id: 'C-1',
	services_time: '20',
	destination: 'Colombia',
	nit: '900123456',
	phone: '3001234567',
};

/** The day every dated report is asked for, as naive wall-clock ms. */
const DAY = { from: Date.UTC(2026, 10, 23), to: Date.UTC(2026, 10, 24) };

/** Node parameters that run `endpoint` for 23 November 2026 (dated reports). @param {any} endpoint */
function parametersOf(endpoint, options = {}) {
	/** @type {Record<string, unknown>} */
	const parameters = { resource: endpoint.resource, operation: endpoint.operation, options };
	// every field of a list: "Simplify" is on by default, and has its own test (lists.test.js)
	if (endpoint.list?.simplified) parameters.simple = false;
	for (const param of endpoint.params ?? []) {
		const spec = /** @type {any} */ (PARAMETERS)[param.wire];
		const value = param.all
			? 'all'
			: param.choices
				? param.choices[param.choices.length - 1].value
				: /** @type {any} */ (VALUES)[param.wire];
		parameters[spec.name] = spec.picker ? { __rl: true, mode: 'id', value } : value;
	}
	if (endpoint.maxRangeDays)
		Object.assign(parameters, {
			range: 'custom',
			startDate: '2026-11-23T00:00:00',
			endDate: '2026-11-24T00:00:00',
		});
	return parameters;
}

/** Endpoints the simulator answers from their own models, checked elsewhere (workforce, skill picker, credential). */
const OWN_MODELS = [
	'reports_manager.php skill_5',
	'information.php skills',
	'information.php token_info',
];
const GENERATED = ENDPOINTS.filter(
	(/** @type {any} */ e) => !OWN_MODELS.includes(`${e.file} ${e.api}`),
);

describe.each([
	['typed', false],
	['raw', true],
])('every catalogue endpoint through WorkflowExecute, %s', (_mode, raw) => {
	test.each(
		GENERATED.map((/** @type {any} */ e) => [
			`${e.resource} / ${e.operation} (${e.file} ${e.api})`,
			e,
		]),
	)('%s', async (_name, endpoint) => {
		const result = await runWolkvox(sim, parametersOf(endpoint, raw ? { rawOutput: true } : {}));
		expect(result.error).toBeUndefined();
		expect(result.rows).toEqual(expectedCatalogueItems(endpoint, { zone: ZONE, raw, window: DAY }));
		expect(result.items.every((/** @type {any} */ item) => item.pairedItem?.item === 0)).toBe(true);
		expect(sim.stats().byApi).toEqual({ [endpoint.api]: 1 });
	});
});

describe("the lists answered from the simulator's own model, typed by the same spec", () => {
	test('information skills: ids are numbers', async () => {
		const skills = ENDPOINTS.find(
			(/** @type {any} */ e) => e.file === 'information.php' && e.api === 'skills',
		);
		const { rows, error } = await runWolkvox(sim, parametersOf(skills));
		expect(error).toBeUndefined();
		expect(rows).toEqual(
			DEFAULT_SKILLS.map((/** @type {any} */ skill) => ({
				skill_id: skill.id,
				skill_name: skill.name,
			})),
		);
	});

	test('token usage: one object answered is one item, counts as numbers', async () => {
		const tokenInfo = ENDPOINTS.find(
			(/** @type {any} */ e) => e.file === 'information.php' && e.api === 'token_info',
		);
		const { rows } = await runWolkvox(sim, parametersOf(tokenInfo));
		expect(rows).toEqual([
			{
				description: 'simulator token',
				token_limit: 1e6,
				token_use_today: 1,
				all_token_today: 1,
				available_consumption_options: 1e6 - 1,
			},
		]);
	});
});

describe('nested rows', () => {
	const agent5 = ENDPOINTS.find((/** @type {any} */ e) => e.api === 'agent_5');
	test('Split Nested Rows off: one item per agent with its hours as a typed list', async () => {
		const { rows } = await runWolkvox(sim, { ...parametersOf(agent5), splitNestedRows: false });
		expect(rows).toEqual(expectedCatalogueItems(agent5, { zone: ZONE, split: false }));
		expect(Array.isArray(rows[0].status_x_hour)).toBe(true);
	});
});

describe('validation before any request: no token spent', () => {
	const byApi = (/** @type {string} */ api) =>
		ENDPOINTS.find((/** @type {any} */ e) => e.api === api && e.file === 'reports_manager.php');

	test.each([
		// n8n refuses an empty required field itself; an expression that gives nothing reaches the node.
		[
			'a required agent given as an empty expression',
			byApi('agent_2'),
			{ agentId: { __rl: true, mode: 'id', value: '={{ "" }}' } },
			/Agent is required/,
		],
		[
			'an agent id that is not digits',
			byApi('agent_2'),
			// The editor refuses this typed; an expression reaches the node's own check.
			{ agentId: { __rl: true, mode: 'id', value: '={{ "10a" }}' } },
			/Agent "10a" is not valid/,
		],
		[
			'a campaign "all" where only one campaign is accepted',
			byApi('campaign_1'),
			{ campaignId: { __rl: true, mode: 'id', value: '={{ "all" }}' } },
			/Campaign "all" is not valid/,
		],
		[
			'a skill "all" for the agents of one skill',
			ENDPOINTS.find((/** @type {any} */ e) => e.api === 'agents_in_skill'),
			{ skillId: { __rl: true, mode: 'id', value: '={{ "all" }}' } },
			/Skill "all" is not valid/,
		],
		[
			'a range over 31 days',
			byApi('agent_1'),
			{ startDate: '2026-10-01T00:00:00', endDate: '2026-11-02T00:00:00' },
			/spans 768 hours; Wolkvox allows at most 31 days per request/,
		],
		[
			'an end before the start',
			byApi('cdr_1'),
			{ startDate: '2026-11-02T00:00:00', endDate: '2026-11-01T00:00:00' },
			/must be after Start Date/,
		],
		[
			'a required customer id given as an empty expression',
			byApi('diagram_1'),
			{ customerId: '={{ "  " }}' },
			/Customer ID is required/,
		],
	])('%s', async (_name, endpoint, change, message) => {
		const result = await runWolkvox(sim, { ...parametersOf(endpoint), ...change });
		expect(/** @type {any} */ (result.error)?.message).toMatch(message);
		expect(sim.stats().requests).toBe(0);
	});

	test('a dated report left at its defaults asks for yesterday, one request', async () => {
		const agent3 = byApi('agent_3');
		const { error } = await runWolkvox(sim, {
			resource: agent3.resource,
			operation: agent3.operation,
		});
		expect(error).toBeUndefined();
		expect(sim.stats().byApi).toEqual({ agent_3: 1 });
	});

	test('31 days exactly is one request; "Yesterday" is one request', async () => {
		const agent1 = byApi('agent_1');
		expect(
			(
				await runWolkvox(sim, {
					...parametersOf(agent1),
					startDate: '2026-10-01T00:00:00',
					endDate: '2026-11-01T00:00:00',
				})
			).error,
		).toBeUndefined();
		expect(
			(await runWolkvox(sim, { ...parametersOf(agent1), range: 'yesterday' })).error,
		).toBeUndefined();
		expect(sim.stats().requests).toBe(2);
	});
});

describe('pickers backed by the information lists (one token per listing, then cached)', () => {
	const node = {
		name: 'Wolkvox',
		type: 'n8n-nodes-wolkvox.wolkvox',
		credentials: { wolkvoxApi: { id: '1', name: 'W' } },
	};
	test.each([
		['searchAgents', 'agents'],
		['searchAgentDocuments', 'agents'],
		['searchCampaigns', 'campaigns'],
		['searchActivityCodes', 'activity_codes'],
	])('%s lists information.php api=%s', async (method, api) => {
		const search = async () =>
			runListSearch({
				types: await loadPackageTypes(),
				node,
				method,
				filter: undefined,
				credentials: { wolkvoxApi: { 1: simulatorCredential(sim, { token: `${sim.token}` }) } },
			});
		const first = await search();
		expect(first.error).toBeUndefined();
		expect(first.result?.results.length).toBeGreaterThan(0);
		for (const entry of first.result?.results ?? [])
			expect(entry).toEqual({ name: expect.any(String), value: expect.any(String) });
		await search();
		expect(sim.stats().byApi[api] ?? 0).toBeLessThanOrEqual(1);
	});
});
