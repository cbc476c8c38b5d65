import type { INodeProperties } from 'n8n-workflow';
import { rangePresetOptions } from '../../shared/descriptions';
import { searchMethodOf } from '../../shared/listSearch/searchLists';
import { reportOptionList } from '../../shared/reportOptions';
import {
	ENDPOINTS,
	ID_DIGITS,
	NUMERIC_ID,
	RESOURCES,
	parameterSpec,
	specialEntries,
	splittableField,
	type EndpointParameter,
	type EndpointSpec,
	type ResourceName,
	type SpecialEntry,
} from '../../shared/wolkvox/spec';

/**
 * The editor's view of every report, generated from the spec: one operation list per resource,
 * the extra parameters (with pickers), the range of dated reports and the options each offers.
 */

const TOKEN_NOTE = 'Each listing costs one Wolkvox token; the list is kept 5 minutes.';

function showFor(endpoints: readonly EndpointSpec[]) {
	return {
		show: {
			resource: [...new Set(endpoints.map((endpoint) => endpoint.resource))],
			operation: endpoints.map((endpoint) => endpoint.operation),
		},
	};
}

/** Acronyms ("IVR", "(IVR,") and names keep their capitals in running text. */
function keepsCapitals(word: string): boolean {
	const bare = word.replace(/[(),]/g, '');
	return (
		(/^[A-Z0-9.]{2,}$/.test(bare) && /[A-Z]/.test(bare)) ||
		/^(WhatsApp|Mr\.|Wizard|Law)$/.test(bare)
	);
}

/** "Agent Time by State" -> "agent time by state"; "IVR Call Detail" -> "the IVR call detail". */
function inSentenceCase(title: string): string {
	const words = title.split(' ').map((word) => (keepsCapitals(word) ? word : word.toLowerCase()));
	return keepsCapitals(words[0]) ? `the ${words.join(' ')}` : words.join(' ');
}

/** What the editor lists for an operation: its name, its action (with the api id, for search) and what it gets. */
export function operationOption(endpoint: EndpointSpec) {
	return {
		name: `Get ${endpoint.title}`,
		value: endpoint.operation,
		action: `Get ${inSentenceCase(endpoint.title)} (${endpoint.api})`,
		description: `Get ${endpoint.description}`,
	};
}

function operationList(resource: ResourceName): INodeProperties {
	const endpoints = ENDPOINTS.filter((endpoint) => endpoint.resource === resource).sort((a, b) =>
		a.title.localeCompare(b.title),
	);
	const firstOperation = endpoints[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: endpoints.map(operationOption),
		default: firstOperation,
	};
}

/** The canvas subtitle: the operation's name, looked up from its value (operation values are unique). */
export const operationSubtitle = `={{ ${JSON.stringify(
	Object.fromEntries(
		ENDPOINTS.map((endpoint) => [endpoint.operation, operationOption(endpoint).name]),
	),
)}[$parameter["operation"]] || $parameter["operation"] }}`;

/** Matches `value` in any case, as a regular expression's text. */
function anyCase(value: string): string {
	return [...value]
		.map((char) =>
			/[a-z]/i.test(char)
				? `[${char.toUpperCase()}${char.toLowerCase()}]`
				: char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
}

function parameterProperty(
	param: EndpointParameter,
	specials: readonly SpecialEntry[],
	endpoints: readonly EndpointSpec[],
): INodeProperties {
	const spec = parameterSpec(param.wire);
	const common = {
		displayName: spec.label,
		name: spec.name,
		required: param.required === true,
		displayOptions: showFor(endpoints),
	};
	if (param.choices) {
		return {
			...common,
			type: 'options',
			default: param.choices[0].value,
			description: spec.description,
			options: [...param.choices].sort((a, b) => a.name.localeCompare(b.name)),
		};
	}
	const placeholder = `e.g. ${[spec.example, ...specials.map(({ value }) => value)].join(', or ')}`;
	if (spec.wholeNumber) {
		return {
			...common,
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			placeholder,
			hint: spec.patternHint,
			description: spec.description,
		};
	}
	if (!spec.picker) {
		return {
			...common,
			type: 'string',
			default: '',
			placeholder,
			hint: spec.patternHint,
			description: spec.description,
		};
	}
	const idForm = spec.pattern === NUMERIC_ID ? ID_DIGITS : undefined;
	const specialForms = specials.map(({ value }) => `${anyCase(value)}|`).join('');
	const specialNames = specials.map(({ value }) => `"${value}" or `).join('');
	return {
		...common,
		type: 'resourceLocator',
		// The first special entry, named as the list names it (the field shows "All Skills", not "all").
		default: specials[0]
			? { mode: 'list', value: specials[0].value, cachedResultName: specials[0].name }
			: { mode: 'list', value: '' },
		description: `${spec.description}. ${TOKEN_NOTE}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${spec.label.toLowerCase()}...`,
				typeOptions: { searchListMethod: searchMethodOf(spec.picker), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				hint: [
					spec.patternHint,
					...specials.map(({ name, value }) => `"${value}" means ${name}.`),
				].join(' '),
				...(idForm && {
					validation: [
						{
							type: 'regex' as const,
							properties: {
								regex: `^\\s*(${specialForms}${idForm})\\s*$`,
								errorMessage: `Enter ${specialNames}a numeric ${spec.label.toLowerCase()} ID`,
							},
						},
					],
				}),
			},
		],
	};
}

/** One property per parameter and what the editor shows of it, for every endpoint that takes it. */
function parameterProperties(): INodeProperties[] {
	const groups = new Map<
		string,
		{ param: EndpointParameter; specials: SpecialEntry[]; endpoints: EndpointSpec[] }
	>();
	for (const endpoint of ENDPOINTS) {
		for (const param of endpoint.params ?? []) {
			const specials = specialEntries(endpoint, param.wire);
			const key = JSON.stringify([param.wire, param.required === true, specials, param.choices]);
			const group = groups.get(key) ?? { param, specials, endpoints: [] };
			group.endpoints.push(endpoint);
			groups.set(key, group);
		}
	}
	return [...groups.values()].map(({ param, specials, endpoints }) =>
		parameterProperty(param, specials, endpoints),
	);
}

/** Endpoints grouped by a text of what their editor view depends on, in the spec's order. */
function groupedBy(endpoints: readonly EndpointSpec[], key: (endpoint: EndpointSpec) => string) {
	const groups = new Map<string, EndpointSpec[]>();
	for (const endpoint of endpoints) {
		const group = groups.get(key(endpoint)) ?? [];
		group.push(endpoint);
		groups.set(key(endpoint), group);
	}
	return [...groups.values()];
}

/** Range, Start Date and End Date of the dated reports, per default range and limit. */
function rangeProperties(): INodeProperties[] {
	const dated = ENDPOINTS.filter((endpoint) => endpoint.maxRangeDays);
	return groupedBy(dated, (e) => `${e.defaultRange} ${e.maxRangeDays}`).flatMap((endpoints) => {
		const { defaultRange = 'yesterday', maxRangeDays = 1 } = endpoints[0];
		const perRequest = maxRangeDays === 1 ? '24 hours' : `${maxRangeDays} days`;
		const show = showFor(endpoints);
		const custom = { show: { ...show.show, range: ['custom'] } };
		return [
			{
				displayName: 'Range',
				name: 'range',
				type: 'options',
				default: defaultRange,
				description:
					'Which period to fetch, in the time zone set by the "Time Zone" option (by default the workflow\'s)',
				options: rangePresetOptions,
				displayOptions: show,
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				required: true,
				description:
					'Start of the range (included), in the time zone set by the "Time Zone" option',
				displayOptions: custom,
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				required: true,
				description: `End of the range (not included). Wolkvox allows at most ${perRequest} per request for this report; for longer ranges turn on "Split Long Range".`,
				displayOptions: custom,
			},
		] satisfies INodeProperties[];
	});
}

/** "Options" of each report: every report with the same options shares one collection. */
const OPTIONS_GROUPS = groupedBy(ENDPOINTS, (endpoint) =>
	JSON.stringify(reportOptionList(endpoint)),
).map((endpoints) => ({
	endpoints,
	collection: {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(endpoints),
		options: reportOptionList(endpoints[0]),
	} satisfies INodeProperties,
}));

/** The "Options" collection the editor shows for `endpoint`. */
export function optionsCollectionOf(endpoint: EndpointSpec): INodeProperties {
	const group = OPTIONS_GROUPS.find(({ endpoints }) => endpoints.includes(endpoint));
	if (!group) throw new Error(`No options for ${endpoint.api}`);
	return group.collection;
}

/** Nodes saved at version 1 had no Return All, Limit or Simplify: they keep every row, whole. */
const WITHOUT_LIST_CUT = { '@version': [1] };

/** Return All / Limit of the lists, and Simplify where their rows have more than ten fields. */
function listProperties(): INodeProperties[] {
	const lists = ENDPOINTS.filter((endpoint) => endpoint.list);
	const simplifiable = lists.filter((endpoint) => endpoint.list?.simplified);
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { ...showFor(lists), hide: WITHOUT_LIST_CUT },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: {
				show: { ...showFor(lists).show, returnAll: [false] },
				hide: WITHOUT_LIST_CUT,
			},
		},
		{
			displayName: 'Simplify',
			name: 'simple',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			displayOptions: { ...showFor(simplifiable), hide: WITHOUT_LIST_CUT },
		},
	];
}

export const reportDescription: INodeProperties[] = [
	...(Object.keys(RESOURCES) as ResourceName[]).map(operationList),
	...parameterProperties(),
	...listProperties(),
	...rangeProperties(),
	{
		displayName: 'Split Nested Rows',
		name: 'splitNestedRows',
		type: 'boolean',
		default: true,
		description:
			'Whether to output one item per inner row (for example each hour of an agent), carrying the outer fields; off keeps the inner rows as a list in one item',
		displayOptions: showFor(ENDPOINTS.filter((endpoint) => splittableField(endpoint.fields))),
	},
	...OPTIONS_GROUPS.map(({ collection }) => collection),
];
