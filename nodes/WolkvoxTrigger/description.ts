import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { timezoneOption } from '../shared/descriptions';
import { reportOptionList } from '../shared/reportOptions';
import {
	ALERT_OPERATORS,
	ALERT_VIEWS,
	comparableFields,
	MAX_FOR_POLLS,
	type AlertViewName,
} from '../shared/wolkvox/alerts';
import { endpointOf, ENDPOINTS, type EndpointSpec } from '../shared/wolkvox/spec';
import { SETTLE_MINUTES } from '../shared/wolkvox/time/polling';
import { reportDescription } from '../Wolkvox/actions/description';

/**
 * The trigger's editor view: the event, then what each event watches. Reports, views and their
 * fields come from the catalogue spec, the skill picker from the node's.
 */

/** The reports a complete-interval trigger offers (contract names), the first the default. */
const INTERVAL_REPORT_APIS = ['skill_5', 'skill_4', 'skill_4_1', 'skill_4_2'] as const;

export const INTERVAL_REPORTS: readonly EndpointSpec[] = INTERVAL_REPORT_APIS.map(
	(api) =>
		ENDPOINTS.find(
			(endpoint) => endpoint.file === 'reports_manager.php' && endpoint.api === api,
		) as EndpointSpec,
);

export function alertViewEndpoint(view: AlertViewName): EndpointSpec {
	return endpointOf('realTime', ALERT_VIEWS[view].operation) as EndpointSpec;
}

const ALERT_VIEW_NAMES = Object.keys(ALERT_VIEWS) as AlertViewName[];

const forEvent = (event: string, more: Record<string, string[]> = {}) => ({
	show: { event: [event], ...more },
});

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A property of the node's report editor (the same picker, checks and hints), shown here for `show`. */
function nodeProperty(
	name: string,
	endpoint: EndpointSpec,
	show: INodeProperties['displayOptions'],
) {
	const property = reportDescription.find(
		(candidate) =>
			candidate.name === name &&
			candidate.displayOptions?.show?.operation?.includes(endpoint.operation),
	) as INodeProperties;
	return { ...property, displayOptions: show };
}

/** Its default is also what a poll uses when the option is not set. */
export const settleMinutesOption = {
	displayName: 'Settling Time (Minutes)',
	name: 'settleMinutes',
	type: 'number',
	default: 5,
	typeOptions: { minValue: SETTLE_MINUTES.min, maxValue: SETTLE_MINUTES.max },
	description:
		'How long after an interval ends to wait before fetching it, so Wolkvox has counted its last calls',
} satisfies INodeProperties;

/** Raw Output, Settling Time, Staffing Check and Time Zone: the node's options of these reports, but ranges. */
export const intervalOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: forEvent('completeInterval'),
	options: [
		...reportOptionList(INTERVAL_REPORTS[0]).filter((option) => option.name !== 'splitLongRange'),
		settleMinutesOption,
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

export const alertOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: forEvent('realTimeAlert'),
	options: [
		{
			...timezoneOption,
			description:
				"IANA time zone in which alert_since is written. Leave empty to use the workflow's time zone.",
		},
	],
};

const OPERATOR_LABELS: Record<keyof typeof ALERT_OPERATORS, string> = {
	gt: 'Greater Than',
	gte: 'Greater Than or Equal',
	lt: 'Less Than',
	lte: 'Less Than or Equal',
	eq: 'Equal',
	neq: 'Not Equal',
};

/** The fields of a view a condition may compare, as the spec lists them (numbers and text). */
export function fieldOptions(view: AlertViewName): INodePropertyOptions[] {
	return comparableFields(alertViewEndpoint(view).fields)
		.map(({ name, comparedAs }) => ({
			name,
			value: name,
			description: comparedAs === 'number' ? 'A number' : 'Text, compared as sent',
		}))
		.sort(byName);
}

const conditions: INodeProperties = {
	displayName: 'Conditions',
	name: 'conditions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Condition',
	default: {},
	description:
		'An incident of a row opens when all of these hold, and ends when one no longer does',
	displayOptions: forEvent('realTimeAlert'),
	options: [
		{
			displayName: 'Condition',
			name: 'condition',
			values: [
				{
					// One field whose choices follow the view: two fields shown per view would both
					// give a new condition their default, and n8n keeps the last one's.
					displayName: 'Field Name or ID',
					name: 'field',
					type: 'options',
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					typeOptions: { loadOptionsMethod: 'getAlertFields', loadOptionsDependsOn: ['/view'] },
				},
				{
					displayName: 'Operator',
					name: 'operator',
					type: 'options',
					default: 'gt',
					options: (Object.keys(OPERATOR_LABELS) as Array<keyof typeof OPERATOR_LABELS>)
						.map((value) => ({ name: OPERATOR_LABELS[value], value }))
						.sort(byName),
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 10',
					description:
						'A number for a numeric field (seconds also as 05:00, percentages as 80), or the text to compare a text field with',
				},
				{
					displayName: 'Value to Clear',
					name: 'clearValue',
					type: 'string',
					default: '',
					placeholder: 'e.g. 5',
					description:
						'Optional, for greater / less than: an open incident ends only once the field is no longer past this value (queue greater than 10, value to clear 5: it ends at 5 or less). Empty: it ends once the condition no longer holds.',
				},
			],
		},
	],
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'completeInterval',
		options: [
			{
				name: 'Complete Interval',
				value: 'completeInterval',
				description: 'Emit the rows of each interval of a report once, as the interval completes',
			},
			{
				name: 'Real-Time Alert',
				value: 'realTimeAlert',
				description:
					'Emit a row of a live view (skills or agents) once when it meets your conditions, and optionally once when it no longer does',
			},
		],
	},
	{
		displayName:
			'Wolkvox is asked once per poll that finds a newly completed interval, a few minutes after it ends, whatever the poll times: each interval is emitted once, and each call costs one token.',
		name: 'notice',
		type: 'notice',
		default: '',
		displayOptions: forEvent('completeInterval'),
	},
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		noDataExpression: true,
		default: 'skill_5',
		options: INTERVAL_REPORTS.map((endpoint) => ({
			name: endpoint.title,
			value: endpoint.api,
			description: `Emits ${endpoint.description}, each interval once as it completes: poll at least every ${endpoint.interval?.minutes === 60 ? 'hour' : `${endpoint.interval?.minutes} minutes`}`,
		})).sort(byName),
		displayOptions: forEvent('completeInterval'),
	},
	nodeProperty('skillId', INTERVAL_REPORTS[0], forEvent('completeInterval')),
	{
		displayName: 'View',
		name: 'view',
		type: 'options',
		noDataExpression: true,
		default: 'skills',
		options: ALERT_VIEW_NAMES.map((view) => ({
			name: ALERT_VIEWS[view].title,
			value: view,
			description: `Watches ${alertViewEndpoint(view).description}; incidents are kept per ${ALERT_VIEWS[view].keyField}`,
		})).sort(byName),
		displayOptions: forEvent('realTimeAlert'),
	},
	{
		displayName:
			'Each poll asks Wolkvox once and costs one token, whatever it finds: polling every minute costs 1,440 tokens a day, every 5 minutes 288, every 15 minutes 96. Each incident is emitted once when it opens; a row that leaves the view ends its incident.',
		name: 'alertNotice',
		type: 'notice',
		default: '',
		displayOptions: forEvent('realTimeAlert'),
	},
	nodeProperty(
		'skillId',
		alertViewEndpoint('skills'),
		forEvent('realTimeAlert', { view: ['skills'] }),
	),
	nodeProperty(
		'serviceTimeSeconds',
		alertViewEndpoint('skills'),
		forEvent('realTimeAlert', { view: ['skills'] }),
	),
	conditions,
	{
		displayName: 'For Polls',
		name: 'forPolls',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: MAX_FOR_POLLS },
		description:
			'How many polls in a row a row must meet the conditions before its incident opens (1: at the first)',
		displayOptions: forEvent('realTimeAlert'),
	},
	{
		displayName: 'Emit Resolved',
		name: 'emitResolved',
		type: 'boolean',
		default: false,
		description:
			'Whether to also emit the row once when its incident ends (alert_state resolved), not only when it opens (firing)',
		displayOptions: forEvent('realTimeAlert'),
	},
	intervalOptions,
	alertOptions,
];
