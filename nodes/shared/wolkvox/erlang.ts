/**
 * Erlang C staffing: how many agents an hour needs to answer a share of calls within a target
 * time. Computed with the Erlang B recurrence, so large traffic never overflows a factorial.
 */

export interface StaffingTarget {
	/** Share of calls to answer within `answerWithinSeconds`, 0-1 (0.8 for 80 %). */
	serviceLevel: number;
	answerWithinSeconds: number;
	/** Highest share of time agents may be busy, 0-1 (0.85 for 85 %). */
	maxOccupancy: number;
	/** Share of paid time agents are not available (breaks, training), 0-1. */
	shrinkage: number;
}

export interface StaffingResult {
	/** Agents answering calls that the target needs. */
	agentsRequired: number;
	/** Agents to schedule once shrinkage is added. */
	agentsWithShrinkage: number;
	/** Service level those agents achieve, 0-1. */
	serviceLevel: number;
	/** Share of time they are busy, 0-1. */
	occupancy: number;
}

/** Beyond this the hour is not a contact centre's (a corrupt AHT, say) and is not computed. */
export const MAX_TRAFFIC_ERLANGS = 100_000;

/** Probability that a call waits, for `agents` serving `traffic` Erlangs (agents > traffic). */
export function erlangC(agents: number, traffic: number): number {
	let erlangB = 1;
	for (let k = 1; k <= agents; k++) erlangB = (traffic * erlangB) / (k + traffic * erlangB);
	return (agents * erlangB) / (agents - traffic * (1 - erlangB));
}

/** Share of calls answered within `seconds`. */
export function serviceLevel(
	agents: number,
	traffic: number,
	ahtSeconds: number,
	seconds: number,
): number {
	if (traffic <= 0) return 1;
	if (agents <= traffic) return 0;
	return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * seconds) / ahtSeconds);
}

/**
 * Smallest number of agents meeting the service level (which must be below 1) and the occupancy
 * cap, or undefined when the traffic exceeds MAX_TRAFFIC_ERLANGS.
 */
export function requiredAgents(
	calls: number,
	ahtSeconds: number,
	intervalSeconds: number,
	target: StaffingTarget,
): StaffingResult | undefined {
	const traffic = (calls * ahtSeconds) / intervalSeconds;
	if (traffic > MAX_TRAFFIC_ERLANGS) return undefined;
	if (!(traffic > 0))
		return { agentsRequired: 0, agentsWithShrinkage: 0, serviceLevel: 1, occupancy: 0 };
	let agents = Math.max(1, Math.ceil(traffic / target.maxOccupancy));
	if (agents <= traffic) agents = Math.floor(traffic) + 1;
	let achieved = serviceLevel(agents, traffic, ahtSeconds, target.answerWithinSeconds);
	while (achieved < target.serviceLevel) {
		agents++;
		achieved = serviceLevel(agents, traffic, ahtSeconds, target.answerWithinSeconds);
	}
	return {
		agentsRequired: agents,
		agentsWithShrinkage: Math.ceil(agents / (1 - target.shrinkage) - 1e-9),
		serviceLevel: achieved,
		occupancy: traffic / agents,
	};
}
