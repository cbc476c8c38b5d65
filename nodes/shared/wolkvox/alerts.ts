import { fieldFamily, type FieldKinds } from './spec/spec';
import { describeValue, WolkvoxInputError } from './api/errors';
import { scalarReader, type TypedRow } from './typing/typing';

/**
 * Alerts on a real-time view (Skills Now, Agents Now): incidents keyed per row, opened when every
 * condition holds for `forPolls` polls in a row, ended when one no longer holds (past its clear
 * value, where it has one) or the row leaves the view. Each poll reads the previous state and
 * returns the next one with the items to emit; the caller keeps the state (static data).
 */

/** The real-time views an alert watches: the node's operation and the field each row is keyed by. */
export const ALERT_VIEWS = {
	skills: {
		title: 'Skills Now',
		operation: 'getSkillsNow',
		keyField: 'skill_id',
		keyPrefix: 'skill',
	},
	agents: {
		title: 'Agents Now',
		operation: 'getAgentsNow',
		keyField: 'agent_id',
		keyPrefix: 'agent',
	},
} as const;

export type AlertViewName = keyof typeof ALERT_VIEWS;
export type AlertView = (typeof ALERT_VIEWS)[AlertViewName];

/** The comparisons, in words for messages. */
export const ALERT_OPERATORS = {
	gt: 'greater than',
	gte: 'greater than or equal to',
	lt: 'less than',
	lte: 'less than or equal to',
	eq: 'equal to',
	neq: 'not equal to',
} as const;

export type AlertOperator = keyof typeof ALERT_OPERATORS;

/** Operators that order numbers, and so may have a clear value. */
const RISING = new Set<AlertOperator>(['gt', 'gte']);
const FALLING = new Set<AlertOperator>(['lt', 'lte']);

/** How a condition compares a field: as the number the node types it to, or as the text sent. */
export type ComparedAs = 'number' | 'text';

const NUMERIC_KINDS = new Set(['id', 'count', 'number', 'seconds', 'percentage']);

/** The fields of a view a condition may use, in the spec's order. */
export function comparableFields(
	fields: FieldKinds,
): Array<{ name: string; comparedAs: ComparedAs }> {
	return Object.entries(fields).flatMap(([name, kind]) => {
		if (kind === 'text') return [{ name, comparedAs: 'text' as ComparedAs }];
		if (typeof kind === 'string' && NUMERIC_KINDS.has(kind))
			return [{ name, comparedAs: 'number' as ComparedAs }];
		return [];
	});
}

export interface AlertCondition {
	field: string;
	operator: AlertOperator;
	/** A number for a numeric field, the text as sent for a text field. */
	value: number | string;
	/** While an incident is open, the condition holds against this instead of `value`. */
	clearValue?: number;
}

export interface AlertRule {
	conditions: AlertCondition[];
	/** Consecutive polls every condition must hold before an incident opens. */
	forPolls: number;
	/** Also emit an item when an incident ends. */
	emitResolved: boolean;
}

export const MAX_FOR_POLLS = 1000;

/** A condition as the editor stores it. */
export interface ConditionInput {
	field?: unknown;
	operator?: unknown;
	value?: unknown;
	clearValue?: unknown;
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** A threshold typed as the node types the field: "05:00" for seconds is 300, "80%" is 80. */
function thresholdOf(kind: unknown, value: unknown): number | undefined {
	const reader = scalarReader(kind === 'seconds' || kind === 'percentage' ? kind : 'number');
	const number = reader(typeof value === 'string' ? value.trim() : value);
	// A misfit is UNFIT and an empty value null: neither is a number.
	return typeof number === 'number' ? number : undefined;
}

/** One condition, checked against the view's fields; `where` names it in messages ("Condition 1"). */
function readCondition(
	input: ConditionInput,
	where: string,
	view: AlertView,
	fields: FieldKinds,
): AlertCondition {
	const fail = (message: string, hint: string) =>
		new WolkvoxInputError('conditions', `${where}: ${message}`, hint);
	const comparable = comparableFields(fields);
	const names = comparable.map((field) => field.name).join(', ');
	const field = comparable.find((candidate) => candidate.name === input.field);
	if (!field)
		throw fail(
			`${describeValue(input.field)} is not a field of ${view.title}`,
			`Pick one of its fields: ${names}.`,
		);
	const operator = input.operator as AlertOperator;
	if (!Object.prototype.hasOwnProperty.call(ALERT_OPERATORS, operator))
		throw fail(
			`the comparison ${describeValue(input.operator)} is not one of the editor's`,
			'Pick a comparison from the list.',
		);
	if (isEmpty(input.value))
		throw fail(`"Value" is empty`, `Enter what ${field.name} is compared with.`);
	const clear = isEmpty(input.clearValue) ? undefined : input.clearValue;

	if (field.comparedAs === 'text') {
		if (RISING.has(operator) || FALLING.has(operator) || typeof input.value !== 'string')
			throw fail(
				`${field.name} is text and cannot be ${ALERT_OPERATORS[operator]} ${describeValue(input.value)}, a number comparison`,
				'Compare text with "Equal" or "Not Equal", or pick a numeric field.',
			);
		if (clear !== undefined)
			throw fail(
				'"Value to Clear" applies to greater / less than comparisons only',
				`Remove "Value to Clear", or pick a numeric field of ${view.title}.`,
			);
		return { field: field.name, operator, value: input.value };
	}

	const kind = fields[field.name];
	const value = thresholdOf(kind, input.value);
	if (value === undefined)
		throw fail(
			`${field.name} is a number and ${describeValue(input.value)} is not`,
			kind === 'seconds'
				? 'Enter seconds (300) or a duration (05:00).'
				: 'Enter a number (for example 10).',
		);
	if (clear === undefined) return { field: field.name, operator, value };
	const clearValue = thresholdOf(kind, clear);
	if (clearValue === undefined)
		throw fail(
			`"Value to Clear" ${describeValue(clear)} is not a number`,
			`Enter the number ${field.name} must pass for the incident to end, or leave it empty.`,
		);
	if (!RISING.has(operator) && !FALLING.has(operator))
		throw fail(
			'"Value to Clear" applies to greater / less than comparisons only',
			'Remove "Value to Clear", or compare with greater / less than.',
		);
	if (RISING.has(operator) ? clearValue > value : clearValue < value)
		throw fail(
			`"Value to Clear" ${clearValue} is ${RISING.has(operator) ? 'above' : 'below'} "Value" ${value}: the incident would end as soon as it opens`,
			`For ${ALERT_OPERATORS[operator]} ${value}, use a clear value ${RISING.has(operator) ? 'at most' : 'at least'} ${value}: the incident then ends once ${field.name} is no longer ${ALERT_OPERATORS[operator]} it.`,
		);
	return { field: field.name, operator, value, clearValue };
}

/** The alert as the editor set it, checked before any request. */
export function readAlertRule(
	input: { conditions: ConditionInput[]; forPolls: unknown; emitResolved: unknown },
	view: AlertView,
	fields: FieldKinds,
): AlertRule {
	if (input.conditions.length === 0)
		throw new WolkvoxInputError(
			'conditions',
			'An alert needs at least one condition',
			`Add a condition under "Conditions", for example calls_in_queue_now greater than 10.`,
		);
	const conditions = input.conditions.map((condition, index) =>
		readCondition(condition, `Condition ${index + 1}`, view, fields),
	);
	const { forPolls } = input;
	if (
		typeof forPolls !== 'number' ||
		!Number.isInteger(forPolls) ||
		forPolls < 1 ||
		forPolls > MAX_FOR_POLLS
	)
		throw new WolkvoxInputError(
			'forPolls',
			`"For Polls" ${describeValue(forPolls)} is not valid: it must be a whole number from 1 to ${MAX_FOR_POLLS}`,
			'1 fires at the first poll that meets the conditions.',
		);
	return { conditions, forPolls, emitResolved: input.emitResolved === true };
}

/** A field's value in a row; for a family (`service_level_{n}seg`), its member the row holds. */
function valueOf(row: TypedRow, field: string): unknown {
	const family = fieldFamily(field);
	if (!family) return row[field];
	const member = Object.keys(row).find((name) => family.test(name));
	return member === undefined ? undefined : row[member];
}

/**
 * Whether a condition holds for a row; while its incident is open, against the clear value. A
 * value the view left empty (or sent unreadable) opens nothing and ends nothing.
 */
function holds(condition: AlertCondition, row: TypedRow, open: boolean): boolean {
	const actual = valueOf(row, condition.field);
	if (actual === null || actual === undefined) return open;
	const { operator } = condition;
	if (typeof condition.value === 'string') {
		const text = typeof actual === 'string' ? actual : String(actual);
		return operator === 'eq' ? text === condition.value : text !== condition.value;
	}
	if (typeof actual !== 'number') return open;
	const threshold = open ? (condition.clearValue ?? condition.value) : condition.value;
	switch (operator) {
		case 'gt':
			return actual > threshold;
		case 'gte':
			return actual >= threshold;
		case 'lt':
			return actual < threshold;
		case 'lte':
			return actual <= threshold;
		case 'eq':
			return actual === threshold;
		case 'neq':
			return actual !== threshold;
	}
}

/** An open incident: since when, and its row as last seen (a resolved item of a row that left the view shows it). */
export interface Incident {
	since: string;
	row: TypedRow;
}

/** Rows meeting the conditions that have not held for `forPolls` polls yet. */
export interface Streak {
	since: string;
	polls: number;
}

/** What an alert keeps between polls (in the workflow's static data). */
export interface AlertState {
	view: AlertViewName;
	/** Counts the polls that changed the state: the later copy of two is the one with the higher count. */
	revision: number;
	open: Record<string, Incident>;
	streaks: Record<string, Streak>;
}

export type AlertStateName = 'firing' | 'resolved';

export interface AlertPoll {
	/** Rows with `alert_state`, `alert_key` and `alert_since`, in the view's order, then rows that left it. */
	items: TypedRow[];
	state: AlertState;
	/** Whether `state` differs from the previous one (else the caller leaves the stored copy alone). */
	changed: boolean;
}

function alertItem(row: TypedRow, state: AlertStateName, key: string, since: string): TypedRow {
	return { ...row, alert_state: state, alert_key: key, alert_since: since };
}

/**
 * One poll of `view`'s typed rows at the instant `nowIso`: the incidents that open and (with
 * `emitResolved`) end, and the state after it. A state kept for another view starts afresh.
 */
export function pollAlerts(
	rule: AlertRule,
	viewName: AlertViewName,
	rows: readonly TypedRow[],
	previous: AlertState | undefined,
	nowIso: string,
): AlertPoll {
	const view = ALERT_VIEWS[viewName];
	const before = previous?.view === viewName ? previous : undefined;
	const open: Record<string, Incident> = {};
	const streaks: Record<string, Streak> = {};
	const items: TypedRow[] = [];
	const seen = new Set<string>();
	const end = (key: string, incident: Incident, row: TypedRow) => {
		if (rule.emitResolved) items.push(alertItem(row, 'resolved', key, incident.since));
	};
	for (const row of rows) {
		const id = row[view.keyField];
		if (typeof id !== 'number') continue; // a row without its id cannot be followed
		const key = `${view.keyPrefix}:${id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const incident = before?.open[key];
		if (incident) {
			if (rule.conditions.every((condition) => holds(condition, row, true)))
				open[key] = { since: incident.since, row };
			else end(key, incident, row);
			continue;
		}
		if (!rule.conditions.every((condition) => holds(condition, row, false))) continue;
		const streak = before?.streaks[key];
		const since = streak?.since ?? nowIso;
		const polls = (streak?.polls ?? 0) + 1;
		if (polls < rule.forPolls) {
			streaks[key] = { since, polls };
			continue;
		}
		open[key] = { since, row };
		items.push(alertItem(row, 'firing', key, since));
	}
	for (const [key, incident] of Object.entries(before?.open ?? {}))
		if (!seen.has(key)) end(key, incident, incident.row);

	const changed =
		before === undefined ||
		JSON.stringify([before.open, before.streaks]) !== JSON.stringify([open, streaks]);
	const revision = (previous?.revision ?? 0) + (changed ? 1 : 0);
	return { items, state: { view: viewName, revision, open, streaks }, changed };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The state as stored, or undefined when there is none (first activation) or it is not one. */
export function readAlertState(value: unknown): AlertState | undefined {
	if (!isRecord(value)) return undefined;
	const { view, revision, open, streaks } = value;
	if (typeof view !== 'string' || !Object.prototype.hasOwnProperty.call(ALERT_VIEWS, view))
		return undefined;
	if (typeof revision !== 'number' || !isRecord(open) || !isRecord(streaks)) return undefined;
	return {
		view: view as AlertViewName,
		revision,
		open: open as Record<string, Incident>,
		streaks: streaks as Record<string, Streak>,
	};
}
