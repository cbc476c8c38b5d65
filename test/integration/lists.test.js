// @ts-check
'use strict';

/**
 * Return All, Limit and Simplify of the information lists (node version 1.1), through n8n-core's
 * WorkflowExecute against the simulator: cut from the one answer (one request, one token); a node
 * saved at version 1 keeps every row, whole.
 */

const { expectedCatalogueItems } = require('../../tools/simulator');
const { ENDPOINTS } = require('../../dist/nodes/shared/wolkvox/spec');
const { useSimulator, runWolkvox, ZONE } = require('./wolkvox');

const sim = useSimulator();

const listOf = (/** @type {string} */ api) =>
	ENDPOINTS.find((/** @type {any} */ e) => e.file === 'information.php' && e.api === api);
const agents = listOf('agents');
const campaigns = listOf('campaigns');

/** @param {any} endpoint @param {Record<string, unknown>} extra */
const parametersOf = (endpoint, extra = {}) => ({
	resource: endpoint.resource,
	operation: endpoint.operation,
	...extra,
});

/** A typed row with only `fields`, and its `_unparsed` notes about them. @param {any} row @param {string[]} fields */
function simplified(row, fields) {
	const kept = Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
	const notes = Object.entries(row._unparsed ?? {}).filter(([f]) => fields.includes(f));
	return notes.length ? { ...kept, _unparsed: Object.fromEntries(notes) } : kept;
}

test('version 1.1 at its defaults: the first 50 rows (here all 4), in one request', async () => {
	const result = await runWolkvox(sim, parametersOf(agents));
	expect(result.error).toBeUndefined();
	expect(result.rows).toEqual(expectedCatalogueItems(agents, { zone: ZONE }));
	expect(sim.stats().byApi).toEqual({ agents: 1 });
});

test('Limit 2: the first two rows of the same one answer', async () => {
	const result = await runWolkvox(sim, parametersOf(agents, { returnAll: false, limit: 2 }));
	expect(result.rows).toEqual(expectedCatalogueItems(agents, { zone: ZONE }).slice(0, 2));
	expect(result.items.every((/** @type {any} */ item) => item.pairedItem?.item === 0)).toBe(true);
	expect(sim.stats().byApi).toEqual({ agents: 1 });
});

test('Return All ignores Limit', async () => {
	const result = await runWolkvox(sim, parametersOf(agents, { returnAll: true, limit: 1 }));
	expect(result.rows).toHaveLength(4);
});

test('a Limit that is not a whole number above 0 is refused before any request', async () => {
	const result = await runWolkvox(sim, parametersOf(agents, { returnAll: false, limit: 0 }));
	expect(result.error?.message).toMatch(/Limit 0 is not valid/);
	expect(sim.stats().requests).toBe(0);
});

test('Campaigns (12 fields): Simplify, on by default, keeps the fields a person reads first', async () => {
	const result = await runWolkvox(sim, parametersOf(campaigns));
	const fields = [...campaigns.list.simplified];
	expect(fields.length).toBeLessThanOrEqual(10);
	expect(result.rows).toEqual(
		expectedCatalogueItems(campaigns, { zone: ZONE }).map((/** @type {any} */ row) =>
			simplified(row, fields),
		),
	);
	expect(Object.keys(result.rows[0])).toEqual(
		expect.arrayContaining(['campaign_id', 'campaign_name']),
	);
});

test('Simplify off, or Raw Output: every field', async () => {
	const whole = await runWolkvox(sim, parametersOf(campaigns, { simple: false }));
	expect(whole.rows).toEqual(expectedCatalogueItems(campaigns, { zone: ZONE }));
	const raw = await runWolkvox(sim, parametersOf(campaigns, { options: { rawOutput: true } }));
	expect(raw.rows).toEqual(expectedCatalogueItems(campaigns, { zone: ZONE, raw: true }));
});

test('a node saved at version 1 keeps what it had: every row, whole', async () => {
	const saved = await runWolkvox(sim, parametersOf(campaigns), { typeVersion: 1 });
	expect(saved.rows).toEqual(expectedCatalogueItems(campaigns, { zone: ZONE }));
	// even with values a later version would read (they are not fields of version 1)
	const stray = await runWolkvox(sim, parametersOf(agents, { returnAll: false, limit: 1 }), {
		typeVersion: 1,
	});
	expect(stray.rows).toHaveLength(4);
});
