import { requiredAgents, type StaffingTarget } from './erlang';
import { requiredAgentsErlangA } from './erlangA';

/**
 * The staffing target as the user sets it, field by field: the editor's limits and the checks
 * before a run both come from here, so they cannot drift apart. `patienceSeconds` is optional
 * (0 is the editor's "not set"): given, the row also gets Erlang A figures.
 */
export const STAFFING_TARGET_FIELDS = {
	serviceLevelPercent: { min: 1, max: 99.9 },
	answerWithinSeconds: { min: 0, max: 3600 },
	maxOccupancyPercent: { min: 1, max: 100 },
	shrinkagePercent: { min: 0, max: 95 },
	patienceSeconds: { min: 0, max: 3600 },
} as const;

/**
 * Shortest interval that gets staffing figures: a few minutes of calls say nothing steady about
 * the agents an interval needs (and a sliver cut by the range's edge turns a handful of calls into
 * absurd traffic).
 */
export const MIN_STAFFING_INTERVAL_SECONDS = 300;

/**
 * What the staffing check reads of a row of an interval report: offered calls, average handle
 * time (seconds) and the real seconds the row covers; anything but a number is unknown.
 */
export interface StaffedRow {
	inbound_calls?: unknown;
	aht?: unknown;
	interval_seconds?: unknown;
}

/** Erlang C figures shown beside Wolkvox's own `agents_needed`. */
export interface StaffingCheck {
	erlang_agents_required: number | null;
	erlang_agents_scheduled: number | null;
	erlang_service_level: number | null;
	erlang_occupancy: number | null;
	erlang_probability_wait: number | null;
	erlang_average_speed_of_answer_seconds: number | null;
	/** Required agents x interval_seconds / 3600, to 0.01 h. */
	erlang_agent_hours: number | null;
}

/** Erlang A figures, present when the target gives the callers' patience. */
export interface ErlangACheck {
	erlang_a_agents_required: number | null;
	erlang_a_service_level: number | null;
	erlang_a_abandon_rate: number | null;
	erlang_a_average_speed_of_answer_seconds: number | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const NOT_COMPUTED: StaffingCheck = {
	erlang_agents_required: null,
	erlang_agents_scheduled: null,
	erlang_service_level: null,
	erlang_occupancy: null,
	erlang_probability_wait: null,
	erlang_average_speed_of_answer_seconds: null,
	erlang_agent_hours: null,
};

const ERLANG_A_NOT_COMPUTED: ErlangACheck = {
	erlang_a_agents_required: null,
	erlang_a_service_level: null,
	erlang_a_abandon_rate: null,
	erlang_a_average_speed_of_answer_seconds: null,
};

/**
 * The staffing check of one row over the real time it covers (`interval_seconds`: a repeated
 * fall-back hour is two hours of calls, a cut hour a fraction of one); null where calls, handle
 * time or that time are unknown, or the time is under MIN_STAFFING_INTERVAL_SECONDS. Shares are
 * rounded to 4 decimals, seconds to 0.1, agent hours to 0.01.
 */
export function staffingCheck(
	row: StaffedRow,
	target: StaffingTarget,
): StaffingCheck | (StaffingCheck & ErlangACheck) {
	const { patienceSeconds } = target;
	const notComputed =
		patienceSeconds === undefined ? NOT_COMPUTED : { ...NOT_COMPUTED, ...ERLANG_A_NOT_COMPUTED };
	const { inbound_calls: calls, aht, interval_seconds: seconds } = row;
	if (typeof calls !== 'number' || typeof aht !== 'number' || typeof seconds !== 'number')
		return notComputed;
	if (!(seconds >= MIN_STAFFING_INTERVAL_SECONDS)) return notComputed;
	const result = requiredAgents(calls, aht, seconds, target);
	if (!result) return notComputed;
	const check: StaffingCheck = {
		erlang_agents_required: result.agentsRequired,
		erlang_agents_scheduled: result.agentsWithShrinkage,
		erlang_service_level: round(result.serviceLevel, 4),
		erlang_occupancy: round(result.occupancy, 4),
		erlang_probability_wait: round(result.probabilityWait, 4),
		erlang_average_speed_of_answer_seconds: round(result.averageSpeedOfAnswerSeconds, 1),
		erlang_agent_hours: round((result.agentsRequired * seconds) / 3600, 2),
	};
	if (patienceSeconds === undefined) return check;
	const erlangA = requiredAgentsErlangA(calls, aht, seconds, { ...target, patienceSeconds });
	if (!erlangA) return { ...check, ...ERLANG_A_NOT_COMPUTED };
	return {
		...check,
		erlang_a_agents_required: erlangA.agents,
		erlang_a_service_level: round(erlangA.serviceLevel, 4),
		erlang_a_abandon_rate: round(erlangA.abandonRate, 4),
		erlang_a_average_speed_of_answer_seconds: round(erlangA.averageSpeedOfAnswerSeconds, 1),
	};
}
