// @ts-check
// n8n's UX guidelines for what the editor shows, checked field by field over the built node,
// trigger and credential descriptions (so a new field cannot slip past them).
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const pkg = require('../../package.json');
const { Wolkvox } = require('../../dist/nodes/Wolkvox/Wolkvox.node');
const { WolkvoxTrigger } = require('../../dist/nodes/WolkvoxTrigger/WolkvoxTrigger.node');
const { WolkvoxApi } = require('../../dist/credentials/WolkvoxApi.credentials');
const { parseOptions } = require('../../dist/nodes/shared/options');

const node = new Wolkvox().description;
const trigger = new WolkvoxTrigger().description;
const credential = new WolkvoxApi();

/**
 * Every field the editor can show, with where it sits (for messages).
 * @param {any[]} properties @param {string} where @returns {{ field: any, where: string }[]}
 */
function fieldsOf(properties, where) {
	return properties.flatMap((field) => {
		const here = `${where} → ${field.displayName ?? field.name}`;
		const nested = [
			...(field.type === 'collection' ? fieldsOf(field.options, here) : []),
			...(field.type === 'fixedCollection'
				? field.options.flatMap((/** @type {any} */ group) =>
						fieldsOf(group.values, `${here} → ${group.displayName}`),
					)
				: []),
			...(field.type === 'resourceLocator'
				? field.modes.map((/** @type {any} */ mode) => ({
						field: mode,
						where: `${here} → ${mode.displayName}`,
					}))
				: []),
		];
		return [{ field, where: here }, ...nested];
	});
}

const fields = [
	...fieldsOf(node.properties, 'Wolkvox'),
	...fieldsOf(trigger.properties, 'Wolkvox Trigger'),
	...fieldsOf(credential.properties, 'Wolkvox API'),
];

test('placeholders of typed-in values start with "e.g."', () => {
	const typed = fields.filter(
		({ field }) =>
			field.placeholder !== undefined && ['string', 'number', 'id', 'url'].includes(field.type),
	);
	expect(typed.length).toBeGreaterThanOrEqual(4);
	for (const { field, where } of typed)
		expect(`${where}: ${field.placeholder}`).toMatch(/: e\.g\. /);
});

test('booleans say "Whether …"', () => {
	const booleans = fields.filter(({ field }) => field.type === 'boolean');
	expect(booleans.length).toBeGreaterThanOrEqual(2);
	for (const { field, where } of booleans)
		expect(`${where}: ${field.description}`).toMatch(/: Whether /);
});

test('descriptions are in sentence case, and only booleans say "Whether"', () => {
	const texts = [
		...fields
			.filter(({ field }) => field.description)
			.map(({ field, where }) => ({
				text: field.description,
				where,
				boolean: field.type === 'boolean',
			})),
		...fields.flatMap(({ field, where }) =>
			field.type === 'options'
				? (field.options ?? []) // a list the node fills (loadOptions) has none here
						.filter((/** @type {any} */ option) => option.description)
						.map((/** @type {any} */ option) => ({
							text: option.description,
							where: `${where} → ${option.name}`,
							boolean: false,
						}))
				: [],
		),
		{ text: node.description, where: 'Wolkvox', boolean: false },
		{ text: trigger.description, where: 'Wolkvox Trigger', boolean: false },
	];
	for (const { text, where, boolean } of texts) {
		expect(`${where}: ${text}`).toMatch(/: [A-Z"]/);
		// Title Case would capitalise most words; sentence case keeps them lower, apart from each
		// sentence's first word, quoted labels and names.
		const words = text
			.replace(/"[^"]*"/g, '')
			.split(/(?<=\.)\s+/)
			.flatMap((/** @type {string} */ sentence) => sentence.split(/\s+/).slice(1));
		const capitalised = words.filter(
			(/** @type {string} */ word) =>
				/^[A-Z][a-z]/.test(word) &&
				!/^(Wolkvox|Erlang|IANA|Manager|Configuration|WhatsApp|Mr|Wizard|Copilot|Studio|Law|Colombian|Monday)\b/.test(
					word,
				),
		);
		expect(`${where}: ${capitalised.join(' ')}`).toBe(`${where}: `);
		if (!boolean) expect(`${where}: ${text}`).not.toMatch(/: Whether /);
	}
});

test('help texts that refer to another field quote its label as the editor shows it', () => {
	const labels = new Set(fields.map(({ field }) => field.displayName).filter(Boolean));
	// n8n's own wording for a list filled by the node (its lint asks for it): a link, not a label.
	const helpTexts = fields
		.map(({ field }) => (field.description ?? '').replace(/<a href="[^"]*">/g, '<a>'))
		.join('\n');
	for (const [, quoted] of helpTexts.matchAll(/"([^"]+)"/g)) {
		if (quoted === 'all') continue; // a value, not a field
		expect(`"${quoted}" is a label: ${labels.has(quoted)}`).toBe(`"${quoted}" is a label: true`);
	}
	expect(helpTexts).toMatch(/"Split Long Range"/);
	expect(helpTexts).toMatch(/"Time Zone"/);
});

test('operations and their actions read as actions', () => {
	const operations = node.properties
		.filter((/** @type {any} */ field) => field.name === 'operation')
		.flatMap((/** @type {any} */ field) => field.options);
	expect(operations.length).toBeGreaterThan(0);
	for (const operation of operations) {
		expect(operation.name).toMatch(/^(Get|Get Many|List|Search|Create|Update|Delete|Send) /);
		expect(operation.action).toMatch(/^(Get|List|Search|Create|Update|Delete|Send) [a-z]/);
		expect(operation.description).toMatch(/^(Get|List|Search|Create|Update|Delete|Send) /);
	}
	expect(node.subtitle).toContain(operations[0].name);
});

test('operation names are in Title Case: every word capitalised but the short joining ones', () => {
	const SMALL = /^(a|an|and|by|for|from|in|of|on|or|per|the|to|vs)$/;
	const names = node.properties
		.filter((/** @type {any} */ field) => field.name === 'operation')
		.flatMap((/** @type {any} */ field) => field.options.map((/** @type {any} */ o) => o.name));
	for (const name of names) {
		const miscased = name
			.split(/[\s-]+/)
			.map((/** @type {string} */ word) => word.replace(/^\(/, ''))
			.filter(
				(/** @type {string} */ word, /** @type {number} */ index) =>
					/^[a-z]/.test(word) && (index === 0 || !SMALL.test(word)),
			);
		expect(`${name}: ${miscased.join(' ')}`).toBe(`${name}: `);
	}
	// the uneven names of 0.2.0 are gone
	expect(names).not.toEqual(
		expect.arrayContaining([
			expect.stringMatching(
				/Agents States|Login - Logout|Detail Interactions|Detail of Negative|Sorted by|Grouped by Code/,
			),
		]),
	);
});

test("the node's description names what it covers", () => {
	for (const topic of [
		/call detail records/,
		/CDR/,
		/chats/,
		/IVR/,
		/real-time/,
		/agents/,
		/campaigns/,
		/quality/,
		/workforce/,
	])
		expect(node.description).toMatch(topic);
});

test("each node has its own description, and the nodes panel's Wolkvox entry describes the node, not only the trigger", () => {
	expect(node.description).not.toBe(trigger.description);
	// n8n's nodes panel (useActionsGeneration) merges a trigger into the node whose name it has
	// without "Trigger", and shows the merged entry with the trigger's description.
	expect(trigger.name.replace('Trigger', '')).toBe(node.name);
	const panelEntryDescription = trigger.description;
	expect(panelEntryDescription).toMatch(/reports/);
	expect(panelEntryDescription).toMatch(/start a workflow/);
});

describe('codex files (nodes/*/*.node.json)', () => {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
	const anchors = new Set(
		[...readme.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-'),
		),
	);
	const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

	for (const file of [
		'nodes/Wolkvox/Wolkvox.node.json',
		'nodes/WolkvoxTrigger/WolkvoxTrigger.node.json',
	]) {
		const codex = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

		test(`${file}: aliases name what the node covers, so the nodes panel finds it by them`, () => {
			expect(codex.alias).toEqual([
				'contact center',
				'call center',
				'WFM',
				'workforce',
				'Erlang',
				'service level',
				'agents',
				'queue',
				'call detail records',
				'CDR',
				'chats',
				'IVR',
				'real time',
				'campaigns',
				'quality',
			]);
		});

		test(`${file}: documentation URLs open an existing section of the repository README`, () => {
			const urls = [
				...codex.resources.primaryDocumentation,
				...codex.resources.credentialDocumentation,
			].map((entry) => entry.url);
			expect(urls.length).toBe(2);
			for (const url of urls) {
				const [base, anchor] = url.split('#');
				expect(base).toBe(repository);
				expect(`${url}: ${anchors.has(anchor)}`).toBe(`${url}: true`);
			}
		});
	}

	test('the credential documentation URL is one of them', () => {
		const [base, anchor] = credential.documentationUrl.split('#');
		expect(base).toBe(repository);
		expect(anchors.has(anchor)).toBe(true);
	});
});

describe('a bad option value is named by its label, never by its internal path or the schema library', () => {
	const { z } = require('zod');
	const collections = {
		Wolkvox: node.properties.find((/** @type {any} */ field) => field.name === 'options'),
		'Wolkvox Trigger': trigger.properties.find(
			(/** @type {any} */ field) => field.name === 'options',
		),
	};
	/** @param {any} field @returns {[string, unknown, any]} a wrong value and a schema refusing it */
	const wrongValue = (field) =>
		field.type === 'boolean'
			? ['yes', z.boolean()]
			: field.type === 'number'
				? [1e9, z.number().max(100)]
				: [42, z.string()];

	const cases = Object.entries(collections).flatMap(([nodeName, collection]) =>
		fieldsOf(collection.options, nodeName)
			.filter(({ field }) => ['boolean', 'number', 'string'].includes(field.type))
			.map(({ field, where }) => {
				const group = collection.options.find(
					(/** @type {any} */ option) =>
						option.type === 'fixedCollection' &&
						option.options.some((/** @type {any} */ g) => g.values.includes(field)),
				);
				const path = group ? [group.name, group.options[0].name, field.name] : [field.name];
				return { where, collection, field, path };
			}),
	);

	test.each(cases.map((entry) => [entry.where, entry]))(
		'%s',
		(_where, { collection, field, path }) => {
			const [value, leaf] = wrongValue(field);
			/** @type {any} */
			let schema = leaf;
			/** @type {any} */
			let input = value;
			for (const segment of [...path].reverse()) {
				schema = z.object({ [segment]: schema });
				input = { [segment]: input };
			}
			let message = '';
			try {
				parseOptions(schema, input, collection);
			} catch (error) {
				message = `${/** @type {Error} */ (error).message} ${/** @type {any} */ (error).description}`;
			}
			expect(message).toContain(field.displayName);
			expect(message).toMatch(/it must be (true or false|at most 100|text)/);
			expect(message).not.toContain(path.join('.'));
			expect(message).not.toMatch(/Expected|Required|Number must|invalid_type|received/);
		},
	);
});
