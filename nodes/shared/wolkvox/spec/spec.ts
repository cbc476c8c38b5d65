import type { RangePreset } from '../time/dateParameters';
/**
 * The shape of the catalogue: every read-only Wolkvox endpoint described once, as data. The node's
 * operations and parameters, the validation, the typing of rows, the simulator's answers and the
 * README's table of operations are all derived from `ENDPOINTS` (endpoints.ts). No n8n imports.
 */

/**
 * What a response field holds, and so how a typed row shows it. Every kind keeps empty as `null`;
 * a value that does not fit its kind is `null` with the text kept under `_unparsed`.
 * - `id`: a Wolkvox numeric identifier (agent, skill, campaign, routing point) -> integer
 * - `count`: how many of something -> integer >= 0
 * - `number`: a measure >= 0 in the unit its name gives (cost, minutes, credits, ms, KB, GB, score)
 * - `seconds`: a duration -> seconds, from 185, "185.5", "00:03:05" (H:MM:SS) or "03:05" (MM:SS)
 * - `percentage`: percent as Wolkvox prints it: "12.5", "12.50%" and "12.50 %" are all 12.5
 *   (never 0.125); it may be negative (a change of service level)
 * - `dateTime`: a wall-clock time of the operation -> ISO 8601 with the zone's offset; a date alone
 *   stays a date ("2026-02-17"), a time is never invented
 * - `date`: a day -> "YYYY-MM-DD"
 * - `hour`: hour of day -> 0..23
 * - `timeOfDay`: start of a 30- or 10-minute interval -> "HH:MM"
 * - `boolean`: yes/no, si/no, true/false, 1/0 -> true/false
 * - `text`: kept as sent
 * - `object`: a structure kept as sent
 * - `{ rows }`: a list of inner rows, each typed by its own fields
 */
export type ScalarKind =
	| 'id'
	| 'count'
	| 'number'
	| 'seconds'
	| 'percentage'
	| 'dateTime'
	| 'date'
	| 'hour'
	| 'timeOfDay'
	| 'boolean'
	| 'text'
	| 'object';

export interface NestedRows {
	rows: FieldKinds;
}

export type FieldKind = ScalarKind | NestedRows;

/**
 * Response fields by wire name, in the order Wolkvox documents them. A name with `{n}` stands for a
 * family of columns numbered by Wolkvox (`q{n}`: q01 … q10; `service_level_{n}seg`: the service
 * level at the threshold asked for, e.g. service_level_45seg), each typed by the family's kind.
 */
export type FieldKinds = Readonly<Record<string, FieldKind>>;

const FAMILY_NUMBER = '{n}';

/** The names a family field stands for (`q{n}` -> /^q[0-9]+$/), or undefined for a plain name. */
export function fieldFamily(name: string): RegExp | undefined {
	const at = name.indexOf(FAMILY_NUMBER);
	if (at < 0) return undefined;
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(
		`^${escape(name.slice(0, at))}[0-9]+${escape(name.slice(at + FAMILY_NUMBER.length))}$`,
	);
}

export type ApiFile = 'reports_manager.php' | 'real_time.php' | 'information.php';

export interface EndpointParameter {
	/** Query-string name Wolkvox reads. */
	wire: WireParameter;
	required?: true;
	/** "all" is a valid value here (every skill, every campaign), as the report's page says. */
	all?: true;
	/**
	 * The only values Wolkvox documents here: the editor offers them as a list (the first is the
	 * default; an empty value sends nothing) and a run accepts nothing else.
	 */
	choices?: readonly ParameterChoice[];
}

export interface ParameterChoice {
	value: string;
	name: string;
	description: string;
}

/** A list the editor can cut (Return All / Limit) and, with `simplified`, reduce to those fields. */
export interface ListRows {
	/** The fields a person reads first, for "Simplify" (offered where rows have more than ten). */
	simplified?: readonly string[];
}

/** Rows per interval of the day, dated by `interval_start` and `interval_seconds` (intervals.ts). */
export interface IntervalRows {
	/** Length of one interval. */
	minutes: 60 | 30 | 10;
	/** The field holding the interval's start: an hour of day (`hour`) or "HH:MM" (`timeOfDay`). */
	timeField: string;
	/** The field holding the row's day, where rows carry one (else rows are keyed by time of day only). */
	dateField?: string;
	/** Also gives interval_start under this name (skill_5's `hour_start`, which saved workflows read). */
	startAlias?: string;
}

export interface EndpointSpec {
	api: string;
	file: ApiFile;
	/** n8n resource and operation values: saved workflows store them, so never rename one. */
	resource: ResourceName;
	operation: string;
	/** The operation's name in Title Case, without "Get" (the editor adds it). */
	title: string;
	/**
	 * What the operation gets, read after "Get " (so in lower case unless it starts with a name);
	 * no api ids or file names: the editor shows it under the operation.
	 */
	description: string;
	/** Days one request may span on the wall clock (1 = 24 hours); absent: no date range. */
	maxRangeDays?: number;
	/** The editor's "Range" when none is set (saved workflows rely on it); "yesterday" otherwise. */
	defaultRange?: RangePreset;
	params?: readonly EndpointParameter[];
	fields: FieldKinds;
	interval?: IntervalRows;
	/** Offers the staffing check (Erlang C, and A with patience): rows carry inbound_calls and aht. */
	staffing?: true;
	/** A list of things (agents, skills ...), not a report: offers Return All / Limit (and Simplify). */
	list?: ListRows;
}

/** The resources of the node, in the order the editor lists them. */
export const RESOURCES = {
	report: 'Workforce',
	agentReport: 'Agent Report',
	skillReport: 'Skill Report',
	callDetail: 'Call Detail',
	dispositionCode: 'Disposition Code',
	ivr: 'IVR',
	quality: 'Quality',
	campaign: 'Campaign',
	chat: 'Chat',
	speechAnalytics: 'Speech Analytics',
	mrWizard: 'Mr. Wizard',
	realTime: 'Real Time',
	information: 'Information',
} as const;

export type ResourceName = keyof typeof RESOURCES;

/** Which searchable list serves a parameter (each backed by an information.php list). */
export type Picker =
	| 'skill'
	| 'agent'
	| 'agentDocument'
	| 'campaign'
	| 'activityCode'
	| 'routingPoint';

export interface ParameterSpec {
	/** n8n parameter name. */
	name: string;
	label: string;
	description: string;
	picker?: Picker;
	/** How the picker names "all", offered where an endpoint accepts it (`EndpointParameter.all`). */
	allLabel?: string;
	/** A whole number, shown as a number field whose default 0 sends nothing. */
	wholeNumber?: true;
	/** The form a typed value must have (checked before any request). */
	pattern: RegExp;
	/** The accepted form in the user's words, shown as the field's hint. */
	patternHint: string;
	/** A value of the accepted form, shown as the field's "e.g." placeholder. */
	example: string;
}

/** A Wolkvox numeric id (skill, agent, campaign ...): the one rule, also behind the editor's check. */
export const ID_DIGITS = '[0-9]{1,12}';
export const NUMERIC_ID = new RegExp(`^${ID_DIGITS}$`);

const DIGITS = NUMERIC_ID;
const SHORT_TEXT = /^[^\p{Cc}]{1,200}$/u;

/** Every extra query parameter of the catalogue, stated once: label, picker and form. */
export const PARAMETERS = {
	skill_id: {
		name: 'skillId',
		label: 'Skill',
		description: 'The skill (queue)',
		picker: 'skill',
		allLabel: 'All Skills',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the skill.',
		example: '12',
	},
	agent_id: {
		name: 'agentId',
		label: 'Agent',
		description: 'The agent (user / extension number in Wolkvox)',
		picker: 'agent',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the agent (the extension number).',
		example: '1001',
	},
	agent: {
		name: 'agentFilter',
		label: 'Agent',
		description: 'Only this agent; empty lists every agent',
		picker: 'agent',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the agent (the extension number).',
		example: '1001',
	},
	agent_dni: {
		name: 'agentDocument',
		label: 'Agent (Identity Document)',
		description: 'Only this agent, by identity-document number; empty means every agent',
		picker: 'agentDocument',
		pattern: /^[0-9A-Za-z.-]{1,32}$/,
		patternHint: "Use the agent's identity-document number: letters, digits, dots and dashes.",
		example: '1020304050',
	},
	campaign_id: {
		name: 'campaignId',
		label: 'Campaign',
		description: 'The campaign',
		picker: 'campaign',
		allLabel: 'All Campaigns',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the campaign.',
		example: '301',
	},
	campaign: {
		name: 'campaignFilter',
		label: 'Campaign',
		description: 'Only this campaign; empty lists every campaign',
		picker: 'campaign',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the campaign.',
		example: '301',
	},
	cod_act: {
		// Wolkvox's "activity code" (cod_act) is the disposition code the agent picks after a call.
		name: 'activityCode',
		label: 'Disposition Code',
		description: 'The disposition code (activity code in Wolkvox Manager)',
		picker: 'activityCode',
		pattern: /^[^\p{Cc}]{1,64}$/u,
		patternHint: 'Use a disposition code as defined in Wolkvox Manager, up to 64 characters.',
		example: 'SALE',
	},
	skill: {
		name: 'skillFilter',
		label: 'Skill',
		description: 'Only this skill; empty lists every skill',
		picker: 'skill',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the skill.',
		example: '12',
	},
	routing: {
		name: 'routingPointId',
		label: 'Routing Point',
		description: 'Only this routing point; empty lists every routing point',
		picker: 'routingPoint',
		pattern: DIGITS,
		patternHint: 'Use the numeric ID of the routing point.',
		example: '5',
	},
	customer_id: {
		name: 'customerId',
		label: 'Customer ID',
		description: "The customer's identification number",
		pattern: SHORT_TEXT,
		patternHint: 'Use the customer ID as stored in Wolkvox, up to 200 characters.',
		example: '1020304050',
	},
	services_time: {
		name: 'serviceTimeSeconds',
		label: 'Service Level Threshold (Seconds)',
		description:
			'Seconds within which a call counts as answered in time, for the service_level_<seconds>seg field; 0 uses the threshold set in the skill',
		wholeNumber: true,
		pattern: /^[0-9]{1,5}$/,
		patternHint: 'Use a whole number of seconds, up to 99999.',
		example: '20',
	},
	attach_array: {
		name: 'attachArray',
		label: 'Attachments as List',
		description: 'How the attachments of each interaction are given: as a list, or as JSON text',
		pattern: SHORT_TEXT,
		patternHint: 'Choose Yes (a list) or No (JSON text).',
		example: 'yes',
	},
	include_attachments: {
		name: 'includeAttachments',
		label: 'Include Attachments',
		description: 'The attached files of each interaction: in the answer, or left out',
		pattern: SHORT_TEXT,
		patternHint: 'Choose Yes (include them) or No (leave them out).',
		example: 'true',
	},
	destination: {
		name: 'destinationCountry',
		label: 'Destination Country',
		description: 'Only WhatsApp messages sent to this country',
		pattern: SHORT_TEXT,
		patternHint: 'Use the country as Wolkvox names it, up to 200 characters.',
		example: 'Colombia',
	},
	type: {
		name: 'listType',
		label: 'Type',
		description: 'Only entries of this type',
		pattern: SHORT_TEXT,
		patternHint: 'Choose one of the types Wolkvox documents.',
		example: 'all',
	},
	nit: {
		name: 'companyTaxId',
		label: 'Company Tax ID (NIT)',
		description: 'The NIT of the company protecting the customer',
		pattern: /^[0-9A-Za-z.-]{1,32}$/,
		patternHint: 'Use the NIT: letters, digits, dots and dashes.',
		example: '900123456-7',
	},
	phone: {
		name: 'phoneNumber',
		label: 'Phone Number',
		description: 'The phone number to check',
		pattern: /^\+?[0-9]{3,20}$/,
		patternHint: 'Use digits only, optionally with a leading +.',
		example: '+573001234567',
	},
} as const satisfies Record<string, ParameterSpec>;

export type WireParameter = keyof typeof PARAMETERS;

/** The parameter description of a wire name (widened for callers that iterate). */
export function parameterSpec(wire: WireParameter): ParameterSpec {
	return PARAMETERS[wire];
}

export function isNestedRows(kind: FieldKind): kind is NestedRows {
	return typeof kind === 'object';
}

/** The one nested-rows field of an endpoint, if it has exactly one (its rows can be split into items). */
export function splittableField(fields: FieldKinds): string | undefined {
	const nested = Object.keys(fields).filter((name) => isNestedRows(fields[name]));
	return nested.length === 1 ? nested[0] : undefined;
}
