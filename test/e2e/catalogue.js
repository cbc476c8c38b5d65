// @ts-check
'use strict';

/**
 * One workflow, generated from the catalogue spec, that runs a report of every resource of the
 * Wolkvox node (besides Workforce, which run.js checks on its own) in real n8n: a Manual Trigger
 * feeding one Wolkvox node per resource, plus the nested-rows report agent_5. Pickers are set the
 * way the editor saves a choice from the list. Each node's items must equal what the simulator
 * serves, typed by the spec (the same expectation as test/integration/catalogue.test.js).
 */

const { isDeepStrictEqual } = require('node:util');
const {
	ENDPOINTS,
	PARAMETERS,
	RESOURCES,
	splittableField,
} = require('../../dist/nodes/shared/wolkvox/spec');
const { expectedCatalogueItems, catalogueRows } = require('../../tools/simulator/catalogue');

const NODE_TYPE = 'n8n-nodes-wolkvox.wolkvox';
const ZONE = 'America/Bogota';

/** Endpoints the simulator answers from its own models, not from the spec's generated rows. */
const OWN_MODELS = [
	'reports_manager.php skill_5',
	'information.php skills',
	'information.php token_info',
];

/** Where the first report of a resource is not the one to show: a required picker, nested rows. */
const CHOSEN = { agentReport: 'agent_2' };
const NESTED = 'agent_5';

/** A value for each picker or field a user would fill, as a saved workflow holds it. */
const VALUES = {
	skill_id: ['12', 'Ventas'],
	agent_id: ['1001', 'Ana María Pérez'],
	agent: ['1001', 'Ana María Pérez'],
	agent_dni: ['12345678', 'Ana María Pérez'],
	campaign_id: ['301', 'Ventas'],
	campaign: ['301', 'Ventas'],
	cod_act: ['SALE', 'Sale'],
	skill: ['12', 'Ventas'],
	customer_id: ['C-1'],
};

/** @param {any} endpoint */
function parametersOf(endpoint) {
	/** @type {Record<string, unknown>} */
	const parameters = {
		resource: endpoint.resource,
		operation: endpoint.operation,
		options: { timezone: ZONE },
	};
	for (const param of endpoint.params ?? []) {
		if (!param.required) continue;
		const spec = /** @type {any} */ (PARAMETERS)[param.wire];
		const [value, name] = param.all ? ['all', 'All'] : /** @type {any} */ (VALUES)[param.wire];
		// a choice from the picker's list, as the editor saves it
		parameters[spec.name] = spec.picker
			? { __rl: true, mode: 'list', value, cachedResultName: name }
			: value;
	}
	if (endpoint.maxRangeDays)
		Object.assign(parameters, {
			range: 'custom',
			startDate: '2026-11-23T00:00:00',
			endDate: '2026-11-24T00:00:00',
		});
	return parameters;
}

/** The reports run: one per resource other than Workforce, and the nested-rows one. */
function chosenEndpoints() {
	const generated = ENDPOINTS.filter(
		(/** @type {any} */ e) => !OWN_MODELS.includes(`${e.file} ${e.api}`),
	);
	const perResource = Object.keys(RESOURCES)
		.filter((resource) => resource !== 'report')
		.map((resource) => {
			const wanted = /** @type {Record<string, string>} */ (CHOSEN)[resource];
			return generated.find(
				(/** @type {any} */ e) => e.resource === resource && (!wanted || e.api === wanted),
			);
		});
	const nested = generated.find(
		(/** @type {any} */ e) => e.api === NESTED && splittableField(e.fields),
	);
	return [...perResource, ...(nested ? [nested] : [])];
}

/** Kinds whose typed value is a number or a boolean where Wolkvox sends text, the telling ones first. */
const NON_TEXT_KINDS = ['seconds', 'percentage', 'count', 'number', 'boolean', 'hour', 'id'];

/**
 * A field of the first item that Wolkvox sends as text and the node types as a number or boolean,
 * to show in the log and check on its own.
 * @param {any} endpoint
 */
function typedSample(endpoint) {
	const nested = splittableField(endpoint.fields);
	const [row] = catalogueRows(endpoint, { zone: ZONE }).wire;
	const wire = nested ? { ...row, .../** @type {any[]} */ (row[nested])[0] } : row;
	const kinds = nested ? { ...endpoint.fields, ...endpoint.fields[nested].rows } : endpoint.fields;
	const [typed] = expectedCatalogueItems(endpoint, { zone: ZONE });
	const candidates = Object.keys(kinds).filter(
		(field) =>
			NON_TEXT_KINDS.includes(kinds[field]) &&
			typeof wire[field] === 'string' &&
			typed[field] != null,
	);
	const rank = (/** @type {string} */ field) => NON_TEXT_KINDS.indexOf(kinds[field]);
	const [name] = candidates.sort((a, b) => rank(a) - rank(b));
	return name === undefined ? undefined : { name, kind: kinds[name], sent: wire[name] };
}

/**
 * @param {{ credentialId: string }} context
 * @returns {{ id: string, workflow: any, endpoints: any[], resources: string[], check: (execution: any, outputOf: (execution: any, node: string) => any[] | undefined, ok: (pass: boolean, what: string) => boolean) => string[] }}
 */
function catalogueRun({ credentialId }) {
	const id = 'e2eCatalogue0001';
	const endpoints = chosenEndpoints();
	const nodeName = (/** @type {any} */ e) =>
		`${RESOURCES[/** @type {keyof typeof RESOURCES} */ (e.resource)]} ${e.api}`;
	const nodes = endpoints.map((endpoint, index) => ({
		id: `catalogue-${endpoint.api}`,
		name: nodeName(endpoint),
		type: NODE_TYPE,
		typeVersion: 1,
		position: [260, index * 120],
		parameters: parametersOf(endpoint),
		credentials: { wolkvoxApi: { id: credentialId, name: `cred ${credentialId}` } },
	}));
	const workflow = {
		id,
		name: 'e2e a report of every resource',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'catalogue-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections: {
			Start: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
		pinData: {},
	};
	return {
		id,
		workflow,
		endpoints,
		/** Every resource of the node, from the spec. */
		resources: Object.keys(RESOURCES),
		/** Checks every node's items; returns the resources whose report came out as expected. */
		check(execution, outputOf, ok) {
			ok(
				execution.status === 'success' && !execution.data.resultData.error,
				`${id}: status success (${execution.status}${execution.data.resultData.error ? ': ' + execution.data.resultData.error.message : ''})`,
			);
			/** @type {string[]} */
			const passed = [];
			for (const endpoint of endpoints) {
				const name = nodeName(endpoint);
				const items = outputOf(execution, name);
				const expected = expectedCatalogueItems(endpoint, { zone: ZONE });
				const actual = (items ?? []).map((/** @type {any} */ item) => item.json);
				const sample = typedSample(endpoint);
				const shown = sample
					? `; ${sample.name} (${sample.kind}) ${JSON.stringify(sample.sent)} -> ${JSON.stringify(actual[0]?.[sample.name])}`
					: '';
				const equal = isDeepStrictEqual(actual, expected);
				const picked = (endpoint.params ?? [])
					.filter(
						(/** @type {any} */ param) =>
							param.required && /** @type {any} */ (PARAMETERS)[param.wire].picker,
					)
					.map(
						(/** @type {any} */ param) =>
							`, ${/** @type {any} */ (PARAMETERS)[param.wire].name} picked from the list`,
					)
					.join('');
				const what = `${name} (${endpoint.operation}${picked}): ${actual.length} items typed as the simulator's ${expected.length} rows${endpoint.api === NESTED ? ' split by ' + splittableField(endpoint.fields) : ''}${shown}`;
				if (!ok(equal && items !== undefined, what)) {
					const index = Array.from(
						{ length: Math.max(actual.length, expected.length) },
						(_, i) => i,
					).find((i) => !isDeepStrictEqual(actual[i], expected[i]));
					const why =
						items === undefined
							? 'the node did not run'
							: `first difference at item ${index}: got ${JSON.stringify(actual[index ?? 0])}\n[e2e]       expected ${JSON.stringify(expected[index ?? 0])}`;
					process.stderr.write(`[e2e]       ${why}\n`);
					continue;
				}
				if (
					sample &&
					!ok(
						typeof actual[0][sample.name] !== 'string',
						`${name}: ${sample.name} is typed, not the text Wolkvox sent`,
					)
				)
					continue;
				passed.push(endpoint.resource);
			}
			return passed;
		},
	};
}

module.exports = { catalogueRun };
