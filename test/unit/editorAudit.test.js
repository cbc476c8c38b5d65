// @ts-check
'use strict';

/**
 * The editor held against the run, for every operation of the built node: a picker offers its
 * special entries ("All Skills") exactly where the run accepts them, a list field offers exactly
 * the values the run accepts, every typed-in field shows an "e.g." placeholder and a hint, no text
 * names an api id or a file, and the canvas subtitle (evaluated by n8n-workflow) names the operation.
 */

const { Workflow } = require('n8n-workflow');
const { Wolkvox } = require('../../dist/nodes/Wolkvox/Wolkvox.node');
const { readReportQuery } = require('../../dist/nodes/shared/reportParameters');
const {
	ENDPOINTS,
	parameterSpec,
	pickerSpecialEntries,
	specialEntries,
} = require('../../dist/nodes/shared/wolkvox/spec');

const nodeType = new Wolkvox();
const node = nodeType.description;
const LATEST = Math.max(...[node.version].flat());

/** Whether n8n would show `property` for `endpoint` on a node of `version` (resource and operation only). */
function shownFor(/** @type {any} */ property, /** @type {any} */ endpoint, version = LATEST) {
	const show = property.displayOptions?.show ?? {};
	const hide = property.displayOptions?.hide ?? {};
	if (hide['@version']?.includes(version)) return false;
	return (
		(!show.resource || show.resource.includes(endpoint.resource)) &&
		(!show.operation || show.operation.includes(endpoint.operation))
	);
}

/** The property the editor shows for `param` of `endpoint` (exactly one). */
function propertyOf(/** @type {any} */ endpoint, /** @type {any} */ param) {
	const name = parameterSpec(param.wire).name;
	const shown = node.properties.filter(
		(/** @type {any} */ property) => property.name === name && shownFor(property, endpoint),
	);
	expect(shown).toHaveLength(1);
	return shown[0];
}

/** A value of `param` the run accepts, for the parameters not under test. */
function validValue(/** @type {any} */ endpoint, /** @type {any} */ param) {
	if (param.choices) return param.choices[0].value;
	return specialEntries(endpoint, param.wire)[0]?.value ?? parameterSpec(param.wire).example;
}

/**
 * What the run sends for `param` set to `value` (the others valid): the query value, `undefined`
 * when nothing is sent, or `null` when the run refuses it before any request.
 */
function runSends(
	/** @type {any} */ endpoint,
	/** @type {any} */ param,
	/** @type {unknown} */ value,
) {
	const values = Object.fromEntries(
		(endpoint.params ?? []).map((/** @type {any} */ other) => [
			parameterSpec(other.wire).name,
			other === param ? value : validValue(endpoint, other),
		]),
	);
	try {
		return readReportQuery((/** @type {string} */ name) => values[name], endpoint)[param.wire];
	} catch (error) {
		if (/** @type {any} */ (error).field === parameterSpec(param.wire).name) return null;
		throw error;
	}
}

/** Values a user may type into a By ID field, or an expression may give. */
const PROBES = ['all', 'ALL', ' All ', 'todos', 'any', '*', 'none', 'null', '0', '12', '12a', '-1'];

const withParams = ENDPOINTS.flatMap((/** @type {any} */ endpoint) =>
	(endpoint.params ?? []).map((/** @type {any} */ param) => ({ endpoint, param })),
);
const named = (/** @type {{ endpoint: any, param: any }[]} */ cases) =>
	cases.map((entry) => [
		`${entry.endpoint.api} (${entry.endpoint.file}) ${entry.param.wire}`,
		entry,
	]);

const pickers = withParams.filter(({ param }) => parameterSpec(param.wire).picker);
const lists = withParams.filter(({ param }) => param.choices);

describe('pickers: the special entries are what the run accepts besides an id, no more, no less', () => {
	test('every picker of every operation is checked', () => {
		expect(pickers.length).toBeGreaterThanOrEqual(38);
		// the cases that were wrong in 0.2.0
		const specialsOf = (
			/** @type {string} */ file,
			/** @type {string} */ api,
			/** @type {string} */ wire,
		) =>
			specialEntries(
				ENDPOINTS.find((/** @type {any} */ e) => e.file === file && e.api === api),
				wire,
			);
		expect(specialsOf('information.php', 'agents_in_skill', 'skill_id')).toEqual([]);
		expect(specialsOf('information.php', 'skills', 'skill')).toEqual([]);
		expect(specialsOf('reports_manager.php', 'campaign_9', 'campaign_id')).toEqual([
			{ name: 'All Campaigns', value: 'all' },
		]);
		expect(specialsOf('reports_manager.php', 'campaign_10', 'campaign_id')).toEqual([
			{ name: 'All Campaigns', value: 'all' },
		]);
	});

	test.each(named(pickers))('%s', (_name, { endpoint, param }) => {
		const spec = parameterSpec(param.wire);
		const specials = specialEntries(endpoint, param.wire);
		expect(pickerSpecialEntries(endpoint, spec.picker)).toEqual(specials);
		// each special entry is accepted, and sent as it is
		for (const special of specials)
			expect(runSends(endpoint, param, special.value)).toBe(special.value);
		// whatever the run accepts that is not an id of the picker's list is a special entry
		const specialValues = specials.map((special) => special.value);
		for (const probe of PROBES) {
			const sent = runSends(endpoint, param, probe);
			if (sent !== null && !spec.pattern.test(probe.trim()))
				expect(`${probe} -> ${sent}: ${specialValues.includes(sent)}`).toBe(
					`${probe} -> ${sent}: true`,
				);
		}
		// the editor: the default is the first special entry, and "By ID" takes what the run takes
		const property = propertyOf(endpoint, param);
		expect(property.type).toBe('resourceLocator');
		expect(property.default).toEqual(
			specials[0]
				? { mode: 'list', value: specials[0].value, cachedResultName: specials[0].name }
				: { mode: 'list', value: '' },
		);
		const byId = property.modes.find((/** @type {any} */ mode) => mode.name === 'id');
		const regex = byId.validation?.[0]?.properties.regex;
		if (regex)
			for (const probe of [...PROBES, spec.example])
				expect(`${probe}: ${new RegExp(regex).test(probe)}`).toBe(
					`${probe}: ${runSends(endpoint, param, probe) !== null}`,
				);
		for (const special of specials) {
			expect(byId.placeholder).toContain(special.value);
			expect(byId.hint).toContain(special.name);
		}
	});
});

describe('list fields offer exactly the values the run accepts', () => {
	test('Type of Do-Not-Call Numbers and Scheduled Recalls, and the attachment fields, are lists', () => {
		expect(lists.map(({ endpoint, param }) => `${endpoint.api} ${param.wire}`).sort()).toEqual([
			'chat_4 attach_array',
			'chat_4 include_attachments',
			'get_dnc type',
			'recall type',
		]);
	});

	test.each(named(lists))('%s', (_name, { endpoint, param }) => {
		const property = propertyOf(endpoint, param);
		expect(property.type).toBe('options');
		expect(property.default).toBe(param.choices[0].value);
		expect(property.options.map((/** @type {any} */ option) => option.value).sort()).toEqual(
			param.choices.map((/** @type {any} */ choice) => choice.value).sort(),
		);
		for (const { value } of param.choices)
			expect(runSends(endpoint, param, value)).toBe(value === '' ? undefined : value);
		for (const probe of ['12', 'everything', 'inbound,outbound'])
			expect(runSends(endpoint, param, probe)).toBeNull();
	});
});

test('Service Level Threshold is a number field; its default 0 leaves the skill its own threshold', () => {
	const cases = withParams.filter(({ param }) => param.wire === 'services_time');
	expect(cases.length).toBe(2);
	for (const { endpoint, param } of cases) {
		const property = propertyOf(endpoint, param);
		expect(property).toMatchObject({ type: 'number', default: 0 });
		expect(runSends(endpoint, param, 0)).toBeUndefined();
		expect(runSends(endpoint, param, 20)).toBe('20');
		expect(runSends(endpoint, param, -1)).toBeNull();
	}
});

/** Every field the editor can show, resource locator modes and collection options included. */
function fieldsOf(/** @type {any[]} */ properties) {
	return properties.flatMap((/** @type {any} */ property) => [
		property,
		...(property.modes ?? []),
		...(property.type === 'collection' ? fieldsOf(property.options) : []),
		...(property.type === 'fixedCollection'
			? property.options.flatMap((/** @type {any} */ group) => fieldsOf(group.values))
			: []),
	]);
}
const fields = fieldsOf(node.properties);

test('every typed-in field and "By ID" mode has an "e.g." placeholder and a hint with the accepted form', () => {
	const catalogueFields = new Set(withParams.map(({ param }) => parameterSpec(param.wire).name));
	const typedIn = node.properties
		.filter((/** @type {any} */ property) => catalogueFields.has(property.name))
		.flatMap((/** @type {any} */ property) =>
			property.type === 'resourceLocator'
				? property.modes.filter((/** @type {any} */ mode) => mode.type === 'string')
				: ['string', 'number'].includes(property.type)
					? [property]
					: [],
		);
	expect(typedIn.length).toBeGreaterThanOrEqual(18);
	for (const field of typedIn) {
		expect(`${field.displayName}: ${field.placeholder}`).toMatch(/: e\.g\. \S/);
		expect(`${field.displayName}: ${field.hint}`).toMatch(/: \S{2}/);
	}
	// and every text field of the node has one
	for (const field of fields.filter((/** @type {any} */ f) => f.type === 'string'))
		expect(`${field.displayName}: ${field.placeholder}`).toMatch(/: e\.g\. \S/);
});

test('no text of the editor names an api id or a file (api=…, ….php)', () => {
	const texts = [
		node.description,
		...fields.flatMap((/** @type {any} */ field) => [
			field.displayName,
			field.description,
			field.hint,
			field.placeholder,
			...(field.type === 'options'
				? field.options.flatMap((/** @type {any} */ option) => [option.name, option.description])
				: []),
		]),
	].filter((text) => typeof text === 'string');
	expect(texts.length).toBeGreaterThan(300);
	for (const text of texts) expect(text).not.toMatch(/api=|\.php|one token per request/);
});

describe('the canvas subtitle, as n8n-workflow evaluates it, names the operation', () => {
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const subtitleOf = (/** @type {Record<string, unknown>} */ parameters) => {
		const canvasNode = {
			id: '1',
			name: 'Wolkvox',
			type: 'n8n-nodes-wolkvox.wolkvox',
			typeVersion: LATEST,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({
			nodes: [canvasNode],
			connections: {},
			active: false,
			nodeTypes,
		});
		return workflow.expression.getSimpleParameterValue(canvasNode, node.subtitle, 'internal', {});
	};
	const operationNames = new Map(
		node.properties
			.filter((/** @type {any} */ property) => property.name === 'operation')
			.flatMap((/** @type {any} */ property) =>
				property.options.map((/** @type {any} */ option) => [option.value, option.name]),
			),
	);

	test.each(ENDPOINTS.map((/** @type {any} */ e) => [`${e.resource} / ${e.operation}`, e]))(
		'%s',
		(_name, endpoint) => {
			expect(subtitleOf({ resource: endpoint.resource, operation: endpoint.operation })).toBe(
				operationNames.get(endpoint.operation),
			);
		},
	);

	test('an operation this version does not know shows as its value', () => {
		expect(subtitleOf({ resource: 'report', operation: 'getSomethingNew' })).toBe(
			'getSomethingNew',
		);
	});
});
